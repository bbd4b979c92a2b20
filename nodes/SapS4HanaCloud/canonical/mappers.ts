/**
 * SAP S/4HANA Cloud records ⇄ canonical entities: business partner → customer, enterprise project (with its WBS
 * elements) → project, workforce timesheet entry → time entry, billing document (with its items) → invoice. The
 * records are as the node outputs them (OData v2: dates as /Date(ms)/, decimals as text), so hours and amounts
 * are read as the exact decimal text SAP sent and checked against the currency's minor units; nothing passes
 * through a float.
 */
import type { CanonicalData, Problem, VendorMapper, VendorRecord } from '../../../lib/canonical';
import { compact, reference, textOf } from '../../../lib/canonical';
import { formatAmount, isCurrencyCode, parseAmount } from '../../../lib/money';

export const SAP = 'sap';

const V2_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;

/** `/Date(ms)/` → `YYYY-MM-DD`; a value that is not a v2 date is a problem naming the field. */
export function sapDate(value: unknown, path: string, problems: Problem[]): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const match = typeof value === 'string' ? V2_DATE.exec(value) : null;
	if (!match) {
		problems.push({ path, reason: `must be an OData v2 date /Date(ms)/ (got ${JSON.stringify(value)})` });
		return undefined;
	}
	return new Date(Number(match[1])).toISOString().slice(0, 10);
}

/** SAP decimal text (`7.50`, `4400.000`) as exact money in the currency's minor units. */
export function sapMoney(amount: unknown, currency: unknown, path: string, problems: Problem[]): { amount: string; currency: string } | undefined {
	if (amount === undefined || amount === null) return undefined;
	if (typeof currency !== 'string' || !isCurrencyCode(currency)) {
		problems.push({ path, reason: `has no ISO 4217 currency (got ${JSON.stringify(currency)})` });
		return undefined;
	}
	if (typeof amount !== 'string' || !/^-?\d+(\.\d+)?$/.test(amount)) {
		problems.push({ path, reason: `must be decimal text as SAP sends Edm.Decimal (got ${JSON.stringify(amount)})` });
		return undefined;
	}
	// SAP pads to the field's scale (16,3): trailing zeros beyond the currency's minor units are not precision.
	const [whole, fraction = ''] = amount.split('.');
	const trimmed = fraction.replace(/0+$/, '');
	try {
		const minor = parseAmount(trimmed ? `${whole}.${trimmed}` : whole, currency);
		return { amount: formatAmount(minor, currency), currency };
	} catch (error) {
		problems.push({ path, reason: (error as Error).message });
		return undefined;
	}
}

/** Decimal hours without padding (`7.50` → `7.5`). */
export function sapHours(value: unknown, path: string, problems: Problem[]): string | undefined {
	if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value)) {
		problems.push({ path, reason: `must be decimal hours as text (got ${JSON.stringify(value)})` });
		return undefined;
	}
	return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

function sapRef(id: unknown, name?: unknown): Record<string, unknown> | undefined {
	return reference(SAP, id, name);
}

function sourceOf(record: VendorRecord, keys: string[], problems: Problem[]) {
	const parts = keys.map((key) => textOf(record[key]));
	if (parts.some((part) => !part)) problems.push({ path: `payload.${keys.find((key, i) => !parts[i])}`, reason: `is required: part of the SAP key (${keys.join(', ')})` });
	return { id: parts.join('/') };
}

function children(record: VendorRecord, name: string): VendorRecord[] {
	const value = record[name];
	return Array.isArray(value) ? (value as VendorRecord[]) : [];
}

const PROJECT_STATUS: Record<string, string> = { '00': 'planned', '10': 'active', '40': 'closed', '42': 'closed' };

