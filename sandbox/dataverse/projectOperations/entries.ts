/**
 * Time and expense entries from draft to actuals, and milestones to ready-for-invoicing, as the sandbox
 * models Project Operations:
 *
 *   msdyn_TimeEntriesSubmit {TimeEntryIds: "<guid>,<guid>"}        Draft / Returned → Submitted, one
 *   msdyn_ExpenseEntriesSubmit {ExpenseEntryIds: "<guid>,…"}        msdyn_projectapproval per entry
 *   msdyn_projectapprovals(<id>)/Microsoft.Dynamics.CRM.msdyn_TimeEntriesApprove {TimeEntryIds}
 *   msdyn_projectapprovals(<id>)/Microsoft.Dynamics.CRM.msdyn_ExpenseEntriesApprove {ExpenseEntryIds}
 *        Submitted → Approved, and the actuals: a Cost actual always, an Unbilled Sales actual when the
 *        project's contract line bills time and material (fixed-price work is billed by its milestones).
 *   A contract line milestone set to Ready for Invoicing gets its Unbilled Sales (milestone) actual.
 *
 * Money is exact: a time actual is minutes × the role's hourly price / 60 in integer minor units (rounded half
 * up to the currency's minor unit once, at the end); an expense actual is its amount.
 */
import { formatAmount, formatScaled, parseAmount, roundHalfUpDiv } from '../../../lib/money';
import { exactDecimalText } from '../../../lib/canonical';

import { CODES, DataverseError, isGuidText } from './payload';
import type { Row, RowStore } from './store';
import {
	APPROVAL_ENTRY_TYPE,
	APPROVAL_STAGE,
	BILLING_METHOD,
	BILLING_TYPE,
	ENTRY_STATUS,
	EXPENSE_STATUS,
	MILESTONE_INVOICE_STATUS,
	PRICE_LIST_MODULE,
	TRANSACTION_CLASS,
	TRANSACTION_TYPE,
} from './tables';

function refused(message: string): DataverseError {
	return new DataverseError(400, CODES.pluginRefused, message);
}

/** `"<guid>,<guid>"` as ids, each checked. */
export function idList(value: unknown, parameter: string): string[] {
	const ids = typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : [];
	if (!ids.length) throw new DataverseError(400, CODES.invalidArgument, `${parameter} is required: a comma-separated list of GUIDs.`);
	for (const id of ids) if (!isGuidText(id)) throw new DataverseError(400, CODES.invalidArgument, `${parameter}: ${JSON.stringify(id)} is not a GUID.`);
	return ids.map((id) => id.toLowerCase());
}

/** A Dataverse money or decimal value (a JSON number) as integer minor units, exactly or not at all. */
export function minorOf(value: unknown, currency: string, what: string): bigint {
	const text = exactDecimalText(value);
	if (typeof text !== 'string') throw new Error(`${what} is not a number (${JSON.stringify(value)})`);
	return parseAmount(text, currency);
}

/** Minor units as the JSON number Dataverse answers with (exact decimal text, never arithmetic on floats). */
export function moneyNumber(minor: bigint, currency: string): number {
	return Number(formatAmount(minor, currency));
}

/** Hours of a whole number of minutes as the JSON number of a decimal column (to 10 places, as Dataverse stores decimals). */
export function hoursNumber(minutes: number): number {
	const scaled = roundHalfUpDiv(BigInt(minutes) * 10n ** 10n, 60n);
	return Number(formatScaled(scaled, 10));
}

export class EntryLifecycle {
	constructor(private readonly store: RowStore) {}

	private currencyOf(row: Row, what: string): string {
		const id = row._transactioncurrencyid_value as string | undefined;
		const currency = id ? this.store.get('transactioncurrencies', id) : undefined;
		if (!currency || typeof currency.isocurrencycode !== 'string') throw refused(`${what} has no transaction currency.`);
		return currency.isocurrencycode;
	}

