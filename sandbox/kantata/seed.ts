/**
 * The consulting firm (sandbox/firm/dataset.ts) in Kantata's shape: people as users, customers as workspace
 * groups, delivered projects as workspaces with their WBS as stories (milestones with their fixed amount as
 * budget), staffing as participations, workspace resources and allocations, time entries (approved ones in an
 * approved timesheet submission) and expenses. Every record carries an external reference to the firm's id
 * (service `firm`), so flows find them the way they find records they created. Money in cents, time in minutes.
 */
import { FIRM_EXPENSES, FIRM_PEOPLE, FIRM_PROJECTS, FIRM_TIME, firmPerson } from '../firm/dataset';
import type { KantataAccount, KantataRecord } from './account';

const SEED_AT = '2026-01-05T09:00:00.000Z';

/** The decimal hours of the firm dataset as whole minutes (every firm value is a whole number of minutes). */
export function minutesOf(hours: string): number {
	const [whole, fraction = ''] = hours.split('.');
	const hundredths = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
	const minutes = hundredths * 60n;
	if (minutes % 100n !== 0n || fraction.length > 2) throw new Error(`${hours} h is not a whole number of minutes`);
	return Number(minutes / 100n);
}

function reference(account: KantataAccount, subject: KantataRecord, subjectType: string, model: string, ref: string): void {
	const external = account.insert('external_references', {
		service_name: 'firm',
		service_model: model,
		service_model_ref: ref,
		subject_id: String(subject.id),
		subject_type: subjectType,
		status: 'successful',
		locked: false,
	}, { at: SEED_AT });
	subject.external_reference_ids = [...((subject.external_reference_ids as string[]) ?? []), String(external.id)];
}