export const businessPartnerMapper: VendorMapper = {
	system: SAP,
	object: 'A_BusinessPartner',
	aliases: ['businessPartner', 'customer'],
	entity: 'customer',
	version: 1,
	knownFields: ['BusinessPartner', 'Customer', 'BusinessPartnerCategory', 'BusinessPartnerFullName', 'BusinessPartnerGrouping', 'CreationDate', 'Language', 'LastChangeDate', 'OrganizationBPName1', 'SearchTerm1', 'SearchTerm2', 'BusinessPartnerIsBlocked', 'IsMarkedForArchiving', 'correlationId'],
	matches: (record) => 'BusinessPartner' in record,
	toCanonical(record) {
		const problems: Problem[] = [];
		const data = compact({
			name: record.OrganizationBPName1 || record.BusinessPartnerFullName,
			number: textOf(record.BusinessPartner),
			status: record.BusinessPartnerIsBlocked === true || record.IsMarkedForArchiving === true ? 'inactive' : 'active',
			kind: record.BusinessPartnerCategory === '1' ? 'person' : 'company',
		});
		return { data, source: sourceOf(record, ['BusinessPartner'], problems), problems };
	},
	fromCanonical(data) {
		const record = compact({ BusinessPartnerCategory: data.kind === 'person' ? '1' : '2', BusinessPartnerGrouping: 'BP02', OrganizationBPName1: typeof data.name === 'string' ? data.name.slice(0, 40) : undefined, SearchTerm1: typeof data.name === 'string' ? data.name.slice(0, 20).toUpperCase() : undefined });
		return { record, problems: [] };
	},
};

export const enterpriseProjectMapper: VendorMapper = {
	system: SAP,
	object: 'A_EnterpriseProject',
	aliases: ['project', 'enterpriseProject'],
	entity: 'project',
	version: 1,
	knownFields: ['ProjectUUID', 'Project', 'ProjectDescription', 'EnterpriseProjectType', 'ProjectStartDate', 'ProjectEndDate', 'EntProjectIsConfidential', 'ProcessingStatus', 'ResponsibleCostCenter', 'ProfitCenter', 'ProjectProfileCode', 'CompanyCode', 'ControllingArea', 'ProjectCurrency', 'LastChangeDateTime', 'to_EnterpriseProjectElement', 'correlationId'],
	matches: (record) => 'ProjectUUID' in record && 'Project' in record,
	toCanonical(record) {
		const problems: Problem[] = [];
		const status = PROJECT_STATUS[String(record.ProcessingStatus ?? '')];
		if (!status) problems.push({ path: 'payload.ProcessingStatus', reason: `is not a processing status the mapping knows (got ${JSON.stringify(record.ProcessingStatus)})` });
		const elements = children(record, 'to_EnterpriseProjectElement');
		const data = compact({
			name: record.ProjectDescription,
			number: textOf(record.Project),
			status,
			currency: record.ProjectCurrency || undefined,
			startDate: sapDate(record.ProjectStartDate, 'payload.ProjectStartDate', problems),
			endDate: sapDate(record.ProjectEndDate, 'payload.ProjectEndDate', problems),
			legalEntity: sapRef(record.CompanyCode),
			tasks: elements.map((element, index) =>
				compact({
					taskId: textOf(element.ProjectElement),
					name: element.ProjectElementDescription,
					parentTaskId: element.ParentObjectUUID && element.ParentObjectUUID !== record.ProjectUUID ? textOf(elements.find((e) => e.ProjectElementUUID === element.ParentObjectUUID)?.ProjectElement) : undefined,
					startDate: sapDate(element.PlannedStartDate, `payload.to_EnterpriseProjectElement[${index}].PlannedStartDate`, problems),
					endDate: sapDate(element.PlannedEndDate, `payload.to_EnterpriseProjectElement[${index}].PlannedEndDate`, problems),
					billable: element.WBSElementIsBillingElement === true,
				}),
			),
		});
		return { data, source: sourceOf(record, ['ProjectUUID'], problems), problems };
	},
	fromCanonical(data) {
		const record = compact({ Project: data.number, ProjectDescription: typeof data.name === 'string' ? data.name.slice(0, 60) : undefined, ProjectStartDate: data.startDate, ProjectEndDate: data.endDate, ProjectCurrency: data.currency });
		return { record, problems: [] };
	},
};

