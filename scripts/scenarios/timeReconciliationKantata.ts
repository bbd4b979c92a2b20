/**
 * Template time-reconciliation-kantata in real n8n: approved time read from Kantata OX (the Kantata node on the
 * Kantata sandbox's time entries, seeded from the firm dataset in minutes, each with an external reference to
 * its firm id) against NetSuite time bills read with SuiteQL, through the Reconcile node; every difference is
 * parked for finance in the Sync Ledger's exception table under keys of its own (reconcile:time:kantata:…), so
 * the Certinia run's rows are neither counted nor touched. The NetSuite side is the one the Certinia scenario
 * reconciles: the seed's four time bills under the external ids the PSA posted them with (PSA-TE-1001 … 1004),
 * set here the same way so this scenario also stands alone. In Kantata 1004 is only submitted, and 1005 is
 * approved but never reached NetSuite.
 */
import { schemaFor } from '../../sandbox/netsuite/schema';
import type { Scenario } from '../lib/demo';
import { allRuns, EXCEPTION_TABLE, executeWorkflow } from './governed';

const WORKFLOW_ID = 'p2cTimeReconcileKt1';
const EXCEPTION_KEY_PREFIX = 'reconcile:time:kantata:';

export const timeReconciliationKantata: Scenario = {
	name: 'time-reconciliation-kantata',
	async run(context) {
		const { checks, n8n, sandboxes, dataTables } = context;
		const store = sandboxes.netsuite.store;
		const bills = store.all('timeBill').sort((a, b) => Number(a.id) - Number(b.id));
		bills.forEach((bill, i) =>
			store.update(schemaFor('timeBill')!, bill, { externalId: `PSA-TE-${1001 + i}` }, { nameValidation: 'Warning', replace: [], now: new Date().toISOString() }),
		);
		checks.check('NetSuite has the four posted time bills to reconcile against Kantata', bills.length === 4, bills.length);

		const kantataReadsBefore = sandboxes.kantata.requests.length;
		const run = await executeWorkflow(n8n, WORKFLOW_ID);
		checks.check('time-reconciliation-kantata run succeeds in real n8n', run.ok, run.ok ? undefined : run.output.slice(-1500));
		const psaTime = allRuns(run.data, 'Key time entries by external id', 0);
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
		const outputs = ['matched', 'mismatched', 'missingInTarget', 'missingInSource', 'duplicates'];
		const counts = Object.fromEntries(outputs.map((name, i) => [name, allRuns(run.data, 'Reconcile', i).length]));
		// Kantata agrees with NetSuite on 1001 and 1003, says 8.5 h for 1002 where NetSuite has 8, has 1005 that
		// never reached NetSuite, and leaves out 1004 (submitted, not approved).
		const mismatch = allRuns(run.data, 'Reconcile', 1)[0];
		const missingInNetSuite = allRuns(run.data, 'Reconcile', 2).map((r) => r.key);
		const missingInKantata = allRuns(run.data, 'Reconcile', 3).map((r) => r.key);
		checks.check(
			'Reconcile outputs (Kantata): 2 matched, 1 mismatched (hours, PSA-TE-1002), 1 missing in NetSuite (PSA-TE-1005), 1 missing in the PSA (PSA-TE-1004), 0 duplicates',
			counts.matched === 2 &&
				counts.mismatched === 1 &&
				counts.missingInTarget === 1 &&
				counts.missingInSource === 1 &&
				counts.duplicates === 0 &&
				mismatch?.key === 'PSA-TE-1002' &&
				JSON.stringify((mismatch?.differences as Array<{ field: string }>).map((d) => d.field)) === '["hours"]' &&
				JSON.stringify(missingInNetSuite) === '["PSA-TE-1005"]' &&
				JSON.stringify(missingInKantata) === '["PSA-TE-1004"]',
			{ counts, mismatch, missingInNetSuite, missingInKantata },
		);
		const parked = allRuns(run.data, 'Park for finance', 0);
		const rows = (await dataTables.rows(EXCEPTION_TABLE)).filter((r) => String(r.key).startsWith(EXCEPTION_KEY_PREFIX));
		const expected = ['PSA-TE-1002', 'PSA-TE-1004', 'PSA-TE-1005'].map((id) => `${EXCEPTION_KEY_PREFIX}${id}`);
		checks.check(
			'every Kantata difference landed in the exception table (p2c_exceptions, via the public API) for finance, with the reason',
			parked.length === 3 &&
				JSON.stringify(rows.map((r) => r.key).sort()) === JSON.stringify(expected) &&
				rows.every((r) => r.domain === 'finance' && r.status === 'open' && String(r.reason).length > 0) &&
				/hours/.test(String(rows.find((r) => r.key === expected[0])?.reason)),
			rows.map((r) => ({ key: r.key, domain: r.domain, status: r.status, reason: r.reason })),
		);
		return { ...counts, exceptionsParked: parked.length };
	},
};
