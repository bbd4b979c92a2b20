/**
 * Oracle Fusion records ⇄ canonical entities: account → customer, project (with its Tasks as the WBS) →
 * project, unprocessed and processed project costs → time entry (quantities in hours) or expense (the rest),
 * project billing event → billing event, receivables invoice (with its lines) → invoice, expense report (with
 * its expenses) → expense, worker → resource. Oracle sends amounts and quantities as JSON numbers; they are read
 * as the exact decimal text they were sent as and checked against the currency's minor units, never through
 * float arithmetic; sums are taken in integer minor units.
 */
import type { CanonicalData, FromCanonicalContext, Problem, VendorMapper, VendorRecord } from '../../../lib/canonical';
import { compact, dateText, decimalToNumber, exactDecimalText, isPlainObject, lookupLabel, moneyOf, reference, textOf, timestampText } from '../../../lib/canonical';
import { formatAmount, isCurrencyCode, parseAmount } from '../../../lib/money';
import { prepareJournal } from '../transport/journalImport';

export const ORACLE = 'oracleFusion';

const COMMON_FIELDS = ['links', '@context', 'CreationDate', 'CreatedBy', 'LastUpdateDate', 'LastUpdatedBy', 'LastUpdateLogin'];

export function orRef(id: unknown, name?: unknown): Record<string, unknown> | undefined {
	return reference(ORACLE, id, name);
}

function sourceOf(record: VendorRecord, key: string, problems: Problem[]) {
	const id = textOf(record[key]);
	if (!id) problems.push({ path: `payload.${key}`, reason: `is required: the Oracle key of the record (${key})` });
	const modifiedAt = timestampText(record.LastUpdateDate);
	return compact({ id: id ?? '', modifiedAt: typeof modifiedAt === 'string' ? modifiedAt : undefined });
}

/** A canonical reference as an Oracle value; a reference into another system is a problem naming the field. */
function refOut(ref: unknown, context: FromCanonicalContext, path: string, what: string, problems: Problem[]): string | undefined {
	if (!isPlainObject(ref)) return undefined;
	if (context.sourceSystem === ORACLE) return textOf(ref.id);
	problems.push({ path, reason: `refers to a ${context.sourceSystem} record (id ${String(ref.id)}); Oracle needs its own ${what} here, so map it first` });
	return undefined;
}

/** Oracle's Y/N flags and booleans. */
function flag(value: unknown): boolean | undefined {
	if (value === true || value === 'Y' || value === 'true') return true;
	if (value === false || value === 'N' || value === 'false') return false;
	return undefined;
}

/** An exact decimal quantity (hours) from a JSON number or text. */
function decimalOf(value: unknown, path: string, problems: Problem[]): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = exactDecimalText(value);
	if (typeof text !== 'string' || !/^-?\d+(\.\d+)?$/.test(text)) {
		problems.push({ path, reason: `must be a decimal number (got ${JSON.stringify(value)})` });
		return undefined;
	}
	return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** Money from an Oracle amount and currency, exact to the currency's minor units (else a problem naming the field). */
function money(amount: unknown, currency: unknown, path: string, problems: Problem[]): { amount: string; currency: string } | undefined {
	if (amount === undefined || amount === null) return undefined;
	if (typeof currency !== 'string' || !isCurrencyCode(currency)) {
		problems.push({ path, reason: `has no ISO 4217 currency (got ${JSON.stringify(currency)})` });
		return undefined;
	}
	const value = moneyOf(amount, currency) as { amount: string; currency: string };
	try {
		parseAmount(value.amount, currency);
	} catch (error) {
		problems.push({ path, reason: (error as Error).message });
		return undefined;
	}
	return value;
}

function minor(value: { amount: string; currency: string }): bigint {
	return parseAmount(value.amount, value.currency);
}

function amountOut(value: unknown, path: string, problems: Problem[]): number | undefined {
	if (!isPlainObject(value)) return undefined;
	return decimalToNumber(value.amount, path, problems);
}

function children(record: VendorRecord, name: string): VendorRecord[] {
	const value = record[name];
	if (Array.isArray(value)) return value.filter(isPlainObject);
	// Without onlyData a child collection is `{items: [...]}`.
	if (isPlainObject(value) && Array.isArray(value.items)) return (value.items as unknown[]).filter(isPlainObject);
	return [];
}

// ---------------------------------------------------------------------------------------------------------

