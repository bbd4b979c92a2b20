/**
 * Lines added to an existing document: each line in its own changeset of one `$batch` (so one refused line
 * fails alone and the others are written), lines already on the document skipped (a re-run adds nothing twice),
 * and a posted document never touched. A line is "already there" when its line number is, or, with a line
 * reference field (e.g. Description holding `dataverse:<time entry id>`), when a line carries the same value
 * there; such lines may leave out their number, and get the next free ones in item order.
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

export async function addLinesTo(scope: WriteScope, header: IDataObject, lineFields: IDataObject[], referenceField?: string): Promise<LineOutcome[]> {
	const lines = scope.entity.lines!;
	const headerKey = String(header[scope.entity.key[0]]);
	const existing = await linesOf(scope.context, scope.connection, scope.entity, header, scope.itemIndex, scope.correlationId);
	const byNumber = new Map(existing.map((line) => [String(line[lines.lineNumberField]), line]));
	const byReference = new Map(referenceField ? existing.filter((line) => line[referenceField] !== undefined && line[referenceField] !== null && line[referenceField] !== '').map((line) => [String(line[referenceField]), line]) : []);
	let nextNumber = Math.max(0, ...existing.map((line) => Number(line[lines.lineNumberField])).filter(Number.isFinite)) + 1;
	const posted = yes(header[scope.entity.postedField ?? 'IsPosted']);
	// Lines this run adds (not on the document yet): a later item with the same reference or number is skipped.
	const pendingReferences = new Set<string>();
	const pendingNumbers = new Set<string>();
	const outcomes: LineOutcome[] = lineFields.map((given) => {
		const reference = referenceField && given[referenceField] !== undefined ? String(given[referenceField]) : undefined;
		if (reference !== undefined && pendingReferences.has(reference)) return { line: given, skipped: `${referenceField} ${reference} is on an earlier item of this run, which adds it` };
		if (reference !== undefined && byReference.has(reference)) return { line: given, record: byReference.get(reference), skipped: `a line with ${referenceField} ${reference} is already on ${headerKey}` };
		const hasNumber = given[lines.lineNumberField] !== undefined && given[lines.lineNumberField] !== null && given[lines.lineNumberField] !== '';
		if (hasNumber && pendingNumbers.has(String(given[lines.lineNumberField]))) return { line: given, skipped: `line ${String(given[lines.lineNumberField])} is on an earlier item of this run, which adds it` };
		if (hasNumber && byNumber.has(String(given[lines.lineNumberField]))) {
			const number = String(given[lines.lineNumberField]);
			return { line: given, record: byNumber.get(number), skipped: `line ${number} is already on ${headerKey}` };
		}
		if (posted) return { line: given, error: `${headerKey} is posted; a posted ${scope.entity.label.toLowerCase()} takes no more lines` };
		if (!hasNumber && !referenceField) return { line: given, error: `${lines.lineNumberField} is missing: give each line its number, or a Line Reference Field to find it again` };
		let line = given;
		if (!hasNumber) {
			while (byNumber.has(String(nextNumber)) || pendingNumbers.has(String(nextNumber))) nextNumber++;
			line = { ...given, [lines.lineNumberField]: nextNumber++ };
		}
		if (reference !== undefined) pendingReferences.add(reference);
		pendingNumbers.add(String(line[lines.lineNumberField]));
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

export async function addMissingLines(scope: WriteScope, header: IDataObject, lineFields: IDataObject[], referenceField?: string): Promise<{ outcomes: LineOutcome[]; added: number; skipped: number }> {
	const outcomes = await addLinesTo(scope, header, lineFields, referenceField);
	return { outcomes, added: outcomes.filter((o) => o.record && !o.skipped).length, skipped: outcomes.filter((o) => o.skipped).length };
}
