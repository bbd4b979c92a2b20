/**
 * A resubmitted statement is never executed twice. The sandbox: the same requestId answers with the first run's
 * statement handle and result, and its engine runs the statement once. The transport: when the answer to a
 * MERGE is lost after Snowflake committed it, the kit resends with the same requestId and `retry=true`, and
 * the row is written once.
 */
import { keyPairJwt } from '../../nodes/Snowflake/transport/auth';
import { snowflakeSandboxKeyPairCredentials } from '../../sandbox/snowflake';
import { APPROVED_ENTRIES, canonicalTimeEntry } from './fixtures';
import { snowflakeNode, useSnowflakeSandbox, workflow } from './helpers';

const suite = useSnowflakeSandbox();

async function submit(requestId: string, statement: string, retry = false): Promise<{ status: number; body: Record<string, unknown> }> {
	const credentials = snowflakeSandboxKeyPairCredentials(suite.baseUrl);
	const response = await fetch(`${suite.baseUrl}/api/v2/statements?requestId=${requestId}${retry ? '&retry=true' : ''}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${keyPairJwt(credentials)}`, 'X-Snowflake-Authorization-Token-Type': 'KEYPAIR_JWT', 'User-Agent': 'jest', 'Content-Type': 'application/json' },
		body: JSON.stringify({ statement, database: 'P2C_ANALYTICS', schema: 'REPLICATION' }),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('requestId: a resubmitted statement runs once', () => {
	it('sandbox: the same requestId answers with the first statement and does not execute it again', async () => {
		await submit('0b8f4a52-6c2e-4d1a-9a57-1f2e3d4c5b6a', 'CREATE TABLE "EVENTS" ("ID" VARCHAR)');
		const requestId = '5d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a';
		const first = await submit(requestId, 'INSERT INTO "EVENTS" VALUES (\'one\')');
		const again = await submit(requestId, 'INSERT INTO "EVENTS" VALUES (\'one\')', true);
		expect(first.status).toBe(200);
		expect(again.status).toBe(200);
		expect(again.body.statementHandle).toBe(first.body.statementHandle);
		expect(again.body.data).toEqual([['1']]);
		expect(suite.sandbox.executions.get(requestId)).toBe(1);
		expect(await suite.sandbox.tableRows('EVENTS')).toHaveLength(1);
		// Another requestId is another statement.
		await submit('7e6d5c4b-3a29-4817-8605-f4e3d2c1b0a9', 'INSERT INTO "EVENTS" VALUES (\'one\')');
		expect(await suite.sandbox.tableRows('EVENTS')).toHaveLength(2);
	});

	it('transport: a MERGE whose answer is lost is resent with the same requestId and retry=true, and runs once', async () => {
		const records = APPROVED_ENTRIES.map((id) => canonicalTimeEntry(id, { modifiedAt: '2026-01-16T17:02:00Z' }));
		// The node sends CREATE TABLE, the read of stored versions, then the MERGE: once the read starts, the next
		// submit (the MERGE) is executed and committed but its answer never reaches the node.
		let posts = 0;
		const original = suite.sandbox.startStatement.bind(suite.sandbox);
		suite.sandbox.startStatement = (...args) => {
			posts++;
			if (String(args[0]).startsWith('SELECT "ENTERPRISE_ID"')) suite.sandbox.addFault({ kind: 'lostResponse', method: 'POST', path: '^/api/v2/statements$', times: 1 });
			return original(...args);
		};
		try {
			const result = await suite.run(workflow(records, snowflakeNode({ resource: 'canonicalRecord', operation: 'replicate' })));
			expect(result.error).toBeUndefined();
			expect(result.output('Snowflake').map((o) => o.outcome)).toEqual(['inserted', 'inserted', 'inserted', 'inserted']);
		} finally {
			suite.sandbox.startStatement = original;
		}
		expect(posts).toBe(3);
		const merges = suite.submitted().filter((s) => s.statement.startsWith('MERGE'));
		expect(merges).toHaveLength(2);
		expect(suite.sandbox.requests.filter((r) => r.fault === 'lostResponse')).toHaveLength(1);
		expect(merges[1].query.get('requestId')).toBe(merges[0].query.get('requestId'));
		expect(merges[0].query.get('retry')).toBeNull();
		expect(merges[1].query.get('retry')).toBe('true');
		expect(suite.sandbox.executions.get(merges[0].query.get('requestId')!)).toBe(1);
		expect(await suite.sandbox.tableRows('CANONICAL_TIME_ENTRY')).toHaveLength(4);
	});
});
