/**
 * The n8n Data Tables simulator answers the way n8n 2.40.7 did when probed (scripts/lib/n8nServer.ts + fetch):
 * status codes and bodies below were copied from those real answers.
 */
import { createN8nApiSandbox } from '../../sandbox/n8nApi';

const sandbox = createN8nApiSandbox();
let api = '';
const headers = () => ({ 'X-N8N-API-KEY': sandbox.apiKey, 'Content-Type': 'application/json' });
const call = async (path: string, init: RequestInit = {}) => {
	const response = await fetch(`${api}${path}`, { ...init, headers: { ...headers(), ...(init.headers ?? {}) } });
	return { status: response.status, body: (await response.json().catch(() => undefined)) as any };
};
const filter = (filters: object[]) => encodeURIComponent(JSON.stringify({ type: 'and', filters }));

beforeAll(async () => {
	api = `${await sandbox.start()}/api/v1`;
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.stop());

async function table() {
	const created = await call('/data-tables', {
		method: 'POST',
		body: JSON.stringify({ name: 'p2c_ledger', columns: [{ name: 'key', type: 'string' }, { name: 'attempts', type: 'number' }, { name: 'expiresAt', type: 'date' }] }),
	});
	expect(created.status).toBe(201);
	return created.body.id as string;
}

describe('n8n Data Tables API simulator', () => {
	it('checks the API key with n8n 401 bodies', async () => {
		expect(await fetch(`${api}/data-tables`).then(async (r) => [r.status, await r.json()])).toEqual([401, { message: "'X-N8N-API-KEY' header required" }]);
		expect((await call('/data-tables', { headers: { 'X-N8N-API-KEY': 'nope' } })).body).toEqual({ message: 'unauthorized' });
		expect(await call('/data-tables')).toEqual({ status: 200, body: { data: [], nextCursor: null } });
	});

	it('creates tables, refuses a duplicate name with 409, finds a table by name', async () => {
		const id = await table();
		expect(id).toMatch(/^[A-Za-z0-9]{16}$/);
		expect(await call('/data-tables', { method: 'POST', body: JSON.stringify({ name: 'p2c_ledger', columns: [] }) })).toEqual({
			status: 409,
			body: { message: "Data table with name 'p2c_ledger' already exists in this project" },
		});
		const found = await call(`/data-tables?filter=${encodeURIComponent(JSON.stringify({ name: 'p2c_ledger' }))}`);
		expect(found.body.data.map((t: { id: string }) => t.id)).toEqual([id]);
	});

	it('inserts with each return type, validates columns and types, filters, updates with compare-and-set, deletes', async () => {
		const id = await table();
		const inserted = await call(`/data-tables/${id}/rows`, { method: 'POST', body: JSON.stringify({ data: [{ key: 'a', attempts: 1 }, { key: 'b' }], returnType: 'all' }) });
		expect(inserted.body).toEqual([
			expect.objectContaining({ id: 1, key: 'a', attempts: 1, expiresAt: null }),
			expect.objectContaining({ id: 2, key: 'b', attempts: null }),
		]);
		expect((await call(`/data-tables/${id}/rows`, { method: 'POST', body: JSON.stringify({ data: [{ key: 'c' }], returnType: 'id' }) })).body).toEqual([{ id: 3 }]);
		expect((await call(`/data-tables/${id}/rows`, { method: 'POST', body: JSON.stringify({ data: [{ key: 'd' }] }) })).body).toEqual({ success: true, insertedRows: 1 });
		expect((await call(`/data-tables/${id}/rows`, { method: 'POST', body: JSON.stringify({ data: [{ nope: 1 }] }) })).body).toEqual({
			message: "Validation error with data table request: unknown column name 'nope'",
		});
		expect((await call(`/data-tables/${id}/rows`, { method: 'POST', body: JSON.stringify({ data: [{ attempts: 'x' }] }) })).body.message).toBe(
			"Validation error with data table request: value 'x' does not match column type 'number': 'attempts' expects a number but we got 'x'",
		);
		expect((await call(`/data-tables/${id}/rows?filter=${filter([{ columnName: 'attempts', condition: 'eq', value: null }])}`)).body.data.map((r: any) => r.key)).toEqual(['b', 'c', 'd']);
		expect((await call(`/data-tables/${id}/rows?filter=notjson`)).body).toEqual({ message: 'request/query/filter must match format "jsonString"' });
		expect((await call(`/data-tables/${id}/rows?sortBy=id:asc`)).body).toEqual({ message: "Parameter 'sortBy' must be url encoded. Its value may not contain reserved characters." });
		const cas = (expected: number) =>
			call(`/data-tables/${id}/rows/update`, {
				method: 'PATCH',
				body: JSON.stringify({ filter: { type: 'and', filters: [{ columnName: 'key', condition: 'eq', value: 'a' }, { columnName: 'attempts', condition: 'eq', value: expected }] }, data: { attempts: expected + 1 }, returnData: true }),
			});
		expect((await cas(1)).body).toEqual([expect.objectContaining({ key: 'a', attempts: 2 })]);
		expect((await cas(1)).body).toEqual([]);
		const upsert = await call(`/data-tables/${id}/rows/upsert`, { method: 'POST', body: JSON.stringify({ filter: { type: 'and', filters: [{ columnName: 'key', condition: 'eq', value: 'e' }] }, data: { key: 'e' }, returnData: true }) });
		expect(upsert.body).toEqual([expect.objectContaining({ id: 5, key: 'e' })]);
		const deleted = await call(`/data-tables/${id}/rows/delete?filter=${filter([{ columnName: 'key', condition: 'eq', value: 'd' }])}&returnData=true`, { method: 'DELETE' });
		expect(deleted.body.map((r: any) => r.key)).toEqual(['d']);
		expect((await call(`/data-tables/${id}/rows/delete`, { method: 'DELETE' })).status).toBe(400);
		expect(await call('/data-tables/AAAAAAAAAAAAAAAA/rows')).toEqual({ status: 404, body: { message: "Could not find the data table: 'AAAAAAAAAAAAAAAA'" } });
		expect((await call('/data-tables/x/rows')).body).toEqual({ message: 'request/params/dataTableId must match format "nanoid"' });
	});

	it('pages with an opaque cursor', async () => {
		const id = await table();
		await call(`/data-tables/${id}/rows`, { method: 'POST', body: JSON.stringify({ data: Array.from({ length: 7 }, (_, i) => ({ key: `k${i}`, attempts: i })) }) });
		const keys: string[] = [];
		let cursor: string | null = null;
		do {
			const page: { status: number; body: any } = await call(`/data-tables/${id}/rows?limit=3&sortBy=${encodeURIComponent('attempts:desc')}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
			keys.push(...page.body.data.map((r: any) => r.key));
			cursor = page.body.nextCursor;
		} while (cursor);
		expect(keys).toEqual(['k6', 'k5', 'k4', 'k3', 'k2', 'k1', 'k0']);
		expect((await call(`/data-tables/${id}/rows?limit=251`)).status).toBe(400);
	});
});
