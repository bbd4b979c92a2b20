import { createHash } from 'crypto';
import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';

import { InvalidInputError, asNodeError, runPerItem } from '../../../../shared/kit';
import { odataStringLiteral } from '../../../../shared/kit/odata';
import { SAP_RESOURCES } from '../../../helpers/resources';
import { isLostAnswer, listAll, sapRequest } from '../../../transport';
import { JOURNAL_ENTRY_POST_PATH, JOURNAL_ENTRY_SOAP_ACTION, buildJournalEntryRequest, parseJournalEntryConfirmation } from '../../../transport/journalEntry';
import type { JournalEntryLine } from '../../../transport/journalEntry';
import type { OperationContext } from '../context';
import { parseJson } from '../context';

/** The 10 characters G/L line items keep of the original reference document: a digest of the source's reference. */
export function referenceDigest(reference: string): string {
	return createHash('sha256').update(reference, 'utf8').digest('hex').slice(0, 10).toUpperCase();
}

function linesOf(value: unknown): JournalEntryLine[] {
	const parsed = typeof value === 'string' ? parseJson(value || '[]', 'lines') : value;
	if (!Array.isArray(parsed)) throw new InvalidInputError('lines', 'lines: must be a JSON array of lines (field: lines)');
	return parsed.map((line: IDataObject, index) => {
		const side = String(line.side ?? '').toLowerCase();
		if (side !== 'debit' && side !== 'credit') throw new InvalidInputError(`lines[${index}].side`, `lines[${index}].side: must be debit or credit (field: lines[${index}].side)`);
		if (typeof line.amount !== 'string') throw new InvalidInputError(`lines[${index}].amount`, `lines[${index}].amount: give the amount as decimal text, e.g. "1250.00", never as a JSON number (field: lines[${index}].amount)`);
		return {
			glAccount: String(line.glAccount ?? ''),
			amount: line.amount,
			currency: String(line.currency ?? '').toUpperCase(),
			side,
			text: line.text === undefined ? undefined : String(line.text),
			profitCenter: line.profitCenter ? String(line.profitCenter) : undefined,
			costCenter: line.costCenter ? String(line.costCenter) : undefined,
			wbsElement: line.wbsElement ? String(line.wbsElement) : undefined,
		};
	});
}

/**
 * Posts one journal entry per item through Journal Entry – Post (synchronous SOAP). Idempotency: the source's
 * reference goes with the entry (a 10-character digest as the original reference document, the reference itself as
 * document reference); before posting, the G/L line items of the company code are read for that reference, and a
 * journal already posted is skipped with its accounting document. A post whose answer is lost is never resent.
 */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	const lineItems = SAP_RESOURCES.glLineItem;
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const reference = String(this.getNodeParameter('reference', itemIndex, '')).trim();
		if (!reference) throw new InvalidInputError('reference', 'reference: required, so the journal is posted once (field: reference)');
		const companyCode = String(this.getNodeParameter('journalCompanyCode', itemIndex, '')).trim();
		const postingDate = String(this.getNodeParameter('postingDate', itemIndex, '')).trim();
		const digest = referenceDigest(reference);
		const findPosted = async () =>
			await listAll(this, op.connection, lineItems.service, `/${lineItems.entitySet}`, {
				$filter: `CompanyCode eq ${odataStringLiteral(companyCode)} and ReferenceDocumentType eq 'BKPFF' and ReferenceDocument eq ${odataStringLiteral(digest)} and IsReversed eq false`,
				$select: 'AccountingDocument,FiscalYear,CompanyCode',
			}, { limit: 1, correlationId, itemIndex });
		const posted = await findPosted();
		if (posted.length) {
			return { skipped: true, reason: `reference ${reference} is already posted as accounting document ${String(posted[0].AccountingDocument)}`, reference, accountingDocument: posted[0].AccountingDocument, companyCode, fiscalYear: posted[0].FiscalYear };
		}
		const { body } = buildJournalEntryRequest([
			{
				companyCode,
				postingDate,
				documentDate: String(this.getNodeParameter('documentDate', itemIndex, '') || postingDate).trim(),
				documentType: String(this.getNodeParameter('documentType', itemIndex, 'SA') || 'SA'),
				originalReferenceDocument: digest,
				documentReferenceId: reference.slice(0, 16),
				headerText: String(this.getNodeParameter('headerText', itemIndex, '') || '') || undefined,
				createdByUser: String(this.getNodeParameter('createdByUser', itemIndex, 'N8N') || 'N8N'),
				lines: linesOf(this.getNodeParameter('lines', itemIndex, '[]')),
			},
		]);
		const post = async () =>
			await sapRequest<string>(this, op.connection, {
				method: 'POST',
				service: '',
				path: JOURNAL_ENTRY_POST_PATH,
				body,
				raw: true,
				noCsrf: true,
				headers: { 'Content-Type': 'text/xml; charset=utf-8', Accept: 'text/xml', SOAPAction: `"${JOURNAL_ENTRY_SOAP_ACTION}"` },
				correlationId,
				itemIndex,
				idempotent: false,
			});
		let response: Awaited<ReturnType<typeof post>>;
		try {
			response = await post();
		} catch (error) {
			// The answer was lost: SAP may have posted. Its G/L line items say whether; only an absent journal is sent again.
			if (!isLostAnswer(error)) throw asNodeError(this.getNode(), error, itemIndex);
			const found = await findPosted();
			if (found.length) return { posted: true, recoveredAfterLostAnswer: true, reference, accountingDocument: found[0].AccountingDocument, companyCode, fiscalYear: found[0].FiscalYear, messages: [] };
			response = await post();
		}
		const [confirmation] = parseJournalEntryConfirmation(String(response.body));
		if (!confirmation) throw new Error('SAP S/4HANA Cloud: the confirmation holds no journal entry');
		if (!confirmation.posted) {
			const errors = confirmation.messages.filter((message) => message.severity === '3' || message.severity === '4');
			const fields = [...new Set(errors.map((message) => message.element).filter((element): element is string => !!element))];
			const first = errors[0] ?? confirmation.messages[0];
			const error = new NodeApiError(this.getNode(), { message: first?.note ?? 'not posted', code: first?.typeId ?? 'NOT_POSTED' } as JsonObject, {
				message: `SAP S/4HANA Cloud: ${first?.typeId ?? 'NOT_POSTED'}: ${errors.map((message) => message.note).join('; ') || 'the journal entry was not posted'}${fields.length ? ` (field: ${fields.join(', ')})` : ''}`,
				itemIndex,
			});
			error.context.vendorErrorCode = first?.typeId ?? 'NOT_POSTED';
			error.context.vendorErrorFields = fields;
			throw error;
		}
		return { posted: true, reference, accountingDocument: confirmation.accountingDocument, companyCode: confirmation.companyCode, fiscalYear: confirmation.fiscalYear, messages: confirmation.messages };
	});
}
