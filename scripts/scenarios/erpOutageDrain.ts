/**
 * Template erp-outage-drain in real n8n (issue 16, flow 12): approved Project Operations time → NetSuite, one entry
 * at a time through the Sync Ledger with NetSuite's breaker. NetSuite goes down mid-run (its time bill writes answer
 * 503 from the third on): the run must post the first two, trip after three failures, send NetSuite nothing more
 * and park every remaining entry for the drain with the reason, each entry ending once. A run while NetSuite is
 * still down sends nothing but the probe. Once it answers, the next run drains: every entry in NetSuite exactly
 * once (hours exact), the parked ones in the order they were parked, every drain exception resolved, the breaker
 * closed; a run after that sends nothing. Judged on what these runs add (NetSuite starts from the firm's seed).
 * Flow 14 rides along: template health-digest runs before, after the outage and after the drain, and its KPIs must
 * move by what those runs did (NetSuite's time bills and the parked entries, counted from the sandbox and the runs).
 */
import { withResults } from '../../lib/governance';
import { ServiceRows } from '../../sandbox/dataverse/module';
import type { Scenario } from '../lib/demo';
import { approvedEntries, erpPostings, erpProjects } from '../lib/matrixState';
import { allRuns, executeWorkflow } from './governed';
import type { Rec } from './governed';

const WORKFLOW = 'p2cErpOutageDrain1';
const DIGEST = 'p2cHealthDigest1';
const CLOSE = 'p2cCloseReadiness1';
const DRAIN_OWNER = 'Outage drain (netsuite)';
const POSTED_BEFORE_OUTAGE = 2;
const TRIP_AFTER = 3;
const TIME_BILL_WRITE = '/timeBill/eid(:|%3A)P2C-dataverse-';
/** The firm's seed has 4 approved entries NetSuite can take; the scenario approves a copy of each for the same day. */
const EXTRA_COPIES = 1;

