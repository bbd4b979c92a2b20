/**
 * The firm (sandbox/firm/dataset.ts) rendered as Project Operations data: its resource people as bookable
 * resources with a role each (their title) and the role's cost and sales prices in their currency, the
 * delivered projects with their WBS (bucket "Bucket 1", tasks, milestone tasks), team members, a project
 * contract per project (a time-and-material or fixed-price line; a milestone on a fixed-price line with its
 * amount), and the time entries and expenses in their approval states — approved ones gone through submit
 * and approve, so their actuals exist. External ids (`EMP-000n`, the opportunity ids of the projects, their
 * task ids, `PSA-TE-100n`, `PSA-EX-200n`) are in `p2c_externalid`.
 */
import { FIRM_EXPENSES, FIRM_PEOPLE, FIRM_PROJECTS, FIRM_TIME, firmPerson } from '../../firm/dataset';
import type { FirmProject } from '../../firm/dataset';
import { minutesFromHours } from '../../../lib/canonical/durations';

import { EntryLifecycle, minorOf, moneyNumber } from './entries';
import { DEFAULT_BUCKET_NAME, renumberWbs } from './schedule';
import type { Row, RowStore } from './store';
import {
	BILLING_METHOD,
	ENTRY_STATUS,
	EXPENSE_STATUS,
	EXPENSE_TYPE,
	MEMBERSHIP_STATUS,
	MILESTONE_INVOICE_STATUS,
	PRICE_LIST_MODULE,
	PROJECT_INVOICE_STATUS,
	RESOURCE_TYPE,
	TIME_TYPE,
	TRANSACTION_TYPE,
} from './tables';

const active = { statecode: 0, statuscode: 1 };
/** Rows of Sales' tables (currencies, price lists, orders, invoices) take Sales' own status reasons: state only. */
const salesActive = { statecode: 0 };

/** Accounts the Sales side seeded, found by name, so projects and contracts point at the firm's customers. */
export type AccountFinder = (customerName: string, customerExternalId: string) => string | undefined;

/** Where the seed put the firm's records, for tests and the demo. */
export interface SeededIds {
	currencies: Record<string, string>;
	roles: Record<string, string>;
	resources: Record<string, string>;
	projects: Record<string, string>;
	buckets: Record<string, string>;
	tasks: Record<string, string>;
	contracts: Record<string, string>;
	contractLines: Record<string, string[]>;
	milestones: Record<string, string>;
	timeEntries: Record<string, string>;
	expenses: Record<string, string>;
	expenseCategories: Record<string, string>;
}

function minutes(hours: string, what: string): number {
	const problems: Array<{ path: string; reason: string }> = [];
	const value = minutesFromHours(hours, what, problems, 'Project Operations');
	if (value === undefined) throw new Error(`${what}: ${problems.map((p) => p.reason).join('; ')}`);
	return value;
}

function minorNumber(minor: string, currency: string): number {
	return moneyNumber(BigInt(minor), currency);
}

const day = (date: string) => `${date}T00:00:00Z`;

/** Decimal hours × an hourly rate in minor units, exactly (the firm's hours are whole minutes). */
function minorOfHours(hours: string, rateMinor: string): bigint {
	return (BigInt(minutes(hours, 'plannedHours')) * BigInt(rateMinor)) / 60n;
}