const ACCOUNT_FIELDS = ['PartyId', 'PartyNumber', 'OrganizationName', 'Type', 'PartyStatus', 'CurrencyCode', 'EmailAddress', 'URL', 'PhoneNumber', 'IndustryCode', 'TaxpayerIdentificationNumber', 'AddressLine1', 'City', 'State', 'PostalCode', 'Country', 'SourceSystem', 'SourceSystemReferenceValue'];

export const accountMapper: VendorMapper = {
	system: ORACLE,
	object: 'accounts',
	aliases: ['account', 'customer'],
	entity: 'customer',
	version: 1,
	knownFields: [...COMMON_FIELDS, ...ACCOUNT_FIELDS],
	matches: (record) => 'PartyNumber' in record && 'OrganizationName' in record,
	toCanonical(record) {
		const problems: Problem[] = [];
		const status = record.PartyStatus === 'I' ? 'inactive' : record.Type === 'ZCA_PROSPECT' ? 'prospect' : 'active';
		const address = compact({ line1: record.AddressLine1, city: record.City, region: record.State, postalCode: record.PostalCode, country: record.Country });
		const data = compact({
			name: record.OrganizationName,
			number: textOf(record.PartyNumber),
			status,
			kind: 'company',
			currency: record.CurrencyCode ?? undefined,
			email: record.EmailAddress ?? undefined,
			website: record.URL ?? undefined,
			phone: record.PhoneNumber ?? undefined,
			industry: record.IndustryCode ?? undefined,
			taxId: record.TaxpayerIdentificationNumber ?? undefined,
			billingAddress: Object.keys(address).length ? address : undefined,
		});
		return { data, source: sourceOf(record, 'PartyNumber', problems), problems };
	},
	fromCanonical(data) {
		const address = (data.billingAddress ?? {}) as Record<string, unknown>;
		const record = compact({
			OrganizationName: data.name,
			Type: data.status === 'prospect' ? 'ZCA_PROSPECT' : 'ZCA_CUSTOMER',
			CurrencyCode: data.currency,
			EmailAddress: data.email,
			URL: data.website,
			PhoneNumber: data.phone,
			TaxpayerIdentificationNumber: data.taxId,
			AddressLine1: address.line1,
			City: address.city,
			State: address.region,
			PostalCode: address.postalCode,
			Country: address.country,
		});
		return { record, problems: [] };
	},
};

// ---------------------------------------------------------------------------------------------------------

const PROJECT_STATUS: Record<string, string> = { active: 'active', approved: 'active', draft: 'planned', unapproved: 'planned', submitted: 'planned', onhold: 'onHold', pendingclose: 'active', closed: 'closed', cancelled: 'cancelled', canceled: 'cancelled' };
const PROJECT_STATUS_OUT: Record<string, string> = { planned: 'UNAPPROVED', active: 'ACTIVE', onHold: 'ON_HOLD', closed: 'CLOSED', cancelled: 'CLOSED' };
const PROJECT_FIELDS = ['ProjectId', 'ProjectNumber', 'ProjectName', 'ProjectDescription', 'ProjectStatus', 'ProjectStatusCode', 'ProjectStartDate', 'ProjectEndDate', 'ProjectCurrencyCode', 'ProjectManagerName', 'ProjectManagerEmail', 'LegalEntityName', 'BusinessUnitName', 'OrganizationName', 'CustomerName', 'CustomerNumber', 'ContractNumber', 'SourceApplicationCode', 'SourceProjectReference', 'ProjectTypeName', 'Tasks'];

/**
 * A task's id is its TaskNumber, the key Oracle's costs, billing events and task writes name it by (and what
 * fromCanonical writes back as TaskNumber); a task without one keeps its TaskId. The parent is named the same way.
 */
function taskOf(task: VendorRecord, index: number, tasks: VendorRecord[], problems: Problem[]): CanonicalData {
	const finished = flag(task.CompletedFlag);
	const parent = tasks.find((t) => t.TaskId !== undefined && String(t.TaskId) === String(task.ParentTaskId));
	return compact({
		taskId: textOf(task.TaskNumber ?? task.TaskId),
		name: task.TaskName,
		parentTaskId: parent ? textOf(parent.TaskNumber ?? parent.TaskId) : textOf(task.ParentTaskId),
		status: finished === true ? 'complete' : undefined,
		startDate: dateText(task.PlannedStartDate),
		endDate: dateText(task.PlannedFinishDate),
		plannedHours: decimalOf(task.PlannedEffort, `payload.Tasks[${index}].PlannedEffort`, problems),
		billable: flag(task.BillableFlag),
		isMilestone: flag(task.MilestoneFlag),
	});
}

