/**
 * Issue 14, ledger cost: the Sync Ledger's per-item writes go out together. Exceptions are parked with one insert
 * per batch; Record Result appends the batch's results with one insert and confirms their claims with one read,
 * with one audit insert. Counted on the n8n Data Tables API simulator, through the real node in n8n-core.
 */
import type { IDataObject } from 'n8n-workflow';

import { withResults } from '../../lib/governance';
import { connect, ledgerSuite, node, runAs, startWith } from './fixtures';

const { n8nApi, erp, credentials } = ledgerSuite();

const CLAIM = "$('Claim').item.json.ledger";

function workflow() {
	const ledger = { resource: 'ledger', tablePrefix: 'p2c_' };
	const nodes = [
		node('Start', 'startItems', {}),
		node('Claim', 'syncLedger', { ...ledger, operation: 'checkAndClaim', store: 'dataTable', idempotencyKey: '={{ $json.idempotencyKey }}' }),
		node('Post', 'erpPoster', {}, { onError: 'continueRegularOutput' }),
		node('Record', 'syncLedger', {
			...ledger,
			operation: 'recordResult',
			store: 'dataTable',
			idempotencyKey: `={{ ${CLAIM}.key }}`,
			claimToken: `={{ ${CLAIM}.claimToken }}`,
			targetSystem: 'erp',
			targetId: '={{ $json.id }}',
			errorMessage: '={{ $json.error }}',
			retryable: false,
		}),
		node('Park', 'syncLedger', {
			resource: 'exception',
			operation: 'add',
			tablePrefix: 'p2c_',
			idempotencyKey: '={{ $json.ledger.key }}',
			reason: '={{ $json.reason }}',
			domain: 'finance',
			payload: "={{ $('Claim').item.json }}",
		}),
	];
	return { nodes, connections: connect([['Start', 0, 'Claim'], ['Claim', 0, 'Post'], ['Post', 0, 'Record'], ['Record', 1, 'Park']]) };
}

/** Time entries; every fourth has no project code, which the ERP refuses. */
const entries = (count: number) =>
	Array.from({ length: count }, (_, i) => ({ idempotencyKey: `erp:timebill:TE-${i}`, externalId: `TE-${i}`, hours: 8, projectCode: i % 4 === 3 ? '' : 'P-100' }));

const tableId = (name: string) => n8nApi.tables().find((table) => table.name === name)!.id;

