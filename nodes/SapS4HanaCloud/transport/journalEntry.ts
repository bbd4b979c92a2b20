/**
 * Journal Entry – Post (Synchronous), SAP_COM_0002: the SOAP 1.1 `JournalEntryBulkCreateRequest` built with the
 * kit's XML builder (every value escaped, elements in the WSDL's order, children unqualified as the schema leaves
 * them) and the `JournalEntryBulkCreateConfirmation` read with its parser (no DTD, no entities). Amounts are
 * decimal text with the sign of the side (debit positive, credit negative), never floats.
 */
import { randomUUID } from 'crypto';

import { InvalidInputError } from '../../shared/kit';
import { parseXml, renderXml, xml, xmlChild, xmlChildren, xmlPath } from '../../shared/kit/xml';
import type { XmlElementSpec } from '../../shared/kit/xml';

export const JOURNAL_ENTRY_POST_PATH = '/sap/bc/srt/scs_ext/sap/journalentrycreaterequestconfi';
export const SFIN_NAMESPACE = 'http://sap.com/xi/SAPSCORE/SFIN';
export const JOURNAL_ENTRY_SOAP_ACTION = 'http://sap.com/xi/SAPSCORE/SFIN/JournalEntryCreateRequestConfirmation_In/JournalEntryCreateRequestConfirmation_InRequest';
const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

export interface JournalEntryLine {
	glAccount: string;
	/** Decimal text; positive. The side says debit or credit. */
	amount: string;
	currency: string;
	side: 'debit' | 'credit';
	text?: string;
	profitCenter?: string;
	costCenter?: string;
	wbsElement?: string;
}

export interface JournalEntryInput {
	companyCode: string;
	documentDate: string;
	postingDate: string;
	/** SA (G/L account document) by default. */
	documentType?: string;
	/** The document's reference (≤ 20; G/L line items show its first 10 characters as ReferenceDocument). */
	originalReferenceDocument?: string;
	/** XBLNR, ≤ 16. */
	documentReferenceId?: string;
	headerText?: string;
	createdByUser: string;
	lines: JournalEntryLine[];
}

const DECIMAL = /^\d+(\.\d+)?$/;

function checkLength(value: string | undefined, max: number, field: string): void {
	if (value !== undefined && value.length > max) throw new InvalidInputError(field, `${field}: "${value}" is longer than ${max} characters (field: ${field})`);
}

/** The JournalEntry element in the WSDL's order (JournalEntryCreateRequestJournalEntry). */
export function journalEntryElement(entry: JournalEntryInput): XmlElementSpec {
	for (const [field, value] of [['companyCode', entry.companyCode], ['postingDate', entry.postingDate], ['documentDate', entry.documentDate], ['createdByUser', entry.createdByUser]] as const) {
		if (!value) throw new InvalidInputError(field, `${field}: required (field: ${field})`);
	}
	for (const [field, value] of [['postingDate', entry.postingDate], ['documentDate', entry.documentDate]] as const) {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidInputError(field, `${field}: "${value}" is not a date YYYY-MM-DD (field: ${field})`);
	}
	checkLength(entry.companyCode, 4, 'companyCode');
	checkLength(entry.originalReferenceDocument, 20, 'originalReferenceDocument');
	checkLength(entry.documentReferenceId, 16, 'documentReferenceId');
	checkLength(entry.headerText, 25, 'headerText');
	if (entry.lines.length < 2) throw new InvalidInputError('lines', 'lines: a journal entry needs at least two lines (field: lines)');
	const items = entry.lines.map((line, index) => {
		const field = `lines[${index}]`;
		if (!line.glAccount) throw new InvalidInputError(`${field}.glAccount`, `${field}.glAccount: required (field: ${field}.glAccount)`);
		if (!DECIMAL.test(line.amount)) throw new InvalidInputError(`${field}.amount`, `${field}.amount: "${line.amount}" must be a positive decimal number as text (field: ${field}.amount)`);
		if (!/^[A-Z]{3}$/.test(line.currency)) throw new InvalidInputError(`${field}.currency`, `${field}.currency: "${line.currency}" is not an ISO currency code (field: ${field}.currency)`);
		checkLength(line.text, 50, `${field}.text`);
		const signed = line.side === 'credit' ? `-${line.amount}` : line.amount;
		const assignment = line.profitCenter || line.costCenter || line.wbsElement
			? xml('AccountAssignment', {}, [line.profitCenter ? xml('ProfitCenter', {}, line.profitCenter) : undefined, line.costCenter ? xml('CostCenter', {}, line.costCenter) : undefined, line.wbsElement ? xml('WBSElement', {}, line.wbsElement) : undefined])
			: undefined;
		return xml('Item', {}, [
			xml('ReferenceDocumentItem', {}, String(index + 1)),
			xml('GLAccount', {}, line.glAccount),
			xml('AmountInTransactionCurrency', { currencyCode: line.currency }, signed),
			xml('DebitCreditCode', {}, line.side === 'credit' ? 'H' : 'S'),
			line.text ? xml('DocumentItemText', {}, line.text) : undefined,
			assignment,
		]);
	});
	return xml('JournalEntry', {}, [
		xml('OriginalReferenceDocumentType', {}, 'BKPFF'),
		entry.originalReferenceDocument ? xml('OriginalReferenceDocument', {}, entry.originalReferenceDocument) : undefined,
		entry.originalReferenceDocument ? xml('OriginalReferenceDocumentLogicalSystem', {}, 'N8N') : undefined,
		xml('BusinessTransactionType', {}, 'RFBU'),
		xml('AccountingDocumentType', {}, entry.documentType ?? 'SA'),
		entry.documentReferenceId ? xml('DocumentReferenceID', {}, entry.documentReferenceId) : undefined,
		entry.headerText ? xml('DocumentHeaderText', {}, entry.headerText) : undefined,
		xml('CreatedByUser', {}, entry.createdByUser),
		xml('CompanyCode', {}, entry.companyCode),
		xml('DocumentDate', {}, entry.documentDate),
		xml('PostingDate', {}, entry.postingDate),
		...items,
	]);
}

