/**
 * Template month-end-close-readiness in real n8n (issue 16, flow 13) on a period seeded with one of each blocker,
 * every one caused through the firm's own flows on their own Sync Ledger tables (prefix p2cclose_, so no other
 * scenario's leftovers count), Kantata OX as the PSA (its time carries cost rates) and NetSuite as the ERP:
 * - approved time not posted: an entry of January approved in Kantata after approved-time-to-erp ran;
 * - open exceptions of two owners and ages: approved February entries the posting flow parked, one for HR
 *   Operations (its worker has no firm id in Kantata; backdated 12 days through the Data Tables API, as no flow can
 *   date an exception in the past) and one for finance (NetSuite refused the time bill);
 * - a reconciliation difference: time-reconciliation-kantata after a time bill's hours were changed in NetSuite;
 * - a revenue journal not posted: revenue-schedule-to-erp with NetSuite refusing January's journal of one project;
 * - stale worker data: worker-sync ran, and its postings and its run were backdated 10 days (Data Tables API, same
 *   reason).
 * Close readiness for 2026-01 must list exactly those six blockers (kind, owner, age, key) and a summary with the
 * counts, the unposted hours and their cost to the cent, ready no. Then each cause is fixed through the flows (the
 * entry moved to the worker's profile, NetSuite answering, the time bill corrected and reconciled again, the queue's
 * exceptions replayed or resolved by a Sync Ledger workflow, the posting and revenue flows run again, worker sync
 * run again with no new change) and the period must be ready with no blocker, each entry and the journal in NetSuite once.
 */
import { withResults } from '../../lib/governance';
import { schemaFor } from '../../sandbox/netsuite/schema';
import type { KantataRecord } from '../../sandbox/kantata';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { APPROVED_TIME_TEMPLATE, ERPS, PSAS, readTemplate, REVENUE_ERPS, REVENUE_PSAS, REVENUE_SLOTS, REVENUE_TEMPLATE, substitute } from '../lib/matrix';
import type { Pair } from '../lib/matrix';
import { bindTemplate } from '../lib/templates';
import type { TemplateWorkflow } from '../lib/templates';
import { allRuns, executeWorkflow } from './governed';
import type { Rec } from './governed';