describe('ledger writes per batch', () => {
	it('Record Result writes a batch with one insert and Exception Add parks a batch with one insert; every item ends once', async () => {
		const count = 40;
		const run = await runAs('exec-batch', workflow(), startWith(entries(count)), credentials);
		expect(run.error).toBeUndefined();
		// Every item ends exactly once: 30 posted, 10 refused by the ERP and parked.
		expect(run.output('Record', 0)).toHaveLength(30);
		expect(run.output('Record', 1)).toHaveLength(10);
		expect(run.output('Park', 0)).toHaveLength(10);
		expect(run.output('Record', 0).map((item) => (item.ledger as IDataObject).key)).toEqual(
			entries(count).filter((_, i) => i % 4 !== 3).map((entry) => entry.idempotencyKey),
		);
		const rows = withResults(n8nApi.rowsOf('p2c_ledger'));
		expect(rows.filter((row) => row.status === 'posted')).toHaveLength(30);
		expect(rows.filter((row) => row.status === 'failed')).toHaveLength(10);
		for (const row of rows.filter((r) => r.status === 'posted')) expect(row.targetId).toBe(erp.records().find((r) => `erp:timebill:${r.externalId}` === row.key)!.id);

		const writes = (method: string, table: string) => n8nApi.requests.filter((r) => r.method === method && r.path === `/api/v1/data-tables/${tableId(table)}/rows`).length;
		// Exception Add: ten exceptions, one insert.
		expect(n8nApi.rowsOf('p2c_exceptions')).toHaveLength(10);
		expect(writes('POST', 'p2c_exceptions')).toBe(1);
		// Record Result (issue 14, new rule; this test used to count one compare-and-set per item, 40, sent 8 at a
		// time): the 40 results go out as one insert of result rows, and no claim row is updated for a result.
		const resultWrites = n8nApi.requests.filter(
			(r) => r.method === 'PATCH' && ['posted', 'failed'].includes(String((r.body as { data?: IDataObject }).data?.status)),
		);
		expect(resultWrites).toHaveLength(0);
		const resultInserts = n8nApi.requests.filter(
			(r) => r.method === 'POST' && r.path === `/api/v1/data-tables/${tableId('p2c_ledger')}/rows` && ((r.body as { data: IDataObject[] }).data ?? []).some((row) => row.kind === 'result'),
		);
		expect(resultInserts).toHaveLength(1);
		expect((resultInserts[0].body as { data: IDataObject[] }).data).toHaveLength(count);
		// One audit insert per node run (Claim, Record, Park).
		expect(writes('POST', 'p2c_audit')).toBe(3);
		// Claim rows, result rows and audit entries are appended: n8n asked for no rows back runs a multi-row INSERT
		// (returnType 'count'); rows returned cost one INSERT (and on SQLite a SELECT) per row.
		const appendsOf = (table: string) =>
			n8nApi.requests.filter((r) => r.method === 'POST' && r.path === `/api/v1/data-tables/${tableId(table)}/rows`).map((r) => (r.body as { returnType?: string }).returnType);
		expect(appendsOf('p2c_ledger')).toEqual(['count', 'count']);
		expect(appendsOf('p2c_audit')).toEqual(['count', 'count', 'count']);
	});

	it('a refused record is an error item in its place; the others are recorded', async () => {
		const items = entries(6).map((entry) => ({ ...entry, projectCode: 'P-100' }));
		const flow = workflow();
		const record = flow.nodes.find((n) => n.name === 'Record')!;
		// Item 2 records with a token that is not its claim's.
		record.parameters.claimToken = `={{ $itemIndex === 2 ? 'not-the-token' : ${CLAIM}.claimToken }}`;
		record.onError = 'continueRegularOutput';
		flow.connections = connect([['Start', 0, 'Claim'], ['Claim', 0, 'Post'], ['Post', 0, 'Record']]);
		const run = await runAs('exec-refused', flow, startWith(items), credentials);
		expect(run.error).toBeUndefined();
		expect(run.output('Record', 0).map((item) => (item.ledger as IDataObject).key)).toEqual(items.filter((_, i) => i !== 2).map((entry) => entry.idempotencyKey));
		const [refused] = run.output('Record', 1);
		expect(refused.reason).toContain('the claim token does not match the claim of key "erp:timebill:TE-2"');
		expect(n8nApi.rowsOf('p2c_ledger').find((row) => row.key === 'erp:timebill:TE-2')).toMatchObject({ status: 'claimed' });
	});

	it('keeps every request line within 8 KB (nginx\'s default) with long keys and a big batch: reads and deletes of many values are split, nothing is lost', async () => {
		// Keys of about 300 characters (a long composite key) and 150 claim tokens: the old reads put 50 keys (about
		// 20 KB, past the 16 KB n8n's server accepts) or 100 tokens (about 13 KB) into one URL.
		const items = entries(150).map((entry, i) => ({ ...entry, idempotencyKey: `erp:timebill:${'project-PRJ-2026-0001/'.repeat(13)}TE-${i}` }));
		const from = n8nApi.requests.length;
		const run = await runAs('exec-long-keys', workflow(), startWith(items), credentials);
		expect(run.error).toBeUndefined();
		const refused = items.filter((_, i) => i % 4 === 3);
		expect(run.output('Record', 0).map((item) => (item.ledger as IDataObject).key)).toEqual(items.filter((_, i) => i % 4 !== 3).map((entry) => entry.idempotencyKey));
		expect(run.output('Park', 0)).toHaveLength(refused.length);
		const rows = withResults(n8nApi.rowsOf('p2c_ledger')).filter((row) => String(row.key).includes('project-PRJ'));
		expect(rows.filter((row) => row.status === 'posted')).toHaveLength(items.length - refused.length);
		expect(rows.filter((row) => row.status === 'failed')).toHaveLength(refused.length);

		const made = n8nApi.requests.slice(from);
		const lines = made.map((r) => `${r.method} ${r.path}${r.query} HTTP/1.1`.length);
		expect(Math.max(...lines)).toBeLessThanOrEqual(8192);
		// Split, not one request per value: the claim's key reads carry about 20 keys each, the token reads 56 tokens.
		const reads = made.filter((r) => r.method === 'GET' && r.path === `/api/v1/data-tables/${tableId('p2c_ledger')}/rows`);
		const conditions = reads.map((r) => (JSON.parse(new URLSearchParams(r.query).get('filter') ?? '{"filters":[]}') as { filters: Array<{ columnName: string }> }).filters);
		const byColumn = (column: string) => conditions.filter((f) => f.length > 0 && f[0].columnName === column).map((f) => f.length);
		expect(Math.max(...byColumn('key'))).toBeGreaterThanOrEqual(15);
		expect(Math.max(...byColumn('claimToken'))).toBe(56);
		expect(byColumn('claimToken').reduce((a, b) => a + b, 0)).toBe(items.length);
	});
});
