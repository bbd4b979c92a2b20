/**
 * The node's request paths against the published Oracle path shapes (an abridged OpenAPI: paths only, its
 * schemas are not Oracle's), and the sandbox's answers against the response schemas a real client observed
 * (singer-io tap-oracle-fusion): every attribute the sandbox serves for receivables invoices and expenses is one
 * Oracle returns, with the same JSON type.
 */
import { parse } from 'yaml';

import { RESOURCES } from '../../nodes/OracleFusion/helpers/resources';
import type { OracleResource } from '../../nodes/OracleFusion/helpers/resources';
import { SERVICE_ROOTS } from '../../nodes/OracleFusion/transport';
import { importBulkDataBody } from '../../nodes/OracleFusion/transport/journalImport';
import { createOracleFusionSandbox, oracleSandboxCredentials } from '../../sandbox/oracleFusion';
import type { OracleFusionSandbox } from '../../sandbox/oracleFusion';
import { describeWithSpecs, readSpec } from '../helpers/specs';

const SPEC_FILES = ['erp', 'hcm', 'project-management', 'projects-api', 'accounts-receivable-api', 'expense-reports-api', 'workers-api', 'general-ledger-api', 'invoices-api', 'project-tasks-api', 'expenditure-types-api'];

/** Our resources the abridged spec does not cover (checked, so a spec that gains one makes this test look again). */
const NOT_IN_ABRIDGED_SPEC = ['projectTemplates', 'unprocessedProjectCosts', 'projectCosts', 'projectBillingEvents', 'contracts', 'accounts'];

type Paths = Record<string, Record<string, { parameters?: Array<{ name?: string; in?: string }> }>>;

let paths: Paths | undefined;
function allPaths(): Paths {
	if (paths) return paths;
	paths = {};
	for (const file of SPEC_FILES) {
		const spec = parse(readSpec(`oracle-fusion/api-evangelist-ABRIDGED/oracle-fusion-${file}-openapi.yml`)) as { paths?: Paths };
		for (const [path, operations] of Object.entries(spec.paths ?? {})) paths[path] = { ...(paths[path] ?? {}), ...operations };
	}
	return paths;
}

function tapSchema(name: string): Record<string, { type: string | string[] }> {
	return (JSON.parse(readSpec(`oracle-fusion/tap-oracle-fusion-schemas/${name}.json`)) as { properties: Record<string, { type: string | string[] }> }).properties;
}

function jsonType(value: unknown): string {
	if (value === null) return 'null';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return Array.isArray(value) ? 'array' : typeof value;
}

