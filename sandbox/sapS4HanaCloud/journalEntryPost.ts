/**
 * Journal Entry – Post (Synchronous), SAP_COM_0002, in the sandbox: the SOAP 1.1 JournalEntryBulkCreateRequest
 * (namespace http://sap.com/xi/SAPSCORE/SFIN, child elements unqualified as the WSDL's schema leaves them) answered
 * with JournalEntryBulkCreateConfirmation: per journal entry the accounting document (company code, fiscal year)
 * or `0000000000` with a Log of errors (severity 3), as SAP answers. Checked: company code, open period, G/L
 * accounts, currency, amounts (exact decimals with the sign matching DebitCreditCode), balance to zero in the
 * transaction currency. A posted entry writes its G/L line items (API_GLACCOUNTLINEITEM), ReferenceDocument =
 * the OriginalReferenceDocument, so a client can find it again.
 */
import { randomUUID } from 'crypto';

import { parseXml, renderXml, xml, xmlAttribute, xmlChild, xmlChildren, xmlPath } from '../../nodes/shared/kit/xml';
import type { XmlElementSpec, XmlNode } from '../../nodes/shared/kit/xml';
import type { SandboxResponse } from '../core/server';

export const SFIN_NAMESPACE = 'http://sap.com/xi/SAPSCORE/SFIN';
const ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

export interface PostedLine {
	glAccount: string;
	/** Signed decimal text in the transaction currency (debit positive, credit negative). */
	amount: string;
	currency: string;
	debitCredit: 'S' | 'H';
	text: string;
	profitCenter?: string;
	costCenter?: string;
	wbsElement?: string;
}

export interface PostedEntry {
	accountingDocument: string;
	companyCode: string;
	fiscalYear: string;
	documentType: string;
	postingDate: string;
	documentDate: string;
	originalReferenceDocument?: string;
	documentReferenceId?: string;
	headerText?: string;
	lines: PostedLine[];
}