	/** Whether a contract line bills the project's time and expenses (time and material). */
	private chargeable(projectId: string): boolean {
		return this.store.list('salesorderdetails').some((line) => line._msdyn_project_value === projectId && line.msdyn_billingmethod === BILLING_METHOD.timeAndMaterial);
	}

	/** The hourly price of a role in the price list of `module` for the currency (integer minor units). */
	private rolePrice(roleId: string, module: number, currency: string, currencyId: string, what: string): bigint {
		const lists = this.store.list('pricelevels').filter((list) => list.msdyn_module === module && list._transactioncurrencyid_value === currencyId);
		for (const list of lists) {
			const price = this.store.list('msdyn_resourcecategorypricelevels').find((p) => p._msdyn_pricelist_value === list.pricelevelid && p._msdyn_resourcecategory_value === roleId);
			if (price) return minorOf(price.msdyn_price, currency, `the ${what} price of role ${roleId}`);
		}
		throw refused(`No ${what} price for role ${roleId} in a ${currency} ${what} price list: the entry cannot be priced.`);
	}

	// ------------------------------------------------------------------------------------------ submit

	async submitTimeEntries(body: Record<string, unknown>): Promise<Record<string, never>> {
		const ids = idList(body.TimeEntryIds, 'TimeEntryIds');
		const entries = ids.map((id) => {
			const entry = this.store.get('msdyn_timeentries', id);
			if (!entry) throw new DataverseError(404, CODES.notFound, `msdyn_timeentry With Id = ${id} Does Not Exist`);
			const status = entry.msdyn_entrystatus as number;
			if (status !== ENTRY_STATUS.draft && status !== ENTRY_STATUS.returned) throw refused(`Time entry ${id} is not in Draft or Returned status and cannot be submitted.`);
			if (!entry._msdyn_project_value) throw refused(`Time entry ${id} has no project: msdyn_project is required to submit it.`);
			return entry;
		});
		for (const entry of entries) {
			const id = entry.msdyn_timeentryid as string;
			await this.store.update('msdyn_timeentries', id, { msdyn_entrystatus: ENTRY_STATUS.submitted });
			await this.store.insert('msdyn_projectapprovals', {
				msdyn_projectapprovalid: this.store.newId(),
				msdyn_name: `Time ${String(entry.msdyn_date)}`,
				msdyn_entrytype: APPROVAL_ENTRY_TYPE.time,
				msdyn_recordstage: APPROVAL_STAGE.submitted,
				_msdyn_timeentry_value: id,
				_msdyn_project_value: entry._msdyn_project_value,
				_msdyn_bookableresource_value: entry._msdyn_bookableresource_value ?? null,
				msdyn_costquantity: hoursNumber(entry.msdyn_duration as number),
				statecode: 0,
				statuscode: 1,
			});
		}
		return {};
	}

	async submitExpenses(body: Record<string, unknown>): Promise<Record<string, never>> {
		const ids = idList(body.ExpenseEntryIds, 'ExpenseEntryIds');
		const entries = ids.map((id) => {
			const entry = this.store.get('msdyn_expenses', id);
			if (!entry) throw new DataverseError(404, CODES.notFound, `msdyn_expense With Id = ${id} Does Not Exist`);
			const status = entry.msdyn_expensestatus as number;
			if (status !== EXPENSE_STATUS.draft && status !== EXPENSE_STATUS.rejected) throw refused(`Expense ${id} is not in Draft or Rejected status and cannot be submitted.`);
			if (!entry._msdyn_project_value) throw refused(`Expense ${id} has no project: msdyn_project is required to submit it.`);
			return entry;
		});
		for (const entry of entries) {
			const id = entry.msdyn_expenseid as string;
			await this.store.update('msdyn_expenses', id, { msdyn_expensestatus: EXPENSE_STATUS.submitted });
			await this.store.insert('msdyn_projectapprovals', {
				msdyn_projectapprovalid: this.store.newId(),
				msdyn_name: `Expense ${String(entry.msdyn_name)}`,
				msdyn_entrytype: APPROVAL_ENTRY_TYPE.expense,
				msdyn_recordstage: APPROVAL_STAGE.submitted,
				_msdyn_expenseentry_value: id,
				_msdyn_project_value: entry._msdyn_project_value,
				_msdyn_bookableresource_value: entry._msdyn_bookableresource_value ?? null,
				statecode: 0,
				statuscode: 1,
			});
		}
		return {};
	}

