import fc from 'fast-check';

import {
	approvedButUnpostedByAge,
	approvedToInvoicedLatency,
	auditEntry,
	canonicalRow,
	compareVersions,
	controlTotals,
	decideClaim,
	decideOrder,
	newException,
	openExceptionsByOwnerAndAge,
	parseVersion,
	postingSuccessRate,
	reconcile,
	replayPayload,
	scrub,
	staleRecords,
} from '../../lib/governance';
import type { LedgerRow } from '../../lib/governance';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const row = (over: Partial<LedgerRow>): LedgerRow => ({
	id: 1,
	key: 'k',
	status: 'claimed',
	claimToken: 't',
	claimOwner: 'exec-a',
	claimedAt: '2026-11-23T11:59:00.000Z',
	expiresAt: '2026-11-23T12:10:00.000Z',
	attempts: 1,
	...over,
});
const policy = { now: NOW, owner: 'exec-b', allowFailed: false };

describe('ledger state machine', () => {
	it('inserts a first claim and reports a posted key as already done with its target id', () => {
		expect(decideClaim(undefined, policy)).toEqual({ action: 'insert' });
		const done = decideClaim(row({ status: 'posted', targetSystem: 'netsuite', targetId: '8812' }), policy);
		expect(done).toMatchObject({ action: 'stop', outcome: 'alreadyDone' });
		expect(done.action === 'stop' && done.reason).toContain('netsuite as 8812');
	});

	it('keeps a live claim of another execution, takes an expired one, and keeps a live claim from its own execution too', () => {
		expect(decideClaim(row({}), policy)).toMatchObject({ action: 'stop', outcome: 'inProgressElsewhere' });
		expect(decideClaim(row({ expiresAt: '2026-11-23T11:59:59.999Z' }), policy)).toMatchObject({ action: 'takeover' });
		expect(decideClaim(row({ expiresAt: NOW.toISOString() }), policy)).toMatchObject({ action: 'takeover' });
		// Changed rule (issue 8, item 7): a claim is owned by its token, so the same execution id gets no takeover.
		const own = decideClaim(row({ claimOwner: 'exec-b' }), policy);
		expect(own).toMatchObject({ action: 'stop', outcome: 'inProgressElsewhere' });
		expect(own.action === 'stop' && own.reason).toContain('already claimed by this execution');
	});

	it('retries retryable failures and parks permanent ones unless replayed', () => {
		expect(decideClaim(row({ status: 'failed_retryable', error: 'timeout' }), policy)).toMatchObject({ action: 'takeover' });
		const parked = decideClaim(row({ status: 'failed', error: 'INVALID_FLD_VALUE' }), policy);
		expect(parked).toMatchObject({ action: 'stop', outcome: 'inProgressElsewhere' });
		expect(parked.action === 'stop' && parked.reason).toContain('INVALID_FLD_VALUE');
		expect(decideClaim(row({ status: 'failed' }), { ...policy, allowFailed: true })).toMatchObject({ action: 'takeover' });
	});

	it('takes the lowest row id as the key row', () => {
		expect(canonicalRow([{ id: 7 }, { id: 3 }, { id: 5 }])).toEqual({ id: 3 });
		expect(canonicalRow([])).toBeUndefined();
	});
});

describe('order guard', () => {
	it('orders numbers and ISO times, and refuses to mix them', () => {
		expect(compareVersions(parseVersion(10), parseVersion('9'))).toBe(1);
		expect(compareVersions(parseVersion('2026-01-02T00:00:00Z'), parseVersion('2026-01-02T01:00:00+01:00'))).toBe(0);
		expect(() => compareVersions(parseVersion(1), parseVersion('2026-01-01'))).toThrow(/cannot compare/);
		expect(() => parseVersion('yesterday')).toThrow(/neither a version number/);
	});

	it('sends older versions to stale and lets equal or newer ones through', () => {
		const last = parseVersion('2026-03-01T10:00:00Z');
		expect(decideOrder('te-1', parseVersion('2026-03-01T09:59:59Z'), last).outcome).toBe('stale');
		expect(decideOrder('te-1', parseVersion('2026-03-01T10:00:00Z'), last).outcome).toBe('applied');
		expect(decideOrder('te-1', parseVersion('2026-03-01T10:00:01Z'), last).outcome).toBe('applied');
		expect(decideOrder('te-1', parseVersion(1), undefined).outcome).toBe('applied');
	});

	it('property: a version is stale exactly when it is below the last applied', () => {
		fc.assert(
			fc.property(fc.integer(), fc.integer(), (a, b) => {
				const decision = decideOrder('e', parseVersion(a), parseVersion(b));
				expect(decision.outcome).toBe(a < b ? 'stale' : 'applied');
			}),
		);
	});
});

