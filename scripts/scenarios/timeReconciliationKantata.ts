/**
 * Template time-reconciliation-kantata in real n8n: approved time read from Kantata OX (the Kantata node on the
 * Kantata sandbox's time entries, seeded from the firm dataset in minutes, each with an external reference to
 * its firm id) against NetSuite time bills read with SuiteQL, through the Reconcile node; every difference is
 * parked for finance under keys of its own (reconcile:time:kantata:…), so the Certinia run's rows are neither
 * counted nor touched. The shared part (NetSuite side, Reconcile outcome, exception rows): reconcileTime.ts.
 */
import type { Scenario } from '../lib/demo';
import { allRuns } from './governed';
import { runTimeReconciliation } from './reconcileTime';

export const timeReconciliationKantata: Scenario = {
	name: 'time-reconciliation-kantata',
	async run(context) {
		const { checks, sandboxes } = context;
		const kantataReadsBefore = sandboxes.kantata.requests.length;
		return await runTimeReconciliation(context, {
			workflowId: 'p2cTimeReconcileKt1',
			label: ' (Kantata)',
			exceptionKeyPrefix: 'reconcile:time:kantata:',
			checkPsaRead(execution) {
				const psaTime = allRuns(execution, 'Key time entries by external id', 0);
				const timeEntryReads = sandboxes.kantata.requests
					.slice(kantataReadsBefore)
					.filter((r) => r.method === 'GET' && r.path.endsWith('/time_entries.json'));
				const readQuery = new URLSearchParams(timeEntryReads[0]?.query ?? '');
				checks.check(
					'the PSA side is read from Kantata: approved time entries (approved=true, with their external references), minutes as exact decimal hours, keyed by the firm reference',
					timeEntryReads.length > 0 &&
						readQuery.get('approved') === 'true' &&
						(readQuery.get('include') ?? '').split(',').includes('external_references') &&
						JSON.stringify(psaTime.map((e) => `${String(e.externalId)} ${String(e.date)} ${String(e.hours)} ${String(e.minutes)}`).sort()) ===
							JSON.stringify(['PSA-TE-1001 2026-01-13 7.5 450', 'PSA-TE-1002 2026-01-14 8.5 510', 'PSA-TE-1003 2026-01-14 2 120', 'PSA-TE-1005 2026-01-15 6 360']),
					{ query: timeEntryReads[0]?.query, psaTime },
				);
			},
		});
	},
};