	// ------------------------------------------------------------------------------------------ approve

	private approval(approvalId: string, column: string, entryId: string): Row {
		const approval = this.store.get('msdyn_projectapprovals', approvalId);
		if (!approval) throw new DataverseError(404, CODES.notFound, `msdyn_projectapproval With Id = ${approvalId} Does Not Exist`);
		if (approval[column] !== entryId) throw refused(`Project approval ${approvalId} is not the approval of entry ${entryId}.`);
		if (approval.msdyn_recordstage !== APPROVAL_STAGE.submitted) throw refused(`Project approval ${approvalId} is not awaiting approval.`);
		return approval;
	}

	/** The open approval of an entry (the bound action's target when the caller knows only the entry). */
	openApprovalOf(column: '_msdyn_timeentry_value' | '_msdyn_expenseentry_value', entryId: string): Row | undefined {
		return this.store.list('msdyn_projectapprovals').find((a) => a[column] === entryId && a.msdyn_recordstage === APPROVAL_STAGE.submitted);
	}

	async approveTimeEntries(approvalId: string, body: Record<string, unknown>, approvedOn: string): Promise<Record<string, never>> {
		const ids = idList(body.TimeEntryIds, 'TimeEntryIds');
		const work = ids.map((id) => {
			const entry = this.store.get('msdyn_timeentries', id);
			if (!entry) throw new DataverseError(404, CODES.notFound, `msdyn_timeentry With Id = ${id} Does Not Exist`);
			if (entry.msdyn_entrystatus !== ENTRY_STATUS.submitted) throw refused(`Time entry ${id} is not Submitted and cannot be approved.`);
			const approval = ids.length === 1 ? this.approval(approvalId, '_msdyn_timeentry_value', id) : (this.openApprovalOf('_msdyn_timeentry_value', id) ?? this.approval(approvalId, '_msdyn_timeentry_value', id));
			return { entry, approval, actuals: this.timeActuals(entry) };
		});
		for (const { entry, approval, actuals } of work) {
			await this.store.update('msdyn_timeentries', entry.msdyn_timeentryid as string, { msdyn_entrystatus: ENTRY_STATUS.approved });
			await this.store.update('msdyn_projectapprovals', approval.msdyn_projectapprovalid as string, { msdyn_recordstage: APPROVAL_STAGE.approved, msdyn_approvedon: approvedOn });
			for (const actual of actuals) await this.store.insert('msdyn_actuals', actual);
		}
		return {};
	}

	async approveExpenses(approvalId: string, body: Record<string, unknown>, approvedOn: string): Promise<Record<string, never>> {
		const ids = idList(body.ExpenseEntryIds, 'ExpenseEntryIds');
		const work = ids.map((id) => {
			const entry = this.store.get('msdyn_expenses', id);
			if (!entry) throw new DataverseError(404, CODES.notFound, `msdyn_expense With Id = ${id} Does Not Exist`);
			if (entry.msdyn_expensestatus !== EXPENSE_STATUS.submitted) throw refused(`Expense ${id} is not Submitted and cannot be approved.`);
			const approval = ids.length === 1 ? this.approval(approvalId, '_msdyn_expenseentry_value', id) : (this.openApprovalOf('_msdyn_expenseentry_value', id) ?? this.approval(approvalId, '_msdyn_expenseentry_value', id));
			return { entry, approval, actuals: this.expenseActuals(entry) };
		});
		for (const { entry, approval, actuals } of work) {
			await this.store.update('msdyn_expenses', entry.msdyn_expenseid as string, { msdyn_expensestatus: EXPENSE_STATUS.approved });
			await this.store.update('msdyn_projectapprovals', approval.msdyn_projectapprovalid as string, { msdyn_recordstage: APPROVAL_STAGE.approved, msdyn_approvedon: approvedOn });
			for (const actual of actuals) await this.store.insert('msdyn_actuals', actual);
		}
		return {};
	}