export const timesheetEntryMapper: VendorMapper = {
	system: SAP,
	object: 'TimeSheetEntryCollection',
	aliases: ['timesheetEntry', 'TimeSheetEntry'],
	entity: 'timeEntry',
	version: 1,
	knownFields: ['TimeSheetDataFields', 'PersonWorkAgreementExternalID', 'CompanyCode', 'TimeSheetRecord', 'PersonWorkAgreement', 'TimeSheetDate', 'TimeSheetIsReleasedOnSave', 'TimeSheetPredecessorRecord', 'TimeSheetStatus', 'TimeSheetIsExecutedInTestRun', 'TimeSheetOperation', 'sapMessages', 'correlationId'],
	matches: (record) => 'TimeSheetRecord' in record,
	toCanonical(record) {
		const problems: Problem[] = [];
		const fields = (record.TimeSheetDataFields ?? {}) as VendorRecord;
		const state: Record<string, string> = { '10': 'draft', '20': 'submitted', '30': 'approved', '40': 'rejected', '50': 'approved', '60': 'cancelled' };
		const data: CanonicalData = compact({
			date: sapDate(record.TimeSheetDate, 'payload.TimeSheetDate', problems),
			hours: sapHours(fields.RecordedHours, 'payload.TimeSheetDataFields.RecordedHours', problems),
			resource: sapRef(record.PersonWorkAgreementExternalID),
			task: sapRef(fields.WBSElement),
			approvalState: state[String(record.TimeSheetStatus ?? '')] ?? 'submitted',
			billable: true,
			description: fields.TimeSheetNote || undefined,
		});
		return { data, source: sourceOf(record, ['PersonWorkAgreementExternalID', 'CompanyCode', 'TimeSheetRecord'], problems), problems };
	},
	fromCanonical(data) {
		const record = compact({ TimeSheetDate: data.date, TimeSheetDataFields: compact({ RecordedHours: data.hours, TimeSheetNote: data.description }) });
		return { record, problems: [] };
	},
};

export const billingDocumentMapper: VendorMapper = {
	system: SAP,
	object: 'A_BillingDocument',
	aliases: ['billingDocument'],
	entity: 'invoice',
	version: 1,
	knownFields: ['BillingDocument', 'SDDocumentCategory', 'BillingDocumentCategory', 'BillingDocumentType', 'CreationDate', 'BillingDocumentDate', 'BillingDocumentIsCancelled', 'TotalNetAmount', 'TransactionCurrency', 'PayerParty', 'SoldToParty', 'CompanyCode', 'FiscalYear', 'AccountingDocument', 'PurchaseOrderByCustomer', 'OverallBillingStatus', 'AccountingPostingStatus', 'to_Item', 'correlationId'],
	matches: (record) => 'BillingDocument' in record && 'TotalNetAmount' in record,
	toCanonical(record) {
		const problems: Problem[] = [];
		const items = children(record, 'to_Item');
		const currency = record.TransactionCurrency;
		const subtotal = sapMoney(record.TotalNetAmount, currency, 'payload.TotalNetAmount', problems);
		const taxes = items.map((item, index) => sapMoney(item.TaxAmount ?? '0', item.TransactionCurrency ?? currency, `payload.to_Item[${index}].TaxAmount`, problems));
		let total: { amount: string; currency: string } | undefined;
		let taxTotal: { amount: string; currency: string } | undefined;
		if (subtotal && taxes.every((tax) => tax !== undefined)) {
			const code = subtotal.currency;
			const taxMinor = taxes.reduce((sum, tax) => sum + parseAmount(tax!.amount, code), 0n);
			taxTotal = { amount: formatAmount(taxMinor, code), currency: code };
			total = { amount: formatAmount(parseAmount(subtotal.amount, code) + taxMinor, code), currency: code };
		}
		const data = compact({
			number: textOf(record.BillingDocument),
			customer: sapRef(record.PayerParty),
			issueDate: sapDate(record.BillingDocumentDate, 'payload.BillingDocumentDate', problems),
			status: record.BillingDocumentIsCancelled === true ? 'void' : 'open',
			currency,
			lines: items.map((item, index) =>
				compact({
					lineId: textOf(item.BillingDocumentItem),
					description: item.BillingDocumentItemText || undefined,
					quantity: typeof item.BillingQuantity === 'string' ? item.BillingQuantity.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '') : undefined,
					amount: sapMoney(item.NetAmount, item.TransactionCurrency ?? currency, `payload.to_Item[${index}].NetAmount`, problems),
				}),
			),
			subtotal,
			taxTotal,
			total,
			purchaseOrder: record.PurchaseOrderByCustomer || undefined,
			legalEntity: sapRef(record.CompanyCode),
		});
		return { data, source: sourceOf(record, ['BillingDocument'], problems), problems };
	},
	fromCanonical() {
		return { record: {}, problems: [{ path: 'invoice', reason: 'SAP billing documents are created by billing, not through this API; read them only' }] };
	},
};