export async function seedProjectOperations(store: RowStore, findAccount: AccountFinder = () => undefined): Promise<SeededIds> {
	const ids: SeededIds = { currencies: {}, roles: {}, resources: {}, projects: {}, buckets: {}, tasks: {}, contracts: {}, contractLines: {}, milestones: {}, timeEntries: {}, expenses: {}, expenseCategories: {} };
	const lifecycle = new EntryLifecycle(store);

	for (const [code, name] of [['USD', 'US Dollar'], ['GBP', 'Pound Sterling']]) {
		const existing = store.list('transactioncurrencies').find((c) => c.isocurrencycode === code);
		ids.currencies[code] = (existing?.transactioncurrencyid as string | undefined) ?? ((await store.insert('transactioncurrencies', { transactioncurrencyid: store.newId(), isocurrencycode: code, currencyname: name, currencyprecision: 2, ...salesActive })).transactioncurrencyid as string);
	}

	const priceLists: Record<string, string> = {};
	for (const currency of ['USD', 'GBP']) {
		for (const [module, label] of [[PRICE_LIST_MODULE.cost, 'Cost'], [PRICE_LIST_MODULE.sales, 'Sales']] as const) {
			const id = store.newId();
			await store.insert('pricelevels', { pricelevelid: id, name: `Meridian ${label} (${currency})`, msdyn_module: module, _transactioncurrencyid_value: ids.currencies[currency], ...salesActive });
			priceLists[`${label}:${currency}`] = id;
		}
	}

	for (const person of FIRM_PEOPLE.filter((p) => p.isResource)) {
		let roleId = ids.roles[person.title];
		if (!roleId) {
			roleId = store.newId();
			await store.insert('bookableresourcecategories', { bookableresourcecategoryid: roleId, name: person.title, ...active });
			ids.roles[person.title] = roleId;
			for (const [label, minor] of [['Cost', person.costRateMinor], ['Sales', person.billRateMinor]]) {
				await store.insert('msdyn_resourcecategorypricelevels', {
					msdyn_resourcecategorypricelevelid: store.newId(),
					msdyn_name: `${person.title} (${label})`,
					_msdyn_pricelist_value: priceLists[`${label}:${person.currency}`],
					_msdyn_resourcecategory_value: roleId,
					_transactioncurrencyid_value: ids.currencies[person.currency],
					msdyn_price: minorNumber(minor, person.currency),
					...active,
				});
			}
		}
		const resourceId = store.newId();
		await store.insert('bookableresources', {
			bookableresourceid: resourceId,
			name: `${person.firstName} ${person.lastName}`,
			resourcetype: RESOURCE_TYPE.user,
			msdyn_primaryemail: person.email,
			msdyn_targetutilization: 80,
			p2c_externalid: person.externalId,
			...active,
		});
		await store.insert('bookableresourcecategoryassns', { bookableresourcecategoryassnid: store.newId(), name: person.title, _resource_value: resourceId, _resourcecategory_value: roleId, ...active });
		ids.resources[person.externalId] = resourceId;
	}

	for (const [category, type] of [['Travel', EXPENSE_TYPE.airline], ['Meals', EXPENSE_TYPE.meal]] as const) {
		const id = store.newId();
		await store.insert('msdyn_expensecategories', { msdyn_expensecategoryid: id, msdyn_name: category, msdyn_expensetype: type, msdyn_receiptrequired: 192350000, ...active });
		ids.expenseCategories[category] = id;
	}

	for (const project of FIRM_PROJECTS) await seedProject(store, ids, project, priceLists, findAccount);

	const approvedOn = (at: string | undefined) => (at ? at.replace(/\.\d+Z$/, 'Z') : store.now());
	for (const entry of FIRM_TIME) {
		const person = firmPerson(entry.personExternalId);
		const id = store.newId();
		await store.insert('msdyn_timeentries', {
			msdyn_timeentryid: id,
			msdyn_date: entry.date,
			msdyn_duration: minutes(entry.hours, `${entry.externalId}.hours`),
			msdyn_description: entry.notes,
			msdyn_type: TIME_TYPE.work,
			msdyn_entrystatus: ENTRY_STATUS.draft,
			_msdyn_bookableresource_value: ids.resources[entry.personExternalId],
			_msdyn_project_value: ids.projects[entry.projectExternalId],
			_msdyn_projecttask_value: ids.tasks[entry.taskExternalId],
			_msdyn_resourcecategory_value: ids.roles[person.title],
			p2c_externalid: entry.externalId,
			...active,
		});
		ids.timeEntries[entry.externalId] = id;
		if (entry.status === 'Saved') continue;
		await lifecycle.submitTimeEntries({ TimeEntryIds: id });
		if (entry.status === 'Approved') {
			const approval = lifecycle.openApprovalOf('_msdyn_timeentry_value', id)!;
			await lifecycle.approveTimeEntries(approval.msdyn_projectapprovalid as string, { TimeEntryIds: id }, approvedOn(entry.approvedAt));
		}
	}

	for (const expense of FIRM_EXPENSES) {
		const id = store.newId();
		await store.insert('msdyn_expenses', {
			msdyn_expenseid: id,
			msdyn_name: expense.notes,
			msdyn_transactiondate: expense.date,
			msdyn_amount: minorNumber(expense.amountMinor, expense.currency),
			msdyn_quantity: 1,
			msdyn_price: minorNumber(expense.amountMinor, expense.currency),
			msdyn_totalamount: minorNumber(expense.amountMinor, expense.currency),
			msdyn_expensestatus: EXPENSE_STATUS.draft,
			_msdyn_bookableresource_value: ids.resources[expense.personExternalId],
			_msdyn_project_value: ids.projects[expense.projectExternalId],
			_msdyn_expensecategory_value: ids.expenseCategories[expense.category],
			_transactioncurrencyid_value: ids.currencies[expense.currency],
			p2c_externalid: expense.externalId,
			...active,
		});
		ids.expenses[expense.externalId] = id;
		await lifecycle.submitExpenses({ ExpenseEntryIds: id });
		if (expense.status === 'Approved') {
			const approval = lifecycle.openApprovalOf('_msdyn_expenseentry_value', id)!;
			await lifecycle.approveExpenses(approval.msdyn_projectapprovalid as string, { ExpenseEntryIds: id }, store.now());
		}
	}

	await seedProformaInvoices(store, ids);
	return ids;
}

