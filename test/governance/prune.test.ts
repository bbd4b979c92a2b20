/**
 * Sync Ledger → Ledger → Prune through the real node in n8n-core, on the n8n Data Tables API simulator: a dry run
 * counts and deletes nothing; a prune deletes the keys posted before the cutoff (claim and result rows), old audit
 * entries and long-resolved exceptions, audits itself, and a forgotten key is new to Check & Claim while a kept
 * one is still Already Done. An agent's tool may not prune.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { withResults } from '../../lib/governance';
import { router } from '../../nodes/SyncLedger/v1/actions/router';
import { connect, ledgerSuite, node, runAs, startWith } from './fixtures';

const { n8nApi, credentials } = ledgerSuite();

const DAY = 86_400_000;
const CLAIM = "$('Claim').item.json.ledger";
const ledger = { resource: 'ledger', tablePrefix: 'p2c_' };

const claimNode = () => node('Claim', 'syncLedger', { ...ledger, operation: 'checkAndClaim', store: 'dataTable', idempotencyKey: '={{ $json.idempotencyKey }}' });
function posting() {
	const nodes = [
		node('Start', 'startItems', {}),
		claimNode(),
		node('Post', 'erpPoster', {}, { onError: 'continueRegularOutput' }),
		node('Record', 'syncLedger', { ...ledger, operation: 'recordResult', store: 'dataTable', idempotencyKey: `={{ ${CLAIM}.key }}`, claimToken: `={{ ${CLAIM}.claimToken }}`, targetSystem: 'erp', targetId: '={{ $json.id }}', errorMessage: '={{ $json.error }}', retryable: false }),
		node('Park', 'syncLedger', { resource: 'exception', operation: 'add', tablePrefix: 'p2c_', idempotencyKey: '={{ $json.ledger.key }}', reason: '={{ $json.reason }}', domain: 'finance' }),
	];
	return { nodes, connections: connect([['Start', 0, 'Claim'], ['Claim', 0, 'Post'], ['Post', 0, 'Record'], ['Record', 1, 'Park']]) };
}
const prune = (dryRun: boolean) => ({
	nodes: [node('Start', 'startItems', {}), node('Prune', 'syncLedger', { ...ledger, operation: 'prune', keepPostedDays: 400, keepAuditDays: 30, keepResolvedExceptionsDays: 90, dryRun })],
	connections: connect([['Start', 0, 'Prune']]),
});
const claimOnly = () => ({ nodes: [node('Start', 'startItems', {}), claimNode()], connections: connect([['Start', 0, 'Claim']]) });

/** Time entries; TE-3 has no project code, which the ERP refuses (failed, parked). */
const entries = Array.from({ length: 5 }, (_, i) => ({ idempotencyKey: `erp:timebill:TE-${i}`, externalId: `TE-${i}`, hours: 8, projectCode: i === 3 ? '' : 'P-100' }));
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