/**
 * A journal entry as the node's Journal Entry → Post takes it (and the revenue template builds it): reference,
 * company code, posting date, header text and lines of G/L account, positive decimal amount, currency and side.
 * The canonical journal entry is the contract between the Revenue Schedule and any ERP: amounts stay exact and
 * a journal whose debits and credits differ by even one minor unit is a problem, never posted.
 */
export const journalEntryMapper: VendorMapper = {
	system: SAP,
	object: 'JournalEntry',
	aliases: ['journalEntry', 'JournalEntryBulkCreateRequest'],
	entity: 'journalEntry',
	version: 1,
	knownFields: ['reference', 'companyCode', 'postingDate', 'documentDate', 'headerText', 'documentType', 'lines', 'idempotencyKey', 'correlationId'],
	matches: (record) => 'postingDate' in record && 'companyCode' in record && Array.isArray(record.lines) && !('employee' in record),
	toCanonical(record) {
		const problems: Problem[] = [];
		const lines = children(record, 'lines');
		const currency = lines[0]?.currency;
		const data = compact({
			number: textOf(record.reference),
			date: typeof record.postingDate === 'string' ? record.postingDate : undefined,
			currency,
			legalEntity: sapRef(record.companyCode),
			memo: record.headerText || undefined,
			lines: lines.map((line, index) => {
				const amount = sapMoney(line.amount, line.currency, `payload.lines[${index}].amount`, problems);
				if (line.side !== 'debit' && line.side !== 'credit') problems.push({ path: `payload.lines[${index}].side`, reason: `must be debit or credit (got ${JSON.stringify(line.side)})` });
				return compact({
					lineId: String(index + 1),
					account: sapRef(line.glAccount),
					debit: line.side === 'debit' ? amount : undefined,
					credit: line.side === 'credit' ? amount : undefined,
					memo: line.text || undefined,
					costCenter: sapRef(line.costCenter),
					project: sapRef(line.wbsElement),
				});
			}),
		});
		return { data, source: { id: textOf(record.reference) ?? '' }, problems };
	},
	fromCanonical(data) {
		const problems: Problem[] = [];
		const currency = String(data.currency ?? '');
		const lines = (Array.isArray(data.lines) ? data.lines : []) as Array<Record<string, unknown>>;
		let balance = 0n;
		const out = lines.map((line, index) => {
			const side = line.debit ? 'debit' : 'credit';
			const money = (line.debit ?? line.credit) as { amount?: string; currency?: string } | undefined;
			let amount: string | undefined;
			try {
				const minor = parseAmount(String(money?.amount ?? ''), money?.currency ?? currency);
				balance += side === 'debit' ? minor : -minor;
				amount = formatAmount(minor < 0n ? -minor : minor, money?.currency ?? currency);
			} catch (error) {
				problems.push({ path: `journalEntry.lines[${index}]`, reason: (error as Error).message });
			}
			return compact({
				glAccount: textOf((line.account as Record<string, unknown> | undefined)?.id),
				amount,
				currency: money?.currency ?? currency,
				side,
				text: typeof line.memo === 'string' ? line.memo.slice(0, 50) : undefined,
				costCenter: textOf((line.costCenter as Record<string, unknown> | undefined)?.id),
				wbsElement: textOf((line.project as Record<string, unknown> | undefined)?.id),
			});
		});
		if (balance !== 0n) problems.push({ path: 'journalEntry.lines', reason: `debits and credits differ by ${formatAmount(balance < 0n ? -balance : balance, currency)} ${currency}; SAP posts only balanced journals` });
		const record = compact({
			reference: data.number,
			companyCode: textOf((data.legalEntity as Record<string, unknown> | undefined)?.id),
			postingDate: data.date,
			headerText: typeof data.memo === 'string' ? data.memo.slice(0, 25) : undefined,
			lines: out,
		});
		return { record, problems };
	},
};

/** G/L accounts of an expense posted as project cost (the sandbox's chart; a category ref that is an account number wins). */
export const EXPENSE_COST_ACCOUNT = '65000000';
export const EXPENSE_CLEARING_ACCOUNT = '21100000';

/**
 * An expense as SAP project cost: one journal entry (Journal Entry → Post payload) whose debit lines are the expense
 * lines on their WBS elements and whose one credit line is the total to the employee clearing account. Both
 * directions are exact; the total must equal the sum of the lines to the minor unit.
 */