export const erpOutageDrain: Scenario = {
	name: 'erp-outage-drain',
	async run(context) {
		const { checks, n8n, sandboxes, dataTables } = context;
		const netsuite = sandboxes.netsuite;
		netsuite.reset();
		const known = erpProjects(sandboxes, 'netsuite');
		// More approved entries than the seed's, so some are left for the guard after the trip (removed at the end).
		const dataverseRows = new ServiceRows(sandboxes.dataverse.service);
		const seedPostable = new Set(
			approvedEntries(sandboxes, 'projectOperations')
				.filter((e) => known.has(e.project))
				.map((e) => e.reference.replace(/^dataverse:/, '')),
		);
		const added: string[] = [];
		for (const row of (dataverseRows.list('msdyn_timeentries') as Rec[]).filter((t) => seedPostable.has(String(t.msdyn_timeentryid)))) {
			for (let copy = 1; copy <= EXTRA_COPIES; copy++) {
				const { msdyn_timeentryid: _id, ...fields } = row;
				const inserted = await dataverseRows.insert('msdyn_timeentries', {
					...fields,
					msdyn_description: `${String(row.msdyn_description ?? '')} (outage scenario ${copy})`.trim(),
					// The firm's id is an alternate key: each copy gets its own.
					...(row.p2c_externalid ? { p2c_externalid: `${String(row.p2c_externalid)}-OUTAGE-${copy}` } : {}),
				});
				added.push(String(inserted.msdyn_timeentryid));
			}
		}
		try {
			return await outageRuns();
		} finally {
			for (const id of added) await dataverseRows.remove('msdyn_timeentries', id);
		}

		async function outageRuns() {
			const postable = approvedEntries(sandboxes, 'projectOperations').filter((e) => known.has(e.project));
			const timeBillWrites = (from: number) => netsuite.requests.slice(from).filter((r) => r.method === 'PUT' && new RegExp(TIME_BILL_WRITE).test(r.path));
			const eidOf = (path: string) => decodeURIComponent(path).replace(/^.*eid:/, '');
			const drainRows = async () =>
				(await dataTables.rows('p2c_exceptions')).filter((r) => r.owner === DRAIN_OWNER && String(r.key).startsWith('netsuite:time:dataverse:'));
			const target = async () => (await dataTables.rows('p2c_targets')).filter((r) => r.target === 'netsuite').sort((a, b) => a.id - b.id)[0];

			const approvedAll = approvedEntries(sandboxes, 'projectOperations');
			const digest = async (label: string) => {
				const run = await executeWorkflow(n8n, DIGEST);
				const message = allRuns(run.data, 'Health digest', 0)[0] ?? {};
				const kpis = (message.kpis ?? {}) as Record<string, Rec>;
				return {
					ok: run.ok,
					label,
					text: String(message.text ?? ''),
					kpis,
					netsuite: kpis.postingSuccess?.byTarget?.netsuite ?? {
						posted: 0,
						failed: 0,
					},
					output: run.ok ? undefined : run.output.slice(-1200),
				};
			};
			const kpiRows = async () => (await dataTables.rows('p2c_kpis')).length;
			// Flow 13 as shipped (last month): each open exception in the queue is one blocker, the worker data is stale unless
			// a worker sync posted within 7 days, and approved time of that month not in NetSuite is a blocker each.
			const closeCheck = async (label: string) => {
				const run = await executeWorkflow(n8n, CLOSE);
				const blockers = allRuns(run.data, 'Close readiness', 0);
				const summary = allRuns(run.data, 'Close readiness', 1)[0] ?? {};
				const period = String(summary.period ?? '');
				const open = (await dataTables.rows('p2c_exceptions')).filter((r) => r.status === 'open');
				const ledgerRows = withResults((await dataTables.rows('p2c_ledger')) as unknown as Array<Rec & { id: number }>) as Rec[];
				const recentSync = ledgerRows.some(
					(r) =>
						r.kind === 'claim' &&
						String(r.key).startsWith('worker-sync:') &&
						r.status === 'posted' &&
						Date.now() - Date.parse(String(r.postedAt)) <= 7 * 86_400_000,
				);
				const inNetSuite = new Set(erpPostings(sandboxes, 'netsuite', 'dataverse').map((p) => p.reference));
				const dueUnposted = (dataverseRows.list('msdyn_timeentries') as Rec[]).filter(
					(t) =>
						t.msdyn_entrystatus === 192350002 && String(t.msdyn_date ?? '').startsWith(period) && !inNetSuite.has(`dataverse:${String(t.msdyn_timeentryid)}`),
				);
				const keysOf = (kinds: string[]) =>
					blockers
						.filter((b) => kinds.includes(String(b.blocker)))
						.map((b) => String(b.key))
						.sort();
				const unpostedKeys = new Set(keysOf(['approvedTimeNotPosted']));
				const expectedExceptionKeys = open
					.map((r) => String(r.key))
					.filter((key) => !unpostedKeys.has(key))
					.sort();
				const ok =
					run.ok &&
					/^\d{4}-\d\d$/.test(period) &&
					keysOf(['openException', 'reconciliationDifference', 'revenueJournalNotPosted']).join() === expectedExceptionKeys.join() &&
					unpostedKeys.size === dueUnposted.length &&
					blockers.filter((b) => b.blocker === 'staleWorkerData').length === (recentSync ? 0 : 1) &&
					summary.ready === (blockers.length === 0 ? 'yes' : 'no') &&
					Object.values((summary.counts ?? {}) as Record<string, number>).reduce((a, b) => a + b, 0) === blockers.length;
				checks.check(
					`close readiness ${label}: every open exception in the queue one blocker (its key once), the month's approved time not in NetSuite one blocker each, stale worker data as the ledger says, ready only without blockers`,
					ok,
					{
						period,
						blockers: blockers.map((b) => `${String(b.blocker)} ${String(b.key)}`),
						open: open.length,
						dueUnposted: dueUnposted.length,
						recentSync,
						ready: summary.ready,
						output: run.ok ? undefined : run.output.slice(-1200),
					},
				);
				return { label, period, blockers: blockers.length, ready: summary.ready };
			};
			const rows0 = await kpiRows().catch(() => 0);
			const d0 = await digest('before');

			// Run 1: NetSuite stops answering after two time bills.
			netsuite.addFault({
				kind: 'status',
				method: 'PUT',
				path: TIME_BILL_WRITE,
				after: POSTED_BEFORE_OUTAGE,
				times: 10_000,
				status: 503,
				body: 'Service Unavailable',
			});
			const start1 = netsuite.requests.length;
			const first = await executeWorkflow(n8n, WORKFLOW);
			const sent = allRuns(first.data, 'One at a time', 1);
			const order = sent.map((item) => String(item.key));
			const writes1 = timeBillWrites(start1);
			const attempted = [...new Set(writes1.map((r) => eidOf(r.path)))];
			const failed = allRuns(first.data, 'Record Result', 1);
			const down = allRuns(first.data, 'ERP answering?', 1);
			const lastFault = netsuite.requests.map((r, index) => (r.fault ? index : -1)).reduce((a, b) => Math.max(a, b), -1);
			const afterTrip = netsuite.requests.slice(lastFault + 1).length;
			const parked1 = await drainRows();
			const posted1 = erpPostings(sandboxes, 'netsuite', 'dataverse');
			const reasonsNameIt = down.every((d) =>
				/^netsuite is not answering \(breaker open since .* after 3 consecutive failures; last: .*503.*\): not sent, parked for the drain \(retryable\)/.test(
					String(d.reason),
				),
			);
			checks.check(
				`outage mid-run: ${POSTED_BEFORE_OUTAGE} time bills posted, the breaker trips after ${TRIP_AFTER} failures where NetSuite did not answer, no NetSuite request after the trip, every other entry parked for the drain with the reason, each entry once`,
				first.ok &&
					postable.length > POSTED_BEFORE_OUTAGE + TRIP_AFTER &&
					sent.length === postable.length &&
					posted1.length === POSTED_BEFORE_OUTAGE &&
					attempted.length === POSTED_BEFORE_OUTAGE + TRIP_AFTER &&
					failed.length === TRIP_AFTER &&
					failed.every((f: Rec) => f.ledger?.targetUnavailable === true) &&
					failed.filter((f: Rec) => f.ledger?.breaker?.tripped === true).length === 1 &&
					afterTrip === 0 &&
					down.length === postable.length - POSTED_BEFORE_OUTAGE - TRIP_AFTER &&
					reasonsNameIt &&
					parked1.length === postable.length - POSTED_BEFORE_OUTAGE &&
					parked1.every((r) => r.status === 'open') &&
					parked1.map((r) => String(r.key)).join() === order.slice(POSTED_BEFORE_OUTAGE).join(),
				{
					approvedPostable: postable.length,
					sent: sent.length,
					posted: posted1.length,
					attempted: attempted.length,
					failed: failed.map((f: Rec) => ({
						key: f.ledger?.key,
						unavailable: f.ledger?.targetUnavailable,
						breaker: f.ledger?.breaker,
					})),
					requestsAfterTrip: afterTrip,
					parkedByGuard: down.length,
					reasons: down.slice(0, 2).map((d) => d.reason),
					parked: parked1.length,
					output: first.ok ? undefined : first.output.slice(-1500),
				},
			);
			const breaker1 = await target();
			checks.check(
				"the breaker is kept per target in the Data Table p2c_targets: netsuite open, with NetSuite's last error",
				breaker1?.state === 'open' && Number(breaker1?.consecutiveFailures) >= TRIP_AFTER && /503/.test(String(breaker1?.lastError)),
				breaker1,
			);

			const d1 = await digest('after the outage');
			const c1 = await closeCheck('after the outage');
			const drainOpen1 = d1.kpis.openExceptions?.byOwner?.[DRAIN_OWNER]?.open;
			checks.check(
				"health digest after the outage: NetSuite's posted and failed moved by what the run did, approved time not posted = approved − time bills in NetSuite, the parked entries open for the drain, NetSuite down; 5 KPI rows per run",
				d0.ok &&
					d1.ok &&
					d1.netsuite.posted - d0.netsuite.posted === posted1.length &&
					d1.netsuite.failed - d0.netsuite.failed === TRIP_AFTER &&
					d1.kpis.approvedUnpostedTime?.value === approvedAll.length - posted1.length &&
					drainOpen1 === parked1.length &&
					d1.kpis.targetsDown?.value === 1 &&
					/^Targets not answering: netsuite since /m.test(d1.text) &&
					(await kpiRows()) - rows0 === 10,
				{
					before: d0.netsuite,
					after: d1.netsuite,
					unposted: d1.kpis.approvedUnpostedTime?.value,
					approved: approvedAll.length,
					drainOpen: drainOpen1,
					text: d1.text,
					output: d0.output ?? d1.output,
				},
			);

			// Run 2: NetSuite is still down (every request): only the probe goes out.
			netsuite.clearFaults();
			netsuite.addFault({
				kind: 'status',
				path: '^/services/rest/',
				times: 10_000,
				status: 503,
				body: 'Service Unavailable',
			});
			const start2 = netsuite.requests.length;
			const second = await executeWorkflow(n8n, WORKFLOW);
			const requests2 = netsuite.requests.slice(start2);
			checks.check(
				'a run while NetSuite is still down: the probe (one SuiteQL query, retried) gets no answer, the run stops (no other request, no time bill write, nothing parked twice)',
				second.ok &&
					allRuns(second.data, 'ERP answers?', 1).length === 1 &&
					requests2.every((r) => /\/query\/v1\/suiteql$/.test(r.path)) &&
					timeBillWrites(start2).length === 0 &&
					(await drainRows()).length === parked1.length,
				{
					probeDown: allRuns(second.data, 'ERP answers?', 1).length,
					requests: requests2.map((r) => `${r.method} ${r.path} ${r.status}`),
					output: second.ok ? undefined : second.output.slice(-1500),
				},
			);

			// Run 3: NetSuite answers again: the drain.
			netsuite.clearFaults();
			const start3 = netsuite.requests.length;
			const third = await executeWorkflow(n8n, WORKFLOW);
			const writes3 = timeBillWrites(start3).map((r) => eidOf(r.path));
			const postings = erpPostings(sandboxes, 'netsuite', 'dataverse');
			const exact = postable.every((want) => {
				const found = postings.filter((p) => p.reference === want.reference);
				return found.length === 1 && found[0].hours === want.hours && found[0].worker === want.worker && found[0].project === want.project;
			});
			const parkedOrder = parked1.map((r) => String(r.key).replace(/^netsuite:time:dataverse:/, 'P2C-dataverse-'));
			const parked3 = await drainRows();
			const breaker3 = await target();
			checks.check(
				'the drain: probe answered, breaker closed, the parked entries posted first in the order they were parked, every approved entry in NetSuite exactly once (hours exact), every drain exception resolved',
				third.ok &&
					allRuns(third.data, 'ERP answers?', 0).length === 1 &&
					breaker3?.state === 'closed' &&
					writes3.slice(0, parkedOrder.length).join() === parkedOrder.join() &&
					writes3.length === parkedOrder.length &&
					exact &&
					postings.length === postable.length &&
					parked3.length === parked1.length &&
					parked3.every((r) => r.status === 'resolved'),
				{
					writes: writes3.length,
					inOrder: writes3.slice(0, parkedOrder.length).join() === parkedOrder.join(),
					postings: postings.length,
					exact,
					exceptions: parked3.map((r) => ({
						id: r.id,
						status: r.status,
						resolution: r.resolution,
					})),
					breaker: breaker3?.state,
					output: third.ok ? undefined : third.output.slice(-1500),
				},
			);

			const d3 = await digest('after the drain');
			const c3 = await closeCheck('after the drain');
			checks.check(
				'health digest after the drain: every postable entry counted posted for NetSuite (failed back where it started), latency measured for each, approved time not posted = the entries NetSuite cannot take, no drain exception open, no target down',
				d3.ok &&
					d3.netsuite.posted - d0.netsuite.posted === postable.length &&
					d3.netsuite.failed === d0.netsuite.failed &&
					d3.kpis.billingLatency?.approvedToPosted?.count === postable.length &&
					d3.kpis.approvedUnpostedTime?.value === approvedAll.length - postable.length &&
					!d3.kpis.openExceptions?.byOwner?.[DRAIN_OWNER] &&
					d3.kpis.targetsDown?.value === 0 &&
					/^Targets not answering: none$/m.test(d3.text),
				{
					before: d0.netsuite,
					after: d3.netsuite,
					latency: d3.kpis.billingLatency,
					unposted: d3.kpis.approvedUnpostedTime?.value,
					text: d3.text,
					output: d3.output,
				},
			);

			// Run 4: everything is posted; nothing is sent again.
			const start4 = netsuite.requests.length;
			const fourth = await executeWorkflow(n8n, WORKFLOW);
			checks.check(
				'a run after the drain sends NetSuite no time bill: every entry Already Done',
				fourth.ok &&
					timeBillWrites(start4).length === 0 &&
					allRuns(fourth.data, 'Check & Claim', 1).length === postable.length &&
					erpPostings(sandboxes, 'netsuite', 'dataverse').length === postable.length,
				{
					writes: timeBillWrites(start4).length,
					alreadyDone: allRuns(fourth.data, 'Check & Claim', 1).length,
					output: fourth.ok ? undefined : fourth.output.slice(-1500),
				},
			);
			return {
				approved: postable.length,
				postedBeforeOutage: posted1.length,
				failedBeforeTrip: failed.length,
				parkedForDrain: parked1.length,
				requestsAfterTrip: afterTrip,
				drained: writes3.length,
				inNetSuiteOnce: postings.length,
				digest: d3.text.split('\n'),
				closeReadiness: [c1, c3],
			};
		}
	},
};