export function seedAccount(account: KantataAccount): void {
	const at = { at: SEED_AT };
	// The integration user the tokens belong to.
	account.insert('users', { full_name: 'Integration User', email_address: 'integration@meridian.example', headline: 'API', disabled: false, account_id: account.accountId }, at);
	const users = new Map<string, KantataRecord>();
	for (const person of FIRM_PEOPLE) {
		const user = account.insert('users', { full_name: `${person.firstName} ${person.lastName}`, email_address: person.email, headline: person.title, disabled: false, account_id: account.accountId }, at);
		reference(account, user, 'User', 'employee', person.externalId);
		users.set(person.externalId, user);
	}
	account.insert('rate_cards', { currency: 'USD', rate_card_set_id: null }, at);
	account.insert('rate_cards', { currency: 'GBP', rate_card_set_id: null }, at);

	const workspaces = new Map<string, KantataRecord>();
	const stories = new Map<string, KantataRecord>();
	for (const project of FIRM_PROJECTS) {
		const group = account.insert('workspace_groups', { name: project.customer, company: true, workspace_ids: [] }, at);
		reference(account, group, 'WorkspaceGroup', 'customer', project.customerExternalId);
		const budget = project.tasks.reduce((sum, task) => sum + BigInt(task.milestoneAmountMinor ?? '0'), 0n);
		const workspace = account.insert('workspaces', {
			title: project.name,
			archived: false,
			description: `${project.billing} engagement for ${project.customer}`,
			start_date: project.start,
			due_date: project.end,
			budgeted: true,
			price_in_cents: Number(budget),
			price: `${budget / 100n}.${(budget % 100n).toString().padStart(2, '0')}`,
			currency: project.currency,
			currency_base_unit: 100,
			status_key: 400,
			creator_id: String(users.get(project.projectManagerExternalId)!.id),
			primary_workspace_group_id: String(group.id),
			workspace_group_ids: [String(group.id)],
			percentage_complete: 0,
		}, at);
		group.workspace_ids = [String(workspace.id)];
		reference(account, workspace, 'Workspace', 'project', project.externalId);
		workspaces.set(project.externalId, workspace);
		for (const task of project.tasks) {
			const story = account.insert('stories', {
				title: task.name,
				story_type: task.isMilestone ? 'milestone' : 'task',
				workspace_id: String(workspace.id),
				parent_id: null,
				start_date: task.start,
				due_date: task.end,
				state: 'not started',
				time_estimate_in_minutes: minutesOf(task.plannedHours),
				budget_estimate_in_cents: task.milestoneAmountMinor ? Number(task.milestoneAmountMinor) : null,
				billable: true,
				fixed_fee: Boolean(task.isMilestone),
				percentage_complete: 0,
				assignee_ids: [],
			}, at);
			reference(account, story, 'Story', 'task', task.externalId);
			stories.set(task.externalId, story);
		}
		for (const assignment of project.assignments) {
			const user = users.get(assignment.personExternalId)!;
			const person = firmPerson(assignment.personExternalId);
			account.insert('participations', { role: 'maven', rate_in_cents: Number(assignment.billRateMinor), cost_in_cents: Number(person.costRateMinor), user_id: String(user.id), workspace_id: String(workspace.id) }, at);
			const resource = account.insert('workspace_resources', { label: user.full_name, workspace_id: String(workspace.id), user_id: String(user.id), role_id: null }, at);
			account.insert('workspace_allocations', {
				start_date: assignment.start,
				end_date: assignment.end,
				hard: true,
				minutes: minutesOf(assignment.plannedHours),
				notes: null,
				workspace_resource_id: String(resource.id),
				workspace_id: String(workspace.id),
			}, at);
		}
	}

	const submissions = new Map<string, KantataRecord>();
	for (const entry of FIRM_TIME) {
		const workspace = workspaces.get(entry.projectExternalId)!;
		const assignment = FIRM_PROJECTS.find((p) => p.externalId === entry.projectExternalId)!.assignments.find((a) => a.personExternalId === entry.personExternalId);
		const person = firmPerson(entry.personExternalId);
		const record = account.insert('time_entries', {
			date_performed: entry.date,
			story_id: String(stories.get(entry.taskExternalId)!.id),
			time_in_minutes: minutesOf(entry.hours),
			billable: entry.billable,
			notes: entry.notes,
			rate_in_cents: Number(assignment?.billRateMinor ?? person.billRateMinor),
			cost_rate_in_cents: Number(person.costRateMinor),
			currency: workspace.currency,
			currency_base_unit: 100,
			workspace_id: String(workspace.id),
			user_id: String(users.get(entry.personExternalId)!.id),
			approved: entry.status === 'Approved',
			is_invoiced: false,
		}, { at: entry.approvedAt ?? SEED_AT });
		reference(account, record, 'TimeEntry', 'timeEntry', entry.externalId);
		if (entry.status === 'Saved') continue;
		// One submission per person, project and status, as a weekly timesheet would be.
		const key = `${entry.personExternalId}|${entry.projectExternalId}|${entry.status}`;
		let submission = submissions.get(key);
		if (!submission) {
			submission = account.insert('timesheet_submissions', {
				status: entry.status === 'Approved' ? 'approved' : 'pending',
				title: `Timesheet ${person.firstName} ${person.lastName}`,
				user_id: record.user_id,
				workspace_id: record.workspace_id,
				time_entry_ids: [],
				start_date: entry.date,
				end_date: entry.date,
			}, { at: entry.approvedAt ?? SEED_AT });
			submissions.set(key, submission);
		}
		submission.time_entry_ids = [...(submission.time_entry_ids as string[]), String(record.id)];
		submission.end_date = entry.date > String(submission.end_date) ? entry.date : submission.end_date;
		record.active_submission_id = String(submission.id);
		record.recent_submission_id = String(submission.id);
	}

	for (const expense of FIRM_EXPENSES) {
		const workspace = workspaces.get(expense.projectExternalId)!;
		const record = account.insert('expenses', {
			date: expense.date,
			notes: expense.notes,
			category: expense.category,
			amount_in_cents: Number(expense.amountMinor),
			currency: expense.currency,
			currency_base_unit: 100,
			is_invoiced: false,
			is_billable: expense.billable,
			reimbursable: true,
			workspace_id: String(workspace.id),
			user_id: String(users.get(expense.personExternalId)!.id),
		}, at);
		reference(account, record, 'Expense', 'expense', expense.externalId);
		const submission = account.insert('expense_report_submissions', {
			status: expense.status === 'Approved' ? 'approved' : 'pending',
			title: `Expenses ${expense.externalId}`,
			user_id: record.user_id,
			workspace_id: record.workspace_id,
			expense_ids: [String(record.id)],
		}, at);
		record.active_submission_id = String(submission.id);
		record.recent_submission_id = String(submission.id);
	}
}
