import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { correlationIdOf } from '../../../shared/kit';
import type { ItemRun } from './common';
import { outItem } from './common';

export interface Routed {
	output: number;
	json: IDataObject;
}

/**
 * routeItems for operations that write the whole batch together: `prepare` reads each item's parameters (an error
 * there is that item's error), `write` sends every prepared item at once and settles each in its place, `route`
 * turns a written item into its output. Every input item ends in exactly one output, in input order; a failed
 * item goes to the last output with its reason under Continue On Fail and stops the node otherwise.
 */
export async function routeItemsInBatch<P, R>(
	context: IExecuteFunctions,
	outputCount: number,
	prepare: (run: ItemRun) => P,
	write: (prepared: P[]) => Promise<Array<PromiseSettledResult<R>>>,
	route: (prepared: P, written: R) => Routed,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const settled = new Array<{ run: ItemRun } & ({ ok: true; routed: Routed } | { ok: false; error: unknown })>(items.length);
	const ready: Array<{ run: ItemRun; prepared: P }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const run: ItemRun = { itemIndex, item: items[itemIndex], correlationId: correlationIdOf(items[itemIndex]) };
		try {
			ready.push({ run, prepared: prepare(run) });
		} catch (error) {
			settled[itemIndex] = { run, ok: false, error };
		}
	}
	let written: Array<PromiseSettledResult<R>>;
	try {
		written = ready.length > 0 ? await write(ready.map(({ prepared }) => prepared)) : [];
	} catch (error) {
		// The batch as a whole could not be written: none of its items is known to be written.
		written = ready.map(() => ({ status: 'rejected', reason: error }));
	}
	ready.forEach(({ run, prepared }, index) => {
		const outcome = written[index];
		if (outcome.status === 'rejected') {
			settled[run.itemIndex] = { run, ok: false, error: outcome.reason };
			return;
		}
		try {
			settled[run.itemIndex] = { run, ok: true, routed: route(prepared, outcome.value) };
		} catch (error) {
			settled[run.itemIndex] = { run, ok: false, error };
		}
	});
	const outputs: INodeExecutionData[][] = Array.from({ length: outputCount }, () => []);
	for (const entry of settled) {
		if (entry.ok) {
			outputs[entry.routed.output].push(outItem(entry.run, entry.routed.json));
			continue;
		}
		const error = entry.error as Error;
		if (!context.continueOnFail()) {
			throw error instanceof NodeOperationError || error instanceof NodeApiError
				? error
				: new NodeOperationError(context.getNode(), error, { itemIndex: entry.run.itemIndex });
		}
		outputs[outputCount - 1].push(outItem(entry.run, { error: error.message, reason: `error: ${error.message}` }));
	}
	return outputs;
}
