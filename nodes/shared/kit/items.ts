import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { correlationIdOf } from './correlation';
import { asNodeError } from './errors';

/** The context one item's operation runs with. */
export interface ItemContext {
	itemIndex: number;
	item: INodeExecutionData;
	correlationId: string;
}

/** An error item: what went wrong, the vendor's code and fields, and the correlation id to trace it. */
export function errorItem(error: Error & { context?: IDataObject }, context: ItemContext): INodeExecutionData {
	const vendor = error.context ?? {};
	return {
		json: {
			error: error.message,
			code: (vendor.vendorErrorCode as string | undefined) ?? null,
			fields: (vendor.vendorErrorFields as string[] | undefined) ?? [],
			correlationId: context.correlationId,
		},
		pairedItem: { item: context.itemIndex },
	};
}

/** The error as an n8n error that names the item it failed on. */
export function tagWithItem(
	context: IExecuteFunctions,
	error: Error,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	return asNodeError(context.getNode(), error, itemIndex);
}

/**
 * Runs `operation` once per input item. Output items are paired with their input and carry its correlation
 * id. With "Continue On Fail" an item that fails becomes an error item naming the problem; otherwise the
 * error stops the node, tagged with the item index.
 */
export async function runPerItem(
	context: IExecuteFunctions,
	operation: (ctx: ItemContext) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const ctx: ItemContext = { itemIndex, item: items[itemIndex], correlationId: correlationIdOf(items[itemIndex]) };
		try {
			const result = await operation(ctx);
			for (const json of Array.isArray(result) ? result : [result]) {
				out.push({ json: { ...json, correlationId: ctx.correlationId }, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (context.continueOnFail()) {
				out.push(errorItem(error as Error, ctx));
				continue;
			}
			throw tagWithItem(context, error as Error, itemIndex);
		}
	}
	return out;
}