describe('Sync Ledger Prune', () => {
	it('a dry run counts, a prune deletes what is past retention, and a forgotten key is new again', async () => {
		expect((await runAs('exec-post', posting(), startWith(entries), credentials)).error).toBeUndefined();
		// Ages no run can make: TE-0 and TE-1 posted 500 days ago, TE-2 300 days ago; the first audit entries 40 days
		// old; the exception resolved 100 days ago.
		const rows = n8nApi.rowsOf('p2c_ledger');
		for (const row of rows.filter((r) => r.kind === 'result')) {
			const n = Number(String(row.key).slice(-1));
			if (n <= 2) row.postedAt = ago(n === 2 ? 300 : 500);
		}
		const audit = n8nApi.rowsOf('p2c_audit');
		const oldAudit = audit.slice(0, 4);
		for (const entry of oldAudit) entry.at = ago(40);
		const [parked] = n8nApi.rowsOf('p2c_exceptions');
		Object.assign(parked, { status: 'resolved', resolvedAt: ago(100), resolution: 'fixed in the ERP' });
		const counts = () => [n8nApi.rowsOf('p2c_ledger').length, n8nApi.rowsOf('p2c_audit').length, n8nApi.rowsOf('p2c_exceptions').length];
		const before = counts();

		const dry = await runAs('exec-dry', prune(true), startWith([{}]), credentials);
		expect(dry.error).toBeUndefined();
		expect(dry.output('Prune')[0].prune).toMatchObject({ dryRun: true, keys: 2, ledgerRows: 4, orphanedResults: 0, auditEntries: 4, resolvedExceptions: 1 });
		expect(counts()).toEqual(before);

		const run = await runAs('exec-prune', prune(false), startWith([{}]), credentials);
		expect(run.error).toBeUndefined();
		const report = run.output('Prune')[0].prune as IDataObject;
		expect(report).toMatchObject({ dryRun: false, keys: 2, ledgerRows: 4, auditEntries: 4, resolvedExceptions: 1 });
		expect(Date.parse(String(report.postedBefore))).toBeCloseTo(Date.now() - 400 * DAY, -5);
		const left = withResults(n8nApi.rowsOf('p2c_ledger')).filter((r) => r.kind === 'claim');
		expect(left.map((r) => [r.key, r.status]).sort()).toEqual([
			['erp:timebill:TE-2', 'posted'],
			['erp:timebill:TE-3', 'failed'],
			['erp:timebill:TE-4', 'posted'],
		]);
		expect(n8nApi.rowsOf('p2c_ledger').some((r) => ['erp:timebill:TE-0', 'erp:timebill:TE-1'].includes(String(r.key)))).toBe(false);
		const auditLeft = n8nApi.rowsOf('p2c_audit');
		expect(auditLeft.some((entry) => oldAudit.includes(entry))).toBe(false);
		expect(auditLeft.filter((entry) => entry.action === 'ledger.prune').map((entry) => JSON.parse(String(entry.after)))).toEqual([
			expect.objectContaining({ keys: 2, ledgerRows: 4, auditEntries: 4, resolvedExceptions: 1, postedBefore: report.postedBefore }),
		]);
		expect(n8nApi.rowsOf('p2c_exceptions')).toHaveLength(0);

		// What Check & Claim makes of the keys now: forgotten ones are new, kept ones as before.
		const again = await runAs('exec-again', claimOnly(), startWith(entries.slice(0, 3)), credentials);
		expect(again.output('Claim', 0).map((item) => (item.ledger as IDataObject).key)).toEqual(['erp:timebill:TE-0', 'erp:timebill:TE-1']);
		expect(again.output('Claim', 1).map((item) => (item.ledger as IDataObject).key)).toEqual(['erp:timebill:TE-2']);
	});

	it('refuses retention under a day, naming the parameter, and deletes nothing', async () => {
		expect((await runAs('exec-post-2', posting(), startWith(entries.slice(0, 1)), credentials)).error).toBeUndefined();
		const rows = n8nApi.rowsOf('p2c_ledger').length;
		const bad = prune(false);
		bad.nodes[1].parameters.keepPostedDays = 0;
		const run = await runAs('exec-bad', bad, startWith([{}]), credentials);
		expect(run.error).toContain('keepPostedDays: must be a number of days, at least 1');
		expect(n8nApi.rowsOf('p2c_ledger')).toHaveLength(rows);
	});

	it('does not run as an agent\'s tool', async () => {
		const context = {
			getNodeParameter: (name: string) => (name === 'resource' ? 'ledger' : 'prune'),
			getNode: () => ({ name: 'Sync Ledger', type: 'n8n-nodes-planning-to-cash.syncLedgerTool', typeVersion: 1, parameters: {} }),
		} as unknown as IExecuteFunctions;
		await expect(router.call(context)).rejects.toThrow('The operation "prune" of "ledger" deletes ledger rows and cannot run as an agent\'s tool');
	});
});