export const projectMapper: VendorMapper = {
	system: ORACLE,
	object: 'projects',
	aliases: ['project'],
	entity: 'project',
	version: 1,
	knownFields: [...COMMON_FIELDS, ...PROJECT_FIELDS],
	matches: (record) => 'ProjectId' in record && 'ProjectName' in record,
	toCanonical(record) {
		const problems: Problem[] = [];
		const statusText = lookupLabel(PROJECT_STATUS, record.ProjectStatusCode) ?? lookupLabel(PROJECT_STATUS, record.ProjectStatus);
		if (!statusText) problems.push({ path: 'payload.ProjectStatusCode', reason: `is not a project status the mapping knows (got ${JSON.stringify(record.ProjectStatusCode ?? record.ProjectStatus)})` });
		const data = compact({
			name: record.ProjectName,
			number: textOf(record.ProjectNumber),
			customer: orRef(record.CustomerNumber, record.CustomerName),
			contract: orRef(record.ContractNumber),
			status: statusText ?? record.ProjectStatusCode,
			currency: record.ProjectCurrencyCode ?? undefined,
			startDate: dateText(record.ProjectStartDate),
			endDate: dateText(record.ProjectEndDate),
			manager: orRef(record.ProjectManagerEmail, record.ProjectManagerName),
			legalEntity: orRef(record.LegalEntityName, record.LegalEntityName),
			practice: record.OrganizationName ?? undefined,
			description: record.ProjectDescription ?? undefined,
			tasks: children(record, 'Tasks').map((task, i, tasks) => taskOf(task, i, tasks, problems)),
		});
		return { data, source: sourceOf(record, 'ProjectId', problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const tasks = Array.isArray(data.tasks) ? (data.tasks as Array<Record<string, unknown>>) : [];
		const record = compact({
			ProjectName: data.name,
			ProjectNumber: data.number,
			ProjectDescription: data.description,
			ProjectStatusCode: PROJECT_STATUS_OUT[String(data.status)],
			ProjectStartDate: data.startDate,
			ProjectEndDate: data.endDate,
			ProjectCurrencyCode: data.currency,
			SourceApplicationCode: context.sourceSystem === ORACLE ? undefined : context.sourceSystem,
			SourceProjectReference: context.sourceSystem === ORACLE ? undefined : context.sourceId,
			Tasks: tasks.length
				? tasks.map((task, i) =>
						compact({
							TaskName: task.name,
							TaskNumber: task.taskId,
							PlannedStartDate: task.startDate,
							PlannedFinishDate: task.endDate,
							PlannedEffort: decimalToNumber(task.plannedHours, `project.tasks[${i}].plannedHours`, problems),
							MilestoneFlag: task.isMilestone === undefined ? undefined : task.isMilestone === true,
							BillableFlag: task.billable === undefined ? undefined : task.billable === true,
						}),
					)
				: undefined,
		});
		return { record, problems };
	},
};

// ---------------------------------------------------------------------------------------------------------

const COST_FIELDS = ['unprocessedProjectCostsUniqID', 'ExpenditureItemId', 'TransactionNumber', 'TransactionSource', 'Document', 'DocumentEntry', 'BusinessUnit', 'ProjectId', 'ProjectNumber', 'ProjectName', 'TaskId', 'TaskNumber', 'TaskName', 'ExpenditureType', 'ExpenditureItemDate', 'ExpenditureOrganization', 'PersonId', 'PersonNumber', 'PersonName', 'Quantity', 'UnitOfMeasure', 'DenomCurrencyCode', 'DenomRawCost', 'DenomBurdenedCost', 'OriginalTransactionReference', 'BillableFlag', 'CapitalizableFlag', 'ExpenditureComment', 'TransactionStatus', 'Errors'];

/** Labor costs carry hours; anything else (currency amounts) is an expense cost. */
export function isLaborCost(record: VendorRecord): boolean {
	return /^hours?$/i.test(String(record.UnitOfMeasure ?? ''));
}

function costKey(record: VendorRecord): string {
	return 'ExpenditureItemId' in record ? 'ExpenditureItemId' : 'TransactionNumber';
}

function costIdentity(record: VendorRecord): { project?: Record<string, unknown>; task?: Record<string, unknown>; resource?: Record<string, unknown> } {
	return {
		project: orRef(record.ProjectNumber, record.ProjectName),
		task: orRef(record.TaskNumber, record.TaskName),
		resource: orRef(record.PersonNumber, record.PersonName),
	};
}

function costOut(data: CanonicalData, context: FromCanonicalContext, entity: string, problems: Problem[]) {
	return {
		ProjectNumber: refOut(data.project, context, `${entity}.project`, 'ProjectNumber', problems),
		TaskNumber: refOut(data.task, context, `${entity}.task`, 'TaskNumber', problems),
		PersonNumber: refOut(data.resource, context, `${entity}.resource`, 'PersonNumber', problems),
		OriginalTransactionReference: context.sourceExternalId ?? context.sourceId,
	};
}

function laborCostMapper(object: string, aliases: string[], posted: boolean): VendorMapper {
	return {
		system: ORACLE,
		object,
		aliases,
		entity: 'timeEntry',
		version: 1,
		knownFields: [...COMMON_FIELDS, ...COST_FIELDS],
		matches: (record) => 'ExpenditureItemDate' in record && isLaborCost(record) && posted === 'ExpenditureItemId' in record,
		toCanonical(record) {
			const problems: Problem[] = [];
			const hours = decimalOf(record.Quantity, 'payload.Quantity', problems);
			const data = compact({
				date: dateText(record.ExpenditureItemDate),
				hours,
				...costIdentity(record),
				approvalState: 'approved',
				billable: flag(record.BillableFlag) ?? false,
				description: record.ExpenditureComment ?? undefined,
				posted,
			});
			return { data, source: sourceOf(record, costKey(record), problems), enterpriseId: undefined, problems };
		},
		fromCanonical(data, context) {
			const problems: Problem[] = [];
			const record = compact({
				ExpenditureItemDate: data.date,
				Quantity: decimalToNumber(data.hours, 'timeEntry.hours', problems),
				UnitOfMeasure: 'Hours',
				BillableFlag: data.billable === true ? 'Y' : 'N',
				ExpenditureComment: data.description,
				...costOut(data, context, 'timeEntry', problems),
			});
			return { record, problems };
		},
	};
}

function expenseCostMapper(object: string, aliases: string[], posted: boolean): VendorMapper {
	return {
		system: ORACLE,
		object,
		aliases,
		entity: 'expense',
		version: 1,
		knownFields: [...COMMON_FIELDS, ...COST_FIELDS],
		matches: (record) => 'ExpenditureItemDate' in record && !isLaborCost(record) && posted === 'ExpenditureItemId' in record,
		toCanonical(record) {
			const problems: Problem[] = [];
			const amount = money(record.DenomRawCost, record.DenomCurrencyCode, 'payload.DenomRawCost', problems);
			const identity = costIdentity(record);
			const date = dateText(record.ExpenditureItemDate);
			const data = compact({
				number: textOf(record.OriginalTransactionReference),
				resource: identity.resource,
				date,
				approvalState: 'approved',
				currency: record.DenomCurrencyCode,
				total: amount,
				lines: amount
					? [compact({ lineId: textOf(record[costKey(record)]) ?? '1', date, category: orRef(record.ExpenditureType, record.ExpenditureType), amount, project: identity.project, task: identity.task, billable: flag(record.BillableFlag) ?? false, memo: record.ExpenditureComment ?? undefined })]
					: [],
			});
			return { data, source: sourceOf(record, costKey(record), problems), problems };
		},
		fromCanonical(data, context) {
			const problems: Problem[] = [];
			const lines = Array.isArray(data.lines) ? (data.lines as Array<Record<string, unknown>>) : [];
			if (lines.length !== 1) problems.push({ path: 'expense.lines', reason: `an Oracle cost is one expenditure item: map each expense line on its own (got ${lines.length} lines)` });
			const line = lines[0] ?? {};
			// One cost holds one amount: tax inside it would be costed as the expense, so it must come as its own cost.
			if (isPlainObject(line.taxAmount) && !/^-?0*(\.0*)?$/.test(String(line.taxAmount.amount))) {
				problems.push({ path: 'expense.lines[0].taxAmount', reason: 'an Oracle cost has no tax amount of its own: post the amount without tax and the tax as two costs' });
			}
			const record = compact({
				ExpenditureItemDate: line.date ?? data.date,
				ExpenditureType: refOut(line.category, context, 'expense.lines[0].category', 'ExpenditureType', problems),
				Quantity: 1,
				UnitOfMeasure: 'Each',
				DenomRawCost: amountOut(line.amount, 'expense.lines[0].amount', problems),
				DenomCurrencyCode: isPlainObject(line.amount) ? line.amount.currency : data.currency,
				BillableFlag: line.billable === true ? 'Y' : 'N',
				ExpenditureComment: line.memo ?? data.memo,
				...costOut({ ...data, project: line.project, task: line.task }, context, 'expense', problems),
			});
			return { record, problems };
		},
	};
}

export const unprocessedLaborCostMapper = laborCostMapper('unprocessedLaborCost', ['unprocessedProjectCostLabor'], false);
export const unprocessedExpenseCostMapper = expenseCostMapper('unprocessedExpenseCost', ['unprocessedProjectCostExpense'], false);
export const processedLaborCostMapper = laborCostMapper('projectLaborCost', ['projectCostLabor'], true);
export const processedExpenseCostMapper = expenseCostMapper('projectExpenseCost', ['projectCostExpense'], true);

// ---------------------------------------------------------------------------------------------------------

const EVENT_KIND: Record<string, string> = { milestone: 'milestone', fixedfee: 'fixedFee', fixedprice: 'fixedFee', fixedfeebilling: 'fixedFee', adjustment: 'adjustment', expense: 'expense', time: 'time', labor: 'time' };
const EVENT_TYPE_OUT: Record<string, string> = { milestone: 'Milestone', fixedFee: 'Fixed Fee', adjustment: 'Adjustment', expense: 'Expense', time: 'Labor', subscription: 'Fixed Fee' };
const EVENT_FIELDS = ['EventId', 'EventNumber', 'ContractId', 'ContractNumber', 'ContractLineNumber', 'EventTypeName', 'ProjectId', 'ProjectNumber', 'TaskNumber', 'BillTrnsAmount', 'BillTrnsCurrencyCode', 'CompletionDate', 'EventDescription', 'BusinessUnitName', 'OrganizationName', 'InvoicedFlag', 'BillHoldFlag', 'CustomerNumber'];

export const billingEventMapper: VendorMapper = {
	system: ORACLE,
	object: 'projectBillingEvents',
	aliases: ['projectBillingEvent', 'billingEvent'],
	entity: 'billingEvent',
	version: 1,
	knownFields: [...COMMON_FIELDS, ...EVENT_FIELDS],
	matches: (record) => 'EventId' in record && 'BillTrnsAmount' in record,
	toCanonical(record) {
		const problems: Problem[] = [];
		const kind = lookupLabel(EVENT_KIND, record.EventTypeName);
		if (!kind) problems.push({ path: 'payload.EventTypeName', reason: `is not an event type the mapping knows (got ${JSON.stringify(record.EventTypeName)})` });
		const data = compact({
			project: orRef(record.ProjectNumber),
			customer: orRef(record.CustomerNumber),
			contract: orRef(record.ContractNumber),
			date: dateText(record.CompletionDate),
			kind: kind ?? record.EventTypeName,
			status: flag(record.InvoicedFlag) ? 'invoiced' : flag(record.BillHoldFlag) ? 'draft' : 'approved',
			amount: money(record.BillTrnsAmount, record.BillTrnsCurrencyCode, 'payload.BillTrnsAmount', problems),
			description: record.EventDescription ?? undefined,
		});
		return { data, source: sourceOf(record, 'EventId', problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const amount = isPlainObject(data.amount) ? data.amount : undefined;
		const record = compact({
			ProjectNumber: refOut(data.project, context, 'billingEvent.project', 'ProjectNumber', problems),
			ContractNumber: refOut(data.contract, context, 'billingEvent.contract', 'ContractNumber', problems),
			EventTypeName: EVENT_TYPE_OUT[String(data.kind)],
			CompletionDate: data.date,
			BillTrnsAmount: amountOut(amount, 'billingEvent.amount.amount', problems),
			BillTrnsCurrencyCode: amount?.currency,
			EventDescription: data.description,
		});
		return { record, problems };
	},
};

// ---------------------------------------------------------------------------------------------------------

const INVOICE_STATUS: Record<string, string> = { complete: 'open', incomplete: 'draft', frozen: 'void', paid: 'paid', closed: 'paid' };
const INVOICE_FIELDS = ['CustomerTransactionId', 'TransactionNumber', 'TransactionType', 'TransactionSource', 'TransactionDate', 'AccountingDate', 'DueDate', 'BillToCustomerName', 'BillToCustomerNumber', 'BillToSite', 'BusinessUnit', 'InvoiceCurrencyCode', 'InvoiceStatus', 'PaymentTerms', 'PurchaseOrder', 'Comments', 'EnteredAmount', 'InvoiceBalanceAmount', 'FreightAmount', 'CrossReference', 'receivablesInvoiceLines'];

export const invoiceMapper: VendorMapper = {
	system: ORACLE,
	object: 'receivablesInvoices',
	aliases: ['receivablesInvoice', 'invoice'],
	entity: 'invoice',
	version: 1,
	knownFields: [...COMMON_FIELDS, ...INVOICE_FIELDS],
	matches: (record) => 'CustomerTransactionId' in record,
	toCanonical(record) {
		const problems: Problem[] = [];
		const currency = record.InvoiceCurrencyCode;
		const lines = children(record, 'receivablesInvoiceLines').map((line, i) =>
			compact({
				lineId: textOf(line.CustomerTransactionLineId) ?? String(line.LineNumber ?? i + 1),
				description: line.Description ?? undefined,
				quantity: decimalOf(line.Quantity, `payload.receivablesInvoiceLines[${i}].Quantity`, problems),
				rate: money(line.UnitSellingPrice, currency, `payload.receivablesInvoiceLines[${i}].UnitSellingPrice`, problems),
				amount: money(line.LineAmount, currency, `payload.receivablesInvoiceLines[${i}].LineAmount`, problems),
			}),
		);
		const amounts = lines.map((l) => l.amount as { amount: string; currency: string } | undefined);
		let subtotal: { amount: string; currency: string } | undefined;
		if (typeof currency === 'string' && isCurrencyCode(currency) && amounts.every(Boolean)) {
			subtotal = { amount: formatAmount(amounts.reduce((sum, a) => sum + minor(a!), 0n), currency), currency };
		}
		const shipping = money(record.FreightAmount, currency, 'payload.FreightAmount', problems);
		const entered = money(record.EnteredAmount, currency, 'payload.EnteredAmount', problems);
		let total = subtotal && shipping ? { amount: formatAmount(minor(subtotal) + minor(shipping), subtotal.currency), currency: subtotal.currency } : subtotal;
		if (entered && total && minor(entered) !== minor(total)) {
			problems.push({ path: 'payload.EnteredAmount', reason: `is ${entered.amount} but the lines${shipping ? ' and freight' : ''} add up to ${total.amount}; the difference (tax?) is not on the lines read` });
		}
		total = entered ?? total;
		const status = lookupLabel(INVOICE_STATUS, record.InvoiceStatus);
		const data = compact({
			number: textOf(record.TransactionNumber),
			customer: orRef(record.BillToCustomerNumber, record.BillToCustomerName),
			issueDate: dateText(record.TransactionDate),
			dueDate: dateText(record.DueDate),
			status: status ?? record.InvoiceStatus,
			currency,
			lines,
			subtotal,
			shippingTotal: shipping,
			total,
			amountDue: money(record.InvoiceBalanceAmount, currency, 'payload.InvoiceBalanceAmount', problems),
			paymentTerms: record.PaymentTerms ?? undefined,
			purchaseOrder: record.PurchaseOrder ?? undefined,
			memo: record.Comments ?? undefined,
		});
		return { data, source: sourceOf(record, 'CustomerTransactionId', problems), problems };
	},
	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const lines = Array.isArray(data.lines) ? (data.lines as Array<Record<string, unknown>>) : [];
		const record = compact({
			TransactionNumber: data.number,
			TransactionDate: data.issueDate,
			DueDate: data.dueDate,
			BillToCustomerNumber: refOut(data.customer, context, 'invoice.customer', 'BillToCustomerNumber (the account number)', problems),
			InvoiceCurrencyCode: data.currency,
			PaymentTerms: data.paymentTerms,
			PurchaseOrder: data.purchaseOrder,
			Comments: data.memo,
			CrossReference: context.sourceSystem === ORACLE ? undefined : context.sourceId,
			receivablesInvoiceLines: lines.map((line, i) =>
				compact({
					LineNumber: i + 1,
					Description: line.description ?? `Line ${i + 1}`,
					Quantity: decimalToNumber(line.quantity ?? '1', `invoice.lines[${i}].quantity`, problems),
					UnitSellingPrice: amountOut(line.rate ?? line.amount, `invoice.lines[${i}].rate.amount`, problems),
				}),
			),
		});
		return { record, problems };
	},
};

// ---------------------------------------------------------------------------------------------------------

const REPORT_STATUS: Record<string, string> = { saved: 'open', submitted: 'submitted', pendmgrapproval: 'submitted', pendingapproval: 'submitted', approved: 'approved', rejected: 'rejected', paid: 'paid', withdrawn: 'void', inprocess: 'submitted' };
const REPORT_FIELDS = ['ExpenseReportId', 'ExpenseReportNumber', 'Purpose', 'ExpenseReportDate', 'PersonId', 'PersonName', 'PersonNumber', 'BusinessUnit', 'ExpenseReportTotal', 'ReimbursementCurrencyCode', 'ExpenseStatusCode', 'ApprovalStatus', 'SubmitDate', 'Expense'];

export const expenseReportMapper: VendorMapper = {
	system: ORACLE,
	object: 'expenseReports',
	aliases: ['expenseReport'],
	entity: 'expense',
	version: 1,
	knownFields: [...COMMON_FIELDS, ...REPORT_FIELDS],
	matches: (record) => 'ExpenseReportId' in record,
	toCanonical(record) {
		const problems: Problem[] = [];
		const currency = record.ReimbursementCurrencyCode;
		const lines = children(record, 'Expense').map((expense, i) => {
			const amount = money(expense.ReimbursableAmount, expense.ReimbursementCurrencyCode ?? currency, `payload.Expense[${i}].ReimbursableAmount`, problems);
			const original = expense.ReceiptCurrencyCode && expense.ReceiptCurrencyCode !== (expense.ReimbursementCurrencyCode ?? currency) ? money(expense.ReceiptAmount, expense.ReceiptCurrencyCode, `payload.Expense[${i}].ReceiptAmount`, problems) : undefined;
			return compact({
				lineId: textOf(expense.ExpenseId) ?? String(i + 1),
				date: dateText(expense.StartDate ?? expense.ReceiptDate),
				category: orRef(expense.ExpenseTypeId ?? expense.ExpenseType, expense.ExpenseType),
				amount,
				originalAmount: original,
				billable: false,
				reimbursable: true,
				receipt: flag(expense.ReceiptMissingFlag) === undefined ? undefined : !flag(expense.ReceiptMissingFlag),
				memo: expense.Description ?? undefined,
			});
		});
		const status = lookupLabel(REPORT_STATUS, record.ExpenseStatusCode) ?? lookupLabel(REPORT_STATUS, record.ApprovalStatus);
		const data = compact({
			number: textOf(record.ExpenseReportNumber),
			resource: orRef(record.PersonNumber, record.PersonName),
			date: dateText(record.ExpenseReportDate),
			approvalState: status ?? record.ExpenseStatusCode,
			status: textOf(record.ExpenseStatusCode),
			currency,
			total: money(record.ExpenseReportTotal, currency, 'payload.ExpenseReportTotal', problems),
			lines,
			memo: record.Purpose ?? undefined,
		});
		return { data, source: sourceOf(record, 'ExpenseReportId', problems), problems };
	},
	fromCanonical() {
		return { record: {}, problems: [{ path: 'expense', reason: 'Oracle expense reports are read-only here: post approved expenses to projects as unprocessed costs instead' }] };
	},
};

// ---------------------------------------------------------------------------------------------------------

const WORKER_FIELDS = ['PersonId', 'PersonNumber', 'DisplayName', 'FirstName', 'LastName', 'MiddleName', 'WorkEmail', 'HireDate', 'TerminationDate', 'WorkerType', 'PersonType', 'EffectiveStartDate', 'names', 'emails', 'workRelationships', 'DateOfBirth'];

export const workerMapper: VendorMapper = {
	system: ORACLE,
	object: 'workers',
	aliases: ['worker'],
	entity: 'resource',
	version: 1,
	knownFields: [...COMMON_FIELDS, ...WORKER_FIELDS],
	matches: (record) => 'PersonNumber' in record && 'PersonId' in record,
	toCanonical(record) {
		const problems: Problem[] = [];
		const name = children(record, 'names')[0] ?? {};
		const email = children(record, 'emails')[0] ?? {};
		const data = compact({
			number: textOf(record.PersonNumber),
			name: compact({ display: record.DisplayName ?? name.DisplayName, given: record.FirstName ?? name.FirstName, family: record.LastName ?? name.LastName, middle: record.MiddleName ?? name.MiddleNames }),
			email: record.WorkEmail ?? email.EmailAddress ?? undefined,
			workerType: record.WorkerType === 'C' || record.PersonType === 'Contingent Worker' ? 'contractor' : 'employee',
			employmentStatus: record.TerminationDate ? 'terminated' : 'active',
			hireDate: dateText(record.HireDate),
			terminationDate: dateText(record.TerminationDate),
			costRates: [],
		});
		return { data, source: sourceOf(record, 'PersonId', problems), problems };
	},
	fromCanonical() {
		return { record: {}, problems: [{ path: 'resource', reason: 'Oracle workers are read-only here (HCM owns them)' }] };
	},
};

// ---------------------------------------------------------------------------------------------------------

const GL_FIELDS = ['JournalName', 'AccountingDate', 'CurrencyCode', 'Description', 'Lines', 'LedgerId', 'GroupId', 'RequestId', 'Status'];

/**
 * A journal as Journal Import takes it (the GL interface rows of one REFERENCE4): `{JournalName, AccountingDate,
 * CurrencyCode, Description, Lines: [{LineNumber, Account, EnteredDr | EnteredCr, Description, Reference}]}`, amounts as
 * decimal text. From canonical it is checked as the Import Journals operation checks it (balanced to the minor unit,
 * one side per line, accounts as segment values), so the canonical journal entry is the contract between the revenue
 * engine and Oracle.
 */
export const glInterfaceJournalMapper: VendorMapper = {
	system: ORACLE,
	object: 'glInterfaceJournal',
	aliases: ['journal', 'journalImport'],
	entity: 'journalEntry',
	version: 1,
	knownFields: [...COMMON_FIELDS, ...GL_FIELDS],
	matches: (record) => 'JournalName' in record && Array.isArray(record.Lines),
	toCanonical(record) {
		const problems: Problem[] = [];
		const currency = record.CurrencyCode;
		const lines = (Array.isArray(record.Lines) ? (record.Lines as VendorRecord[]) : []).map((line, i) =>
			compact({
				lineId: textOf(line.Reference) ?? String(line.LineNumber ?? i + 1),
				account: orRef(line.Account),
				debit: money(line.EnteredDr, currency, `payload.Lines[${i}].EnteredDr`, problems),
				credit: money(line.EnteredCr, currency, `payload.Lines[${i}].EnteredCr`, problems),
				memo: line.Description ?? undefined,
			}),
		);
		const data = compact({ number: textOf(record.JournalName), date: dateText(record.AccountingDate), currency, memo: record.Description ?? undefined, lines });
		const id = textOf(record.JournalName);
		if (!id) problems.push({ path: 'payload.JournalName', reason: 'is required: the journal name (REFERENCE4)' });
		return { data, source: { id: id ?? '' }, problems };
	},
	fromCanonical(data) {
		let prepared: ReturnType<typeof prepareJournal> | undefined;
		let problem: { path: string; reason: string } | undefined;
		try {
			prepared = prepareJournal(data as Record<string, never>, 'journalEntry');
		} catch (error) {
			const fields = ((error as { context?: { vendorErrorFields?: string[] } }).context?.vendorErrorFields ?? ['journalEntry']) as string[];
			problem = { path: fields[0], reason: (error as Error).message };
		}
		if (!prepared) return { record: {}, problems: [problem!] };
		const record = {
			JournalName: prepared.journalName,
			AccountingDate: prepared.date,
			CurrencyCode: prepared.currency,
			Description: prepared.description,
			Lines: prepared.lines.map((line) => compact({ LineNumber: line.lineNumber, Account: line.segments.join('.'), EnteredDr: line.debit, EnteredCr: line.credit, Description: line.description, Reference: line.lineId })),
		};
		return { record, problems: [] };
	},
};

export const oracleMappers: VendorMapper[] = [
	accountMapper,
	projectMapper,
	unprocessedLaborCostMapper,
	unprocessedExpenseCostMapper,
	processedLaborCostMapper,
	processedExpenseCostMapper,
	billingEventMapper,
	invoiceMapper,
	expenseReportMapper,
	workerMapper,
	glInterfaceJournalMapper,
];