describeWithSpecs('Oracle Fusion node and sandbox against the published shapes', () => {
	let sandbox: OracleFusionSandbox;
	let base = '';
	beforeAll(async () => {
		sandbox = createOracleFusionSandbox({ latencyMs: 0 });
		base = await sandbox.start(0);
	});
	afterAll(async () => await sandbox.stop());

	const get = async (path: string) => {
		const { username, password } = oracleSandboxCredentials(base);
		const response = await fetch(`${base}${path}`, { headers: { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, 'REST-Framework-Version': '4' } });
		expect(response.status).toBe(200);
		return (await response.json()) as { items: Array<Record<string, unknown>> };
	};

	const top = (Object.values(RESOURCES) as OracleResource[]).filter((r) => !r.parent);

	it.each(top.map((r) => [r.collection, r] as const))('%s: the collection and item paths we call are the spec\'s, with the same key', (collection, resource) => {
		const root = SERVICE_ROOTS[resource.service];
		const spec = allPaths();
		if (NOT_IN_ABRIDGED_SPEC.includes(collection)) {
			expect(spec[`${root}/${collection}`]).toBeUndefined();
			return;
		}
		const list = spec[`${root}/${collection}`];
		expect([collection, list !== undefined]).toEqual([collection, true]);
		if (resource.operations.some((op) => op === 'getMany')) expect(list.get).toBeDefined();
		if (resource.operations.some((op) => ['create', 'upsert', 'importJournals'].includes(op))) expect(list.post).toBeDefined();
		const itemPath = Object.keys(spec).find((p) => p.startsWith(`${root}/${collection}/{`));
		if (resource.operations.includes('get') && itemPath) expect(itemPath).toBe(`${root}/${collection}/{${resource.key}}`);
		if (resource.operations.includes('update') && itemPath) expect(spec[itemPath].patch).toBeDefined();
	});

	it('the importBulkData request carries every field the ERP integration request schema names', () => {
		const spec = parse(readSpec('oracle-fusion/api-evangelist-ABRIDGED/oracle-fusion-erp-openapi.yml')) as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
		const body = importBulkDataBody(Buffer.from('zip'), { ledgerId: '1', journalSource: 'Spreadsheet', journalCategory: 'Revenue', groupId: '2', today: '2026-01-01', dataAccessSetId: '3' });
		for (const field of Object.keys(spec.components.schemas.ErpIntegrationRequest.properties)) expect([field, field in body]).toEqual([field, true]);
	});

	it('receivables invoices: every attribute the sandbox serves is one Oracle returns, with its JSON type', async () => {
		const observed = tapSchema('receivables_invoices');
		const invoice = {
			TransactionType: 'Invoice',
			TransactionSource: 'Manual',
			TransactionDate: '2026-02-01',
			BillToCustomerNumber: sandbox.store.all('accounts')[0].PartyNumber,
			BusinessUnit: 'US1 Business Unit',
			InvoiceCurrencyCode: 'USD',
			receivablesInvoiceLines: [{ LineNumber: 1, Description: 'Consulting', Quantity: 7.5, UnitSellingPrice: 200 }],
		};
		const { username, password } = oracleSandboxCredentials(base);
		const created = await fetch(`${base}/fscmRestApi/resources/11.13.18.05/receivablesInvoices`, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, 'Content-Type': 'application/json', 'REST-Framework-Version': '4' }, body: JSON.stringify(invoice) });
		expect(created.status).toBe(201);
		const { items } = await get('/fscmRestApi/resources/11.13.18.05/receivablesInvoices?onlyData=true');
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) {
			for (const [attribute, value] of Object.entries(item)) {
				const schema = observed[attribute];
				expect([attribute, schema !== undefined]).toEqual([attribute, true]);
				const types = Array.isArray(schema.type) ? schema.type : [schema.type];
				const type = jsonType(value);
				expect([attribute, type, types.includes(type) || (type === 'integer' && types.includes('number'))]).toEqual([attribute, type, true]);
			}
		}
		expect(items[0]).toMatchObject({ EnteredAmount: 1500, InvoiceBalanceAmount: 1500 });
	});

	it('expense report lines: every attribute the sandbox serves is one Oracle returns for expenses, with its JSON type', async () => {
		const observed = tapSchema('expenses');
		const { items } = await get('/fscmRestApi/resources/11.13.18.05/expenseReports?onlyData=true&expand=Expense');
		const expenses = items.flatMap((report) => report.Expense as Array<Record<string, unknown>>);
		expect(expenses.length).toBeGreaterThan(0);
		for (const expense of expenses) {
			for (const [attribute, value] of Object.entries(expense)) {
				const schema = observed[attribute];
				expect([attribute, schema !== undefined]).toEqual([attribute, true]);
				const types = Array.isArray(schema.type) ? schema.type : [schema.type];
				const type = jsonType(value);
				expect([attribute, type, types.includes(type) || (type === 'integer' && types.includes('number'))]).toEqual([attribute, type, true]);
			}
		}
	});

	it('workers: every attribute the sandbox serves is in the published worker shape', async () => {
		const spec = parse(readSpec('oracle-fusion/api-evangelist-ABRIDGED/oracle-fusion-workers-api-openapi.yml')) as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
		const known = new Set([...Object.keys(spec.components.schemas.Worker.properties), 'workersUniqID', 'CreatedBy', 'LastUpdatedBy']);
		const { items } = await get('/hcmRestApi/resources/11.13.18.05/workers?onlyData=true');
		for (const worker of items) for (const attribute of Object.keys(worker)) expect([attribute, known.has(attribute)]).toEqual([attribute, true]);
	});
});
