import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { correlationIdOf } from './correlation';
import { asNodeError } from './errors';

/** The context one item's operation runs with. */
export interface ItemContext {
	itemIndex: number;
	item: INodeExecutionData;
	correlationId: string;
}

/**
 * Whether failed items should leave on n8n's error output ("On Error: Continue (using error output)"). n8n
 * routes an item there only when its json is a bare `{error}` (it then adds the input item's fields), so in
 * that mode the kit's error items are bare; with "Continue (regular output)" they name the vendor's code and
 * fields and keep the correlation id beside the error.
 */
export function usesErrorOutput(node: INode | undefined): boolean {
	return node?.onError === 'continueErrorOutput';
}

/** An error item: what went wrong, the vendor's code and fields, and the correlation id to trace it. */
export function errorItem(error: Error & { context?: IDataObject }, context: ItemContext, node?: INode): INodeExecutionData {
	const vendor = error.context ?? {};
	if (usesErrorOutput(node)) return { json: { error: error.message }, pairedItem: { item: context.itemIndex } };
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
				out.push(errorItem(error as Error, ctx, context.getNode()));
				continue;
			}
			throw tagWithItem(context, error as Error, itemIndex);
		}
	}
	return out;
}
