/**
 * Dynamics 365 Finance data entities ⇄ canonical entities: CustomersV3 → customer, Projects → project,
 * project hour journal lines → time entry, expense journal lines → expense, free-text invoices (header with its
 * lines) → invoice, general journals (LedgerJournalHeaders with their lines) → journal entry. Edm.Decimal money
 * and hours come as JSON numbers and are read as exact decimal text; a value with more decimals than its
 * currency is a problem naming the field, never rounded. Records written from canonical carry the source's id
 * in the entity's external reference field (see EXTERNAL_REFERENCE_FIELDS) so a re-run finds them.
 */
import type { CanonicalData, Problem, VendorMapper, VendorRecord } from '../../../lib/canonical';
import { compact, isPlainObject, textOf } from '../../../lib/canonical';
import { formatAmount, parseAmount } from '../../../lib/money';

import { FINANCE, dateFrom, dateOut, decimalFrom, decimalOut, foRef, foRefOut, moneyFrom, scopedId, sourceOf, yes } from './common';

/** Fields every company-scoped entity answers with beside its own. */
const ENVELOPE_FIELDS = ['@odata.etag', '@odata.context', 'dataAreaId', 'ModifiedDateTime'];

/** Where a record written from another system keeps that system's id (its external reference). */
export const EXTERNAL_REFERENCE_FIELDS = {
	CustomersV3: 'IdentificationNumber',
	Projects: 'Reference',
	ProjectJournalHeaders: 'Description',
	ExpenseJournalHeaders: 'Description',
	FreeTextInvoiceHeaders: 'ExternalInvoiceId',
	LedgerJournalHeaders: 'IntegrationKey',
} as const;

function hasKeys(record: VendorRecord, keys: string[]): boolean {
	return keys.every((key) => key in record);
}

function sourceIdFor(context: { sourceSystem: string; sourceId: string; sourceExternalId?: string }): string | undefined {
	return context.sourceSystem === FINANCE ? undefined : `${context.sourceSystem}:${context.sourceExternalId ?? context.sourceId}`;
}

const BLOCKED_ACTIVE = new Set(['No', 'Never']);

export const customerMapper: VendorMapper = {
	system: FINANCE,
	object: 'CustomersV3',
	aliases: ['customer', 'customers', 'CustomerV3'],
	entity: 'customer',
	version: 1,
	knownFields: [...ENVELOPE_FIELDS, 'CustomerAccount', 'OrganizationName', 'NameAlias', 'PartyType', 'CustomerGroupId', 'SalesCurrencyCode', 'OnHoldStatus', 'PrimaryContactEmail', 'PrimaryContactPhone', 'PrimaryContactURL', 'AddressStreet', 'AddressCity', 'AddressState', 'AddressZipCode', 'AddressCountryRegionId', 'PaymentTerms', 'TaxExemptNumber', 'LineOfBusinessId', 'IdentificationNumber', 'CreditLimit', 'PartyNumber', 'InvoiceAccount'],
	matches: (record) => hasKeys(record, ['CustomerAccount', 'CustomerGroupId']),
	toCanonical(record) {
		const problems: Problem[] = [];
		const billingAddress = compact({ line1: record.AddressStreet ?? undefined, city: record.AddressCity ?? undefined, region: record.AddressState ?? undefined, postalCode: record.AddressZipCode ?? undefined, country: record.AddressCountryRegionId ?? undefined });
		const data = compact({
			name: record.OrganizationName ?? record.NameAlias,
			number: textOf(record.CustomerAccount),
			status: record.OnHoldStatus === undefined || BLOCKED_ACTIVE.has(String(record.OnHoldStatus)) ? 'active' : 'inactive',
			kind: record.PartyType === 'Person' ? 'individual' : record.PartyType === 'Organization' ? 'company' : undefined,
			category: record.CustomerGroupId ?? undefined,
			currency: record.SalesCurrencyCode || undefined,
			email: record.PrimaryContactEmail || undefined,
			phone: record.PrimaryContactPhone || undefined,
			website: record.PrimaryContactURL || undefined,
			industry: record.LineOfBusinessId || undefined,
			taxId: record.TaxExemptNumber || undefined,
			billingAddress: Object.keys(billingAddress).length ? billingAddress : undefined,
			legalEntity: foRef(record.dataAreaId),
			paymentTerms: record.PaymentTerms || undefined,
		});
		return { data, source: sourceOf(record, scopedId(record.dataAreaId, record.CustomerAccount), problems, 'dataAreaId, CustomerAccount'), problems };
	},
	fromCanonical(data, context) {
		const address = isPlainObject(data.billingAddress) ? data.billingAddress : {};
		const record = compact({
			CustomerAccount: textOf(data.number),
			OrganizationName: data.name,
			PartyType: data.kind === 'individual' ? 'Person' : 'Organization',
			CustomerGroupId: data.category,
			SalesCurrencyCode: data.currency,
			PrimaryContactEmail: data.email,
			PrimaryContactPhone: data.phone,
			PrimaryContactURL: data.website,
			LineOfBusinessId: data.industry,
			TaxExemptNumber: data.taxId,
			PaymentTerms: data.paymentTerms,
			OnHoldStatus: data.status === 'inactive' ? 'All' : 'No',
			AddressStreet: address.line1,
			AddressCity: address.city,
			AddressState: address.region,
			AddressZipCode: address.postalCode,
			AddressCountryRegionId: address.country,
			IdentificationNumber: sourceIdFor(context),
		});
		return { record, problems: [] };
	},
};

