/**
 * Import Journals: every input item's canonical journal entry, checked to balance to the minor unit, goes into
 * one GL interface file per ledger; `importBulkData` uploads it and launches Journal Import (one ESS request per
 * ledger, so a run whose items name two ledgers, e.g. by currency, imports each journal into its own).
 * With Wait for Completion the request is polled until it ends, and each journal's rejected lines from the
 * execution report come back on that journal's item. Items whose journal is refused before sending (unbalanced,
 * no name, a bad account) fail alone and are not sent.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { correlationIdOf, tagWithItem } from '../../../../shared/kit';
import { outcomesToItems } from '../../../../shared/kit/outcomes';
import { InvalidInputError } from '../../../../shared/kit/path';
import { apiRequest } from '../../../transport';
import { glInterfaceCsv, glInterfaceZip, groupIdOf, importBulkDataBody, prepareJournal } from '../../../transport/journalImport';
import type { PreparedJournal } from '../../../transport/journalImport';
import type { OperationContext } from '../record/context';
import { jsonBodyOf } from '../record/context';
import { journalOutcome, waitForRequest } from './status';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const prepared = new Map<number, PreparedJournal>();
	const failed = new Map<number, Error>();
	const names = new Map<string, number>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const journal = prepareJournal(jsonBodyOf(this, itemIndex, 'journal'));
			if (names.has(journal.journalName)) throw new InvalidInputError('journal.number', `journal.number: "${journal.journalName}" is also item ${names.get(journal.journalName)}'s journal; Oracle's report pairs errors by journal name, so names must differ in one import (field: journal.number)`);
			names.set(journal.journalName, itemIndex);
			prepared.set(itemIndex, journal);
		} catch (error) {
			failed.set(itemIndex, error as Error);
		}
	}
	// Without Continue On Fail a journal refused before sending stops the node before anything is sent.
	const firstRefused = [...failed.entries()][0];
	if (firstRefused && !this.continueOnFail()) throw tagWithItem(this, firstRefused[1], firstRefused[0]);
	const results = new Map<number, IDataObject>();
	// Journal Import runs for one ledger (and one source and category): journals bound for different ledgers, e.g.
	// chosen by currency with an expression, go in one file and one request per ledger, in item order.
	const groups = new Map<string, { settings: { ledgerId: string; dataAccessSetId: string; journalSource: string; journalCategory: string }; entries: Array<[number, PreparedJournal]> }>();
	for (const [itemIndex, journal] of prepared) {
		const settings = {
			ledgerId: String(this.getNodeParameter('ledgerId', itemIndex)).trim(),
			dataAccessSetId: String(this.getNodeParameter('dataAccessSetId', itemIndex)).trim(),
			journalSource: String(this.getNodeParameter('journalSource', itemIndex)).trim(),
			journalCategory: String(this.getNodeParameter('journalCategory', itemIndex)).trim(),
		};
		const key = JSON.stringify(settings);
		if (!groups.has(key)) groups.set(key, { settings, entries: [] });
		groups.get(key)!.entries.push([itemIndex, journal]);
	}
	for (const { settings: groupSettings, entries } of groups.values()) {
		const journals = entries.map(([, journal]) => journal);
		const settings = { ...groupSettings, groupId: groupIdOf(journals.map((j) => j.journalName)), today: new Date().toISOString().slice(0, 10) };
		for (const [field, value] of Object.entries({ ledgerId: settings.ledgerId, dataAccessSetId: settings.dataAccessSetId })) {
			if (!/^\d+$/.test(value)) throw new InvalidInputError(field, `${field}: must be Oracle's numeric ID, got ${JSON.stringify(value)} (field: ${field})`);
		}
		const correlationId = correlationIdOf(items[entries[0][0]]);
		const zip = glInterfaceZip(glInterfaceCsv(journals, settings));
		// Not resent after a lost answer: the upload may have launched the import. The Sync Ledger covers that window.
		const submitted = await apiRequest<IDataObject>(this, op.connection, { method: 'POST', path: '/erpintegrations', body: importBulkDataBody(zip, settings), correlationId, itemIndex: entries[0][0] });
		// Oracle answers ReqstId; some published descriptions of the service call it RequestId.
		const requestId = String(submitted.body.ReqstId ?? submitted.body.RequestId ?? '');
		if (!/^\d+$/.test(requestId)) throw new Error(`Oracle accepted the import but returned no ESS request ID (ReqstId: ${JSON.stringify(submitted.body.ReqstId)})`);
		const wait = this.getNodeParameter('waitForCompletion', 0, true) as boolean;
		const status = wait
			? await waitForRequest(this, op.connection, requestId, {
					pollIntervalSeconds: Number(this.getNodeParameter('pollIntervalSeconds', 0, 10)),
					timeoutSeconds: Number(this.getNodeParameter('timeoutSeconds', 0, 900)),
					correlationId,
				})
			: undefined;
		for (const [itemIndex, journal] of entries) {
			const base = { journalName: journal.journalName, requestId, groupId: settings.groupId, lineCount: journal.lines.length };
			if (!status) {
				results.set(itemIndex, { ...base, status: 'SUBMITTED' });
				continue;
			}
			const outcome = journalOutcome(status, journal.journalName);
			if (outcome.error) failed.set(itemIndex, outcome.error);
			else results.set(itemIndex, { ...base, status: status.status, imported: true });
		}
	}
	return outcomesToItems(this, items, (itemIndex) => {
		const error = failed.get(itemIndex);
		return error ? { error } : { json: { ...results.get(itemIndex) } };
	});
}
