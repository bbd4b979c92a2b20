/**
 * The Snowflake node in n8n-core against the Snowflake sandbox (the SQL API over an embedded Postgres):
 * replication creates the entity's table and MERGEs by enterprise id, so a replay adds no row and an older
 * version never replaces a newer one; KPIs land one row per KPI and day; Execute Statement binds its values and
 * walks partitions and 202 polling; SQL errors keep Snowflake's code, SQL state and statement handle.
 */
import type { IDataObject } from 'n8n-workflow';

import { throttleFault } from '../../sandbox/snowflake';
import { APPROVED_ENTRIES, canonicalTimeEntry } from './fixtures';
import { snowflakeNode, useSnowflakeSandbox, workflow } from './helpers';

const suite = useSnowflakeSandbox();

const replicate = (parameters: IDataObject = {}, options: { continueOnFail?: boolean } = {}) => snowflakeNode({ resource: 'canonicalRecord', operation: 'replicate', ...parameters }, options);

describe('Snowflake node: Replicate Canonical Records', () => {
	it('creates the entity table from the canonical schema and writes one row per record, exact to the cent', async () => {
		const records = APPROVED_ENTRIES.map((id) => canonicalTimeEntry(id, { modifiedAt: '2026-01-16T17:02:00Z' }));
		const result = await suite.run(workflow(records, replicate()));
		expect(result.error).toBeUndefined();
		expect(result.output('Snowflake').map((o) => o.outcome)).toEqual(['inserted', 'inserted', 'inserted', 'inserted']);
		const rows = await suite.sandbox.tableRows('CANONICAL_TIME_ENTRY');
		expect(rows).toHaveLength(4);
		const second = rows.find((r) => r.SOURCE_ID === 'PSA-TE-1002')!;
		expect(second).toMatchObject({
			ENTERPRISE_ID: records[1].envelope && (records[1].envelope as IDataObject).enterpriseId,
			ENTITY: 'timeEntry',
			SOURCE_SYSTEM: 'kantata',
			HOURS: '8.500000000',
			BILL_RATE_AMOUNT: '200.0000',
			BILL_RATE_CURRENCY: 'USD',
			BILL_RATE_UNIT: 'hour',
			DATE: '2026-01-14',
			BILLABLE: 't',
			RESOURCE: { id: 'EMP-0002', name: 'Priya Raman' },
			RECORD_VERSION: String(Date.parse('2026-01-16T17:02:00Z')),
			IDEMPOTENCY_KEY: (records[1].envelope as IDataObject).idempotencyKey,
		});
		expect(second.LOADED_AT).toBeTruthy();
		const create = suite.submitted().find((s) => s.statement.startsWith('CREATE TABLE IF NOT EXISTS "CANONICAL_TIME_ENTRY"'))!;
		expect(create.statement).toContain('"HOURS" NUMBER(38, 9)');
		expect(create.statement).toContain('"BILL_RATE_AMOUNT" NUMBER(38, 4)');
		expect(create.statement).toContain('"RESOURCE" VARIANT');
		expect(create.statement).toContain('"SOURCE_MODIFIED_AT" TIMESTAMP_TZ');
	});

	it('a replay adds no row and changes nothing; a newer version replaces the row; an older one never does', async () => {
		const v1 = APPROVED_ENTRIES.map((id) => canonicalTimeEntry(id, { modifiedAt: '2026-01-16T17:02:00Z' }));
		expect((await suite.run(workflow(v1, replicate()))).error).toBeUndefined();
		const loadedBefore = (await suite.sandbox.tableRows('CANONICAL_TIME_ENTRY')).map((r) => r.LOADED_AT);

		// A new execution (n8n gives each its own id; the harness reuses one, so the sandbox forgets request ids).
		suite.sandbox.forgetRequestIds();
		const replay = await suite.run(workflow(v1, replicate()));
		expect(replay.output('Snowflake').map((o) => o.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
		const afterReplay = await suite.sandbox.tableRows('CANONICAL_TIME_ENTRY');
		expect(afterReplay).toHaveLength(4);
		expect(afterReplay.map((r) => r.LOADED_AT)).toEqual(loadedBefore);

		suite.sandbox.forgetRequestIds();
		const newer = canonicalTimeEntry('PSA-TE-1002', { modifiedAt: '2026-01-20T09:00:00Z', overrides: { hours: '8', description: 'Corrected' } });
		const older = canonicalTimeEntry('PSA-TE-1003', { modifiedAt: '2026-01-10T09:00:00Z', overrides: { hours: '1' } });
		const mixed = await suite.run(workflow([newer, older], replicate()));
		expect(mixed.output('Snowflake').map((o) => o.outcome)).toEqual(['updated', 'olderVersion']);
		const rows = await suite.sandbox.tableRows('CANONICAL_TIME_ENTRY');
		expect(rows).toHaveLength(4);
		expect(rows.find((r) => r.SOURCE_ID === 'PSA-TE-1002')).toMatchObject({ HOURS: '8.000000000', DESCRIPTION: 'Corrected', RECORD_VERSION: String(Date.parse('2026-01-20T09:00:00Z')) });
		expect(rows.find((r) => r.SOURCE_ID === 'PSA-TE-1003')).toMatchObject({ HOURS: '2.000000000' });

		// Even sent straight to the MERGE (no pre-read can save it), the older version leaves the row alone.
		suite.sandbox.forgetRequestIds();
		const stale = canonicalTimeEntry('PSA-TE-1002', { modifiedAt: '2026-01-16T17:02:00Z' });
		await suite.run(workflow([stale], replicate()));
		expect((await suite.sandbox.tableRows('CANONICAL_TIME_ENTRY')).find((r) => r.SOURCE_ID === 'PSA-TE-1002')).toMatchObject({ HOURS: '8.000000000' });
	});

	it('two versions of one record in the same input: the newer is written, the other is reported superseded', async () => {
		const older = canonicalTimeEntry('PSA-TE-1001', { modifiedAt: '2026-01-16T17:02:00Z' });
		const newer = canonicalTimeEntry('PSA-TE-1001', { modifiedAt: '2026-01-18T08:00:00Z', overrides: { hours: '7' } });
		const result = await suite.run(workflow([newer, older], replicate()));
		expect(result.output('Snowflake').map((o) => o.outcome)).toEqual(['inserted', 'supersededInBatch']);
		const rows = await suite.sandbox.tableRows('CANONICAL_TIME_ENTRY');
		expect(rows).toHaveLength(1);
		expect(rows[0].HOURS).toBe('7.000000000');
	});

	it('compares integer source versions when asked', async () => {
		const v3 = canonicalTimeEntry('PSA-TE-1001', { version: '3' });
		const v12 = canonicalTimeEntry('PSA-TE-1001', { version: '12', overrides: { hours: '6.25' } });
		await suite.run(workflow([v3], replicate({ replicateOptions: { versionFrom: 'sourceVersion' } })));
		suite.sandbox.forgetRequestIds();
		const result = await suite.run(workflow([v12], replicate({ replicateOptions: { versionFrom: 'sourceVersion' } })));
		// As text "12" < "3"; as numbers 12 > 3.
		expect(result.output('Snowflake')[0].outcome).toBe('updated');
		expect((await suite.sandbox.tableRows('CANONICAL_TIME_ENTRY'))[0]).toMatchObject({ HOURS: '6.250000000', RECORD_VERSION: '12' });
	});

	it('every item ends once: a record that is not canonical, or a value the column cannot hold exactly, is an error naming the field', async () => {
		const good = canonicalTimeEntry('PSA-TE-1001', { modifiedAt: '2026-01-16T17:02:00Z' });
		const notCanonical = { name: 'a plain item' };
		const badRate = canonicalTimeEntry('PSA-TE-1002', { modifiedAt: '2026-01-16T17:02:00Z', overrides: { billRate: { amount: '200.123456', currency: 'USD', unit: 'hour' } } });
		const result = await suite.run(workflow([good, notCanonical, badRate], replicate({}, { continueOnFail: true })));
		const out = result.output('Snowflake');
		expect(out).toHaveLength(3);
		expect(out[0].outcome).toBe('inserted');
		expect(out[1]).toMatchObject({ fields: ['envelope.entity'] });
		expect(String(out[2].error)).toContain('timeEntry.billRate.amount');
		expect(await suite.sandbox.tableRows('CANONICAL_TIME_ENTRY')).toHaveLength(1);
	});

	it('resends a throttled MERGE (429) and still writes each row once', async () => {
		suite.sandbox.addFault(throttleFault(1));
		const records = APPROVED_ENTRIES.map((id) => canonicalTimeEntry(id, { modifiedAt: '2026-01-16T17:02:00Z' }));
		const result = await suite.run(workflow(records, replicate()));
		expect(result.error).toBeUndefined();
		expect(suite.sandbox.requests.filter((r) => r.status === 429)).toHaveLength(1);
		expect(await suite.sandbox.tableRows('CANONICAL_TIME_ENTRY')).toHaveLength(4);
	});
});

describe('Snowflake node: Load KPIs', () => {
	it('one row per KPI and day; a second run the same day adds no row and keeps the later figures', async () => {
		const kpis = (computedAt: string, posted: number) => [
			{ kpi: 'postingSuccessRate', byTarget: { netsuite: { posted, failed: 1, rate: posted / (posted + 1) } }, computedAt },
			{ kpi: 'staleRecords', total: 0, byTarget: {}, computedAt },
		];
		const load = snowflakeNode({ resource: 'kpi', operation: 'load' });
		const first = await suite.run(workflow(kpis('2026-12-03T02:00:00.000Z', 3), load));
		expect(first.error).toBeUndefined();
		expect(first.output('Snowflake').map((o) => o.snapshotDate)).toEqual(['2026-12-03', '2026-12-03']);
		suite.sandbox.forgetRequestIds();
		await suite.run(workflow(kpis('2026-12-03T02:30:00.000Z', 4), load));
		const rows = await suite.sandbox.tableRows('P2C_SYNC_KPIS');
		expect(rows).toHaveLength(2);
		expect(rows.find((r) => r.KPI === 'postingSuccessRate')!.FIGURES).toEqual({ byTarget: { netsuite: { posted: 4, failed: 1, rate: 0.8 } } });
	});
});

describe('Snowflake node: Execute Statement', () => {
	it('binds every value, reads typed columns, and returns one item per row', async () => {
		const node = snowflakeNode({
			resource: 'statement',
			operation: 'execute',
			schema: 'REFERENCE',
			statement: 'SELECT "EXTERNAL_ID", "BILL_RATE", "IS_RESOURCE", "HIRE_DATE" FROM "FIRM_PEOPLE" WHERE "REGION" = ? AND "BILL_RATE" > ? ORDER BY "EXTERNAL_ID"',
			bindingsInput: 'json',
			bindingsJson: '["US", 100]',
		});
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		expect(result.output('Snowflake').map(({ correlationId: _c, ...row }) => row)).toEqual([
			{ EXTERNAL_ID: 'EMP-0001', BILL_RATE: '275.00', IS_RESOURCE: true, HIRE_DATE: '2019-03-04' },
			{ EXTERNAL_ID: 'EMP-0002', BILL_RATE: '200.00', IS_RESOURCE: true, HIRE_DATE: '2021-06-14' },
		]);
		const sent = suite.submitted()[0];
		expect(sent.bindings).toEqual({ '1': { type: 'TEXT', value: 'US' }, '2': { type: 'FIXED', value: '100' } });
		expect(sent.query.get('requestId')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	});

	it('walks every partition of a large result', async () => {
		await suite.sandbox.engine.execute('CREATE TABLE "NUMBERS" ("N" NUMBER(38, 0))', undefined, 'P2C_ANALYTICS', 'REPLICATION');
		await suite.sandbox.engine.execute('INSERT INTO "NUMBERS" SELECT generate_series(1, 2500)', undefined, 'P2C_ANALYTICS', 'REPLICATION');
		const node = snowflakeNode({ resource: 'statement', operation: 'execute', statement: 'SELECT "N" FROM "NUMBERS" ORDER BY "N"' });
		const result = await suite.run(workflow([{}], node));
		expect(result.output('Snowflake').map((r) => r.N)).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
		const partitionReads = suite.sandbox.requests.filter((r) => r.method === 'GET').map((r) => new URLSearchParams(r.query).get('partition'));
		expect(partitionReads).toEqual(['1', '2']);
	});

	it('polls a statement that answers 202 until it is done', async () => {
		suite.sandbox.settings.statementDelayMs = 400;
		suite.sandbox.settings.syncWindowMs = 20;
		const node = snowflakeNode({ resource: 'statement', operation: 'execute', schema: 'REFERENCE', statement: 'SELECT COUNT(*) AS "PEOPLE" FROM "FIRM_PEOPLE"' });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		expect(result.output('Snowflake')[0].PEOPLE).toBe(4);
		expect(suite.sandbox.requests[0].status).toBe(202);
		expect(suite.sandbox.requests.filter((r) => r.method === 'GET' && r.status === 202).length + suite.sandbox.requests.filter((r) => r.method === 'GET' && r.status === 200).length).toBeGreaterThanOrEqual(1);
		expect(suite.sandbox.executions.size).toBe(1);
	});

	it('cancels a statement still running after Wait Up To, and says so', async () => {
		suite.sandbox.settings.statementDelayMs = 10_000;
		suite.sandbox.settings.syncWindowMs = 10;
		const node = snowflakeNode({ resource: 'statement', operation: 'execute', statement: 'SELECT 1', statementOptions: { async: true, waitSeconds: 1 } }, { continueOnFail: true });
		const result = await suite.run(workflow([{}], node));
		expect(String(result.output('Snowflake')[0].error)).toMatch(/still running after 1 s and was cancelled/);
		const cancel = suite.sandbox.requests.find((r) => r.path.endsWith('/cancel'))!;
		expect(cancel.status).toBe(200);
		expect([...suite.sandbox.runs.values()][0].state).toBe('cancelled');
		expect(suite.sandbox.executions.size).toBe(0);
	});

	it('a SQL error keeps Snowflake\'s code, SQL state and statement handle', async () => {
		const node = snowflakeNode({ resource: 'statement', operation: 'execute', statement: 'SELECT * FROM "NO_SUCH_TABLE"' }, { continueOnFail: true });
		const result = await suite.run(workflow([{}], node));
		const out = result.output('Snowflake')[0];
		expect(out.code).toBe('002003');
		expect(String(out.error)).toMatch(/Object 'NO_SUCH_TABLE' does not exist or not authorized.*SQL state 42S02, statement [0-9a-f-]{36}/s);
	});

	it('runs with a programmatic access token too', async () => {
		const node = snowflakeNode({ resource: 'statement', operation: 'execute', schema: 'REFERENCE', statement: 'SELECT COUNT(*) AS "N" FROM "FIRM_PEOPLE"' }, { authentication: 'token' });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		expect(result.output('Snowflake')[0].N).toBe(4);
		expect(suite.sandbox.requests[0].headers['x-snowflake-authorization-token-type']).toBe('PROGRAMMATIC_ACCESS_TOKEN');
	});
});
