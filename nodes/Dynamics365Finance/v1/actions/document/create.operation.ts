/**
 * Create a document (journal or free-text invoice) with its lines: one `$batch` changeset holds the header
 * (Content-ID 1) and every line (POSTed to `$1/<lines navigation>`, so each line is bound to the header F&O
 * numbers), all or none. With an External Reference the header is looked up first: found, only the lines whose
 * numbers (or Line Reference Field values) are not on it yet are added, each in its own changeset, so a re-run
 * adds nothing twice and a posted document is left alone. Without lines it creates the header alone (Add Lines
 * then adds one line per item). A batch whose answer was lost is resolved the same way: by the reference.
 * With Post After Create the document is then posted once (Post's rules: one already posted is skipped).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { InvalidInputError, asNodeError, runPerItem } from '../../../../shared/kit';
import type { ODataBatchPart } from '../../../../shared/kit/odata';
import { yes } from '../../../canonical/common';
import { sendBatch } from '../../../transport';
import type { OperationContext } from '../context';
import { companyOf, jsonLinesOf, jsonObjectOf, lineReferenceFieldOf } from '../context';
import { recordKey } from '../../../transport';
import { linesOf } from '../record/read';
import type { WriteScope } from '../record/write';
import { bodyFor, findByExternalReference, isLostAnswer } from '../record/write';
import { addMissingLines, lineBody } from './lines';
import { postDocument } from './post.operation';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const document = await createDocument(this, op, itemIndex, correlationId);
		const postAfter = op.entity.postAction !== undefined && (this.getNodeParameter('postAfterCreate', itemIndex, false) as boolean);
		if (!postAfter) return document;
		const key = recordKey(op.entity, companyOf(this, itemIndex, op.entity), { [op.entity.key[0]]: String(document[op.entity.key[0]]) });
		const posting = await postDocument(this, op, key, itemIndex, correlationId);
		return { ...document, ...posting, Lines: document.Lines, created: document.created, postSkipped: posting.skipped };
	});
}

async function createDocument(context: IExecuteFunctions, op: OperationContext, itemIndex: number, correlationId: string): Promise<IDataObject> {
	const lines = op.entity.lines!;
	const scope: WriteScope = { context, connection: op.connection, entity: op.entity, company: companyOf(context, itemIndex, op.entity), itemIndex, correlationId };
	const externalReference = String(context.getNodeParameter('externalReference', itemIndex, '') ?? '').trim() || undefined;
	const header = bodyFor(scope, jsonObjectOf(context, itemIndex, 'jsonBody'), externalReference);
	const referenceField = lineReferenceFieldOf(context, itemIndex);
	// Lines without a number are numbered in order, after the highest number given.
	const given = jsonLinesOf(context, itemIndex, 'linesJson');
	let next = Math.max(0, ...given.map((line) => Number(line[lines.lineNumberField])).filter(Number.isFinite)) + 1;
	const lineFields = given.map((line) => (line[lines.lineNumberField] === undefined || line[lines.lineNumberField] === null || line[lines.lineNumberField] === '' ? { ...line, [lines.lineNumberField]: next++ } : line));
	const numbers = new Set<string>();
	for (const line of lineFields) {
		const number = String(line[lines.lineNumberField]);
		if (numbers.has(number)) throw new InvalidInputError('linesJson', `linesJson: ${lines.lineNumberField} ${number} appears twice (field: linesJson)`);
		numbers.add(number);
	}

	const resume = async (existing: IDataObject, note: IDataObject) => {
		const result = await addMissingLines(scope, existing, lineFields, referenceField);
		const failed = result.outcomes.find((o) => o.error);
		if (failed) throw new InvalidInputError('linesJson', `linesJson: line ${String(failed.line[lines.lineNumberField])} of ${String(existing[op.entity.key[0]])} was not added: ${failed.error} (field: linesJson)`, 'LINE_REFUSED');
		return { ...existing, Lines: await linesOf(context, op.connection, op.entity, existing, itemIndex, correlationId), created: false, linesAdded: result.added, linesAlreadyThere: result.skipped, ...note };
	};

	if (externalReference) {
		const existing = await findByExternalReference(scope, externalReference);
		if (existing) return await resume(existing, {});
	}
	const parts: ODataBatchPart[] = [
		{ method: 'POST', url: op.entity.set, body: header, contentId: '1', changeset: 'document' },
		...lineFields.map((line, index) => ({ method: 'POST' as const, url: `$1/${lines.navigation}`, body: lineBody(scope, line), contentId: String(index + 2), changeset: 'document' })),
	];
	let paired;
	try {
		paired = await sendBatch(context, op.connection, parts, { correlationId, itemIndex });
	} catch (error) {
		if (!isLostAnswer(error) || !externalReference) throw asNodeError(context.getNode(), error, itemIndex);
		// The changeset may have been committed before its answer was lost: the reference says whether it was.
		const committed = await findByExternalReference(scope, externalReference);
		if (!committed) paired = await sendBatch(context, op.connection, parts, { correlationId, itemIndex });
		else return await resume(committed, { created: true, recoveredAfterLostAnswer: true });
	}
	const failure = paired.find((p) => p.outcome !== 'ok' && p.outcome !== 'rolledBack') ?? paired.find((p) => p.outcome !== 'ok');
	if (failure?.outcome === 'mismatch') throw new InvalidInputError('linesJson', `${op.entity.label}: ${failure.error}`, 'BATCH_RESULT_MISMATCH');
	if (failure) {
		const where = failure.outcome === 'rolledBack' ? 'one of its requests' : failure.index === 0 ? 'the header' : `line ${String(lineFields[failure.index - 1][lines.lineNumberField])}`;
		throw new InvalidInputError(failure.index === 0 ? 'jsonBody' : 'linesJson', `${op.entity.label} not created (the changeset wrote nothing): ${where} was refused: ${failure.error}`, 'CHANGESET_FAILED');
	}
	const created = paired[0].response!.body as IDataObject;
	return { ...created, Lines: paired.slice(1).map((p) => p.response!.body as IDataObject), created: true, posted: yes(created[op.entity.postedField ?? 'IsPosted']) };
}