describe('audit and exceptions', () => {
	it('scrubs credentials and tokens at any depth', () => {
		const scrubbed = scrub({
			headers: { Authorization: 'Bearer abc', 'X-N8N-API-KEY': 'k' },
			nested: [{ access_token: 'x', refreshToken: 'y', client_secret: 'z', password: 'p', privateKey: '---', amount: '10.00' }],
			ledger: { claimToken: 'c', key: 'k1' },
		}) as any;
		const text = JSON.stringify(scrubbed);
		for (const secret of ['Bearer abc', '"k"', '"x"', '"y"', '"z"', '"p"', '---', '"c"']) expect(text).not.toContain(secret);
		expect(scrubbed.nested[0].amount).toBe('10.00');
		expect(scrubbed.ledger.key).toBe('k1');
		const entry = auditEntry({ at: NOW, correlationId: 'c1', workflowId: 'w', executionId: 'e', action: 'ledger.posted', after: { token: 'secret' } });
		expect(entry.after).toBe('{"token":"[redacted]"}');
	});

	it('assigns the business owner by domain and replays the stored, edited payload', () => {
		const record = newException({ key: 'k', reason: 'project code missing (field: job)', domain: 'pmo', correlationId: 'c', workflowId: 'w', executionId: 'e', payload: { job: null, apiKey: 'no' }, at: NOW });
		expect(record.owner).toBe('PMO');
		expect(record.payload).not.toContain('"no"');
		expect(newException({ ...record, domain: 'hrOperations', owner: 'Jane', payload: {}, at: NOW }).owner).toBe('Jane');
		expect(replayPayload({ ...record, payload: '{"job":"P-1"}' })).toEqual({ job: 'P-1' });
		expect(() => replayPayload({ id: 4, payload: '[1]' })).toThrow(/exception 4: payload is not a JSON object/);
		expect(() => newException({ ...record, reason: ' ', payload: {}, at: NOW })).toThrow(/reason/);
	});
});

describe('reconciliation', () => {
	const source: Array<Record<string, unknown>> = [
		{ externalId: 'T1', hours: '8.00', amount: '1200.00', currency: 'USD' },
		{ externalId: 'T2', hours: '4', amount: '600.00', currency: 'USD' },
		{ externalId: 'T3', hours: '2', amount: '300.00', currency: 'EUR' },
		{ externalId: 'T4', hours: '1', amount: '150.00', currency: 'USD' },
		{ externalId: 'T4', hours: '1', amount: '150.00', currency: 'USD' },
		{ hours: '1' },
	];
	const target: Array<Record<string, unknown>> = [
		{ externalId: 'T1', hours: 8, amount: '1200.004', currency: 'USD' },
		{ externalId: 'T2', hours: 4.5, amount: '600.00', currency: 'USD' },
		{ externalId: 'T9', hours: 3, amount: '450.00', currency: 'USD' },
		{ externalId: 'T4', hours: 1, amount: '150.00', currency: 'USD' },
	];

	it('sorts records into matched, mismatched (with exact differences), missing and duplicates', () => {
		const result = reconcile(source, target, { matchKey: 'externalId', compareFields: ['hours', 'amount', 'currency'], tolerance: '0.01' });
		expect(result.matched.map((m) => m.key)).toEqual(['T1']);
		expect(result.mismatched).toHaveLength(1);
		expect(result.mismatched[0].differences).toEqual([{ field: 'hours', source: '4', target: 4.5, difference: '0.5' }]);
		expect(result.missingInTarget.map((m) => m.key)).toEqual([null, 'T3']);
		expect(result.missingInTarget[0].reason).toContain('no value at matchKey "externalId"');
		expect(result.missingInSource.map((m) => m.key)).toEqual(['T9']);
		expect(result.duplicates).toHaveLength(1);
		expect(result.duplicates[0]).toMatchObject({ key: 'T4' });
		expect(result.duplicates[0].sources).toHaveLength(2);
		expect(result.duplicates[0].targets).toHaveLength(1);
	});

	it('a zero tolerance catches a one-cent difference', () => {
		const result = reconcile([{ k: 1, a: '10.00' }], [{ k: '1', a: '10.01' }], { matchKey: 'k', compareFields: ['a'], tolerance: '0' });
		expect(result.mismatched[0].differences[0].difference).toBe('0.01');
	});

	it('property: every input record ends in exactly one bucket', () => {
		const record = fc.record({ k: fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { nil: undefined }), v: fc.integer({ min: 0, max: 3 }) });
		fc.assert(
			fc.property(fc.array(record, { maxLength: 12 }), fc.array(record, { maxLength: 12 }), (sources, targets) => {
				const r = reconcile(sources, targets, { matchKey: 'k', compareFields: ['v'], tolerance: '0' });
				const sourceSeen = [
					...r.matched.map((m) => m.source.index),
					...r.mismatched.map((m) => m.source.index),
					...r.missingInTarget.map((m) => m.source.index),
					...r.duplicates.flatMap((d) => d.sources.map((s) => s.index)),
				].sort((a, b) => a - b);
				const targetSeen = [
					...r.matched.map((m) => m.target.index),
					...r.mismatched.map((m) => m.target.index),
					...r.missingInSource.map((m) => m.target.index),
					...r.duplicates.flatMap((d) => d.targets.map((t) => t.index)),
				].sort((a, b) => a - b);
				expect(sourceSeen).toEqual(sources.map((_, i) => i));
				expect(targetSeen).toEqual(targets.map((_, i) => i));
			}),
		);
	});

	it('control totals are exact per currency and name rejected records', () => {
		const totals = controlTotals(
			[{ amount: '0.10', currency: 'USD' }, { amount: '0.20', currency: 'USD' }, { amount: '84931', currency: 'JPY' }, { amount: '1.234', currency: 'USD' }],
			[{ amount: '0.30', currency: 'usd' }, { amount: '84930', currency: 'JPY' }],
			{ amount: 'amount', currency: 'currency' },
		);
		expect(totals.source).toEqual({ JPY: { count: 1, sum: '84931' }, USD: { count: 2, sum: '0.30' } });
		expect(totals.target).toEqual({ JPY: { count: 1, sum: '84930' }, USD: { count: 1, sum: '0.30' } });
		expect(totals.difference).toEqual({ JPY: '-1', USD: '0.00' });
		expect(totals.rejected).toEqual([{ side: 'source', index: 3, reason: expect.stringContaining('3 decimal places') }]);
	});
});

