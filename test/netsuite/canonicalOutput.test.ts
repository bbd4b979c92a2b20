/**
 * The NetSuite node's Output: Raw | Canonical option, in n8n-core against the NetSuite suite.sandbox. Canonical Get
 * Many finds ids with SuiteQL and reads each full record through the record service.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { enterpriseIdFor, validateCanonical } from '../../lib/canonical';
import type { EntityName } from '../../lib/canonical';
import { NetSuite } from '../../nodes/NetSuite/NetSuite.node';
import { isCanonicalException } from '../../nodes/shared/canonicalOutput';
import { createNetSuiteSandbox, netSuiteSandboxCredentials } from '../../sandbox/netsuite';
import type { NetSuiteSandbox } from '../../sandbox/netsuite';
import { netSuiteNode, run, useNetSuiteSandbox, workflow } from './helpers';

type Rec = Record<string, any>;

const CANONICAL = { output: 'canonical', canonicalEnvironment: 'sandbox', canonicalOptions: { defaultCurrency: 'USD' } };
const ITEMS = [{ correlationId: 'ns-run-1' }];

const suite = useNetSuiteSandbox();
const tba = suite.tba;

async function read(parameters: IDataObject, items: IDataObject[] = ITEMS): Promise<IDataObject[]> {
	const result = await run(workflow(items, netSuiteNode(parameters)), tba());
	expect(result.error).toBeUndefined();
	return result.output('NetSuite');
}

const recordGets = (type: string) => suite.sandbox.requests.filter((r) => r.method === 'GET' && r.path.startsWith(`/services/rest/record/v1/${type}/`));
const suiteQl = () => suite.sandbox.requests.filter((r) => r.path.endsWith('/suiteql'));

function expectCanonical(record: IDataObject, entity: EntityName, id: string): void {
	expect(validateCanonical(entity, record, { unknownFields: 'strict' }).problems).toEqual([]);
	expect(record.envelope).toMatchObject({
		entity,
		correlationId: 'ns-run-1',
		idempotencyKey: expect.stringMatching(/^[0-9a-f]{64}$/),
		source: { system: 'netsuite', environment: 'sandbox', id },
	});
}

describe('NetSuite Output: Raw | Canonical', () => {
	it('offers the option on Get and Get Many of mapped record types only, defaulting to Raw', () => {
		// Project milestones (billing schedule lines) have their own Get Many: test/nodes/netsuite/projectMilestone.test.ts.
		const outputs = new NetSuite().description.properties.filter((p: INodeProperties) => p.name === 'output' && p.displayOptions?.show?.resource?.[0] !== 'projectMilestone');
		expect(outputs.map((p) => p.displayOptions?.show?.operation)).toEqual([['get'], ['getMany']]);
		for (const output of outputs) {
			expect(output.default).toBe('raw');
			expect(output.displayOptions?.show?.resource).toEqual(['customer', 'job', 'employee', 'timeBill', 'expenseReport', 'invoice', 'journalEntry']);
		}
	});

	it('Raw Get Many is unchanged: SuiteQL rows, no record reads, same output with or without the parameter', async () => {
		const base = { resource: 'timeBill', operation: 'getMany', returnAll: true };
		const without = await read(base);
		const raw = await read({ ...base, output: 'raw' });
		expect(raw).toEqual(without);
		expect(raw).toHaveLength(suite.sandbox.store.all('timeBill').length);
		for (const row of raw) {
			expect(row).not.toHaveProperty('envelope');
			expect(row).toMatchObject({ id: expect.any(String), correlationId: 'ns-run-1' });
		}
		expect(recordGets('timeBill')).toHaveLength(0);
	});

	it('Canonical Get Many: SuiteQL for the ids, then each full record mapped to a valid canonical time entry', async () => {
		const out = await read({ resource: 'timeBill', operation: 'getMany', returnAll: true, ...CANONICAL });
		const ids = suite.sandbox.store.all('timeBill').map((r) => String(r.id));
		expect(out.map((r) => (r.envelope as Rec).source.id).sort()).toEqual([...ids].sort());
		for (const record of out) {
			const id = (record.envelope as Rec).source.id as string;
			expectCanonical(record, 'timeEntry', id);
			expect((record.envelope as Rec).enterpriseId).toBe(enterpriseIdFor('timeEntry', 'netsuite', id));
			expect(record).not.toHaveProperty('correlationId');
			expect((record.timeEntry as Rec).billRate).toMatchObject({ currency: 'USD' });
		}
		// SuiteQL only finds the ids; the user's columns are not fetched twice.
		expect((suiteQl()[0].body as Rec).q).toMatch(/^SELECT id FROM timebill/i);
		expect(recordGets('timeBill').map((r) => r.path.split('/').pop()).sort()).toEqual([...ids].sort());
		for (const get of recordGets('timeBill')) expect(get.query).toContain('expandSubResources=true');
	});

	it('Canonical idempotency keys are stable across runs and change when a time bill changes', async () => {
		const parameters = { resource: 'timeBill', operation: 'getMany', returnAll: true, ...CANONICAL };
		const keys = (records: IDataObject[]) => Object.fromEntries(records.map((r) => [(r.envelope as Rec).source.id, (r.envelope as Rec).idempotencyKey]));
		const first = keys(await read(parameters));
		expect(keys(await read(parameters, [{ correlationId: 'ns-run-2' }]))).toEqual(first);
		const [bill] = suite.sandbox.store.all('timeBill');
		bill.fields.hours = '6.25';
		const changed = keys(await read(parameters));
		expect(Object.keys(changed).filter((id) => changed[id] !== first[id])).toEqual([String(bill.id)]);
	});

	it('Canonical Get reads sublists and references whatever the options say: an invoice keeps its lines', async () => {
		const [invoice] = suite.sandbox.store.all('invoice');
		const id = String(invoice.id);
		const [record] = await read({
			resource: 'invoice',
			operation: 'get',
			recordId: { __rl: true, mode: 'id', value: id },
			options: { expandSubResources: false, simpleEnumFormat: true },
			...CANONICAL,
		});
		expectCanonical(record, 'invoice', id);
		expect((record.invoice as Rec).lines).toHaveLength((invoice.fields.item as unknown[]).length);
		expect(recordGets('invoice')[0].query).toContain('expandSubResources=true');
		expect(recordGets('invoice')[0].query).not.toContain('simpleEnumFormat');

		// Raw Get with the same options: as asked, sublists stay links.
		const [raw] = await read({ resource: 'invoice', operation: 'get', recordId: { __rl: true, mode: 'id', value: id }, options: { simpleEnumFormat: true } });
		expect(raw).not.toHaveProperty('envelope');
		expect((raw.item as Rec).items).toBeUndefined();
	});

	it('Canonical project (job) comes with its project tasks as the WBS', async () => {
		const tasksOf = (jobId: string) => suite.sandbox.store.all('projectTask').filter((task) => (task.fields.project as Rec)?.id === jobId);
		const job = suite.sandbox.store.all('job').find((candidate) => tasksOf(String(candidate.id)).length > 1)!;
		const id = String(job.id);
		const [record] = await read({ resource: 'job', operation: 'get', recordId: { __rl: true, mode: 'id', value: id }, ...CANONICAL });
		expectCanonical(record, 'project', id);
		const tasks = (record.project as Rec).tasks as Rec[];
		expect(tasks.map((task) => task.taskId).sort()).toEqual(tasksOf(id).map((task) => String(task.id)).sort());
		expect(tasks.map((task) => task.name).sort()).toEqual(tasksOf(id).map((task) => String(task.fields.title)).sort());

		// Raw Get of the same job: the record as NetSuite returns it, nothing attached.
		const [raw] = await read({ resource: 'job', operation: 'get', recordId: { __rl: true, mode: 'id', value: id } });
		expect(raw).not.toHaveProperty('projectTasks');
	});

	it('an unmappable record is kept with its raw payload and problems naming the field (time bills carry no currency)', async () => {
		const out = await read({ resource: 'timeBill', operation: 'getMany', returnAll: true, output: 'canonical' });
		expect(out).toHaveLength(suite.sandbox.store.all('timeBill').length);
		for (const record of out) {
			expect(isCanonicalException(record)).toBe(true);
			expect(record).toMatchObject({ correlationId: 'ns-run-1', mapping: 'netsuite:timeBill', payload: { id: expect.any(String), links: expect.any(Array) } });
			expect((record.problems as Rec[]).map((problem) => problem.path)).toContain('payload.rate');
		}
	});

	it('Canonical Get Many respects a Limit and maps every other record type it offers', async () => {
		for (const [resource, entity] of [
			['customer', 'customer'],
			['job', 'project'],
			['employee', 'resource'],
			['expenseReport', 'expense'],
			['journalEntry', 'journalEntry'],
		] as const) {
			suite.sandbox.reset();
			const out = await read({ resource, operation: 'getMany', returnAll: false, limit: 2, ...CANONICAL });
			expect(out.length).toBe(Math.min(2, suite.sandbox.store.all(resource).length));
			for (const record of out) expectCanonical(record, entity, (record.envelope as Rec).source.id);
			expect(recordGets(resource).filter((r) => !r.path.includes('/projectTask/'))).toHaveLength(out.length);
		}
	});
});

describe('Canonical Get Many within the account concurrency limit', () => {
	let slow: NetSuiteSandbox;
	let slowUrl: string;

	beforeAll(async () => {
		slow = createNetSuiteSandbox({ concurrencyLimit: 2, latencyMs: 40 });
		slowUrl = await slow.start(0);
	});
	afterAll(async () => await slow.stop());

	it('reads the records in parallel but never more at once than the credential allows', async () => {
		slow.reset();
		const flow = workflow(ITEMS, netSuiteNode({ resource: 'employee', operation: 'getMany', returnAll: true, ...CANONICAL }));
		const result = await run(flow, { p2cNetSuiteTbaApi: netSuiteSandboxCredentials(slowUrl, 2) });
		expect(result.error).toBeUndefined();
		const employees = slow.store.all('employee').length;
		expect(employees).toBeGreaterThanOrEqual(3);
		expect(result.output('NetSuite')).toHaveLength(employees);
		expect(slow.requests.filter((r) => r.method === 'GET')).toHaveLength(employees);
		expect(slow.maxInFlight).toBe(2);
		expect(slow.concurrencyRejections).toBe(0);
	});
});