async function seedProject(store: RowStore, ids: SeededIds, project: FirmProject, priceLists: Record<string, string>, findAccount: AccountFinder): Promise<void> {
	const accountId = findAccount(project.customer, project.customerExternalId) ?? null;
	const currencyId = ids.currencies[project.currency];
	const contractId = store.newId();
	await store.insert('salesorders', {
		salesorderid: contractId,
		name: `${project.name} contract`,
		ordernumber: `PC-${project.externalId}`,
		msdyn_ordertype: 192350001,
		_customerid_value: accountId,
		_pricelevelid_value: priceLists[`Sales:${project.currency}`],
		_transactioncurrencyid_value: currencyId,
		...salesActive,
	});
	ids.contracts[project.externalId] = contractId;

	const projectId = store.newId();
	await store.insert('msdyn_projects', {
		msdyn_projectid: projectId,
		msdyn_subject: project.name,
		msdyn_scheduledstart: day(project.start),
		msdyn_scheduledend: day(project.end),
		msdyn_istemplate: false,
		_msdyn_customer_value: accountId,
		_msdyn_salesorderid_value: contractId,
		_transactioncurrencyid_value: currencyId,
		p2c_externalid: project.externalId,
		...active,
	});
	ids.projects[project.externalId] = projectId;
	const bucketId = store.newId();
	await store.insert('msdyn_projectbuckets', { msdyn_projectbucketid: bucketId, msdyn_name: DEFAULT_BUCKET_NAME, _msdyn_project_value: projectId, ...active });
	ids.buckets[project.externalId] = bucketId;

	for (const [index, task] of project.tasks.entries()) {
		const id = store.newId();
		await store.insert('msdyn_projecttasks', {
			msdyn_projecttaskid: id,
			msdyn_subject: task.name,
			msdyn_scheduledstart: day(task.start),
			msdyn_scheduledend: day(task.end),
			msdyn_effort: Number(task.plannedHours),
			msdyn_outlinelevel: 1,
			msdyn_displaysequence: index + 1,
			msdyn_ismilestone: task.isMilestone === true,
			_msdyn_project_value: projectId,
			_msdyn_projectbucket_value: bucketId,
			p2c_externalid: task.externalId,
			...active,
		});
		ids.tasks[task.externalId] = id;
	}
	await renumberWbs(store, projectId);

	// The contract: time and material work on one line; milestones on a fixed-price line with their amounts.
	const lines: string[] = [];
	const line = async (description: string, method: number, valueMinor: bigint) => {
		const id = store.newId();
		await store.insert('salesorderdetails', {
			salesorderdetailid: id,
			productdescription: description,
			isproductoverridden: true,
			quantity: 1,
			priceperunit: moneyNumber(valueMinor, project.currency),
			msdyn_billingmethod: method,
			_salesorderid_value: contractId,
			_msdyn_project_value: projectId,
			_transactioncurrencyid_value: currencyId,
			...salesActive,
		});
		lines.push(id);
		return id;
	};
	const milestones = project.tasks.filter((t) => t.isMilestone && t.milestoneAmountMinor);
	// A time-and-material line is valued at its staffing (planned hours × bill rate); a fixed-price one at its milestones.
	const staffedMinor = project.assignments.reduce((sum, a) => sum + minorOfHours(a.plannedHours, a.billRateMinor), 0n);
	const milestonesMinor = milestones.reduce((sum, m) => sum + BigInt(m.milestoneAmountMinor!), 0n);
	if (project.billing === 'Time and Materials') await line(`${project.name}: time and expenses`, BILLING_METHOD.timeAndMaterial, staffedMinor);
	const fixedLine = project.billing === 'Fixed Price' || milestones.length ? await line(`${project.name}: fixed fee`, BILLING_METHOD.fixedPrice, milestonesMinor) : undefined;
	ids.contractLines[project.externalId] = lines;
	for (const milestone of milestones) {
		const id = store.newId();
		await store.insert('msdyn_contractlinescheduleofvalues', {
			msdyn_contractlinescheduleofvalueid: id,
			msdyn_name: milestone.name,
			msdyn_milestonedate: milestone.end,
			msdyn_amount: minorNumber(milestone.milestoneAmountMinor!, project.currency),
			msdyn_invoicestatus: MILESTONE_INVOICE_STATUS.notReady,
			_msdyn_contractline_value: fixedLine,
			_msdyn_project_value: projectId,
			_msdyn_projecttask_value: ids.tasks[milestone.externalId],
			_transactioncurrencyid_value: currencyId,
			p2c_externalid: milestone.externalId,
			...active,
		});
		ids.milestones[milestone.externalId] = id;
	}

	for (const assignment of project.assignments) {
		const person = firmPerson(assignment.personExternalId);
		await store.insert('msdyn_projectteams', {
			msdyn_projectteamid: store.newId(),
			msdyn_name: `${person.firstName} ${person.lastName}`,
			msdyn_from: day(assignment.start),
			msdyn_to: day(assignment.end),
			msdyn_hours: Number(assignment.plannedHours),
			msdyn_membershipstatus: MEMBERSHIP_STATUS.assigned,
			_msdyn_project_value: projectId,
			_msdyn_bookableresourceid_value: ids.resources[assignment.personExternalId],
			_msdyn_resourcecategory_value: ids.roles[person.title],
			...active,
		});
	}
}