describe('health KPIs', () => {
	it('computes latency percentiles, unposted age buckets, stale counts, exception ages and success rates', () => {
		const h = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();
		const latency = approvedToInvoicedLatency([
			{ approvedAt: h(50), invoicedAt: h(26) },
			{ approvedAt: h(30), invoicedAt: h(20) },
			{ approvedAt: h(5) },
			{ invoicedAt: h(1) },
		]);
		expect(latency).toMatchObject({ count: 2, notInvoiced: 1, p50Hours: 10, p90Hours: 24, maxHours: 24, meanHours: 17 });
		const unposted = approvedButUnpostedByAge([{ approvedAt: h(2) }, { approvedAt: h(30) }, { approvedAt: h(24 * 40) }, { approvedAt: h(3), postedAt: h(1) }], NOW);
		expect(unposted.total).toBe(3);
		expect(unposted.buckets).toEqual({ '0-1d': 1, '1-3d': 1, '3-7d': 0, '7-30d': 0, '>30d': 1 });
		expect(staleRecords([{ action: 'order.stale', target: 'netsuite' }, { action: 'order.applied', target: 'netsuite' }, { action: 'order.stale', target: 'netsuite' }])).toEqual({
			kpi: 'staleRecords',
			total: 2,
			byTarget: { netsuite: 2 },
		});
		const open = openExceptionsByOwnerAndAge(
			[
				{ status: 'open', owner: 'Finance', raisedAt: h(72) },
				{ status: 'open', owner: 'Finance', raisedAt: h(1) },
				{ status: 'resolved', owner: 'PMO', raisedAt: h(1) },
			],
			NOW,
		);
		expect(open.total).toBe(2);
		expect(open.byOwner.Finance).toMatchObject({ open: 2, oldestDays: 3 });
		expect(open.byOwner.PMO).toBeUndefined();
		expect(
			postingSuccessRate([
				{ status: 'posted', targetSystem: 'netsuite' },
				{ status: 'posted', targetSystem: 'netsuite' },
				{ status: 'failed', targetSystem: 'netsuite' },
				{ status: 'claimed', targetSystem: 'netsuite' },
				{ status: 'failed_retryable', targetSystem: 'workday' },
			]).byTarget,
		).toEqual({ netsuite: { posted: 2, failed: 1, rate: 0.6667 }, workday: { posted: 0, failed: 1, rate: 0 } });
	});
});