	// ------------------------------------------------------------------------------------------ actuals

	private projectCurrency(projectId: string): { currency: string; currencyId: string; project: Row } {
		const project = this.store.get('msdyn_projects', projectId);
		if (!project) throw new DataverseError(404, CODES.notFound, `msdyn_project With Id = ${projectId} Does Not Exist`);
		return { currency: this.currencyOf(project, `Project ${projectId}`), currencyId: project._transactioncurrencyid_value as string, project };
	}

	private actual(fields: Row): Row {
		return { msdyn_actualid: this.store.newId(), statecode: 0, statuscode: 1, ...fields };
	}

	/** Cost, and Unbilled Sales on a time-and-material contract line, for an approved time entry. */
	timeActuals(entry: Row): Row[] {
		const projectId = entry._msdyn_project_value as string;
		const roleId = entry._msdyn_resourcecategory_value as string | undefined;
		const minutes = entry.msdyn_duration as number;
		if (!roleId) throw refused(`Time entry ${String(entry.msdyn_timeentryid)} has no role (msdyn_resourcecategory), so it cannot be priced.`);
		const { currency, currencyId, project } = this.projectCurrency(projectId);
		const common = {
			_msdyn_project_value: projectId,
			_msdyn_task_value: entry._msdyn_projecttask_value ?? null,
			_msdyn_bookableresource_value: entry._msdyn_bookableresource_value ?? null,
			_msdyn_resourcecategory_value: roleId,
			_msdyn_sourcetimeentry_value: entry.msdyn_timeentryid,
			_msdyn_salescontract_value: project._msdyn_salesorderid_value ?? null,
			_transactioncurrencyid_value: currencyId,
			msdyn_transactionclassification: TRANSACTION_CLASS.time,
			msdyn_documentdate: entry.msdyn_date,
			msdyn_description: entry.msdyn_description ?? null,
			msdyn_externaldescription: entry.msdyn_externaldescription ?? null,
			msdyn_quantity: hoursNumber(minutes),
		};
		const priced = (module: number, what: string) => {
			const price = this.rolePrice(roleId, module, currency, currencyId, what);
			return { price, amount: roundHalfUpDiv(BigInt(minutes) * price, 60n) };
		};
		const cost = priced(PRICE_LIST_MODULE.cost, 'cost');
		const actuals = [this.actual({ ...common, msdyn_transactiontypecode: TRANSACTION_TYPE.cost, msdyn_billingtype: BILLING_TYPE.notAvailable, msdyn_price: moneyNumber(cost.price, currency), msdyn_amount: moneyNumber(cost.amount, currency) })];
		if (this.chargeable(projectId)) {
			const sales = priced(PRICE_LIST_MODULE.sales, 'sales');
			actuals.push(this.actual({ ...common, msdyn_transactiontypecode: TRANSACTION_TYPE.unbilledSales, msdyn_billingtype: BILLING_TYPE.chargeable, msdyn_price: moneyNumber(sales.price, currency), msdyn_amount: moneyNumber(sales.amount, currency) }));
		}
		return actuals;
	}