/** One proforma invoice in Draft for each time-and-material contract, over its unbilled sales actuals. */
async function seedProformaInvoices(store: RowStore, ids: SeededIds): Promise<void> {
	for (const project of FIRM_PROJECTS.filter((p) => p.billing === 'Time and Materials')) {
		const projectId = ids.projects[project.externalId];
		const contract = store.get('salesorders', ids.contracts[project.externalId])!;
		const unbilled = store.list('msdyn_actuals').filter((a) => a._msdyn_project_value === projectId && a.msdyn_transactiontypecode === TRANSACTION_TYPE.unbilledSales);
		if (!unbilled.length) continue;
		let totalMinor = 0n;
		for (const actual of unbilled) totalMinor += minorOf(actual.msdyn_amount, project.currency, 'msdyn_amount');
		const invoiceId = store.newId();
		await store.insert('invoices', {
			invoiceid: invoiceId,
			name: `${project.name}: January 2026`,
			invoicenumber: `INV-${project.externalId}-1`,
			msdyn_projectinvoicestatus: PROJECT_INVOICE_STATUS.draft,
			msdyn_invoicedate: '2026-01-31',
			datedelivered: '2026-01-31',
			duedate: '2026-03-02',
			_salesorderid_value: contract.salesorderid,
			_customerid_value: contract._customerid_value ?? null,
			_transactioncurrencyid_value: ids.currencies[project.currency],
			...salesActive,
		});
		await store.insert('invoicedetails', {
			invoicedetailid: store.newId(),
			productdescription: `${project.name}: time and expenses`,
			isproductoverridden: true,
			quantity: 1,
			priceperunit: moneyNumber(totalMinor, project.currency),
			msdyn_billingmethod: BILLING_METHOD.timeAndMaterial,
			_invoiceid_value: invoiceId,
			_msdyn_project_value: projectId,
			_msdyn_contractline_value: ids.contractLines[project.externalId][0],
			_transactioncurrencyid_value: ids.currencies[project.currency],
			...salesActive,
		});
	}
}

/** Rows the seed reads or writes, for stores that must be told which sets exist. */
export type { Row };
