/**
 * Seed data: Meridian Advisory Group, a professional-services firm with a US and a UK subsidiary, its clients,
 * projects with tasks, consultants, their time, an expense report, an invoice and a revenue journal.
 * Ids come from the store's sequences, so they are the same on every run.
 */
import { FIRM_PROJECTS, FIRM_SUBCONTRACTORS } from '../firm/dataset';
import type { Json, NetSuiteStore, WriteOptions } from './store';
import { SCHEMAS } from './schema';

const SEED_TIME = '2026-01-05T09:00:00Z';

export function seedAccount(store: NetSuiteStore): void {
	const options: WriteOptions = { nameValidation: 'Error', replace: [], now: SEED_TIME };
	store.addLookup('subsidiary', '1', { name: 'Meridian Advisory Group (Parent)', isInactive: false, currency: '1' });
	store.addLookup('subsidiary', '2', { name: 'Meridian Advisory US', isInactive: false, currency: '1', parent: '1' });
	store.addLookup('subsidiary', '3', { name: 'Meridian Advisory UK', isInactive: false, currency: '2', parent: '1' });
	store.addLookup('currency', '1', { name: 'USD', symbol: 'USD' });
	store.addLookup('currency', '2', { name: 'GBP', symbol: 'GBP' });
	store.addLookup('currency', '3', { name: 'EUR', symbol: 'EUR' });
	store.addLookup('account', '54', { acctNumber: '1200', acctName: 'Accounts Receivable', acctType: 'AcctRec' });
	store.addLookup('account', '125', { acctNumber: '1210', acctName: 'Unbilled Receivables', acctType: 'OthCurrAsset' });
	store.addLookup('account', '210', { acctNumber: '2400', acctName: 'Deferred Revenue', acctType: 'DeferRevenue' });
	store.addLookup('account', '305', { acctNumber: '4000', acctName: 'Professional Services Revenue', acctType: 'Income' });
	store.addLookup('account', '410', { acctNumber: '6100', acctName: 'Travel Expense', acctType: 'Expense' });
	store.addLookup('account', '510', { acctNumber: '5200', acctName: 'Subcontractor Costs', acctType: 'COGS' });
	store.addLookup('account', '111', { acctNumber: '2000', acctName: 'Accounts Payable', acctType: 'AcctPay' });
	store.addLookup('item', '20', { itemId: 'PS-CONSULTING', displayName: 'Consulting Services (hourly)', itemType: 'Service' });
	store.addLookup('item', '21', { itemId: 'PS-FIXED-FEE', displayName: 'Fixed Fee Milestone', itemType: 'Service' });
	// Billable expenses re-invoiced to the customer at cost (time-and-materials invoices).
	store.addLookup('item', '22', { itemId: 'EXP-REBILL', displayName: 'Reimbursable Expenses', itemType: 'OthCharge' });
	store.addLookup('expenseCategory', '3', { name: 'Travel' });
	store.addLookup('expenseCategory', '4', { name: 'Meals' });
	store.addLookup('expenseCategory', '8', { name: 'Non-Recoverable Tax' });
	store.addLookup('department', '5', { name: 'Consulting' });
	store.addLookup('department', '6', { name: 'Finance' });
	store.addLookup('term', '2', { name: 'Net 30', daysUntilNetDue: 30 });
	store.addLookup('jobType', '1', { name: 'Implementation' });
	store.addLookup('jobType', '2', { name: 'Advisory' });
	store.addLookup('customerStatus', '13', { name: 'CUSTOMER-Closed Won', stage: 'CUSTOMER' });
	store.addLookup('customerStatus', '6', { name: 'LEAD-Unqualified', stage: 'LEAD' });

	const create = (type: keyof typeof SCHEMAS, body: Record<string, unknown>) => store.create(SCHEMAS[type], body, options).id;

	const manager = create('employee', {
		firstName: 'Dana', lastName: 'Whitfield', email: 'dana.whitfield@meridian.example', title: 'Engagement Director',
		subsidiary: { id: '2' }, department: { id: '5' }, isJobResource: true, laborCost: 95, hireDate: '2019-03-04', externalId: 'EMP-0001',
	});
	const consultant = create('employee', {
		firstName: 'Priya', lastName: 'Raman', email: 'priya.raman@meridian.example', title: 'Senior Consultant',
		subsidiary: { id: '2' }, department: { id: '5' }, supervisor: { id: manager }, isJobResource: true, laborCost: 70, hireDate: '2021-06-14', externalId: 'EMP-0002',
	});
	const ukConsultant = create('employee', {
		firstName: 'Oliver', lastName: 'Hale', email: 'oliver.hale@meridian.example', title: 'Consultant',
		subsidiary: { id: '3' }, department: { id: '5' }, supervisor: { id: manager }, isJobResource: true, laborCost: 60, hireDate: '2022-09-01', externalId: 'EMP-0003',
	});
	create('employee', {
		firstName: 'Marcus', lastName: 'Bell', email: 'marcus.bell@meridian.example', title: 'Controller',
		subsidiary: { id: '1' }, department: { id: '6' }, isJobResource: false, hireDate: '2018-01-08', externalId: 'EMP-0004',
	});

	const customers = [
		['Acme Manufacturing Inc.', 'SF-001A000001', '2', 'ap@acme.example'],
		['Globex Retail LLC', 'SF-001A000002', '2', 'finance@globex.example'],
		['Initech Software Corp.', 'SF-001A000003', '2', 'billing@initech.example'],
		['Umbrella Health plc', 'SF-001A000004', '3', 'accounts@umbrella.example'],
		["O'Brien & Sons Logistics", 'SF-001A000005', '3', 'payables@obrien.example'],
		['Stark Energy Partners', 'SF-001A000006', '2', 'ap@stark.example'],
	].map(([companyName, externalId, subsidiary, email]) =>
		create('customer', {
			companyName, externalId, email, subsidiary: { id: subsidiary }, terms: { id: '2' }, entityStatus: { id: '13' }, salesRep: { id: manager },
			currency: { id: subsidiary === '3' ? '2' : '1' },
		}),
	);

	const erp = create('job', {
		companyName: 'Acme ERP Implementation', externalId: 'SF-006A000101', parent: { id: customers[0] }, projectManager: { id: manager },
		startDate: '2026-01-12', projectedEndDate: '2026-06-30', jobType: { id: '1' }, entityStatus: { id: '2' }, jobBillingType: { id: '1' },
		estimatedRevenue: 240000, allowTime: true, allowExpenses: true,
	});
	const advisory = create('job', {
		companyName: 'Umbrella Finance Transformation', externalId: 'SF-006A000102', parent: { id: customers[3] }, projectManager: { id: manager },
		startDate: '2026-02-02', projectedEndDate: '2026-09-30', jobType: { id: '2' }, entityStatus: { id: '2' }, jobBillingType: { id: '3' },
		estimatedRevenue: 180000, allowTime: true, allowExpenses: true,
	});
	create('job', {
		companyName: 'Globex Pricing Assessment', externalId: 'SF-006A000103', parent: { id: customers[1] }, projectManager: { id: manager },
		startDate: '2026-03-02', jobType: { id: '2' }, entityStatus: { id: '4' }, jobBillingType: { id: '2' }, estimatedRevenue: 45000,
	});

	const tasks: Record<string, string> = {};
	for (const [project, titles] of [
		[erp, ['Discovery', 'Build', 'User Acceptance Testing']],
		[advisory, ['Current-State Assessment', 'Target Operating Model']],
	] as Array<[string, string[]]>) {
		for (const title of titles) {
			tasks[`${project}:${title}`] = create('projectTask', {
				title, project: { id: project }, owner: { id: manager }, status: { id: 'PROGRESS' }, constraintType: { id: 'ASAP' },
				estimatedWork: 120, assignee: { items: [{ resource: { id: consultant }, estimatedWork: 80, unitCost: 70, unitPrice: 200, serviceItem: { id: '20' } }] },
			});
		}
	}

	const time = (employee: string, project: string, task: string, tranDate: string, hours: string, memo: string) =>
		create('timeBill', {
			employee: { id: employee }, customer: { id: project }, caseTaskEvent: { id: task }, item: { id: '20' }, tranDate, hours,
			rate: 200, isBillable: true, memo, approvalStatus: { id: '2' },
		});
	time(consultant, erp, tasks[`${erp}:Discovery`], '2026-01-13', '7.5', 'Stakeholder interviews');
	time(consultant, erp, tasks[`${erp}:Discovery`], '2026-01-14', '8', 'Process mapping workshop');
	time(manager, erp, tasks[`${erp}:Discovery`], '2026-01-14', '2', 'Steering committee');
	time(ukConsultant, advisory, tasks[`${advisory}:Current-State Assessment`], '2026-02-03', '6', 'Close process review');

	create('expenseReport', {
		entity: { id: consultant }, tranDate: '2026-01-16', memo: 'Acme discovery week travel', approvalStatus: { id: '2' },
		expense: { items: [
			{ category: { id: '3' }, amount: 412.35, expensedate: '2026-01-12', memo: 'Flight ORD-DTW', customer: { id: erp }, isBillable: true },
			{ category: { id: '4' }, amount: 58.2, expensedate: '2026-01-13', memo: 'Team dinner', customer: { id: erp }, isBillable: true },
		] },
	});

	create('invoice', {
		entity: { id: customers[0] }, job: { id: erp }, tranDate: '2026-01-31', dueDate: '2026-03-02', memo: 'January time and materials',
		externalId: 'INV-ACME-2026-01',
		item: { items: [
			{ item: { id: '20' }, description: 'Consulting services, January', quantity: 15.5, rate: 200, job: { id: erp } },
			{ item: { id: '20' }, description: 'Engagement direction, January', quantity: 2, rate: 275, job: { id: erp } },
		] },
	});

	create('journalEntry', {
		subsidiary: { id: '2' }, tranDate: '2026-01-31', memo: 'Accrue unbilled revenue, Acme ERP', externalId: 'JE-ACCRUAL-2026-01',
		line: { items: [
			{ account: { id: '125' }, debit: 1500, entity: { id: erp }, memo: 'Unbilled WIP' },
			{ account: { id: '305' }, credit: 1500, entity: { id: erp }, memo: 'Services revenue' },
		] },
	});

	// The firm's subcontractors as vendors, their supplier number as the external id (seeded last, so the ids
	// of everything above stay as they were).
	for (const subcontractor of FIRM_SUBCONTRACTORS) {
		create('vendor', {
			companyName: subcontractor.name, externalId: subcontractor.number, email: subcontractor.email, terms: { id: '2' },
			subsidiary: { id: subcontractor.currency === 'GBP' ? '3' : '2' }, currency: { id: subcontractor.currency === 'GBP' ? '2' : '1' },
		});
	}

	seedMilestoneBilling(store, options);
}

