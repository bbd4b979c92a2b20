/**
 * Issue 16, flow 12: the target breaker. Record Result trips a target's breaker after N consecutive failures where
 * the target did not answer; Target Health → Guard then parks every further item for the drain (once per key) and
 * sends nothing; Record Probe closes it when the target answers; the drain replays the parked items in their
 * original order through Check & Claim, so each reaches the ERP exactly once. Run in-process with n8n-core against
 * the Data Tables simulator and the small ERP sandbox (its outage is a 503 fault on every request).
 */
import type { IDataObject } from 'n8n-workflow';

import { applyOutcomes, applyProbe, closedBreaker, drainOwner, isTargetUnavailable, withResults } from '../../lib/governance';
import { connect, ledgerSuite, node, recordResultParameters, runAs, startWith } from './fixtures';

const { n8nApi, erp, credentials } = ledgerSuite();

const NOW = new Date('2026-12-03T18:00:00.000Z');
const ledger = { tablePrefix: 'p2c_' };

describe('breaker rules', () => {
	it('counts 5xx, 408, 429 and network failures as the target not answering; a field error or an unknown code is an answer', () => {
		for (const code of ['HTTP_500', 'HTTP_503', 'HTTP_504', 'HTTP_429', 'HTTP_408', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET']) expect([code, isTargetUnavailable(code, 'x')]).toEqual([code, true]);
		for (const code of ['HTTP_400', 'HTTP_404', 'INVALID_FLD_VALUE', 'USER_ERROR']) expect([code, isTargetUnavailable(code, 'Request failed with status code 503')]).toEqual([code, false]);
		expect(isTargetUnavailable('', 'connect ECONNREFUSED 127.0.0.1:4020')).toBe(true);
		expect(isTargetUnavailable('UNKNOWN', 'Request failed with status code 502')).toBe(true);
		expect(isTargetUnavailable('', 'Not renderable for the ERP: timeEntry.hours missing')).toBe(false);
	});

	it('opens after the threshold of failures in a row; an answer in between resets the count; the trip is named', () => {
		const down = { kind: 'unavailable' as const, error: 'HTTP_503' };
		const answered = { kind: 'answered' as const };
		const a = applyOutcomes(closedBreaker('erp'), [down, down, answered, down, down], 3, NOW);
		expect(a.state).toMatchObject({ state: 'closed', consecutiveFailures: 2 });
		expect(a.trippedAt).toBeUndefined();
		const b = applyOutcomes(a.state, [down, down], 3, NOW);
		expect(b.state).toMatchObject({ state: 'open', consecutiveFailures: 4, openedAt: NOW.toISOString(), lastError: 'HTTP_503' });
		expect(b.trippedAt).toBe(0);
		// An answer (a result of a batch sent before the trip) closes it again.
		expect(applyOutcomes(b.state, [answered], 3, NOW).state).toMatchObject({ state: 'closed', consecutiveFailures: 0, openedAt: null });
		expect(() => applyOutcomes(b.state, [down], 0, NOW)).toThrow(/at least 1/);
	});

	it('a probe without an answer keeps the breaker open; one with an answer closes it', () => {
		const open = applyOutcomes(closedBreaker('erp'), [{ kind: 'unavailable', error: 'HTTP_503' }], 1, NOW).state;
		expect(applyProbe(open, false, 'HTTP_503 again', NOW)).toMatchObject({ state: 'open', lastError: 'HTTP_503 again', lastProbeAt: NOW.toISOString() });
		expect(applyProbe(open, true, '', NOW)).toMatchObject({ state: 'closed', consecutiveFailures: 0, openedAt: null });
	});
});

function entries(count: number, from = 0): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({ idempotencyKey: `erp:time:TE-${from + i}`, externalId: `TE-${from + i}`, hours: 8, projectCode: 'P-100' }));
}