const PROJECT_STATUS: Record<string, string> = { Created: 'planned', Estimated: 'planned', Scheduled: 'planned', InProcess: 'active', Completed: 'closed' };
const STATUS_OUT: Record<string, string> = { planned: 'Created', active: 'InProcess', onHold: 'Scheduled', closed: 'Completed', cancelled: 'Completed' };
const PROJECT_TYPE: Record<string, string> = { TimeMaterial: 'timeAndMaterials', FixedPrice: 'fixedFee', Investment: 'other', Cost: 'nonBillable', Internal: 'nonBillable', Time: 'nonBillable' };
const TYPE_OUT: Record<string, string> = { timeAndMaterials: 'TimeMaterial', fixedFee: 'FixedPrice', milestone: 'FixedPrice', nonBillable: 'Internal', other: 'Investment' };

export const projectMapper: VendorMapper = {
	system: FINANCE,
	object: 'Projects',
	aliases: ['project', 'projects', 'ProjectEntity'],
	entity: 'project',
	version: 1,
	knownFields: [...ENVELOPE_FIELDS, 'ProjectID', 'ProjectName', 'CustomerAccount', 'ProjectContractID', 'ProjectType', 'Status', 'ProjectGroup', 'ProjectedStartDate', 'ProjectedEndDate', 'ActualStartDate', 'ActualEndDate', 'WorkerResponsiblePersonnelNumber', 'Description', 'Reference', 'ParentProject'],
	matches: (record) => hasKeys(record, ['ProjectID', 'ProjectName']),
	toCanonical(record) {
		const problems: Problem[] = [];
		const data = compact({
			name: record.ProjectName,
			number: textOf(record.ProjectID),
			customer: foRef(scopedId(record.dataAreaId, record.CustomerAccount)),
			contract: foRef(scopedId(record.dataAreaId, record.ProjectContractID)),
			status: PROJECT_STATUS[String(record.Status)] ?? record.Status,
			billingType: PROJECT_TYPE[String(record.ProjectType)],
			startDate: dateFrom(record.ActualStartDate) ?? dateFrom(record.ProjectedStartDate),
			endDate: dateFrom(record.ActualEndDate),
			plannedEndDate: dateFrom(record.ProjectedEndDate),
			manager: foRef(record.WorkerResponsiblePersonnelNumber),
			legalEntity: foRef(record.dataAreaId),
			practice: record.ProjectGroup || undefined,
			description: record.Description || undefined,
			// The WBS lives in Project Operations (or F&O's project tasks, not read here): the ERP project carries none.
			tasks: [],
		});
		return { data, source: sourceOf(record, scopedId(record.dataAreaId, record.ProjectID), problems, 'dataAreaId, ProjectID'), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const record = compact({
			ProjectID: textOf(data.number),
			ProjectName: data.name,
			CustomerAccount: foRefOut(data.customer, context, 'project.customer', problems),
			ProjectContractID: foRefOut(data.contract, context, 'project.contract', problems),
			ProjectType: TYPE_OUT[String(data.billingType)] ?? 'TimeMaterial',
			Status: STATUS_OUT[String(data.status)],
			ProjectedStartDate: dateOut(data.startDate),
			ProjectedEndDate: dateOut(data.plannedEndDate ?? data.endDate),
			WorkerResponsiblePersonnelNumber: foRefOut(data.manager, context, 'project.manager', problems),
			ProjectGroup: data.practice,
			Description: data.description,
			Reference: sourceIdFor(context),
		});
		return { record, problems };
	},
};

/** Line properties that bill the customer; the rest are internal. */
const BILLABLE_LINE_PROPERTIES = new Set(['Billable', 'Chargeable']);

export const hourJournalLineMapper: VendorMapper = {
	system: FINANCE,
	object: 'ProjectJournalLines',
	aliases: ['timeEntry', 'hourJournalLine', 'ProjJournalTransEntity'],
	entity: 'timeEntry',
	version: 1,
	knownFields: [...ENVELOPE_FIELDS, 'JournalId', 'LineNumber', 'ProjectID', 'ActivityNumber', 'Category', 'Hours', 'ProjectDate', 'ResourceId', 'ResourceCompanyId', 'LineProperty', 'CostPrice', 'SalesPrice', 'CurrencyId', 'Description', 'TransactionID', 'Voucher', 'IsPosted'],
	matches: (record) => hasKeys(record, ['JournalId', 'Hours', 'ProjectID']),
	toCanonical(record, context) {
		const problems: Problem[] = [];
		const rate = (field: string, currency: unknown) => {
			const money = moneyFrom(record[field], currency, `payload.${field}`, problems);
			return money ? { ...money, unit: 'hour' } : undefined;
		};
		const data = compact({
			date: dateFrom(record.ProjectDate),
			hours: decimalFrom(record.Hours, 'payload.Hours', problems),
			resource: foRef(record.ResourceId),
			project: foRef(scopedId(record.dataAreaId, record.ProjectID)),
			task: foRef(record.ActivityNumber || undefined),
			serviceItem: foRef(record.Category),
			approvalState: 'approved',
			billable: BILLABLE_LINE_PROPERTIES.has(String(record.LineProperty)),
			billRate: record.SalesPrice === undefined ? undefined : rate('SalesPrice', record.CurrencyId),
			costRate: record.CostPrice === undefined ? undefined : rate('CostPrice', record.CurrencyId ?? context.defaultCurrency),
			description: record.Description || undefined,
			legalEntity: foRef(record.dataAreaId),
			timesheet: foRef(scopedId(record.dataAreaId, record.JournalId)),
			posted: record.IsPosted === undefined ? undefined : yes(record.IsPosted),
		});
		return { data, source: sourceOf(record, scopedId(record.dataAreaId, record.JournalId, record.LineNumber), problems, 'dataAreaId, JournalId, LineNumber'), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const ref = (field: string) => foRefOut(data[field], context, `timeEntry.${field}`, problems);
		const billRate = isPlainObject(data.billRate) ? data.billRate : undefined;
		if (billRate && billRate.unit !== 'hour') problems.push({ path: 'timeEntry.billRate.unit', reason: 'hour journal lines are priced per hour' });
		const record = compact({
			ProjectID: ref('project'),
			ActivityNumber: ref('task'),
			Category: ref('serviceItem'),
			ResourceId: ref('resource'),
			ProjectDate: dateOut(data.date),
			Hours: decimalOut(data.hours, 'timeEntry.hours', problems),
			LineProperty: data.billable === true ? 'Billable' : 'NonBillable',
			SalesPrice: billRate && billRate.unit === 'hour' ? decimalOut(billRate, 'timeEntry.billRate.amount', problems) : undefined,
			CurrencyId: billRate?.currency,
			Description: data.description ?? (context.sourceSystem === FINANCE ? undefined : `${context.sourceSystem}:${context.sourceExternalId ?? context.sourceId}`),
		});
		return { record, problems };
	},
};

/**
 * A fee journal line (a project journal line of a Revenue journal): a fixed fee ready to bill. The fee is the
 * line's sales price (fee lines carry no hours); posted means released to invoicing.
 */
export const feeJournalLineMapper: VendorMapper = {
	system: FINANCE,
	object: 'ProjectFeeJournalLines',
	aliases: ['feeJournalLine', 'billingEvent'],
	entity: 'billingEvent',
	version: 1,
	knownFields: [...ENVELOPE_FIELDS, 'JournalId', 'LineNumber', 'ProjectID', 'ActivityNumber', 'Category', 'Hours', 'ProjectDate', 'ResourceId', 'ResourceCompanyId', 'LineProperty', 'CostPrice', 'SalesPrice', 'CurrencyId', 'Description', 'TransactionID', 'Voucher', 'IsPosted'],
	// Fee lines share the hour lines' entity: only the object name chooses this mapping.
	matches: () => false,
	toCanonical(record) {
		const problems: Problem[] = [];
		const data = compact({
			project: foRef(scopedId(record.dataAreaId, record.ProjectID)),
			date: dateFrom(record.ProjectDate),
			kind: 'fixedFee',
			status: yes(record.IsPosted) ? 'released' : 'approved',
			amount: moneyFrom(record.SalesPrice, record.CurrencyId, 'payload.SalesPrice', problems),
			description: record.Description || undefined,
		});
		return { data, source: sourceOf(record, scopedId(record.dataAreaId, record.JournalId, record.LineNumber), problems, 'dataAreaId, JournalId, LineNumber'), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const amount = isPlainObject(data.amount) ? data.amount : undefined;
		const record = compact({
			ProjectID: foRefOut(data.project, context, 'billingEvent.project', problems),
			ProjectDate: dateOut(data.date),
			Category: 'Fee',
			Hours: 0,
			SalesPrice: decimalOut(amount, 'billingEvent.amount.amount', problems),
			CurrencyId: amount?.currency,
			Description: data.description ?? sourceIdFor(context),
		});
		return { record, problems };
	},
};

export const expenseJournalLineMapper: VendorMapper = {
	system: FINANCE,
	object: 'ExpenseJournalLines',
	aliases: ['expense', 'expenseJournalLine', 'ExpenseJournalLineEntity'],
	entity: 'expense',
	version: 1,
	knownFields: [...ENVELOPE_FIELDS, 'JournalBatchNumber', 'LineNumber', 'ProjId', 'ActivityNumber', 'ProjectCategory', 'ProjectDate', 'ResourceId', 'ResourceCompanyId', 'ProjectLineProperty', 'DebitAmount', 'CreditAmount', 'CurrencyCode', 'Text', 'Document', 'Voucher', 'ProjectCostQuantity', 'ProjectCostPrice', 'ProjectSalesPrice', 'ProjectSalesCurrencyCode', 'AccountType', 'Account', 'AccountDisplayValue', 'OffsetAccountType', 'OffsetAccountDisplayValue', 'VoucherDate', 'IsPosted'],
	matches: (record) => hasKeys(record, ['JournalBatchNumber', 'ProjId', 'ProjectCategory']),
	toCanonical(record) {
		const problems: Problem[] = [];
		const debit = moneyFrom(record.DebitAmount ?? 0, record.CurrencyCode, 'payload.DebitAmount', problems);
		const credit = moneyFrom(record.CreditAmount ?? 0, record.CurrencyCode, 'payload.CreditAmount', problems);
		// An expense is the debit; a credit line is a refund, negative on the canonical side.
		const amount = debit && credit ? { amount: formatAmount(parseAmount(debit.amount, debit.currency) - parseAmount(credit.amount, credit.currency), debit.currency), currency: debit.currency } : undefined;
		const date = dateFrom(record.ProjectDate) ?? dateFrom(record.VoucherDate);
		const data = compact({
			number: textOf(record.Document) || undefined,
			resource: foRef(record.ResourceId),
			date,
			approvalState: 'approved',
			currency: record.CurrencyCode,
			total: amount,
			lines: [
				compact({
					lineId: textOf(record.LineNumber),
					date,
					category: foRef(record.ProjectCategory),
					amount,
					project: foRef(scopedId(record.dataAreaId, record.ProjId)),
					task: foRef(record.ActivityNumber || undefined),
					billable: BILLABLE_LINE_PROPERTIES.has(String(record.ProjectLineProperty)),
					memo: record.Text || undefined,
				}),
			],
			memo: record.Text || undefined,
		});
		return { data, source: sourceOf(record, scopedId(record.dataAreaId, record.JournalBatchNumber, record.LineNumber), problems, 'dataAreaId, JournalBatchNumber, LineNumber'), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const lines = Array.isArray(data.lines) ? (data.lines as CanonicalData[]) : [];
		const resource = foRefOut(data.resource, context, 'expense.resource', problems);
		const reference = sourceIdFor(context);
		// One expense journal line per canonical expense line; the journal Create operation takes them as `lines`.
		const rendered = lines.map((line, index) => {
			const amount = isPlainObject(line.amount) ? line.amount : undefined;
			const negative = typeof amount?.amount === 'string' && amount.amount.startsWith('-');
			const absolute = amount && negative ? { ...amount, amount: String(amount.amount).slice(1) } : amount;
			return compact({
				LineNumber: index + 1,
				ProjId: foRefOut(line.project, context, `expense.lines.${index}.project`, problems),
				ActivityNumber: foRefOut(line.task, context, `expense.lines.${index}.task`, problems),
				ProjectCategory: foRefOut(line.category, context, `expense.lines.${index}.category`, problems),
				ResourceId: resource,
				ProjectDate: dateOut(line.date ?? data.date),
				CurrencyCode: amount?.currency ?? data.currency,
				DebitAmount: negative ? undefined : decimalOut(absolute, `expense.lines.${index}.amount.amount`, problems),
				CreditAmount: negative ? decimalOut(absolute, `expense.lines.${index}.amount.amount`, problems) : undefined,
				ProjectLineProperty: line.billable === true ? 'Billable' : 'NonBillable',
				Text: line.memo ?? data.memo,
				Document: reference ? `${reference}#${String(line.lineId)}` : undefined,
			});
		});
		return { record: compact({ Description: reference, lines: rendered }), problems };
	},
};

function linesOf(record: VendorRecord, field: string): VendorRecord[] {
	return Array.isArray(record[field]) ? (record[field] as VendorRecord[]) : [];
}

function sumMoney(amounts: Array<{ amount: string; currency: string } | undefined>, currency: string): { amount: string; currency: string } {
	let minor = 0n;
	for (const money of amounts) if (money) minor += parseAmount(money.amount, currency);
	return { amount: formatAmount(minor, currency), currency };
}

export const freeTextInvoiceMapper: VendorMapper = {
	system: FINANCE,
	object: 'FreeTextInvoiceHeaders',
	aliases: ['invoice', 'freeTextInvoice', 'FreeTextInvoiceHeaderEntity'],
	entity: 'invoice',
	version: 1,
	knownFields: [...ENVELOPE_FIELDS, 'InvoiceIdentifier', 'FreeTextNumber', 'InvoiceId', 'CustomerAccount', 'InvoiceAccount', 'InvoiceDate', 'DueDate', 'CurrencyCode', 'IsPosted', 'ExternalInvoiceId', 'CustomerReference', 'CustomerRequisition', 'TermsOfPayment', 'InvoiceName', 'Lines'],
	matches: (record) => hasKeys(record, ['InvoiceIdentifier', 'CustomerAccount']),
	toCanonical(record) {
		const problems: Problem[] = [];
		const currency = String(record.CurrencyCode ?? '');
		const lines = linesOf(record, 'Lines').map((line, index) => {
			const amount = moneyFrom(line.TransactionCurrencyAmount, currency, `payload.Lines.${index}.TransactionCurrencyAmount`, problems);
			return compact({
				lineId: textOf(line.LineNumber),
				item: foRef(line.MainAccountDisplayValue),
				description: line.Description || undefined,
				quantity: decimalFrom(line.Quantity, `payload.Lines.${index}.Quantity`, problems),
				rate: line.UnitPrice === undefined ? undefined : moneyFrom(line.UnitPrice, currency, `payload.Lines.${index}.UnitPrice`, problems),
				amount,
				taxAmount: line.SalesTaxAmount === undefined ? undefined : moneyFrom(line.SalesTaxAmount, currency, `payload.Lines.${index}.SalesTaxAmount`, problems),
				project: foRef(line.ProjectID ? scopedId(record.dataAreaId, line.ProjectID) : undefined),
			});
		});
		let totals: CanonicalData = {};
		try {
			const subtotal = sumMoney(lines.map((l) => l.amount as { amount: string; currency: string } | undefined), currency);
			const tax = sumMoney(lines.map((l) => l.taxAmount as { amount: string; currency: string } | undefined), currency);
			totals = { subtotal, taxTotal: tax, total: sumMoney([subtotal, tax], currency) };
		} catch (error) {
			problems.push({ path: 'payload.CurrencyCode', reason: (error as Error).message });
		}
		const posted = yes(record.IsPosted);
		const data = compact({
			number: textOf(record.InvoiceId) || textOf(record.FreeTextNumber) || undefined,
			customer: foRef(scopedId(record.dataAreaId, record.CustomerAccount)),
			issueDate: dateFrom(record.InvoiceDate),
			dueDate: dateFrom(record.DueDate),
			status: posted ? 'open' : 'draft',
			currency: record.CurrencyCode,
			lines,
			...totals,
			paymentTerms: record.TermsOfPayment || undefined,
			purchaseOrder: record.CustomerRequisition || undefined,
			memo: record.CustomerReference || undefined,
			legalEntity: foRef(record.dataAreaId),
		});
		return { data, source: sourceOf(record, scopedId(record.dataAreaId, record.InvoiceIdentifier), problems, 'dataAreaId, InvoiceIdentifier'), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const lines = Array.isArray(data.lines) ? (data.lines as CanonicalData[]) : [];
		const record = compact({
			CustomerAccount: foRefOut(data.customer, context, 'invoice.customer', problems),
			InvoiceDate: dateOut(data.issueDate),
			DueDate: dateOut(data.dueDate),
			CurrencyCode: data.currency,
			CustomerRequisition: data.purchaseOrder,
			CustomerReference: data.memo,
			ExternalInvoiceId: sourceIdFor(context),
			lines: lines.map((line, index) =>
				compact({
					LineNumber: index + 1,
					Description: line.description,
					MainAccountDisplayValue: foRefOut(line.item, context, `invoice.lines.${index}.item`, problems),
					Quantity: decimalOut(line.quantity ?? '1', `invoice.lines.${index}.quantity`, problems),
					UnitPrice: decimalOut(line.rate ?? line.amount, `invoice.lines.${index}.rate.amount`, problems),
					TransactionCurrencyAmount: decimalOut(line.amount, `invoice.lines.${index}.amount.amount`, problems),
					ProjectID: foRefOut(line.project, context, `invoice.lines.${index}.project`, problems),
				}),
			),
		});
		return { record, problems };
	},
};

export const generalJournalMapper: VendorMapper = {
	system: FINANCE,
	object: 'LedgerJournalHeaders',
	aliases: ['journalEntry', 'generalJournal', 'LedgerJournalHeaderEntity'],
	entity: 'journalEntry',
	version: 1,
	knownFields: [...ENVELOPE_FIELDS, 'JournalBatchNumber', 'JournalName', 'Description', 'IsPosted', 'PostingLayer', 'JournalTotalDebit', 'JournalTotalCredit', 'AccountingCurrency', 'IntegrationKey', 'Lines'],
	matches: (record) => hasKeys(record, ['JournalBatchNumber', 'JournalName']) && !('ProjectID' in record),
	toCanonical(record) {
		const problems: Problem[] = [];
		const lines: CanonicalData[] = [];
		const sourceLines = linesOf(record, 'Lines');
		for (const [index, line] of sourceLines.entries()) {
			const currency = line.CurrencyCode ?? record.AccountingCurrency;
			const debit = line.DebitAmount ? moneyFrom(line.DebitAmount, currency, `payload.Lines.${index}.DebitAmount`, problems) : undefined;
			const credit = line.CreditAmount ? moneyFrom(line.CreditAmount, currency, `payload.Lines.${index}.CreditAmount`, problems) : undefined;
			lines.push(compact({ lineId: textOf(line.LineNumber), account: foRef(line.AccountDisplayValue), debit, credit, memo: line.Text || undefined }));
			// A line with an offset account is two legs of the entry: the offset takes the opposite side.
			if (line.OffsetAccountDisplayValue) {
				lines.push(compact({ lineId: `${textOf(line.LineNumber)}-offset`, account: foRef(line.OffsetAccountDisplayValue), debit: credit, credit: debit, memo: line.OffsetText || line.Text || undefined }));
			}
		}
		const first = sourceLines[0] ?? {};
		const data = compact({
			number: textOf(record.JournalBatchNumber),
			date: dateFrom(first.TransDate),
			currency: first.CurrencyCode ?? record.AccountingCurrency,
			legalEntity: foRef(record.dataAreaId),
			approvalState: yes(record.IsPosted) ? 'approved' : undefined,
			memo: record.Description || undefined,
			lines,
		});
		return { data, source: sourceOf(record, scopedId(record.dataAreaId, record.JournalBatchNumber), problems, 'dataAreaId, JournalBatchNumber'), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const lines = Array.isArray(data.lines) ? (data.lines as CanonicalData[]) : [];
		const record = compact({
			Description: data.memo,
			IntegrationKey: sourceIdFor(context),
			lines: lines.map((line, index) =>
				compact({
					LineNumber: index + 1,
					AccountType: 'Ledger',
					AccountDisplayValue: foRefOut(line.account, context, `journalEntry.lines.${index}.account`, problems),
					TransDate: dateOut(data.date),
					CurrencyCode: data.currency,
					DebitAmount: decimalOut(line.debit, `journalEntry.lines.${index}.debit.amount`, problems) ?? 0,
					CreditAmount: decimalOut(line.credit, `journalEntry.lines.${index}.credit.amount`, problems) ?? 0,
					Text: line.memo ?? data.memo,
				}),
			),
		});
		return { record, problems };
	},
};

const WORKER_STATUS: Record<string, string> = { Employed: 'active', Pending: 'inactive', Terminated: 'terminated' };

/** Workers (HcmWorkerEntity) are global, not company-scoped: the personnel number is the key. */
export const workerMapper: VendorMapper = {
	system: FINANCE,
	object: 'Workers',
	aliases: ['worker', 'resource', 'HcmWorkerEntity'],
	entity: 'resource',
	version: 1,
	knownFields: ['@odata.etag', '@odata.context', 'PersonnelNumber', 'Name', 'FirstName', 'LastName', 'PrimaryContactEmail', 'Title', 'WorkerType', 'WorkerStatus', 'OriginalHireDateTime'],
	matches: (record) => hasKeys(record, ['PersonnelNumber', 'Name']),
	toCanonical(record) {
		const problems: Problem[] = [];
		const data = compact({
			number: textOf(record.PersonnelNumber),
			name: compact({ display: record.Name ?? [record.FirstName, record.LastName].filter(Boolean).join(' '), given: record.FirstName || undefined, family: record.LastName || undefined }),
			email: record.PrimaryContactEmail || undefined,
			title: record.Title || undefined,
			workerType: record.WorkerType === 'Contractor' ? 'contractor' : record.WorkerType === 'Employee' ? 'employee' : undefined,
			employmentStatus: WORKER_STATUS[String(record.WorkerStatus)] ?? 'active',
			hireDate: dateFrom(record.OriginalHireDateTime),
			// Cost rates live in F&O's project cost price setup, not on the worker.
			costRates: [],
		});
		return { data, source: sourceOf(record, textOf(record.PersonnelNumber), problems, 'PersonnelNumber'), problems };
	},
	fromCanonical(data) {
		const name = isPlainObject(data.name) ? data.name : {};
		const record = compact({
			PersonnelNumber: textOf(data.number),
			Name: name.display,
			FirstName: name.given,
			LastName: name.family,
			PrimaryContactEmail: data.email,
			Title: data.title,
			WorkerType: data.workerType === 'contractor' ? 'Contractor' : 'Employee',
			OriginalHireDateTime: dateOut(data.hireDate),
		});
		return { record, problems: [] };
	},
};

/** A project contract: the agreement projects are funded under, by its customer (funding source). */
export const projectContractMapper: VendorMapper = {
	system: FINANCE,
	object: 'ProjectContracts',
	aliases: ['projectContract', 'contract'],
	entity: 'contract',
	version: 1,
	knownFields: [...ENVELOPE_FIELDS, 'ProjectContractID', 'ContractName', 'CustomerAccount', 'CurrencyCode', 'ExternalReference'],
	matches: (record) => hasKeys(record, ['ProjectContractID', 'ContractName']),
	toCanonical(record) {
		const problems: Problem[] = [];
		const data = compact({
			name: record.ContractName,
			number: textOf(record.ProjectContractID),
			kind: 'contract',
			customer: foRef(scopedId(record.dataAreaId, record.CustomerAccount)),
			status: 'active',
			currency: record.CurrencyCode,
			lines: [],
		});
		return { data, source: sourceOf(record, scopedId(record.dataAreaId, record.ProjectContractID), problems, 'dataAreaId, ProjectContractID'), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const record = compact({
			ProjectContractID: textOf(data.number),
			ContractName: data.name,
			CustomerAccount: foRefOut(data.customer, context, 'contract.customer', problems),
			CurrencyCode: data.currency,
			ExternalReference: sourceIdFor(context),
		});
		return { record, problems };
	},
};

export const financeMappers: readonly VendorMapper[] = [customerMapper, projectMapper, projectContractMapper, workerMapper, hourJournalLineMapper, feeJournalLineMapper, expenseJournalLineMapper, freeTextInvoiceMapper, generalJournalMapper];