/** Minor units as the decimal NetSuite's JSON carries (2500000 → 25000). */
function decimalNumberOfMinor(minor: bigint): number {
	return Number(`${minor / 100n}.${(minor % 100n).toString().padStart(2, '0')}`);
}

/** `part` as a percentage of `whole` with at most two decimals (NetSuite's milestone Amount), exactly. */
function percentOf(part: bigint, whole: bigint): number {
	if ((part * 10000n) % whole !== 0n) throw new Error(`seed: milestone ${part} of ${whole} is not a percentage with two decimals`);
	return decimalNumberOfMinor((part * 10000n) / whole);
}

/**
 * The firm's billing milestones as NetSuite keeps them (seeded last, so the ids of everything above stay as they
 * were): each milestone a project task carrying the firm's milestone id, the project's price (jobPrice) the sum of
 * its milestone amounts in the project's currency, and a Fixed Bid, Milestone billing schedule whose lines bill
 * their percentage of that price on the task's date. Every other PSA sandbox holds the same amounts.
 */
function seedMilestoneBilling(store: NetSuiteStore, options: WriteOptions): void {
	const currencyId: Record<string, string> = { USD: '1', GBP: '2' };
	for (const project of FIRM_PROJECTS) {
		const job = store.all('job').find((record) => record.fields.externalId === project.externalId);
		const milestones = project.tasks.filter((task) => task.isMilestone && task.milestoneAmountMinor);
		if (!job || milestones.length === 0) continue;
		const price = milestones.reduce((sum, task) => sum + BigInt(task.milestoneAmountMinor!), 0n);
		const lines: Json[] = milestones.map((task) => {
			const projectTask = store.create(SCHEMAS.projectTask, {
				title: task.name, externalId: task.externalId, project: { id: job.id }, status: { id: 'NOTSTART' }, constraintType: { id: 'FIXEDSTART' },
				startDateTime: `${task.start}T00:00:00Z`, endDate: task.end, estimatedWork: 0,
			}, options).id;
			return { milestoneAmount: percentOf(BigInt(task.milestoneAmountMinor!), price), milestoneDate: task.end, milestoneCompleted: false, projectTask: { id: projectTask } };
		});
		const schedule = store.create(SCHEMAS.billingSchedule, {
			name: `${project.name} milestones`, job: { id: job.id }, scheduleType: { id: '4' }, initialTerms: { id: '2' }, isPublic: false, milestone: { items: lines },
		}, options).id;
		store.update(SCHEMAS.job, job, {
			currency: { id: currencyId[project.currency] }, jobPrice: decimalNumberOfMinor(price), jobItem: { id: '21' }, billingSchedule: { id: schedule },
		}, options);
	}
}
