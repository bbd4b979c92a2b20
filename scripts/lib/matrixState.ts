/**
 * What the matrix asserts on, read straight from the sandboxes (never from the workflow's own output): each
 * PSA's approved time entries with the firm's worker and project, converted exactly (minutes → decimal hours by
 * the canonical rule), and what each ERP holds for one PSA's entries, found by the entry's reference
 * (`<psa system>:<entry id>`, which the template writes on every posting).
 */
import { hoursFromMinutes } from '../../lib/canonical/durations';
import type { RunningSandboxes } from '../../sandbox';
import { FIRM_PROJECTS } from '../../sandbox/firm/dataset';
import { objectDef } from '../../sandbox/salesforce/schema';

type Rec = Record<string, any>;

/** The canonical system name each PSA's records carry (the reference's first part). */
export const PSA_SYSTEM: Record<string, string> = { projectOperations: 'dataverse', certinia: 'certinia', kantata: 'kantata', netsuite: 'netsuite' };

export interface ApprovedEntry {
	reference: string;
	hours: string;
	worker: string;
	project: string;
}

/** Decimal text without trailing zeros (7.50 → 7.5, 8 → 8), for comparing exact hours written in any vendor's style. */
export function plainDecimal(value: unknown): string {
	const text = String(value);
	return /^-?\d+\.\d+$/.test(text) ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

function netSuiteRecords(sandboxes: RunningSandboxes, type: string): Rec[] {
	return (sandboxes.netsuite.options.snapshot() as { records: Record<string, Rec[]> }).records[type] ?? [];
}

/** The PSA sandbox's approved time entries (entered in the PSA itself), with the firm's ids. */
export function approvedEntries(sandboxes: RunningSandboxes, psa: string): ApprovedEntry[] {
	const system = PSA_SYSTEM[psa];
	if (psa === 'projectOperations') {
		const rows = (set: string) => sandboxes.dataverse.service.records(set) as Rec[];
		const resources = new Map(rows('bookableresources').map((r) => [r.bookableresourceid, r.p2c_externalid]));
		const projects = new Map(rows('msdyn_projects').map((p) => [p.msdyn_projectid, p.p2c_externalid]));
		return rows('msdyn_timeentries')
			.filter((t) => t.msdyn_entrystatus === 192350002)
			.map((t) => ({ reference: `${system}:${t.msdyn_timeentryid}`, hours: hoursFromMinutes(t.msdyn_duration, 'msdyn_duration', []) ?? `not exact: ${t.msdyn_duration} minutes`, worker: resources.get(t._msdyn_bookableresource_value), project: projects.get(t._msdyn_project_value) }));
	}
	if (psa === 'certinia') {
		const org = sandboxes.salesforce.org;
		const contacts = new Map((org.records(objectDef('Contact')!) as Rec[]).map((c) => [c.Id, c.External_Id__c]));
		const projects = new Map((org.records(objectDef('pse__Proj__c')!) as Rec[]).map((p) => [p.Id, p.External_Id__c]));
		return (org.records(objectDef('pse__Timecard_Header__c')!) as Rec[])
			.filter((t) => t.pse__Status__c === 'Approved')
			.map((t) => ({ reference: `${system}:${t.Id}`, hours: plainDecimal(t.pse__Total_Hours__c), worker: contacts.get(t.pse__Resource__c), project: projects.get(t.pse__Project__c) }));
	}
	if (psa === 'kantata') {
		const account = sandboxes.kantata.account;
		const firm = (type: string, id: unknown) => (account.records('external_references') as Rec[]).find((r) => r.service_name === 'firm' && r.subject_type === type && String(r.subject_id) === String(id))?.service_model_ref;
		return (account.records('time_entries') as Rec[])
			.filter((t) => t.approved === true)
			.map((t) => ({ reference: `${system}:${t.id}`, hours: hoursFromMinutes(t.time_in_minutes, 'time_in_minutes', []) ?? `not exact: ${t.time_in_minutes} minutes`, worker: firm('User', t.user_id), project: firm('Workspace', t.workspace_id) }));
	}
	const employees = new Map(netSuiteRecords(sandboxes, 'employee').map((e) => [String(e.id), e.externalId]));
	const jobs = new Map(netSuiteRecords(sandboxes, 'job').map((j) => [String(j.id), j.externalId]));
	return netSuiteRecords(sandboxes, 'timeBill')
		.filter((t) => t.approvalStatus?.id === '2' && !t.externalId)
		.map((t) => ({ reference: `${system}:${t.id}`, hours: plainDecimal(t.hours), worker: employees.get(String(t.employee?.id)), project: jobs.get(String(t.customer?.id)) }));
}

/** The firm's project ids the ERP has (its master data), which decides which entries it can take. */
export function erpProjects(sandboxes: RunningSandboxes, erp: string): Set<string> {
	if (erp === 'netsuite') return new Set(netSuiteRecords(sandboxes, 'job').map((j) => String(j.externalId)));
	if (erp === 'oracle') return new Set(sandboxes.oracleFusion.store.all('projects').map((p: Rec) => String(p.ProjectNumber)));
	if (erp === 'sap') return new Set((sandboxes.sapS4HanaCloud.service('A_EnterpriseProject').records('A_EnterpriseProject') as Rec[]).map((p) => String(p.Project)));
	return new Set((sandboxes.dynamicsFinance.service.records('Projects') as Rec[]).filter((p) => p.dataAreaId === 'usmf').map((p) => String(p.ProjectID)));
}

export interface Posting {
	reference: string;
	hours: string;
	worker: string;
	project: string;
}

/** What the ERP holds for entries of one PSA system: one posting per record found by its reference. */
export function erpPostings(sandboxes: RunningSandboxes, erp: string, psaSystem: string): Posting[] {
	const mine = (reference: unknown) => typeof reference === 'string' && reference.startsWith(`${psaSystem}:`);
	if (erp === 'netsuite') {
		const employees = new Map(netSuiteRecords(sandboxes, 'employee').map((e) => [String(e.id), e.externalId]));
		const jobs = new Map(netSuiteRecords(sandboxes, 'job').map((j) => [String(j.id), j.externalId]));
		return netSuiteRecords(sandboxes, 'timeBill')
			.filter((t) => String(t.externalId ?? '').startsWith(`P2C-${psaSystem}-`))
			.map((t) => ({ reference: String(/^\[([^\]]+)\]/.exec(String(t.memo))?.[1]), hours: plainDecimal(t.hours), worker: employees.get(String(t.employee?.id)), project: jobs.get(String(t.customer?.id)) }));
	}
	if (erp === 'oracle') {
		const store = sandboxes.oracleFusion.store;
		return [...store.all('unprocessedProjectCosts'), ...store.all('projectCosts')]
			.filter((c: Rec) => mine(c.OriginalTransactionReference))
			.map((c: Rec) => ({ reference: c.OriginalTransactionReference, hours: plainDecimal(c.Quantity), worker: c.PersonNumber, project: c.ProjectNumber }));
	}
	if (erp === 'sap') {
		return (sandboxes.sapS4HanaCloud.service('TimeSheetEntryCollection').records('TimeSheetEntryCollection') as Rec[])
			.map((e) => ({ entry: e, reference: /^\[([^\]]+)\]/.exec(String(e.TimeSheetDataFields?.TimeSheetNote ?? ''))?.[1] }))
			.filter(({ reference }) => mine(reference))
			.map(({ entry, reference }) => ({ reference: reference!, hours: plainDecimal(entry.TimeSheetDataFields.RecordedHours), worker: entry.PersonWorkAgreementExternalID, project: String(entry.TimeSheetDataFields.WBSElement ?? '').replace(/-[TM]\d+$/, '') }));
	}
	return (sandboxes.dynamicsFinance.service.records('ProjectJournalLines') as Rec[])
		.filter((l) => mine(l.Description))
		.map((l) => ({ reference: l.Description, hours: plainDecimal(l.Hours), worker: l.ResourceId, project: l.ProjectID }));
}