export interface JournalLedger {
	companyCodes: Record<string, { currency: string }>;
	glAccounts: Set<string>;
	/** Postings from this date through openTo are in open periods; the others are closed or not yet opened. */
	openFrom: string;
	openTo: string;
	nextDocument(): string;
	post(entry: PostedEntry): Promise<void>;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Exact sum of decimal strings (scaled bigints). */
export function sumDecimals(values: string[]): string {
	const scale = Math.max(0, ...values.map((v) => (v.split('.')[1] ?? '').length));
	const total = values.reduce((sum, v) => {
		const negative = v.startsWith('-');
		const [whole, fraction = ''] = v.replace('-', '').split('.');
		const units = BigInt(whole + fraction.padEnd(scale, '0'));
		return sum + (negative ? -units : units);
	}, 0n);
	const negative = total < 0n;
	const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
	const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
	return negative ? `-${text}` : text;
}

function fault(code: string, message: string): SandboxResponse {
	const body = renderXml(xml('soap-env:Envelope', { 'xmlns:soap-env': ENV }, [xml('soap-env:Body', {}, [xml('soap-env:Fault', {}, [xml('faultcode', {}, code), xml('faultstring', { 'xml:lang': 'en' }, message)])])]));
	return { status: 500, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body };
}

interface LogItem {
	typeId: string;
	severity: '1' | '2' | '3';
	note: string;
	element?: string;
}

function nowStamp(): string {
	return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

function messageHeader(reference?: string): XmlElementSpec {
	return xml('MessageHeader', {}, [xml('UUID', {}, randomUUID()), reference ? xml('ReferenceID', {}, reference) : undefined, xml('CreationDateTime', {}, nowStamp())]);
}

function log(items: LogItem[]): XmlElementSpec {
	const max = items.reduce((m, item) => (item.severity > m ? item.severity : m), '1' as '1' | '2' | '3');
	return xml('Log', {}, [
		xml('BusinessDocumentProcessingResultCode', {}, max === '3' ? '5' : '3'),
		xml('MaximumLogItemSeverityCode', {}, max),
		...items.map((item) => xml('Item', {}, [xml('TypeID', {}, item.typeId), xml('SeverityCode', {}, item.severity), item.element ? xml('ReferenceMessageElementName', {}, item.element) : undefined, xml('Note', {}, item.note)])),
	]);
}

/** Reads and checks one JournalEntry element; the problems are SAP's log items (T100 type ids). */
function readEntry(entry: XmlNode | undefined, ledger: JournalLedger): { entry?: Omit<PostedEntry, 'accountingDocument' | 'fiscalYear'>; problems: LogItem[] } {
	const problems: LogItem[] = [];
	const value = (name: string) => xmlChild(entry, name)?.text.trim() || undefined;
	if (!entry) return { problems: [{ typeId: 'FINS_ACDOC_POST/001(FINS_FI_MISC)', severity: '3', note: 'JournalEntry is missing', element: 'JournalEntry' }] };
	const required = ['OriginalReferenceDocumentType', 'BusinessTransactionType', 'AccountingDocumentType', 'CreatedByUser', 'CompanyCode', 'DocumentDate', 'PostingDate'];
	for (const name of required) if (!value(name)) problems.push({ typeId: 'FINS_ACDOC_POST/002(FINS_FI_MISC)', severity: '3', note: `Field ${name} is required`, element: name });
	const companyCode = value('CompanyCode') ?? '';
	const company = ledger.companyCodes[companyCode];
	if (companyCode && !company) problems.push({ typeId: 'F5/165(FINS_FI_MISC)', severity: '3', note: `Company code ${companyCode} does not exist`, element: 'CompanyCode' });
	const postingDate = value('PostingDate') ?? '';
	if (postingDate && !/^\d{4}-\d{2}-\d{2}$/.test(postingDate)) problems.push({ typeId: 'FINS_ACDOC_POST/003(FINS_FI_MISC)', severity: '3', note: `PostingDate ${postingDate} is not a date`, element: 'PostingDate' });
	else if (postingDate && (postingDate < ledger.openFrom || postingDate > ledger.openTo)) {
		problems.push({ typeId: 'F5/201(FINS_FI_MISC)', severity: '3', note: `Posting period ${postingDate.slice(5, 7).padStart(3, '0')} ${postingDate.slice(0, 4)} is not open`, element: 'PostingDate' });
	}
	const reference = value('OriginalReferenceDocument');
	if (reference && reference.length > 20) problems.push({ typeId: 'FINS_ACDOC_POST/004(FINS_FI_MISC)', severity: '3', note: 'OriginalReferenceDocument is longer than 20 characters', element: 'OriginalReferenceDocument' });
	const headerText = value('DocumentHeaderText');
	if (headerText && headerText.length > 25) problems.push({ typeId: 'FINS_ACDOC_POST/004(FINS_FI_MISC)', severity: '3', note: 'DocumentHeaderText is longer than 25 characters', element: 'DocumentHeaderText' });
	const lines: PostedLine[] = [];
	const items = xmlChildren(entry, 'Item');
	if (items.length < 2) problems.push({ typeId: 'F5/702(FINS_FI_MISC)', severity: '3', note: 'A journal entry needs at least two items', element: 'Item' });
	items.forEach((item, index) => {
		const glAccount = xmlChild(item, 'GLAccount')?.text.trim() ?? '';
		const amountNode = xmlChild(item, 'AmountInTransactionCurrency');
		const amount = amountNode?.text.trim() ?? '';
		const currency = xmlAttribute(amountNode, 'currencyCode') ?? '';
		const debitCredit = xmlChild(item, 'DebitCreditCode')?.text.trim();
		if (!ledger.glAccounts.has(glAccount)) problems.push({ typeId: 'F5/155(FINS_FI_MISC)', severity: '3', note: `G/L account ${glAccount || '(empty)'} is not defined in the chart of accounts (item ${index + 1})`, element: 'GLAccount' });
		if (!DECIMAL.test(amount)) problems.push({ typeId: 'FINS_ACDOC_POST/005(FINS_FI_MISC)', severity: '3', note: `Amount ${JSON.stringify(amount)} of item ${index + 1} is not a decimal number`, element: 'AmountInTransactionCurrency' });
		if (!/^[A-Z]{3}$/.test(currency)) problems.push({ typeId: 'FINS_ACDOC_POST/006(FINS_FI_MISC)', severity: '3', note: `Item ${index + 1} has no currencyCode`, element: 'AmountInTransactionCurrency' });
		if (debitCredit !== undefined && debitCredit !== 'S' && debitCredit !== 'H') problems.push({ typeId: 'FINS_ACDOC_POST/007(FINS_FI_MISC)', severity: '3', note: `DebitCreditCode must be S or H (item ${index + 1})`, element: 'DebitCreditCode' });
		const negative = amount.startsWith('-');
		if (debitCredit && DECIMAL.test(amount) && negative !== (debitCredit === 'H')) {
			problems.push({ typeId: 'FINS_ACDOC_POST/008(FINS_FI_MISC)', severity: '3', note: `Item ${index + 1}: a credit (H) is a negative amount, a debit (S) a positive one`, element: 'AmountInTransactionCurrency' });
		}
		const assignment = xmlChild(item, 'AccountAssignment');
		lines.push({
			glAccount,
			amount,
			currency,
			debitCredit: debitCredit === 'H' || (debitCredit === undefined && negative) ? 'H' : 'S',
			text: xmlChild(item, 'DocumentItemText')?.text ?? '',
			profitCenter: xmlChild(assignment, 'ProfitCenter')?.text || undefined,
			costCenter: xmlChild(assignment, 'CostCenter')?.text || undefined,
			wbsElement: xmlChild(assignment, 'WBSElement')?.text || undefined,
		});
	});
	const currencies = new Set(lines.map((line) => line.currency));
	if (currencies.size > 1) problems.push({ typeId: 'FINS_ACDOC_POST/009(FINS_FI_MISC)', severity: '3', note: 'All items of the sandbox journal entry must be in one transaction currency', element: 'AmountInTransactionCurrency' });
	if (lines.length && lines.every((line) => DECIMAL.test(line.amount))) {
		const balance = sumDecimals(lines.map((line) => line.amount));
		if (!/^-?0(\.0+)?$/.test(balance)) problems.push({ typeId: 'F5/702(FINS_FI_MISC)', severity: '3', note: `Balance in transaction currency ${[...currencies][0] ?? ''}: ${balance}`, element: 'Item' });
	}
	if (problems.length) return { problems };
	return {
		problems,
		entry: {
			companyCode,
			documentType: value('AccountingDocumentType')!,
			postingDate,
			documentDate: value('DocumentDate')!,
			originalReferenceDocument: reference,
			documentReferenceId: value('DocumentReferenceID'),
			headerText,
			lines,
		},
	};
}

/** Answers one SOAP request to the Journal Entry – Post service. */
export async function journalEntryPost(rawBody: string, ledger: JournalLedger): Promise<SandboxResponse> {
	let root: XmlNode;
	try {
		root = parseXml(rawBody);
	} catch (error) {
		return fault('soap-env:Client', `Unable to parse the request: ${(error as Error).message}`);
	}
	if (root.localName !== 'Envelope') return fault('soap-env:Client', 'The request is not a SOAP envelope');
	const request = xmlPath(root, 'Body', 'JournalEntryBulkCreateRequest');
	if (!request) return fault('soap-env:Client', 'The SOAP body holds no JournalEntryBulkCreateRequest; the sandbox answers only that operation of this service');
	// The prefix may be declared on the element or on any ancestor (Body, Envelope).
	const prefix = request.name.includes(':') ? request.name.split(':')[0] : undefined;
	const declaration = prefix ? `xmlns:${prefix}` : 'xmlns';
	const namespace = [request, xmlChild(root, 'Body'), root].map((node) => node?.attributes[declaration]).find((value) => value !== undefined);
	if (namespace !== SFIN_NAMESPACE) return fault('soap-env:Client', `JournalEntryBulkCreateRequest must be in namespace ${SFIN_NAMESPACE}`);
	if (!xmlChild(request, 'MessageHeader') || !xmlPath(request, 'MessageHeader', 'CreationDateTime')) return fault('soap-env:Client', 'MessageHeader/CreationDateTime is required');
	const confirmations: XmlElementSpec[] = [];
	for (const message of xmlChildren(request, 'JournalEntryCreateRequest')) {
		const headerId = xmlPath(message, 'MessageHeader', 'ID')?.text;
		const { entry, problems } = readEntry(xmlChild(message, 'JournalEntry'), ledger);
		if (!entry) {
			confirmations.push(
				xml('JournalEntryCreateConfirmation', {}, [
					messageHeader(headerId),
					xml('JournalEntryCreateConfirmation', {}, [xml('AccountingDocument', {}, '0000000000'), xml('CompanyCode', {}, ''), xml('FiscalYear', {}, '0000')]),
					log([...problems, { typeId: 'RW/609(FINS_FI_MISC)', severity: '3', note: 'Error in document: BKPFF $ sandbox' }]),
				]),
			);
			continue;
		}
		const posted: PostedEntry = { ...entry, accountingDocument: ledger.nextDocument(), fiscalYear: entry.postingDate.slice(0, 4) };
		await ledger.post(posted);
		confirmations.push(
			xml('JournalEntryCreateConfirmation', {}, [
				messageHeader(headerId),
				xml('JournalEntryCreateConfirmation', {}, [xml('AccountingDocument', {}, posted.accountingDocument), xml('CompanyCode', {}, posted.companyCode), xml('FiscalYear', {}, posted.fiscalYear)]),
				log([{ typeId: 'RW/605(FINS_FI_MISC)', severity: '1', note: `Document posted successfully: BKPFF ${posted.accountingDocument}${posted.companyCode}${posted.fiscalYear} SANDBOX` }]),
			]),
		);
	}
	const body = renderXml(
		xml('soap-env:Envelope', { 'xmlns:soap-env': ENV }, [
			xml('soap-env:Header', {}, []),
			xml('soap-env:Body', {}, [xml('n0:JournalEntryBulkCreateConfirmation', { 'xmlns:n0': SFIN_NAMESPACE }, [messageHeader(), ...confirmations, log([])])]),
		]),
	);
	return { status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body };
}
