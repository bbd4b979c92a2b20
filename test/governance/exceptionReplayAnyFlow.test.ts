/**
 * Exception replay for any flow, in-process with n8n-core against the Data Tables simulator: List picks one flow's
 * exceptions by key prefix, Replay says which workflow parked the record, and a replayed record that fails again
 * reopens its own exception with the new reason (one parked record stays one exception) when the park step asks.
 */
import type { IDataObject } from 'n8n-workflow';

import { connect, ledgerSuite, node, recordResultParameters, runAs, startWith } from './fixtures';

const { n8nApi, erp, credentials } = ledgerSuite();
const ledger = { tablePrefix: 'p2c_' };

function postingNodes(reopenReplayed: boolean) {
	return [
		node('Claim', 'syncLedger', { ...ledger, resource: 'ledger', operation: 'checkAndClaim', store: 'dataTable', idempotencyKey: '={{ $json.idempotencyKey }}', claimExpirySeconds: 900 }),
		node('Post', 'erpPoster', { crashAfter: -1 }, { onError: 'continueRegularOutput' }),
		node('Record', 'syncLedger', { ...ledger, resource: 'ledger', ...recordResultParameters({ retryable: false }) }),
		node('Park', 'syncLedger', {
			...ledger,
			resource: 'exception',
			operation: 'add',
			idempotencyKey: '={{ $json.ledger.key }}',
			reason: "={{ 'refused: ' + $json.ledger.error }}",
			domain: 'finance',
			payload: "={{ $('Claim').item.json }}",
			reopenReplayed,
		}),
	];
}

const posting = (reopenReplayed = true) => ({
	nodes: [node('Start', 'startItems', {}), ...postingNodes(reopenReplayed)],
	connections: connect([
		['Start', 0, 'Claim'],
		['Claim', 0, 'Post'],
		['Post', 0, 'Record'],
		['Record', 1, 'Park'],
	]),
});

function replayFlow(options: { keyPrefix?: string; reopenReplayed?: boolean; limit?: number } = {}) {
	return {
		nodes: [
			node('Start', 'startItems', {}),
			node('Open', 'syncLedger', { ...ledger, resource: 'exception', operation: 'list', status: 'open', domain: 'all', keyPrefix: options.keyPrefix ?? '', limit: options.limit ?? 50 }),
			node('Replay', 'syncLedger', { ...ledger, resource: 'exception', operation: 'replay', exceptionId: '={{ $json.id }}' }),
			...postingNodes(options.reopenReplayed ?? true),
			node('Resolve', 'syncLedger', { ...ledger, resource: 'exception', operation: 'resolve', exceptionId: "={{ $('Replay').item.json.replay.exceptionId }}", resolution: 'posted on replay' }),
		],
		connections: connect([
			['Start', 0, 'Open'],
			['Open', 0, 'Replay'],
			['Replay', 0, 'Claim'],
			['Claim', 0, 'Post'],
			['Post', 0, 'Record'],
			['Record', 0, 'Resolve'],
			['Record', 1, 'Park'],
		]),
	};
}

const entry = (key: string, externalId: string, projectCode: string): IDataObject => ({ idempotencyKey: key, externalId, hours: 8, projectCode });
const exceptions = () => n8nApi.rowsOf('p2c_exceptions');