function messageHeader(id: string): XmlElementSpec {
	return xml('MessageHeader', {}, [xml('ID', {}, id), xml('CreationDateTime', {}, new Date().toISOString().replace(/\.\d+Z$/, 'Z'))]);
}

/** The SOAP envelope with one JournalEntryCreateRequest per entry (message header IDs pair the confirmations). */
export function buildJournalEntryRequest(entries: JournalEntryInput[]): { body: string; messageIds: string[] } {
	const messageIds = entries.map(() => randomUUID().replace(/-/g, '').toUpperCase());
	const body = renderXml(
		xml('soapenv:Envelope', { 'xmlns:soapenv': SOAP_ENV, 'xmlns:sfin': SFIN_NAMESPACE }, [
			xml('soapenv:Header', {}, []),
			xml('soapenv:Body', {}, [
				xml('sfin:JournalEntryBulkCreateRequest', {}, [
					messageHeader(randomUUID().replace(/-/g, '').toUpperCase()),
					...entries.map((entry, index) => xml('JournalEntryCreateRequest', {}, [messageHeader(messageIds[index]), journalEntryElement(entry)])),
				]),
			]),
		]),
	);
	return { body: `<?xml version="1.0" encoding="UTF-8"?>${body}`, messageIds };
}

export interface JournalEntryConfirmation {
	accountingDocument: string;
	companyCode: string;
	fiscalYear: string;
	posted: boolean;
	maximumSeverity: string;
	messages: Array<{ typeId: string; severity: string; note: string; element?: string }>;
}

/** Reads the confirmation, one per request in request order. */
export function parseJournalEntryConfirmation(text: string): JournalEntryConfirmation[] {
	const root = parseXml(text);
	const confirmation = xmlPath(root, 'Body', 'JournalEntryBulkCreateConfirmation');
	if (!confirmation) throw new Error('SAP S/4HANA Cloud: the answer holds no JournalEntryBulkCreateConfirmation');
	return xmlChildren(confirmation, 'JournalEntryCreateConfirmation').map((message) => {
		const document = xmlChild(message, 'JournalEntryCreateConfirmation');
		const log = xmlChild(message, 'Log');
		const accountingDocument = xmlChild(document, 'AccountingDocument')?.text.trim() ?? '';
		const maximumSeverity = xmlChild(log, 'MaximumLogItemSeverityCode')?.text.trim() ?? '';
		return {
			accountingDocument,
			companyCode: xmlChild(document, 'CompanyCode')?.text.trim() ?? '',
			fiscalYear: xmlChild(document, 'FiscalYear')?.text.trim() ?? '',
			posted: /^\d+$/.test(accountingDocument) && !/^0+$/.test(accountingDocument) && maximumSeverity !== '3' && maximumSeverity !== '4',
			maximumSeverity,
			messages: xmlChildren(log, 'Item').map((item) => ({
				typeId: xmlChild(item, 'TypeID')?.text ?? '',
				severity: xmlChild(item, 'SeverityCode')?.text ?? '',
				note: xmlChild(item, 'Note')?.text ?? '',
				...(xmlChild(item, 'ReferenceMessageElementName') ? { element: xmlChild(item, 'ReferenceMessageElementName')!.text } : {}),
			})),
		};
	});
}
