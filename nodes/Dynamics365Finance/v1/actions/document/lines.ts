/**
 * Lines added to an existing document: each line in its own changeset of one `$batch` (so one refused line
 * fails alone and the others are written), line numbers already on the document skipped (a re-run adds nothing
 * twice), and a posted document never touched.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ODataBatchPart } from '../../../../shared/kit/odata';
import { yes } from '../../../canonical/common';
import { sendBatch } from '../../../transport';
import { linesOf } from '../record/read';
import type { WriteScope } from '../record/write';

export interface LineOutcome {
	line: IDataObject;
	record?: IDataObject;
	skipped?: string;
	error?: string;
}

/** A line's body: its company, and for lines posted to the lines set, the header's key. */
export function lineBody(scope: WriteScope, line: IDataObject, headerKey?: string): IDataObject {
	const lines = scope.entity.lines!;
	const body: IDataObject = { ...line };
	if (scope.entity.companyScoped) body.dataAreaId = scope.company;
	if (headerKey !== undefined) body[lines.headerKeyField] = headerKey;
	return body;
}

export async function addLinesTo(scope: WriteScope, header: IDataObject, lineFields: IDataObject[]): Promise<LineOutcome[]> {
	const lines = scope.entity.lines!;
	const headerKey = String(header[scope.entity.key[0]]);
	const present = new Map((await linesOf(scope.context, scope.connection, scope.entity, header, scope.itemIndex, scope.correlationId)).map((line) => [String(line[lines.lineNumberField]), line]));
	const posted = yes(header[scope.entity.postedField ?? 'IsPosted']);
	const outcomes: LineOutcome[] = lineFields.map((line) => {
		const number = String(line[lines.lineNumberField] ?? '');
		if (present.has(number)) return { line, record: present.get(number), skipped: `line ${number} is already on ${headerKey}` };
		if (posted) return { line, error: `${headerKey} is posted; a posted ${scope.entity.label.toLowerCase()} takes no more lines` };
		return { line };
	});
	const pending = outcomes.filter((o) => !o.skipped && !o.error);
	if (!pending.length) return outcomes;
	const parts: ODataBatchPart[] = pending.map((o, index) => ({ method: 'POST', url: lines.set, body: lineBody(scope, o.line, headerKey), changeset: `line-${index + 1}` }));
	const paired = await sendBatch(scope.context, scope.connection, parts, { correlationId: scope.correlationId, itemIndex: scope.itemIndex });
	for (const pairing of paired) {
		const outcome = pending[pairing.index];
		if (pairing.outcome === 'ok') outcome.record = pairing.response?.body as IDataObject;
		else outcome.error = pairing.error;
	}
	return outcomes;
}

export async function addMissingLines(scope: WriteScope, header: IDataObject, lineFields: IDataObject[]): Promise<{ outcomes: LineOutcome[]; added: number; skipped: number }> {
	const outcomes = await addLinesTo(scope, header, lineFields);
	return { outcomes, added: outcomes.filter((o) => o.record && !o.skipped).length, skipped: outcomes.filter((o) => o.skipped).length };
}