describe('exception replay for any flow', () => {
	it('a replayed record refused again reopens its own exception with the new reason; fixed, it posts once and resolves', async () => {
		await runAs('exec-park', posting(), startWith([entry('erp:time:TE-1', 'TE-1', '')]), credentials);
		expect(exceptions()).toHaveLength(1);
		const parked = exceptions()[0];

		// Replayed unchanged: the ERP refuses the same field again; the same exception is open again, no second one.
		const still = await runAs('exec-replay-1', replayFlow(), startWith([{}]), credentials);
		expect(still.error).toBeUndefined();
		expect(still.output('Park', 0)).toHaveLength(1);
		expect(still.output('Park', 0)[0]).toMatchObject({ exception: { id: parked.id, status: 'open', reopened: true } });
		expect(exceptions()).toHaveLength(1);
		expect(exceptions()[0]).toMatchObject({ id: parked.id, status: 'open', replayCount: 1 });
		expect(String(exceptions()[0].reason)).toMatch(/^refused: .*projectCode/);
		// The stored payload is the record, without the replay marker, ready to be edited and replayed again.
		const stored = JSON.parse(String(exceptions()[0].payload)) as IDataObject;
		expect(stored).toMatchObject({ idempotencyKey: 'erp:time:TE-1', projectCode: '' });
		expect(stored.replay).toBeUndefined();
		expect(erp.records()).toHaveLength(0);

		// Fixed in the Data Table, replayed: posted once with the edited value, resolved.
		n8nApi.rowsOf('p2c_exceptions')[0].payload = JSON.stringify({ ...stored, projectCode: 'P-300' });
		const fixed = await runAs('exec-replay-2', replayFlow(), startWith([{}]), credentials);
		expect(fixed.output('Resolve', 0)).toHaveLength(1);
		expect(erp.records()).toEqual([expect.objectContaining({ externalId: 'TE-1', writes: 1, body: expect.objectContaining({ projectCode: 'P-300' }) })]);
		expect(exceptions()).toEqual([expect.objectContaining({ id: parked.id, status: 'resolved', replayCount: 2 })]);

		// Nothing open: a third replay writes nothing.
		const again = await runAs('exec-replay-3', replayFlow(), startWith([{}]), credentials);
		expect(again.output('Replay', 0)).toHaveLength(0);
		expect(erp.requests.filter((r) => r.method === 'PUT' && r.status === 201)).toHaveLength(1);
	});

	it('without Reopen the Replayed Exception a failed replay parks a second exception (the earlier behaviour, kept as the default)', async () => {
		await runAs('exec-park', posting(false), startWith([entry('erp:time:TE-2', 'TE-2', '')]), credentials);
		await runAs('exec-replay', replayFlow({ reopenReplayed: false }), startWith([{}]), credentials);
		expect(exceptions().map((e) => e.status)).toEqual(['replayed', 'open']);
	});

	it('a park step with Reopen set parks anew a record whose exception is no longer replayed (resolved meanwhile)', async () => {
		await runAs('exec-park', posting(), startWith([entry('erp:time:TE-4', 'TE-4', '')]), credentials);
		const [parked] = exceptions();
		parked.status = 'resolved';
		const replayedPayload = { ...entry('erp:time:TE-4', 'TE-4', ''), replay: { exceptionId: parked.id } };
		// A replayed record arriving after someone resolved its exception by hand: still refused, parked as a new one.
		const run = await runAs('exec-late', posting(), startWith([replayedPayload]), credentials);
		expect(run.output('Park', 0)[0]).toMatchObject({ exception: { status: 'open', reopened: false } });
		expect(exceptions().map((e) => e.status)).toEqual(['resolved', 'open']);
	});

	it('List by key prefix picks one flow; Replay names the workflow that parked the record', async () => {
		await runAs('exec-time', posting(), startWith([entry('erp:time:TE-5', 'TE-5', '')]), credentials);
		await runAs('exec-project', posting(), startWith([entry('erp:project:P-9', 'P-9', '')]), credentials);
		expect(exceptions()).toHaveLength(2);
		const run = await runAs('exec-replay-projects', replayFlow({ keyPrefix: 'erp:project:' }), startWith([{}]), credentials);
		expect(run.output('Open', 0).map((e) => e.key)).toEqual(['erp:project:P-9']);
		const [replayed] = run.output('Replay', 0);
		expect(replayed.replay).toMatchObject({ key: 'erp:project:P-9', owner: 'Finance', parkedByWorkflowId: 'wf-governed' });
		expect(exceptions().map((e) => [e.key, e.status])).toEqual([
			['erp:time:TE-5', 'open'],
			['erp:project:P-9', 'open'],
		]);
	});

	it('List by several key prefixes counts the limit over the matching exceptions only (other flows\' older ones do not crowd them out)', async () => {
		await runAs('exec-other', posting(), startWith([entry('erp:journal:J-1', 'J-1', ''), entry('erp:journal:J-2', 'J-2', '')]), credentials);
		await runAs('exec-time', posting(), startWith([entry('erp:time:TE-6', 'TE-6', '')]), credentials);
		await runAs('exec-project', posting(), startWith([entry('erp:project:P-7', 'P-7', '')]), credentials);
		const run = await runAs('exec-replay-two', replayFlow({ keyPrefix: ' erp:project: , erp:time:', limit: 2 }), startWith([{}]), credentials);
		expect(run.output('Open', 0).map((e) => e.key)).toEqual(['erp:time:TE-6', 'erp:project:P-7']);
	});
});
