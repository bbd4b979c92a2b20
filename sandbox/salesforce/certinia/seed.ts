/**
 * The consulting firm (sandbox/firm) rendered as a Certinia PSA org: regions and practices, people as Contacts
 * flagged as resources (cost rate, role, region, practice), the delivered projects with their WBS (project
 * tasks) and milestones, schedules and assignments at the firm's bill rates, weekly timecards (one per firm
 * time entry, the day's hours on its weekday, `External_Id__c` = the entry's id, taken through Submitted to
 * Approved as the firm's status says), expense reports with their expenses, and one released billing event
 * awaiting its ERP invoice number. Money goes in as decimal text made from the minor units, never via a float.
 */
import { FIRM_EXPENSES, FIRM_PEOPLE, FIRM_PROJECTS, FIRM_TIME, firmPerson } from '../../firm/dataset';
import type { SalesforceOrg } from '../org';
import { WEEKDAYS } from './objects';

const PSA_SEED_START = Date.parse('2026-01-05T08:00:00.000Z');
const MINUTE = 60_000;

/** Minor units (cents) as decimal text: '27500' → '275.00'. */
export function decimalOfMinor(minor: string, scale = 2): string {
	const negative = minor.startsWith('-');
	const digits = (negative ? minor.slice(1) : minor).padStart(scale + 1, '0');
	return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** The Monday of the week a date falls in, and the weekday's name. */
export function weekOf(date: string): { start: string; end: string; day: (typeof WEEKDAYS)[number] } {
	const ms = Date.parse(`${date}T00:00:00Z`);
	const index = (new Date(ms).getUTCDay() + 6) % 7;
	const start = new Date(ms - index * 86_400_000).toISOString().slice(0, 10);
	const end = new Date(ms + (6 - index) * 86_400_000).toISOString().slice(0, 10);
	return { start, end, day: WEEKDAYS[index] };
}

export function seedPsa(org: SalesforceOrg, userId: string): void {
	let tick = 0;
	const at = <T>(work: () => T): T => org.atTime(PSA_SEED_START + tick++ * MINUTE, work);
	const insert = (object: string, body: Record<string, unknown>) => at(() => org.insert(object, body, userId));
	const update = (object: string, id: string, body: Record<string, unknown>) => at(() => org.update(object, id, body, userId));

	const regions = new Map(['US', 'UK'].map((name) => [name, insert('pse__Region__c', { Name: name, External_Id__c: `REGION-${name}` })]));
	const practices = new Map(['Consulting', 'Finance'].map((name) => [name, insert('pse__Practice__c', { Name: name, External_Id__c: `PRACTICE-${name}` })]));
	insert('pse__Grp__c', { Name: 'Delivery', External_Id__c: 'GROUP-Delivery' });

	const people = new Map<string, string>();
	for (const person of FIRM_PEOPLE) {
		people.set(
			person.externalId,
			insert('Contact', {
				FirstName: person.firstName,
				LastName: person.lastName,
				Email: person.email,
				Title: person.title,
				External_Id__c: person.externalId,
				CurrencyIsoCode: person.currency,
				pse__Is_Resource__c: person.isResource,
				pse__Is_Resource_Active__c: person.isResource,
				pse__Region__c: regions.get(person.region),
				pse__Practice__c: practices.get(person.practice),
				pse__Default_Cost_Rate__c: decimalOfMinor(person.costRateMinor),
				pse__Employment_Status__c: 'Active',
				pse__Start_Date__c: person.hireDate,
			}),
		);
	}

	const projects = new Map<string, string>();
	const assignments = new Map<string, string>();
	for (const project of FIRM_PROJECTS) {
		const manager = firmPerson(project.projectManagerExternalId);
		const projectId = insert('pse__Proj__c', {
			Name: project.name,
			External_Id__c: project.externalId,
			CurrencyIsoCode: project.currency,
			// The firm's delivery customers are not among the CRM sandbox's accounts (its tests count them), so
			// these projects carry the customer's ERP id instead of an Account lookup.
			Customer_External_Id__c: project.customerExternalId,
			pse__Project_Manager__c: people.get(manager.externalId),
			pse__Start_Date__c: project.start,
			pse__End_Date__c: project.end,
			pse__Is_Active__c: true,
			pse__Is_Billable__c: true,
			pse__Stage__c: 'Open - In Process',
			pse__Billing_Type__c: project.billing,
			pse__Region__c: regions.get(manager.region),
			pse__Practice__c: practices.get(manager.practice),
			pse__Planned_Hours__c: project.tasks.reduce((sum, t) => sum + Number(t.plannedHours), 0),
		});
		projects.set(project.externalId, projectId);
		for (const task of project.tasks) {
			if (task.isMilestone) {
				insert('pse__Milestone__c', {
					Name: task.name,
					External_Id__c: task.externalId,
					CurrencyIsoCode: project.currency,
					pse__Project__c: projectId,
					pse__Milestone_Amount__c: decimalOfMinor(task.milestoneAmountMinor ?? '0'),
					pse__Target_Date__c: task.end,
					pse__Status__c: 'Open',
				});
			} else {
				insert('pse__Project_Task__c', {
					Name: task.name,
					External_Id__c: task.externalId,
					pse__Project__c: projectId,
					pse__Start_Date_Time__c: `${task.start}T09:00:00Z`,
					pse__End_Date_Time__c: `${task.end}T17:00:00Z`,
					pse__Estimated_Hours__c: task.plannedHours,
					pse__Status__c: 'Started',
				});
			}
		}
		for (const staffing of project.assignments) {
			const person = firmPerson(staffing.personExternalId);
			const schedule = insert('pse__Schedule__c', {
				pse__Start_Date__c: staffing.start,
				pse__End_Date__c: staffing.end,
				...Object.fromEntries(WEEKDAYS.slice(0, 5).map((day) => [`pse__${day}_Hours__c`, 8])),
			});
			assignments.set(
				`${staffing.personExternalId}|${project.externalId}`,
				insert('pse__Assignment__c', {
					Name: `${project.name} - ${person.firstName} ${person.lastName}`,
					External_Id__c: `${project.externalId}-${staffing.personExternalId}`,
					CurrencyIsoCode: project.currency,
					pse__Resource__c: people.get(person.externalId),
					pse__Project__c: projectId,
					pse__Schedule__c: schedule,
					pse__Status__c: 'Scheduled',
					pse__Bill_Rate__c: decimalOfMinor(staffing.billRateMinor),
					pse__Cost_Rate_Amount__c: decimalOfMinor(person.costRateMinor),
					pse__Is_Billable__c: true,
					pse__Planned_Hours__c: staffing.plannedHours,
				}),
			);
		}
	}

	for (const entry of FIRM_TIME) {
		const week = weekOf(entry.date);
		const id = insert('pse__Timecard_Header__c', {
			External_Id__c: entry.externalId,
			pse__Resource__c: people.get(entry.personExternalId),
			pse__Project__c: projects.get(entry.projectExternalId),
			pse__Assignment__c: assignments.get(`${entry.personExternalId}|${entry.projectExternalId}`),
			pse__Start_Date__c: week.start,
			pse__End_Date__c: week.end,
			[`pse__${week.day}_Hours__c`]: entry.hours,
			[`pse__${week.day}_Notes__c`]: entry.notes,
			pse__Billable__c: entry.billable,
			pse__Status__c: 'Saved',
		});
		if (entry.status !== 'Saved') update('pse__Timecard_Header__c', id, { pse__Status__c: 'Submitted' });
		if (entry.status === 'Approved') {
			const approvedMs = Date.parse(entry.approvedAt ?? '');
			org.atTime(approvedMs + tick++, () => org.update('pse__Timecard_Header__c', id, { pse__Status__c: 'Approved' }, userId));
		}
	}

	const reports = new Map<string, string>();
	const expenseIds: string[] = [];
	for (const expense of FIRM_EXPENSES) {
		const key = `${expense.personExternalId}|${expense.projectExternalId}`;
		let report = reports.get(key);
		if (!report) {
			const person = firmPerson(expense.personExternalId);
			report = insert('pse__Expense_Report__c', {
				Name: `${person.firstName} ${person.lastName} - January expenses`,
				External_Id__c: `ER-${expense.projectExternalId}-${expense.personExternalId}`,
				CurrencyIsoCode: expense.currency,
				pse__Resource__c: people.get(expense.personExternalId),
				pse__Project__c: projects.get(expense.projectExternalId),
				pse__Assignment__c: assignments.get(key),
				pse__Billable__c: expense.billable,
			});
			reports.set(key, report);
		}
		expenseIds.push(
			insert('pse__Expense__c', {
				External_Id__c: expense.externalId,
				CurrencyIsoCode: expense.currency,
				pse__Expense_Report__c: report,
				pse__Resource__c: people.get(expense.personExternalId),
				pse__Project__c: projects.get(expense.projectExternalId),
				pse__Assignment__c: assignments.get(key),
				pse__Amount__c: decimalOfMinor(expense.amountMinor),
				pse__Billing_Currency__c: expense.currency,
				pse__Type__c: 'Domestic',
				pse__Expense_Date__c: expense.date,
				pse__Description__c: `${expense.category}: ${expense.notes}`,
				pse__Billable__c: expense.billable,
			}),
		);
	}
	for (const report of reports.values()) {
		update('pse__Expense_Report__c', report, { pse__Status__c: 'Submitted' });
		update('pse__Expense_Report__c', report, { pse__Status__c: 'Approved' });
	}

	// PSA's billing run (Apex) generated and released one event for the approved expenses; the ERP invoice
	// number is what an integration writes back.
	const acme = FIRM_PROJECTS[0];
	const event = insert('pse__Billing_Event__c', {
		External_Id__c: `BE-${acme.externalId}-2026-01`,
		CurrencyIsoCode: acme.currency,
		pse__Project__c: projects.get(acme.externalId),
		pse__Date__c: '2026-01-31',
		pse__Event_Key__c: `${acme.externalId}:2026-01:expenses`,
		pse__Status__c: 'Submitted',
		pse__Is_Approved__c: true,
		pse__Is_Released__c: true,
	});
	let cents = 0n;
	FIRM_EXPENSES.forEach((expense, i) => {
		cents += BigInt(expense.amountMinor);
		insert('pse__Billing_Event_Item__c', {
			pse__Billing_Event__c: event,
			pse__Project__c: projects.get(expense.projectExternalId),
			pse__Category__c: 'Expense',
			pse__Amount__c: decimalOfMinor(expense.amountMinor),
			pse__Quantity__c: 1,
			pse__Date__c: expense.date,
			pse__Description__c: expense.notes,
			pse__Object_Id__c: expenseIds[i],
			pse__Expense__c: expenseIds[i],
		});
	});
	// A roll-up the org computes (Summary Amount is read-only through the API).
	org.byId(event)!.pse__Summary_Amount__c = Number(decimalOfMinor(cents.toString()));
}
