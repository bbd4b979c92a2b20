import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { correlationIdOf } from '../../../shared/kit';
import { DataTableStore, N8N_API_CREDENTIAL } from '../../store/dataTables';
import type { RowStore } from '../../store/dataTables';
import { LedgerStore } from '../../store/ledgerStore';
import { TargetHealthStore } from '../../store/targetHealthStore';

/** The teams an exception can belong to (lib/governance's business domains), as options. */
export const BUSINESS_OWNER_OPTIONS = [
	{ name: 'Finance', value: 'finance' },
	{ name: 'HR Operations', value: 'hrOperations' },
	{ name: 'PMO', value: 'pmo' },
];

export const tablePrefixProperty: INodeProperties = {
	displayName: 'Table Name Prefix',
	name: 'tablePrefix',
	type: 'string',
	default: 'p2c_',
	description: 'Prefix of the Data Tables the ledger uses (created on first use): &lt;prefix&gt;ledger, &lt;prefix&gt;exceptions, &lt;prefix&gt;audit',
};

export const idempotencyKeyProperty: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '={{ $json.idempotencyKey }}',
	required: true,
	description: 'Business key of the posting, the same on every retry, e.g. "netsuite:timebill:" + the PSA time entry ID',
};

export interface ItemRun {
	itemIndex: number;
	item: INodeExecutionData;
	correlationId: string;
}

/** The ledger on n8n Data Tables, through the public API credential. */
export async function openLedger(context: IExecuteFunctions): Promise<LedgerStore> {
	return (await openStores(context)).ledger;
}

/** The ledger and the target health (breakers) beside it, on the same Data Tables client. */
export async function openStores(context: IExecuteFunctions): Promise<{ ledger: LedgerStore; targets: TargetHealthStore; rows: RowStore; prefix: string }> {
	const credentials = await context.getCredentials(N8N_API_CREDENTIAL);
	const baseUrl = String(credentials.baseUrl ?? '').trim();
	if (!baseUrl) throw new NodeOperationError(context.getNode(), 'The n8n API credential has no Base URL');
	const prefix = context.getNodeParameter('tablePrefix', 0, 'p2c_') as string;
	const audit = context.getNodeParameter('options.auditTrail', 0, true) as boolean;
	const rows = new DataTableStore(context, baseUrl);
	const ledger = new LedgerStore(
		rows,
		prefix,
		{ workflowId: String(context.getWorkflow().id ?? ''), executionId: String(context.getExecutionId() ?? ''), now: () => new Date() },
		audit,
	);
	return { ledger, targets: new TargetHealthStore(rows, prefix, ledger), rows, prefix };
}

/** An item on its way out: the input's fields, what happened and why, paired with its input. */
export function outItem(run: ItemRun, extra: IDataObject): INodeExecutionData {
	return { json: { ...run.item.json, ...extra, correlationId: run.correlationId }, pairedItem: { item: run.itemIndex } };
}

/**
 * Runs `handle` for each input item and sorts the results into `outputCount` outputs. An item that fails goes to
 * the last output (the one that never proceeds to a posting) with the error, when "Continue On Fail" is set.
 */
export async function routeItems(
	context: IExecuteFunctions,
	outputCount: number,
	handle: (run: ItemRun) => Promise<{ output: number; json: IDataObject; replace?: boolean }>,
): Promise<INodeExecutionData[][]> {
	const outputs: INodeExecutionData[][] = Array.from({ length: outputCount }, () => []);
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const run: ItemRun = { itemIndex, item: items[itemIndex], correlationId: correlationIdOf(items[itemIndex]) };
		try {
			const { output, json, replace } = await handle(run);
			outputs[output].push(replace ? { json: { ...json, correlationId: run.correlationId }, pairedItem: { item: itemIndex } } : outItem(run, json));
		} catch (error) {
			if (!context.continueOnFail()) {
				throw error instanceof NodeOperationError || error instanceof NodeApiError
					? error
					: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
			}
			outputs[outputCount - 1].push(outItem(run, { error: (error as Error).message, reason: `error: ${(error as Error).message}` }));
		}
	}
	return outputs;
}

/**
 * A required text parameter of an item, `read` by the caller's reader when it has one (see ItemParameters), or
 * through `getNodeParameter`; empty or missing fails naming the parameter.
 */
export function requiredString(context: IExecuteFunctions, name: string, itemIndex: number, what = name, read?: (itemIndex: number) => unknown): string {
	const value = read ? read(itemIndex) : (context.getNodeParameter(name, itemIndex, '') as unknown);
	const text = value === null || value === undefined ? '' : String(value).trim();
	if (!text) throw new NodeOperationError(context.getNode(), `${what} is empty (parameter "${name}")`, { itemIndex });
	return text;
}
