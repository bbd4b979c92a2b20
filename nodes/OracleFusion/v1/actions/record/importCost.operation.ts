/**
 * Import an unprocessed project cost once. A cost's source reference (transaction source, document and
 * original transaction reference) identifies it in Oracle, and stays on it after costing processes it into a
 * project cost. Before creating, both collections are asked for that reference; a cost already there (a re-run,
 * a replay, a response lost after Oracle committed) is returned with `alreadyImported: true` and nothing is written.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { InvalidInputError, runPerItem } from '../../../../shared/kit';
import { apiRequest, itemsOf } from '../../../transport';
import { qExpression } from '../../../transport/query';
import type { OperationContext } from './context';
import { jsonBodyOf } from './context';

export const SOURCE_REFERENCE_FIELDS = ['TransactionSource', 'Document', 'OriginalTransactionReference'] as const;

export function sourceReferenceQuery(body: IDataObject): string {
	for (const field of SOURCE_REFERENCE_FIELDS) {
		if (typeof body[field] !== 'string' || !(body[field] as string).trim()) {
			throw new InvalidInputError(`jsonBody.${field}`, `jsonBody.${field}: is required to detect a re-import (the cost's source reference is ${SOURCE_REFERENCE_FIELDS.join(', ')}) (field: jsonBody.${field})`);
		}
	}
	return qExpression(SOURCE_REFERENCE_FIELDS.map((field) => ({ attribute: field, operator: '=' as const, value: body[field] })))!;
}

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const body = jsonBodyOf(this, itemIndex);
		const q = sourceReferenceQuery(body);
		for (const [collection, state] of [['/unprocessedProjectCosts', 'unprocessed'], ['/projectCosts', 'processed']] as const) {
			const found = await apiRequest<IDataObject>(this, op.connection, { method: 'GET', path: collection, qs: { q, limit: 1, onlyData: 'true' }, correlationId, itemIndex });
			const existing = itemsOf(found.body)[0];
			if (existing) return { ...existing, alreadyImported: true, importState: state };
		}
		const created = await apiRequest<IDataObject>(this, op.connection, { method: 'POST', path: '/unprocessedProjectCosts', body, correlationId, itemIndex });
		return { ...(created.body ?? {}), alreadyImported: false, importState: 'unprocessed' };
	});
}