	/** Cost, and Unbilled Sales at cost on a time-and-material contract line, for an approved expense. */
	expenseActuals(entry: Row): Row[] {
		const projectId = entry._msdyn_project_value as string;
		const currency = this.currencyOf(entry, `Expense ${String(entry.msdyn_expenseid)}`);
		const amount = minorOf(entry.msdyn_amount, currency, 'msdyn_amount');
		const { project } = this.projectCurrency(projectId);
		const common = {
			_msdyn_project_value: projectId,
			_msdyn_bookableresource_value: entry._msdyn_bookableresource_value ?? null,
			_msdyn_sourceexpense_value: entry.msdyn_expenseid,
			_msdyn_salescontract_value: project._msdyn_salesorderid_value ?? null,
			_transactioncurrencyid_value: entry._transactioncurrencyid_value,
			msdyn_transactionclassification: TRANSACTION_CLASS.expense,
			msdyn_documentdate: entry.msdyn_transactiondate,
			msdyn_description: entry.msdyn_name ?? null,
			msdyn_externaldescription: entry.msdyn_externaldescription ?? null,
			msdyn_quantity: 1,
			msdyn_price: moneyNumber(amount, currency),
			msdyn_amount: moneyNumber(amount, currency),
		};
		const actuals = [this.actual({ ...common, msdyn_transactiontypecode: TRANSACTION_TYPE.cost, msdyn_billingtype: BILLING_TYPE.notAvailable })];
		if (this.chargeable(projectId)) actuals.push(this.actual({ ...common, msdyn_transactiontypecode: TRANSACTION_TYPE.unbilledSales, msdyn_billingtype: BILLING_TYPE.chargeable }));
		return actuals;
	}

	/**
	 * A milestone's write, checked before it is stored: its invoice status moves forward only, and Ready for
	 * Invoicing needs an amount. Returns the actual to create when it becomes ready.
	 */
	milestoneWritten(before: Row | undefined, after: Row): Row | undefined {
		const from = (before?.msdyn_invoicestatus as number | undefined) ?? MILESTONE_INVOICE_STATUS.notReady;
		const to = (after.msdyn_invoicestatus as number | undefined) ?? MILESTONE_INVOICE_STATUS.notReady;
		const order: number[] = [MILESTONE_INVOICE_STATUS.notReady, MILESTONE_INVOICE_STATUS.ready, MILESTONE_INVOICE_STATUS.invoiceCreated, MILESTONE_INVOICE_STATUS.invoicePosted];
		if (order.indexOf(to) < order.indexOf(from) && !(from === MILESTONE_INVOICE_STATUS.ready && to === MILESTONE_INVOICE_STATUS.notReady)) {
			throw refused(`The invoice status of milestone ${String(after.msdyn_contractlinescheduleofvalueid)} cannot go back from ${from} to ${to}.`);
		}
		if (to !== MILESTONE_INVOICE_STATUS.ready || from === MILESTONE_INVOICE_STATUS.ready) return undefined;
		if (after.msdyn_amount === undefined || after.msdyn_amount === null) throw refused('A milestone needs msdyn_amount to be ready for invoicing.');
		const currency = this.currencyOf(after, `Milestone ${String(after.msdyn_contractlinescheduleofvalueid)}`);
		const amount = minorOf(after.msdyn_amount, currency, 'msdyn_amount');
		const line = after._msdyn_contractline_value ? this.store.get('salesorderdetails', after._msdyn_contractline_value as string) : undefined;
		return this.actual({
			_msdyn_project_value: after._msdyn_project_value ?? line?._msdyn_project_value ?? null,
			_msdyn_task_value: after._msdyn_projecttask_value ?? null,
			_msdyn_salescontract_value: line?._salesorderid_value ?? null,
			_transactioncurrencyid_value: after._transactioncurrencyid_value,
			msdyn_transactiontypecode: TRANSACTION_TYPE.unbilledSales,
			msdyn_transactionclassification: TRANSACTION_CLASS.milestone,
			msdyn_billingtype: BILLING_TYPE.chargeable,
			msdyn_documentdate: after.msdyn_milestonedate ?? null,
			msdyn_description: after.msdyn_name ?? null,
			msdyn_quantity: 1,
			msdyn_price: moneyNumber(amount, currency),
			msdyn_amount: moneyNumber(amount, currency),
		});
	}
}
