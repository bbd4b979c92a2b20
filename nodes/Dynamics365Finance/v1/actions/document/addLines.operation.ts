/**
 * Add Lines: every input item is one line of the picked document (items may name different documents). The
 * lines of one document go in one `$batch`, each in its own changeset, so a refused line (a project or worker
 * F&O does not know, a closed period) fails alone: that item gets the error, the others are written. A line
 * already on the document (same line number, or same value in the Line Reference Field) comes out as skipped,
 * so a re-run writes nothing new.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { correlationIdOf } from '../../../../shared/kit';
import { outcomesToItems } from '../../../../shared/kit/outcomes';
import { financeRequest, recordPath, scopeQuery } from '../../../transport';
import type { OperationContext } from '../context';
import { companyOf, jsonObjectOf, lineReferenceFieldOf, pickedKey } from '../context';
import type { WriteScope } from '../record/write';
import { addLinesTo } from './lines';

type Outcome = { json: IDataObject } | { error: Error };

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const outcomes = new Map<number, Outcome>();
	const groups = new Map<string, { key: Record<string, string | number>; company?: string; items: Array<{ itemIndex: number; line: IDataObject }> }>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const key = pickedKey(this, itemIndex, op.entity);
			const line = jsonObjectOf(this, itemIndex, 'lineJson');
			const id = JSON.stringify(key);
			if (!groups.has(id)) groups.set(id, { key, company: companyOf(this, itemIndex, op.entity), items: [] });
			groups.get(id)!.items.push({ itemIndex, line });
		} catch (error) {
			outcomes.set(itemIndex, { error: error as Error });
		}
	}
	for (const group of groups.values()) {
		const first = group.items[0].itemIndex;
		const scope: WriteScope = { context: this, connection: op.connection, entity: op.entity, company: group.company, itemIndex: first, correlationId: correlationIdOf(items[first]) };
		try {
			const header = (await financeRequest<IDataObject>(this, op.connection, { method: 'GET', path: recordPath(op.entity.set, group.key), qs: scopeQuery(op.entity), correlationId: scope.correlationId, itemIndex: first })).body;
			const results = await addLinesTo(scope, header, group.items.map((i) => i.line), lineReferenceFieldOf(this, first));
			results.forEach((result, i) => {
				const { itemIndex } = group.items[i];
				if (result.error) {
					const error = new Error(`line ${String(result.line[op.entity.lines!.lineNumberField])}: ${result.error}`) as Error & { context: IDataObject };
					error.context = { vendorErrorCode: 'LINE_REFUSED', vendorErrorFields: ['lineJson'] };
					outcomes.set(itemIndex, { error });
				} else outcomes.set(itemIndex, { json: result.skipped ? { ...result.record, skipped: true, reason: result.skipped } : { ...result.record, skipped: false } });
			});
		} catch (error) {
			for (const { itemIndex } of group.items) outcomes.set(itemIndex, { error: error as Error });
		}
	}
	return outcomesToItems(this, items, (itemIndex) => outcomes.get(itemIndex)!);
}
