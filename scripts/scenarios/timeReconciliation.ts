/**
 * Template time-reconciliation in real n8n: approved time read from Certinia PSA (the Certinia node on the
 * Salesforce sandbox's pse__ timecards, seeded from the firm dataset) against NetSuite time bills read with
 * SuiteQL, through the Reconcile node; every difference is parked for finance in the Sync Ledger's exception
 * table (the shared part: reconcileTime.ts).
 */
import type { Scenario } from '../lib/demo';
import { allRuns } from './governed';
import { runTimeReconciliation } from './reconcileTime';

export const timeReconciliation: Scenario = {
	name: 'time-reconciliation',
	async run(context) {
		const { checks, sandboxes } = context;
		return await runTimeReconciliation(context, {
			workflowId: 'p2cTimeReconcile1',
			label: '',
			exceptionKeyPrefix: 'reconcile:time:',
			checkPsaRead(execution) {
				const psaTime = allRuns(execution, 'Key timecards by external id', 0);
				const timecardQueries = sandboxes.salesforce.requests.filter(
					(r) => r.path.endsWith('/query') && /FROM pse__Timecard_Header__c/.test(new URLSearchParams(r.query).get('q') ?? ''),
				);
				checks.check(
					'the PSA side is read from Certinia: the approved timecards, one entry per worked day, keyed by External_Id__c',
					timecardQueries.length > 0 &&
						JSON.stringify(psaTime.map((e) => `${String(e.externalId)} ${String(e.date)} ${String(e.hours)}`).sort()) ===
							JSON.stringify(['PSA-TE-1001 2026-01-13 7.5', 'PSA-TE-1002 2026-01-14 8.5', 'PSA-TE-1003 2026-01-14 2', 'PSA-TE-1005 2026-01-15 6']),
					psaTime,
				);
			},
		});
	},
};