export const expenseCostMapper: VendorMapper = {
	system: SAP,
	object: 'ExpenseCost',
	aliases: ['expenseCost', 'expense'],
	entity: 'expense',
	version: 1,
	knownFields: ['reference', 'companyCode', 'postingDate', 'documentDate', 'headerText', 'employee', 'lines', 'idempotencyKey', 'correlationId'],
	matches: (record) => 'employee' in record && 'postingDate' in record && Array.isArray(record.lines),
	toCanonical(record) {
		const problems: Problem[] = [];
		const lines = children(record, 'lines');
		const debits = lines.filter((line) => line.side === 'debit');
		const credit = lines.find((line) => line.side === 'credit');
		const total = credit ? sapMoney(credit.amount, credit.currency, 'payload.lines.credit.amount', problems) : undefined;
		if (!credit) problems.push({ path: 'payload.lines', reason: 'has no credit line (the employee clearing account)' });
		const data = compact({
			number: textOf(record.reference),
			resource: sapRef(record.employee),
			date: typeof record.postingDate === 'string' ? record.postingDate : undefined,
			approvalState: 'approved',
			currency: credit?.currency,
			total,
			memo: record.headerText || undefined,
			lines: debits.map((line, index) =>
				compact({
					lineId: String(index + 1),
					date: typeof record.postingDate === 'string' ? record.postingDate : undefined,
					category: sapRef(line.glAccount),
					amount: sapMoney(line.amount, line.currency, `payload.lines[${index}].amount`, problems),
					task: sapRef(line.wbsElement),
					billable: true,
					memo: line.text || undefined,
				}),
			),
		});
		return { data, source: { id: textOf(record.reference) ?? '' }, problems };
	},
	fromCanonical(data) {
		const problems: Problem[] = [];
		const currency = String(data.currency ?? '');
		const lines = (Array.isArray(data.lines) ? data.lines : []) as Array<Record<string, unknown>>;
		let sum = 0n;
		const debits = lines.map((line, index) => {
			const money = line.amount as { amount?: string; currency?: string } | undefined;
			let amount: string | undefined;
			try {
				const minor = parseAmount(String(money?.amount ?? ''), money?.currency ?? currency);
				sum += minor;
				amount = formatAmount(minor, money?.currency ?? currency);
			} catch (error) {
				problems.push({ path: `expense.lines[${index}].amount`, reason: (error as Error).message });
			}
			const category = textOf((line.category as Record<string, unknown> | undefined)?.id);
			return compact({
				glAccount: category && /^\d{8,10}$/.test(category) ? category : EXPENSE_COST_ACCOUNT,
				amount,
				currency: money?.currency ?? currency,
				side: 'debit',
				text: typeof line.memo === 'string' ? line.memo.slice(0, 50) : undefined,
				wbsElement: textOf((line.task as Record<string, unknown> | undefined)?.id) ?? textOf((line.project as Record<string, unknown> | undefined)?.id),
			});
		});
		const total = data.total as { amount?: string } | undefined;
		let totalMinor: bigint | undefined;
		try {
			totalMinor = parseAmount(String(total?.amount ?? ''), currency);
		} catch (error) {
			problems.push({ path: 'expense.total', reason: (error as Error).message });
		}
		if (totalMinor !== undefined && totalMinor !== sum) problems.push({ path: 'expense.total', reason: `is ${formatAmount(totalMinor, currency)} but the lines sum to ${formatAmount(sum, currency)} ${currency}` });
		const employee = textOf((data.resource as Record<string, unknown> | undefined)?.id);
		const record = compact({
			reference: data.number,
			employee,
			postingDate: data.date,
			headerText: typeof data.memo === 'string' ? data.memo.slice(0, 25) : undefined,
			lines: [...debits, compact({ glAccount: EXPENSE_CLEARING_ACCOUNT, amount: formatAmount(sum, currency), currency, side: 'credit', text: employee ? `Employee ${employee}` : undefined })],
		});
		return { record, problems };
	},
};

export const sapMappers: VendorMapper[] = [businessPartnerMapper, enterpriseProjectMapper, timesheetEntryMapper, billingDocumentMapper, journalEntryMapper, expenseCostMapper];
