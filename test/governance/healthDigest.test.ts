/**
 * Issue 16, flow 14: Health → Digest. After postings (some refused, some while the ERP was down), the digest's KPIs
 * match what those runs did: posted and failed per target, approved entries not posted with their age, open
 * exceptions by owner, the target whose breaker is open; one row per KPI per run in <prefix>kpis, and a message
 * whose lines say the same.
 */
import type { IDataObject } from 'n8n-workflow';

import { healthDigest } from '../../lib/governance';
import { connect, ledgerSuite, node, recordResultParameters, runAs, startWith } from './fixtures';

const { n8nApi, erp, credentials } = ledgerSuite();

const ledger = { tablePrefix: 'p2c_' };

function postWorkflow() {
	return {
		nodes: [
			node('Start', 'startItems', {}),
			node('Claim', 'syncLedger', { ...ledger, resource: 'ledger', operation: 'checkAndClaim', store: 'dataTable', idempotencyKey: '={{ $json.idempotencyKey }}' }),
			node('Post', 'erpPoster', {}, { onError: 'continueRegularOutput' }),
			node('Record', 'syncLedger', { ...ledger, ...recordResultParameters({ resource: 'ledger', retryable: true, tripBreakerAfter: 2 }) }),
			node('Park', 'syncLedger', { ...ledger, resource: 'exception', operation: 'add', idempotencyKey: '={{ $json.ledger.key }}', reason: '={{ $json.reason }}', domain: 'finance', owner: '={{ $json.ledger.drainOwner ?? "" }}' }),
		],
		connections: connect([
			['Start', 0, 'Claim'],
			['Claim', 0, 'Post'],
			['Post', 0, 'Record'],
			['Record', 1, 'Park'],
		]),
	};
}

const digestWorkflow = (saveKpis = true) => ({
	nodes: [node('Start', 'startItems', {}), node('Digest', 'syncLedger', { ...ledger, resource: 'health', operation: 'digest', idempotencyKey: '={{ $json.idempotencyKey ?? "" }}', approvedAtField: 'approvedAt', saveKpis })],
	connections: connect([['Start', 0, 'Digest']]),
});

const HOUR = 3_600_000;

describe('Health → Digest', () => {
	it('reports what the posting runs did: per-target success, unposted approved time by age, open exceptions by owner, the target down; one row per KPI per run', async () => {
		const approvedAt = new Date(Date.now() - 50 * HOUR).toISOString();
		const entries = Array.from({ length: 6 }, (_, i) => ({ idempotencyKey: `erp:time:TE-${i}`, externalId: `TE-${i}`, hours: 8, projectCode: i === 1 ? '' : 'P-100', approvedAt }));
		// Run 1: TE-0, TE-2, TE-3 posted; TE-1 refused on its merits (a field), parked for Finance.
		await runAs('exec-1', postWorkflow(), startWith(entries.slice(0, 4)), credentials);
		// Run 2: the ERP is down: TE-4 and TE-5 fail without an answer and trip the breaker.
		erp.addFault({ kind: 'status', status: 503, times: 1000 });
		await runAs('exec-2', postWorkflow(), startWith(entries.slice(4)), credentials);
		const digest = await runAs('exec-digest', digestWorkflow(), startWith([...entries, {}]), credentials);
		expect(digest.error).toBeUndefined();
		const [message] = digest.output('Digest');
		const kpis = message.kpis as Record<string, IDataObject>;
		expect(kpis.postingSuccess).toMatchObject({ value: 0.5, byTarget: { erp: { posted: 3, failed: 3, rate: 0.5 } } });
		expect(kpis.approvedUnpostedTime).toMatchObject({ value: 3, approved: 6, buckets: { '1-3d': 3 } });
		expect(kpis.openExceptions).toMatchObject({ value: 3, byOwner: { Finance: { open: 1 }, 'Outage drain (erp)': { open: 2 } } });
		expect(kpis.targetsDown).toMatchObject({ value: 1, open: [{ target: 'erp' }] });
		expect((kpis.billingLatency.approvedToPosted as IDataObject).count).toBe(3);
		expect(Number(kpis.billingLatency.value)).toBeGreaterThanOrEqual(50);
		const lines = message.lines as string[];
		expect(lines).toHaveLength(6);
		expect(lines[0]).toMatch(/^Planning-to-cash health, \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
		expect(lines).toContain('Approved time not posted: 3 of 6 entries (1-3d: 3)');
		expect(lines).toContain('Posting success: erp 50.0 % (3 posted, 3 failed)');
		expect(lines.find((l) => l.startsWith('Open exceptions: 3 (Finance 1, oldest'))).toMatch(/Outage drain \(erp\) 2, oldest/);
		expect(lines.find((l) => l.startsWith('Targets not answering: erp since '))).toBeDefined();
		expect(message.text).toBe(lines.join('\n'));
		const rows = n8nApi.rowsOf('p2c_kpis');
		expect(rows.map((r) => r.kpi)).toEqual(['billingLatency', 'approvedUnpostedTime', 'postingSuccess', 'openExceptions', 'targetsDown']);
		expect(rows.map((r) => r.value)).toEqual([kpis.billingLatency.value, 3, 0.5, 3, 1]);
		expect(new Set(rows.map((r) => r.executionId))).toEqual(new Set(['exec-digest']));
		// A second run adds its own five rows; without saving it adds none.
		await runAs('exec-digest-2', digestWorkflow(), startWith([{}]), credentials);
		await runAs('exec-digest-3', digestWorkflow(false), startWith([{}]), credentials);
		expect(n8nApi.rowsOf('p2c_kpis')).toHaveLength(10);
	});

	it('with nothing posted and nothing approved the figures are empty, not zero rates', () => {
		const kpis = healthDigest([], [], [], [], new Date());
		expect(kpis.map((k) => [k.kpi, k.value])).toEqual([
			['billingLatency', null],
			['approvedUnpostedTime', 0],
			['postingSuccess', null],
			['openExceptions', 0],
			['targetsDown', 0],
		]);
		expect(kpis.map((k) => k.line)).toContain('Posting success: nothing posted yet');
	});
});