/** Guard → Check & Claim → post → Record Result (breaker after `trip`) → failed: parked (for the drain when the ERP did not answer). */
function sendWorkflow(trip: number) {
	return {
		nodes: [
			node('Start', 'startItems', {}),
			node('Guard', 'syncLedger', { ...ledger, resource: 'target', operation: 'guard', targetSystem: 'erp', idempotencyKey: '={{ $json.idempotencyKey }}', domain: 'finance' }),
			node('Claim', 'syncLedger', { ...ledger, resource: 'ledger', operation: 'checkAndClaim', store: 'dataTable', idempotencyKey: '={{ $json.idempotencyKey }}' }),
			node('Post', 'erpPoster', {}, { onError: 'continueRegularOutput' }),
			node('Record', 'syncLedger', { ...ledger, ...recordResultParameters({ resource: 'ledger', retryable: '={{ !($json.fields && $json.fields.length) }}', tripBreakerAfter: trip }) }),
			node('Park', 'syncLedger', {
				...ledger,
				resource: 'exception',
				operation: 'add',
				idempotencyKey: '={{ $json.ledger.key }}',
				reason: '={{ $json.reason }}',
				domain: 'finance',
				owner: '={{ $json.ledger.drainOwner ?? "" }}',
				payload: "={{ $('Claim').item.json }}",
			}),
		],
		connections: connect([
			['Start', 0, 'Guard'],
			['Guard', 0, 'Claim'],
			['Claim', 0, 'Post'],
			['Post', 0, 'Record'],
			['Record', 1, 'Park'],
		]),
	};
}

/** Probe → Record Probe → (up) the drain's parked items, in order → Replay → Check & Claim → post → Record Result → Resolve. */
function drainWorkflow() {
	const send = sendWorkflow(2).nodes;
	return {
		nodes: [
			node('Start', 'startItems', {}),
			node('Probe', 'syncLedger', { ...ledger, resource: 'target', operation: 'recordProbe', targetSystem: 'erp', errorMessage: '={{ $json.error ?? "" }}', failureCode: '={{ $json.code ?? "" }}' }),
			node('Parked', 'syncLedger', { ...ledger, resource: 'exception', operation: 'list', status: 'open', domain: 'all', ownerName: drainOwner('erp'), limit: 500 }),
			node('Replay', 'syncLedger', { ...ledger, resource: 'exception', operation: 'replay', exceptionId: '={{ $json.id }}' }),
			...send.filter((n) => ['Claim', 'Post', 'Record'].includes(n.name)),
			node('Resolve', 'syncLedger', { ...ledger, resource: 'exception', operation: 'resolve', exceptionId: "={{ $('Replay').item.json.replay.exceptionId }}", resolution: 'drained' }),
			node('Resolve done', 'syncLedger', { ...ledger, resource: 'exception', operation: 'resolve', exceptionId: "={{ $('Replay').item.json.replay.exceptionId }}", resolution: 'posted meanwhile' }),
		],
		connections: connect([
			['Start', 0, 'Probe'],
			['Probe', 0, 'Parked'],
			['Parked', 0, 'Replay'],
			['Replay', 0, 'Claim'],
			['Claim', 0, 'Post'],
			['Claim', 1, 'Resolve done'],
			['Post', 0, 'Record'],
			['Record', 0, 'Resolve'],
		]),
	};
}

const targetRow = () => n8nApi.rowsOf('p2c_targets').find((r) => r.target === 'erp');
const erpWrites = () => erp.requests.filter((r) => r.method === 'PUT').length;