// ---------------------------------------------------------------------------------------------------------------
// Flow 9 (revenue-schedule-to-erp): the revenue journals each ERP holds for one PSA's projects, found by the
// journal's reference `REV-<psa system>-<firm project>-<period>`, with every line in integer minor units.

export interface JournalFound {
	reference: string;
	date: string;
	currency: string;
	/** Posted in the ledger (NetSuite, Oracle's Journal Import and SAP post on write; Finance when its journal is posted). */
	posted: boolean;
	/** Each line's account and signed amount in minor units (debit positive, credit negative). */
	lines: Array<{ account: string; minor: bigint }>;
}

/** Decimal text (or a JSON number from a vendor's body) as integer minor units at `places` decimals, exactly. */
export function minorUnits(value: unknown, places = 2): bigint {
	const text = String(value ?? '0').trim();
	const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
	if (!match) throw new Error(`not a decimal amount: ${text}`);
	const fraction = (match[3] ?? '').replace(/0+$/, '');
	if (fraction.length > places) throw new Error(`${text} has more than ${places} decimals`);
	const minor = BigInt((match[2] || '0') + fraction.padEnd(places, '0'));
	return match[1] === '-' ? -minor : minor;
}

/** The revenue journals of one PSA system in the ERP; `references` names the ones to look for where the ERP keeps only a digest. */
export function revenueJournals(sandboxes: RunningSandboxes, erp: string, psaSystem: string, references: string[], digest: (reference: string) => string): JournalFound[] {
	const prefix = `REV-${psaSystem}-`;
	if (erp === 'netsuite') {
		return netSuiteRecords(sandboxes, 'journalEntry')
			.filter((j) => String(j.externalId ?? '').startsWith(prefix))
			.map((j) => ({ reference: String(j.externalId), date: String(j.tranDate), currency: '', posted: true, lines: ((j.line?.items ?? []) as Rec[]).map((l) => ({ account: String(l.account?.id), minor: minorUnits(l.debit ?? 0) - minorUnits(l.credit ?? 0) })) }));
	}
	if (erp === 'oracle') {
		return sandboxes.oracleFusion.journals
			.filter((j) => j.journalName.startsWith(prefix))
			.map((j) => ({ reference: j.journalName, date: j.accountingDate, currency: j.currency, posted: true, lines: j.lines.map((l) => ({ account: l.account, minor: minorUnits(l.debit ?? 0) - minorUnits(l.credit ?? 0) })) }));
	}
	if (erp === 'sap') {
		const byDigest = new Map(references.map((reference) => [digest(reference), reference]));
		return sandboxes.sapS4HanaCloud.journals
			.filter((j) => byDigest.has(String(j.originalReferenceDocument)))
			.map((j) => ({ reference: byDigest.get(String(j.originalReferenceDocument))!, date: j.postingDate, currency: j.lines[0]?.currency ?? '', posted: true, lines: j.lines.map((l) => ({ account: l.glAccount, minor: minorUnits(l.amount) })) }));
	}
	const lines = sandboxes.dynamicsFinance.service.records('LedgerJournalLines') as Rec[];
	return (sandboxes.dynamicsFinance.service.records('LedgerJournalHeaders') as Rec[])
		.filter((h) => String(h.IntegrationKey ?? '').startsWith(prefix))
		.map((h) => {
			const own = lines.filter((l) => l.JournalBatchNumber === h.JournalBatchNumber && l.dataAreaId === h.dataAreaId);
			return { reference: String(h.IntegrationKey), date: String(own[0]?.TransDate ?? '').slice(0, 10), currency: String(own[0]?.CurrencyCode ?? ''), posted: h.IsPosted === 'Yes' || h.IsPosted === true, lines: own.map((l) => ({ account: String(l.AccountDisplayValue), minor: minorUnits(l.DebitAmount) - minorUnits(l.CreditAmount) })) };
		});
}

/** The firm's milestone revenue per project in minor units (sandbox/firm: the same projects in every PSA). */
export function firmRevenueMinor(): Map<string, bigint> {
	return new Map(FIRM_PROJECTS.map((project) => [project.externalId, project.tasks.reduce((sum, task) => sum + BigInt(task.milestoneAmountMinor ?? '0'), 0n)]));
}
