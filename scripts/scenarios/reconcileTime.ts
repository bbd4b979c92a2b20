/**
 * What the two time-reconciliation templates (Certinia and Kantata as the PSA) share in real n8n: NetSuite's
 * side, the Reconcile outcome and the exception rows. NetSuite side: the seed's four time bills, given the
 * external ids the PSA posted them under (PSA-TE-1001 … 1004). In both PSAs 1001 and 1003 agree, 1002 says
 * 8.5 h where NetSuite has 8, 1005 is approved but never reached NetSuite, and 1004 is only submitted.
 */
import { schemaFor } from '../../sandbox/netsuite/schema';
import type { ExecutionJson } from '../lib/realN8n';
import type { ScenarioContext } from '../lib/demo';
import { allRuns, EXCEPTION_TABLE, executeWorkflow } from './governed';

export interface TimeReconciliationRun {
	workflowId: string;
	/** Suffix of the check names, e.g. " (Kantata)". */
	label: string;
	/** What the template's Park for finance node prefixes its exception keys with. */
	exceptionKeyPrefix: string;
	/** The PSA-specific check of how the approved time was read, run on the finished execution. */
	checkPsaRead(execution: ExecutionJson | undefined): void;
}

export async function runTimeReconciliation(context: ScenarioContext, options: TimeReconciliationRun): Promise<Record<string, number>> {
	const { checks, n8n, sandboxes, dataTables } = context;
	const store = sandboxes.netsuite.store;
	const bills = store.all('timeBill').sort((a, b) => Number(a.id) - Number(b.id));
	bills.forEach((bill, i) =>
		store.update(schemaFor('timeBill')!, bill, { externalId: `PSA-TE-${1001 + i}` }, { nameValidation: 'Warning', replace: [], now: new Date().toISOString() }),
	);
	checks.check(`NetSuite has the four posted time bills to reconcile${options.label}`, bills.length === 4, bills.length);

	const run = await executeWorkflow(n8n, options.workflowId);
	checks.check(`time reconciliation run succeeds in real n8n${options.label}`, run.ok, run.ok ? undefined : run.output.slice(-1500));
	options.checkPsaRead(run.data);

	const outputs = ['matched', 'mismatched', 'missingInTarget', 'missingInSource', 'duplicates'];
	const counts = Object.fromEntries(outputs.map((name, i) => [name, allRuns(run.data, 'Reconcile', i).length]));
	const mismatch = allRuns(run.data, 'Reconcile', 1)[0];
	const missingInNetSuite = allRuns(run.data, 'Reconcile', 2).map((r) => r.key);
	const missingInPsa = allRuns(run.data, 'Reconcile', 3).map((r) => r.key);
	checks.check(
		`Reconcile outputs${options.label}: 2 matched, 1 mismatched (hours, PSA-TE-1002), 1 missing in NetSuite (PSA-TE-1005), 1 missing in the PSA (PSA-TE-1004), 0 duplicates`,
		counts.matched === 2 &&
			counts.mismatched === 1 &&
			counts.missingInTarget === 1 &&
			counts.missingInSource === 1 &&
			counts.duplicates === 0 &&
			mismatch?.key === 'PSA-TE-1002' &&
			JSON.stringify((mismatch?.differences as Array<{ field: string }>).map((d) => d.field)) === '["hours"]' &&
			JSON.stringify(missingInNetSuite) === '["PSA-TE-1005"]' &&
			JSON.stringify(missingInPsa) === '["PSA-TE-1004"]',
		{ counts, mismatch, missingInNetSuite, missingInPsa },
	);

	const parked = allRuns(run.data, 'Park for finance', 0);
	const ownRows = `${options.exceptionKeyPrefix}PSA-`;
	const rows = (await dataTables.rows(EXCEPTION_TABLE)).filter((r) => String(r.key).startsWith(ownRows));
	const expected = ['PSA-TE-1002', 'PSA-TE-1004', 'PSA-TE-1005'].map((id) => `${options.exceptionKeyPrefix}${id}`);
	checks.check(
		`every difference landed in the exception table (p2c_exceptions, via the public API) for finance, with the reason${options.label}`,
		parked.length === 3 &&
			JSON.stringify(rows.map((r) => r.key).sort()) === JSON.stringify(expected) &&
			rows.every((r) => r.domain === 'finance' && r.status === 'open' && String(r.reason).length > 0) &&
			/hours/.test(String(rows.find((r) => r.key === expected[0])?.reason)),
		rows.map((r) => ({ key: r.key, domain: r.domain, status: r.status, reason: r.reason })),
	);
	return { ...counts, exceptionsParked: parked.length };
}
