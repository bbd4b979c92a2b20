/**
 * What the two Microsoft template scenarios (and their in-process test, test/templates/microsoftTemplates.test.ts)
 * share: counting the writes a sandbox received, and an approved Project Operations expense added as a user
 * would have it (submitted and approved through the sandbox's own approval lifecycle, so its actuals exist).
 */
import type { SandboxServer } from '../../sandbox/core/server';
import type { DataverseSandbox } from '../../sandbox/dataverse';
import { ServiceRows } from '../../sandbox/dataverse/module';
import { EntryLifecycle } from '../../sandbox/dataverse/projectOperations/entries';
import { EXPENSE_STATUS, EXPENSE_TYPE } from '../../sandbox/dataverse/projectOperations/tables';

/** Requests that could write: everything but GET (a `$batch` of reads would count too; the templates send none). */
export function nonGetRequests(server: Pick<SandboxServer, 'requests'>): number {
	return server.requests.filter((request) => request.method !== 'GET').length;
}

/**
 * An expense on the firm's Acme project by Priya Raman (EMP-0002), in an expense category made for it when it is
 * not there yet, submitted and approved. Returns the expense id.
 */
export async function addApprovedExpense(dataverse: DataverseSandbox, expense: { category: string; name: string; amount: number; date?: string }): Promise<string> {
	const rows = new ServiceRows(dataverse.service);
	const byExternalId = (set: string, externalId: string) => {
		const row = rows.list(set).find((r) => r.p2c_externalid === externalId);
		if (!row) throw new Error(`no ${set} row with p2c_externalid ${externalId}`);
		return row;
	};
	const project = byExternalId('msdyn_projects', 'SF-006A000101');
	const resource = byExternalId('bookableresources', 'EMP-0002');
	const currency = rows.list('transactioncurrencies').find((c) => c.isocurrencycode === 'USD')!;
	let category = rows.list('msdyn_expensecategories').find((c) => c.msdyn_name === expense.category);
	category ??= await rows.insert('msdyn_expensecategories', { msdyn_name: expense.category, msdyn_expensetype: EXPENSE_TYPE.hotel, msdyn_receiptrequired: 192350000, statecode: 0, statuscode: 1 });
	const row = await rows.insert('msdyn_expenses', {
		msdyn_name: expense.name,
		msdyn_transactiondate: expense.date ?? '2026-01-14',
		msdyn_amount: expense.amount,
		msdyn_quantity: 1,
		msdyn_price: expense.amount,
		msdyn_totalamount: expense.amount,
		msdyn_expensestatus: EXPENSE_STATUS.draft,
		_msdyn_bookableresource_value: resource.bookableresourceid,
		_msdyn_project_value: project.msdyn_projectid,
		_msdyn_expensecategory_value: category.msdyn_expensecategoryid,
		_transactioncurrencyid_value: currency.transactioncurrencyid,
		statecode: 0,
		statuscode: 1,
	});
	const id = String(row.msdyn_expenseid);
	const lifecycle = new EntryLifecycle(rows);
	await lifecycle.submitExpenses({ ExpenseEntryIds: id });
	const approval = lifecycle.openApprovalOf('_msdyn_expenseentry_value', id)!;
	await lifecycle.approveExpenses(String(approval.msdyn_projectapprovalid), { ExpenseEntryIds: id }, rows.now());
	return id;
}

/**
 * A new account (with an account number only when given) and an opportunity of it won on `closeDate`, closed as
 * the Sales seed closes its won deals (an opportunity close, then statecode Won). Returns the opportunity id.
 */
export async function addWonOpportunity(dataverse: DataverseSandbox, deal: { name: string; externalId: string; accountName: string; accountNumber?: string; closeDate: string }): Promise<string> {
	const rows = new ServiceRows(dataverse.service);
	const account = await rows.insert('accounts', { name: deal.accountName, ...(deal.accountNumber ? { accountnumber: deal.accountNumber } : {}), customertypecode: 3 });
	const opportunity = await rows.insert('opportunities', {
		name: deal.name,
		p2c_externalid: deal.externalId,
		estimatedclosedate: deal.closeDate,
		'customerid_account@odata.bind': `/accounts(${String(account.accountid)})`,
		'parentaccountid@odata.bind': `/accounts(${String(account.accountid)})`,
	});
	const id = String(opportunity.opportunityid);
	await rows.insert('opportunitycloses', { subject: 'Won', actualend: deal.closeDate, statecode: 1, statuscode: 2, 'opportunityid@odata.bind': `/opportunities(${id})` });
	await rows.update('opportunities', id, { statecode: 1, statuscode: 3, actualclosedate: deal.closeDate });
	return id;
}