describe('ERP outage: trip, park, drain', () => {
	it('trips after N failures where the ERP did not answer; the failed items are parked for the drain with the reason', async () => {
		erp.addFault({ kind: 'status', status: 503, times: 1000 });
		const run = await runAs('exec-1', sendWorkflow(2), startWith(entries(3)), credentials);
		expect(run.error).toBeUndefined();
		const failed = run.output('Record', 1);
		expect(failed.map((f) => (f.ledger as IDataObject).targetUnavailable)).toEqual([true, true, true]);
		expect(failed.map((f) => ((f.ledger as IDataObject).breaker as IDataObject).tripped)).toEqual([false, true, false]);
		expect(failed[1].reason).toMatch(/erp is not answering: its breaker is open/);
		expect(targetRow()).toMatchObject({ state: 'open', consecutiveFailures: 3 });
		const parked = n8nApi.rowsOf('p2c_exceptions');
		expect(parked.map((p) => [p.key, p.owner, p.status])).toEqual(entries(3).map((e) => [e.idempotencyKey, 'Outage drain (erp)', 'open']));
		// Retryable, not a terminal failure: the ledger says so, and a later claim may take the key.
		expect(withResults(n8nApi.rowsOf('p2c_ledger')).filter((r) => r.kind === 'claim').map((r) => r.status)).toEqual(['failed_retryable', 'failed_retryable', 'failed_retryable']);
		expect(n8nApi.rowsOf('p2c_audit').some((a) => a.action === 'target.open' && a.target === 'erp')).toBe(true);
	});

	it('a field error is an answer: it resets the count and never trips the breaker', async () => {
		erp.addFault({ kind: 'status', status: 503, times: 1000, path: '/records/TE-(0|2)$' });
		const run = await runAs('exec-1', sendWorkflow(2), startWith(entries(4, 0).map((e, i) => (i === 1 ? { ...e, projectCode: '' } : e))), credentials);
		expect(run.output('Record', 1).map((f) => (f.ledger as IDataObject).targetUnavailable)).toEqual([true, false, true]);
		expect(targetRow()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
		expect(n8nApi.rowsOf('p2c_exceptions').map((p) => p.owner)).toEqual(['Outage drain (erp)', 'Finance', 'Outage drain (erp)']);
	});

	it('while the breaker is open the guard sends nothing and parks each key once, however often the flow runs', async () => {
		erp.addFault({ kind: 'status', status: 503, times: 1000 });
		await runAs('exec-1', sendWorkflow(2), startWith(entries(2)), credentials);
		const writesAtTrip = erpWrites();
		const second = await runAs('exec-2', sendWorkflow(2), startWith(entries(4)), credentials);
		expect(second.output('Guard', 0)).toHaveLength(0);
		const down = second.output('Guard', 1);
		expect(down.map((d) => (d.exception as IDataObject).alreadyParked)).toEqual([true, true, false, false]);
		expect(String(down[2].reason)).toMatch(/^erp is not answering \(breaker open since .* after 2 consecutive failures; last: .*503.*\): not sent, parked for the drain \(retryable\); exception \d+$/);
		await runAs('exec-3', sendWorkflow(2), startWith(entries(4)), credentials);
		expect(erpWrites()).toBe(writesAtTrip);
		const open = n8nApi.rowsOf('p2c_exceptions').filter((p) => p.status === 'open');
		expect(open.map((p) => p.key)).toEqual(entries(4).map((e) => e.idempotencyKey));
	});

	it('the drain probes first; once the ERP answers it replays the parked items in order, each exactly once, and resolves them', async () => {
		erp.addFault({ kind: 'status', status: 503, times: 1000 });
		await runAs('exec-1', sendWorkflow(2), startWith(entries(2)), credentials);
		await runAs('exec-2', sendWorkflow(2), startWith(entries(5)), credentials);
		// A probe that gets no answer: nothing is replayed.
		const stillDown = await runAs('exec-drain-1', drainWorkflow(), startWith([{ error: 'ERP: HTTP_503: Request failed with status code 503', code: 'HTTP_503' }]), credentials);
		expect(stillDown.output('Probe', 1)).toHaveLength(1);
		expect(stillDown.output('Replay', 0)).toHaveLength(0);
		expect(targetRow()).toMatchObject({ state: 'open' });
		erp.clearFaults();
		const beforeDrain = erp.requests.length;
		const drain = await runAs('exec-drain-2', drainWorkflow(), startWith([{ id: 'probe-ok' }]), credentials);
		expect(drain.error).toBeUndefined();
		expect(targetRow()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
		const puts = erp.requests.slice(beforeDrain).filter((r) => r.method === 'PUT').map((r) => r.path);
		expect(puts).toEqual(entries(5).map((e) => `/records/${String(e.externalId)}`));
		expect(erp.records().map((r) => [r.externalId, r.writes])).toEqual(entries(5).map((e) => [e.externalId, 1]));
		expect(drain.output('Resolve', 0)).toHaveLength(5);
		expect(n8nApi.rowsOf('p2c_exceptions').every((p) => p.status === 'resolved')).toBe(true);
		// Run again: nothing open, nothing sent.
		const again = await runAs('exec-drain-3', drainWorkflow(), startWith([{ id: 'probe-ok' }]), credentials);
		expect(again.output('Replay', 0)).toHaveLength(0);
		expect(erp.records().every((r) => r.writes === 1)).toBe(true);
	});

	it('a parked item that posted after all is skipped by the drain (Already Done) and resolved', async () => {
		erp.addFault({ kind: 'status', status: 503, times: 1000 });
		await runAs('exec-1', sendWorkflow(1), startWith(entries(2)), credentials);
		erp.clearFaults();
		// The breaker is open, but an execution that claimed TE-1 later posted it (its answer reached the ledger).
		const row = targetRow()!;
		row.state = 'closed';
		await runAs('exec-2', { ...sendWorkflow(1), nodes: sendWorkflow(1).nodes.filter((n) => n.name !== 'Guard'), connections: connect([['Start', 0, 'Claim'], ['Claim', 0, 'Post'], ['Post', 0, 'Record'], ['Record', 1, 'Park']]) }, startWith(entries(1, 1)), credentials);
		const drain = await runAs('exec-drain', drainWorkflow(), startWith([{ id: 'probe-ok' }]), credentials);
		expect(drain.output('Claim', 1).map((c) => (c.ledger as IDataObject).key)).toEqual(['erp:time:TE-1']);
		expect(drain.output('Resolve done', 0)).toHaveLength(1);
		expect(erp.records().map((r) => [r.externalId, r.writes])).toEqual([
			['TE-1', 1],
			['TE-0', 1],
		]);
	});
});

describe('parking once per key, resolving only what was parked, an outage that starts mid-run', () => {
	const park = (oncePerKey: boolean) => ({
		nodes: [
			node('Start', 'startItems', {}),
			node('Park', 'syncLedger', { ...ledger, resource: 'exception', operation: 'add', idempotencyKey: '={{ $json.idempotencyKey }}', reason: 'project closed (field timeEntry.project)', domain: 'pmo', oncePerKey }),
		],
		connections: connect([['Start', 0, 'Park']]),
	});

	it('Exception Add with Once Per Key parks a key once while its exception is open, per owner; without it every run parks again', async () => {
		await runAs('exec-1', park(true), startWith(entries(2)), credentials);
		const again = await runAs('exec-2', park(true), startWith([...entries(3), entries(1)[0]]), credentials);
		expect(again.output('Park').map((o) => (o.exception as IDataObject).alreadyParked)).toEqual([true, true, false, true]);
		expect(again.output('Park')[0].reason).toMatch(/^already parked for PMO as exception 1: /);
		expect(n8nApi.rowsOf('p2c_exceptions').map((r) => r.key)).toEqual(entries(3).map((e) => e.idempotencyKey));
		// Resolved, it may be parked again; another owner's open exception does not count.
		n8nApi.rowsOf('p2c_exceptions')[0].status = 'resolved';
		await runAs('exec-3', park(true), startWith(entries(1)), credentials);
		expect(n8nApi.rowsOf('p2c_exceptions')).toHaveLength(4);
		await runAs('exec-4', park(false), startWith(entries(1)), credentials);
		expect(n8nApi.rowsOf('p2c_exceptions')).toHaveLength(5);
	});

	it('Resolve with Skip Items Without Exception ID passes a never-parked item through and resolves a parked one', async () => {
		await runAs('exec-1', park(false), startWith(entries(1)), credentials);
		const resolve = (skipWithoutId: boolean) => ({
			nodes: [node('Start', 'startItems', {}), node('Resolve', 'syncLedger', { ...ledger, resource: 'exception', operation: 'resolve', exceptionId: '={{ $json.exceptionId ?? "" }}', resolution: 'posted', skipWithoutId })],
			connections: connect([['Start', 0, 'Resolve']]),
		});
		const run = await runAs('exec-2', resolve(true), startWith([{ exceptionId: '' }, { exceptionId: 1 }]), credentials);
		expect(run.output('Resolve').map((o) => o.reason)).toEqual(['no exception to resolve (never parked)', 'exception 1 resolved']);
		expect(n8nApi.rowsOf('p2c_exceptions')[0]).toMatchObject({ status: 'resolved', resolution: 'posted' });
	});

	it('a sandbox fault with `after` lets the first requests through: the outage starts mid-run', async () => {
		erp.addFault({ kind: 'status', status: 503, times: 1000, after: 1, method: 'PUT' });
		const run = await runAs('exec-1', sendWorkflow(2), startWith(entries(3)), credentials);
		expect(run.output('Record', 0).map((o) => (o.ledger as IDataObject).key)).toEqual(['erp:time:TE-0']);
		expect(run.output('Record', 1).map((o) => ((o.ledger as IDataObject).breaker as IDataObject).tripped)).toEqual([false, true]);
		expect(erp.records().map((r) => r.externalId)).toEqual(['TE-0']);
	});
});