const PREFIX = 'p2cclose_';
const PERIOD = '2026-01';
const DAY = 86_400_000;
const IDS = { post: 'p2cClosePost1', revenue: 'p2cCloseRevenue1', reconcile: 'p2cCloseReconcile1', workers: 'p2cCloseWorkers1', close: 'p2cCloseReady1', queue: 'p2cCloseQueue1', pruneDry: 'p2cClosePruneDry1', prune: 'p2cClosePrune1' };
/** Posted keys kept this many days by the close's prune: the first worker sync's keys (backdated 10 days) go. */
const KEEP_POSTED_DAYS = 7;
const TIME_PAIR: Pair = { psa: PSAS.find((v) => v.key === 'kantata')!, erp: ERPS.find((v) => v.key === 'netsuite')! };
const REVENUE_PAIR: Pair = { psa: REVENUE_PSAS.find((v) => v.key === 'kantata')!, erp: REVENUE_ERPS.find((v) => v.key === 'netsuite')! };
const JOURNAL = 'REV-kantata-SF-006A000101-2026-01';
const netSuiteError = (detail: string, code: string) => ({ type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1', title: 'Bad Request', status: 400, 'o:errorDetails': [{ detail, 'o:errorCode': code }] });
const near = (value: unknown, want: number, within = 0.2) => typeof value === 'number' && Math.abs(value - want) <= within;

/** Sync Ledger → Ledger → Prune on the close's tables: posted keys kept 7 days, audit and resolved exceptions 400. */
function pruneWorkflow(credential: { id: string | null; name: string }, dryRun: boolean): TemplateWorkflow {
	const mark = dryRun ? 'd' : 'e';
	const nodes = [
		{ id: `c1d5e0a0-0000-4000-8000-0000000000${mark}0`, name: 'Run now', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: `c1d5e0a0-0000-4000-8000-0000000000${mark}1`,
			name: 'Prune',
			type: 'n8n-nodes-planning-to-cash.syncLedger',
			typeVersion: 1,
			position: [220, 0],
			parameters: { resource: 'ledger', operation: 'prune', keepPostedDays: KEEP_POSTED_DAYS, keepAuditDays: 400, keepResolvedExceptionsDays: 400, dryRun, tablePrefix: PREFIX },
			credentials: { p2cN8nApi: credential },
		},
	];
	return { name: `Ledger retention${dryRun ? ' (dry run)' : ''} [close scenario]`, nodes, connections: { 'Run now': { main: [[{ node: 'Prune', type: 'main', index: 0 }]] } } };
}

/** The Sync Ledger queue actions finance takes once causes are fixed: reconciliation differences resolved, every other open exception replayed. */
function queueActions(credential: { id: string | null; name: string }): TemplateWorkflow {
	const ledger = (id: string, name: string, position: number[], parameters: Record<string, unknown>) => ({
		id: `c1d5e0a0-0000-4000-8000-00000000000${id}`,
		name,
		type: 'n8n-nodes-planning-to-cash.syncLedger',
		typeVersion: 1,
		position,
		parameters: { ...parameters, tablePrefix: PREFIX },
		credentials: { p2cN8nApi: credential },
	});
	return {
		name: 'Close readiness: queue actions after the fixes [close scenario]',
		nodes: [
			{ id: 'c1d5e0a0-0000-4000-8000-000000000000', name: 'Run now', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			ledger('1', 'Open exceptions', [220, 0], { resource: 'exception', operation: 'list', status: 'open', domain: 'all', limit: 1000 }),
			{
				id: 'c1d5e0a0-0000-4000-8000-000000000002',
				name: 'Reconciliation difference?',
				type: 'n8n-nodes-base.if',
				typeVersion: 2.2,
				position: [440, 0],
				parameters: {
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
						conditions: [{ id: 'c1d5e0a0-0000-4000-8000-0000000000a1', leftValue: '={{ $json.key }}', rightValue: 'reconcile:', operator: { type: 'string', operation: 'startsWith' } }],
						combinator: 'and',
					},
					options: {},
				},
			},
			ledger('3', 'Resolve: matched again', [660, -100], { resource: 'exception', operation: 'resolve', exceptionId: '={{ $json.id }}', resolution: 'the ERP record was corrected and the reconciliation run again matched it' }),
			ledger('4', 'Replay', [660, 100], { resource: 'exception', operation: 'replay', exceptionId: '={{ $json.id }}' }),
		],
		connections: {
			'Run now': { main: [[{ node: 'Open exceptions', type: 'main', index: 0 }]] },
			'Open exceptions': { main: [[{ node: 'Reconciliation difference?', type: 'main', index: 0 }]] },
			'Reconciliation difference?': { main: [[{ node: 'Resolve: matched again', type: 'main', index: 0 }], [{ node: 'Replay', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	} as TemplateWorkflow;
}

export const monthEndClose: Scenario = {
	name: 'month-end-close',
	async run(context) {
		// Kantata and NetSuite from the firm's seed: earlier scenarios add projects, time and postings to both. Left
		// as seeded again afterwards, so the close's entries, time bills and faults reach no later scenario.
		const reset = () => [context.sandboxes.kantata, context.sandboxes.netsuite].forEach((sandbox) => sandbox.reset());
		reset();
		try {
			return await closeRuns(context);
		} finally {
			reset();
		}
	},
};

async function closeRuns(context: ScenarioContext): Promise<Record<string, unknown>> {
	const { checks, n8n, sandboxes, dataTables, credentialsByType } = context;
	const account = sandboxes.kantata.account;
	const netsuite = sandboxes.netsuite;

	// Each flow as a user sets it up for this close: Kantata read, NetSuite written, the ledger tables p2cclose_*.
	const copy = (file: string, id: string, workflow: TemplateWorkflow, label: string) => ({ ...bindTemplate(file, workflow, credentialsByType), id, name: `${workflow.name.replace(/ \(.*$/, '').slice(0, 80)} [close: ${label}]` });
	const reconcile = substitute(readTemplate('time-reconciliation-kantata.json'), TIME_PAIR, { ledgerPrefix: PREFIX, slots: [] });
	// The time bills Kantata's earlier time sync posted carry the firm's id (PSA-TE-…); this close's postings are the flow's own.
	reconcile.nodes.find((n) => n.name === 'NetSuite time bills')!.parameters.query = "SELECT id, externalid, hours, trandate FROM timebill WHERE externalid LIKE 'PSA-TE-%' ORDER BY id";
	const close = substitute(readTemplate('month-end-close-readiness.json'), TIME_PAIR, { ledgerPrefix: PREFIX, slots: ['Approved time (PSA)'] });
	close.nodes.find((n) => n.name === 'Close readiness')!.parameters.period = PERIOD;
	const workflows = [
		copy(APPROVED_TIME_TEMPLATE, IDS.post, substitute(readTemplate(APPROVED_TIME_TEMPLATE), TIME_PAIR, { ledgerPrefix: PREFIX }), 'post time'),
		copy(REVENUE_TEMPLATE, IDS.revenue, substitute(readTemplate(REVENUE_TEMPLATE), REVENUE_PAIR, { ledgerPrefix: PREFIX, slots: REVENUE_SLOTS }), 'revenue'),
		copy('time-reconciliation-kantata.json', IDS.reconcile, reconcile, 'reconcile'),
		copy('worker-sync.json', IDS.workers, substitute(readTemplate('worker-sync.json'), TIME_PAIR, { ledgerPrefix: PREFIX, slots: [] }), 'workers'),
		copy('month-end-close-readiness.json', IDS.close, close, PERIOD),
		{ ...queueActions(credentialsByType.p2cN8nApi), id: IDS.queue },
		{ ...pruneWorkflow(credentialsByType.p2cN8nApi, true), id: IDS.pruneDry },
		{ ...pruneWorkflow(credentialsByType.p2cN8nApi, false), id: IDS.prune },
	];
	for (let attempt = 1; ; attempt++) {
		try {
			await n8n.importWorkflow(Object.assign(workflows, { id: 'p2cCloseAll' }));
			break;
		} catch (error) {
			if (attempt === 3) throw error;
		}
	}

	// --- The firm's records in Kantata and NetSuite -------------------------------------------------------
	const firmRef = (type: string, firmId: string) => (account.records('external_references') as KantataRecord[]).find((r) => r.service_name === 'firm' && r.subject_type === type && r.service_model_ref === firmId)?.subject_id;
	const template = account.find('time_entries', String(firmRef('TimeEntry', 'PSA-TE-1001')))!;
	const priya = String(firmRef('User', 'EMP-0002'));
	const entry = (fields: KantataRecord) => {
		// A new entry of its own: not the firm entry's id, submissions or external references (its firm id).
		const { id: _id, created_at: _c, updated_at: _u, active_submission_id: _a, recent_submission_id: _r, external_reference_ids: _refs, ...rest } = template;
		return account.insert('time_entries', { ...rest, is_invoiced: false, ...fields });
	};
	// A consultant's late January entry, submitted now and approved after the posting run (Priya's new cost rate).
	const late = entry({ date_performed: '2026-01-29', time_in_minutes: 135, cost_rate_in_cents: 7550, notes: 'Findings workshop follow-up', approved: false });
	const submission = account.insert('timesheet_submissions', { status: 'pending', title: 'Timesheet Priya Raman (late)', user_id: priya, workspace_id: late.workspace_id, time_entry_ids: [String(late.id)], start_date: '2026-01-29', end_date: '2026-01-29' });
	late.active_submission_id = String(submission.id);
	// February entries: one booked under a duplicate profile with no firm id, one NetSuite will refuse.
	const duplicate = account.insert('users', { full_name: 'Priya Raman (contractor profile)', email_address: 'priya.raman+contractor@meridian.example', headline: 'Senior Consultant', disabled: false, account_id: account.accountId });
	const unknownWorker = entry({ date_performed: '2026-02-10', time_in_minutes: 360, notes: 'Backlog grooming', approved: true, user_id: String(duplicate.id) });
	const refused = entry({ date_performed: '2026-02-11', time_in_minutes: 420, notes: 'Data migration design', approved: true });
	const key = (record: KantataRecord) => `netsuite:time:kantata:${String(record.id)}`;
	const billPath = (record: KantataRecord) => `/timeBill/eid(:|%3A)P2C-kantata-${String(record.id)}$`;
	netsuite.addFault({ kind: 'status', method: 'PUT', path: billPath(refused), times: 10_000, status: 400, body: netSuiteError("Invalid employee reference key for the time bill's employee.", 'INVALID_KEY_OR_REF') });
	netsuite.addFault({ kind: 'status', method: 'PUT', path: `/journalEntry/eid(:|%3A)${JOURNAL}$`, times: 10_000, status: 400, body: netSuiteError('The accounting period Jan 2026 is locked for the Revenue Recognition role.', 'INVALID_PERIOD') });

	// NetSuite's time bills as Kantata's earlier time sync posted them (the seed's four, given the firm ids and the
	// PSA's hours), so the reconciliation starts clean; then someone changes PSA-TE-1003 in NetSuite.
	const bills = netsuite.store.all('timeBill').sort((a, b) => Number(a.id) - Number(b.id));
	const options = { nameValidation: 'Warning' as const, replace: [], now: new Date().toISOString() };
	const stamps = [{ externalId: 'PSA-TE-1001' }, { externalId: 'PSA-TE-1002', hours: '8.5' }, { externalId: 'PSA-TE-1003' }, { externalId: 'PSA-TE-1005', tranDate: '2026-01-15' }];
	bills.slice(0, 4).forEach((bill, i) => netsuite.store.update(schemaFor('timeBill')!, bill, stamps[i], options));
	const bill1003 = bills[2];

	// --- The causes, through the flows ------------------------------------------------------------------
	const workers1 = await executeWorkflow(n8n, IDS.workers);
	const syncedKeys = allRuns(workers1.data, 'Record Result', 0).map((j) => String(j.ledger?.key));
	const post1 = await executeWorkflow(n8n, IDS.post);
	const parkedForOwner = allRuns(post1.data, 'Park for owner', 0);
	const parkedForFinance = allRuns(post1.data, 'Park for finance', 0);
	account.resolveSubmission('timesheet_submissions', String(submission.id), 'approve');
	const revenue1 = await executeWorkflow(n8n, IDS.revenue);
	const journalParked = allRuns(revenue1.data, 'Park for finance', 0);
	netsuite.store.update(schemaFor('timeBill')!, bill1003, { hours: '2.5' }, options);
	const reconcile1 = await executeWorkflow(n8n, IDS.reconcile);
	const differences = allRuns(reconcile1.data, 'Park for finance', 0);
	checks.check(
		'close causes seeded through the flows: worker sync posted, the posting run parked the February entry without a firm worker for HR operations and the one NetSuite refused for finance, the revenue run parked January\'s refused journal, the reconciliation parked the changed time bill',
		workers1.ok && post1.ok && revenue1.ok && reconcile1.ok && syncedKeys.length > 0 && syncedKeys.every((k) => k.startsWith('worker-sync:')) &&
			parkedForOwner.length === 1 && parkedForOwner[0].exception?.key === key(unknownWorker) && parkedForOwner[0].exception?.domain === 'hrOperations' &&
			parkedForFinance.length === 1 && parkedForFinance[0].exception?.key === key(refused) && parkedForFinance[0].exception?.domain === 'finance' &&
			journalParked.length === 1 && journalParked[0].exception?.key === `netsuite:revenue:${JOURNAL}` &&
			differences.length === 1 && differences[0].exception?.key === 'reconcile:time:kantata:PSA-TE-1003',
		{
			synced: syncedKeys.length,
			parkedForOwner: parkedForOwner.map((p) => p.exception),
			parkedForFinance: parkedForFinance.map((p) => p.exception),
			journalParked: journalParked.map((p) => p.exception),
			differences: differences.map((p) => p.exception),
			output: [workers1, post1, revenue1, reconcile1].filter((r) => !r.ok).map((r) => r.output.slice(-1200)),
		},
	);

	// Ages no flow can make: the HR operations exception raised 12 days ago, the last worker sync 10 days ago.
	const exceptionRows = await dataTables.rows(`${PREFIX}exceptions`);
	const hrRow = exceptionRows.find((r) => r.key === key(unknownWorker) && r.status === 'open');
	if (hrRow) await dataTables.updateRow(`${PREFIX}exceptions`, Number(hrRow.id), { raisedAt: new Date(Date.now() - 12 * DAY).toISOString() });
	const syncAt = new Date(Date.now() - 10 * DAY).toISOString();
	for (const row of await dataTables.rows(`${PREFIX}ledger`)) {
		if (String(row.key).startsWith('worker-sync:') && row.postedAt) await dataTables.updateRow(`${PREFIX}ledger`, Number(row.id), { postedAt: syncAt });
	}

	const readiness = async (label: string) => {
		const run = await executeWorkflow(n8n, IDS.close);
		return { label, run, blockers: allRuns(run.data, 'Close readiness', 0), summary: (allRuns(run.data, 'Close readiness', 1)[0] ?? {}) as Rec };
	};
	const before = await readiness('before the fixes');
	const one = (kind: string, blockerKey: string) => before.blockers.filter((b) => b.blocker === kind && b.key === blockerKey);
	const lateBlocker = one('approvedTimeNotPosted', key(late));
	const hrBlocker = one('openException', key(unknownWorker));
	const refusedBlocker = one('openException', key(refused));
	const reconcileBlocker = one('reconciliationDifference', 'reconcile:time:kantata:PSA-TE-1003');
	const journalBlocker = one('revenueJournalNotPosted', `netsuite:revenue:${JOURNAL}`);
	const staleBlocker = one('staleWorkerData', 'worker-sync:');
	const summary = before.summary;
	checks.check(
		`close readiness for ${PERIOD} with one of each cause: exactly six blockers, each once with its kind, owner, age and key`,
		before.run.ok &&
			before.blockers.length === 6 &&
			lateBlocker.length === 1 && lateBlocker[0].owner === 'Finance' && lateBlocker[0].hours === '2.25' && lateBlocker[0].date === '2026-01-29' && lateBlocker[0].ledgerStatus === null &&
			JSON.stringify(lateBlocker[0].cost) === JSON.stringify({ amount: '169.88', currency: 'USD' }) &&
			hrBlocker.length === 1 && hrBlocker[0].owner === 'HR Operations' && near(hrBlocker[0].ageDays, 12) && /field timeEntry\.resource/.test(String(hrBlocker[0].reason)) &&
			refusedBlocker.length === 1 && refusedBlocker[0].owner === 'Finance' && near(refusedBlocker[0].ageDays, 0, 0.1) && /INVALID_KEY_OR_REF/.test(String(refusedBlocker[0].reason)) &&
			reconcileBlocker.length === 1 && reconcileBlocker[0].owner === 'Finance' && /hours/.test(String(reconcileBlocker[0].reason)) &&
			journalBlocker.length === 1 && journalBlocker[0].owner === 'Finance' && /^failed/.test(String(journalBlocker[0].ledgerStatus)) && /INVALID_PERIOD/.test(String(journalBlocker[0].reason)) && (journalBlocker[0].exceptions as unknown[]).length === 1 &&
			staleBlocker.length === 1 && staleBlocker[0].owner === 'HR Operations' && near(staleBlocker[0].ageDays, 10),
		{ blockers: before.blockers.map((b) => ({ blocker: b.blocker, key: b.key, owner: b.owner, ageDays: b.ageDays, hours: b.hours, cost: b.cost, reason: b.reason })), output: before.run.ok ? undefined : before.run.output.slice(-1500) },
	);
	checks.check(
		'the summary for finance: one blocker of each kind but two open exceptions, 2.25 h not posted costing 169.88 USD (2.25 h × 75.50, rounded once), open exceptions by owner with the oldest age, ready no',
		JSON.stringify(summary.counts) === JSON.stringify({ approvedTimeNotPosted: 1, revenueJournalNotPosted: 1, reconciliationDifference: 1, openException: 2, staleWorkerData: 1 }) &&
			JSON.stringify(summary.approvedTimeNotPosted) === JSON.stringify({ entries: 1, hours: '2.25', cost: { USD: '169.88' } }) &&
			summary.openExceptionsByOwner?.['HR Operations']?.open === 1 && near(summary.openExceptionsByOwner?.['HR Operations']?.oldestDays, 12) &&
			summary.openExceptionsByOwner?.Finance?.open === 3 &&
			summary.ready === 'no' &&
			/^Close readiness for 2026-01: ready no \(6 blockers\)$/m.test(String(summary.text)) &&
			/^Approved time not posted: 1 entries, 2\.25 h, cost 169\.88 USD$/m.test(String(summary.text)),
		summary,
	);

	// --- The fixes, through the flows --------------------------------------------------------------------
	// The PMO moves the February entry to Priya's own profile; NetSuite takes her time bill and the January
	// journal again; finance corrects PSA-TE-1003 in NetSuite and reconciles again.
	const moved = account.find('time_entries', String(unknownWorker.id))!;
	Object.assign(moved, { user_id: priya, updated_at: new Date().toISOString() });
	netsuite.clearFaults();
	netsuite.store.update(schemaFor('timeBill')!, bill1003, { hours: '2' }, options);
	const reconcile2 = await executeWorkflow(n8n, IDS.reconcile);
	const queue = await executeWorkflow(n8n, IDS.queue);
	const resolved = allRuns(queue.data, 'Resolve: matched again', 0);
	const replayed = allRuns(queue.data, 'Replay', 0);
	const post2 = await executeWorkflow(n8n, IDS.post);
	const revenue2 = await executeWorkflow(n8n, IDS.revenue);
	// Worker sync runs again and finds nothing new to apply: its run is what makes worker data fresh.
	const workers2 = await executeWorkflow(n8n, IDS.workers);
	const bills2 = netsuite.store.all('timeBill');
	const onceInNetSuite = [late, unknownWorker, refused].every((r) => bills2.filter((b) => b.fields.externalId === `P2C-kantata-${String(r.id)}`).length === 1);
	const journals = netsuite.store.all('journalEntry').filter((j) => j.fields.externalId === JOURNAL);
	checks.check(
		'the fixes through the flows: the reconciliation matches all four, the queue workflow resolves the difference and replays the three others, the posting run posts the three entries once each, the revenue run posts January\'s journal once, worker sync runs again with nothing new to apply and records its run',
		reconcile2.ok && queue.ok && post2.ok && revenue2.ok && workers2.ok &&
			allRuns(reconcile2.data, 'Park for finance', 0).length === 0 && allRuns(reconcile2.data, 'Reconcile', 0).length === 4 &&
			resolved.length === 1 && replayed.length === 3 &&
			allRuns(post2.data, 'Record Result', 0).length === 3 && onceInNetSuite &&
			allRuns(revenue2.data, 'Record Result', 0).length === 1 && journals.length === 1 &&
			allRuns(workers2.data, 'Record Result', 0).length === 0 && allRuns(workers2.data, 'Record this run', 0).length === 1,
		{
			reconcileMatched: allRuns(reconcile2.data, 'Reconcile', 0).length,
			resolved: resolved.length,
			replayed: replayed.map((r) => r.replay?.key),
			posted: allRuns(post2.data, 'Record Result', 0).map((j) => j.ledger?.key),
			journals: journals.length,
			workerSync: { changes: allRuns(workers2.data, 'Record Result', 0).map((j) => j.ledger?.key), run: allRuns(workers2.data, 'Record this run', 0).map((j) => j.ledger?.key) },
			output: [reconcile2, queue, post2, revenue2, workers2].filter((r) => !r.ok).map((r) => r.output.slice(-1200)),
		},
	);

	const after = await readiness('after the fixes');
	const openLeft = (await dataTables.rows(`${PREFIX}exceptions`)).filter((r) => r.status === 'open');
	const postedKeys = new Set(withResults((await dataTables.rows(`${PREFIX}ledger`)) as unknown as Array<Rec & { id: number }>).filter((r) => r.status === 'posted').map((r) => String(r.key)));
	checks.check(
		`close readiness for ${PERIOD} after the fixes: no blocker, no open exception, every January entry posted in the ledger, ready yes`,
		after.run.ok &&
			after.blockers.length === 0 &&
			after.summary.ready === 'yes' &&
			JSON.stringify(after.summary.approvedTimeNotPosted) === JSON.stringify({ entries: 0, hours: '0', cost: {} }) &&
			openLeft.length === 0 &&
			postedKeys.has(key(late)) && postedKeys.has(`netsuite:revenue:${JOURNAL}`),
		{ blockers: after.blockers.map((b) => `${String(b.blocker)} ${String(b.key)}`), summary: after.summary.text, openLeft: openLeft.map((r) => r.key), output: after.run.ok ? undefined : after.run.output.slice(-1500) },
	);

	// --- Retention ----------------------------------------------------------------------------------------
	// Posted keys kept 7 days: the keys the first worker sync posted (backdated 10 days above) are forgotten whole,
	// every key posted since stays, and the period still reads ready.
	const ledgerRows = async () => (await dataTables.rows(`${PREFIX}ledger`)) as Array<Rec & { id: number }>;
	const rowsBefore = await ledgerRows();
	const backdated = new Set(rowsBefore.filter((r) => String(r.key).startsWith('worker-sync:') && r.postedAt && Date.parse(String(r.postedAt)) < Date.now() - KEEP_POSTED_DAYS * DAY).map((r) => String(r.key)));
	const dry = await executeWorkflow(n8n, IDS.pruneDry);
	const dryReport = (allRuns(dry.data, 'Prune', 0)[0]?.prune ?? {}) as Rec;
	const rowsAfterDry = (await ledgerRows()).length;
	const pruned = await executeWorkflow(n8n, IDS.prune);
	const report = (allRuns(pruned.data, 'Prune', 0)[0]?.prune ?? {}) as Rec;
	const rowsAfter = await ledgerRows();
	const claimsAfter = withResults(rowsAfter).filter((r) => r.kind === 'claim');
	const keptAsBefore = withResults(rowsBefore)
		.filter((r) => r.kind === 'claim' && !backdated.has(String(r.key)))
		.every((r) => claimsAfter.some((a) => a.id === r.id && a.status === r.status && a.targetId === r.targetId));
	const ready = await readiness('after the prune');
	checks.check(
		`retention: a dry run counts and deletes nothing; Prune (posted keys kept ${KEEP_POSTED_DAYS} days) forgets exactly the first worker sync's keys with their claim and result rows, keeps every other row as it was, and the period still reads ready`,
		dry.ok && pruned.ok && backdated.size > 0 &&
			dryReport.dryRun === true && dryReport.keys === backdated.size && rowsAfterDry === rowsBefore.length &&
			report.dryRun === false && report.keys === backdated.size && report.auditEntries === 0 && report.resolvedExceptions === 0 &&
			rowsAfter.length === rowsBefore.length - Number(report.ledgerRows) && Number(report.ledgerRows) >= 2 * backdated.size &&
			!rowsAfter.some((r) => backdated.has(String(r.key))) && keptAsBefore &&
			ready.run.ok && ready.blockers.length === 0 && ready.summary.ready === 'yes',
		{ backdated: backdated.size, dryReport, report, rows: { before: rowsBefore.length, afterDry: rowsAfterDry, after: rowsAfter.length }, keptAsBefore, ready: ready.summary.text, output: [dry, pruned].filter((r) => !r.ok).map((r) => r.output.slice(-1200)) },
	);
	return {
		period: PERIOD,
		before: { blockers: before.blockers.length, ready: summary.ready, text: String(summary.text ?? '').split('\n') },
		after: { blockers: after.blockers.length, ready: after.summary.ready },
		pruned: { keys: report.keys, ledgerRows: report.ledgerRows },
	};
}
