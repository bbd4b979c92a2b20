/**
 * NetSuite "Map Fields": the resource mapper's fields from the account's metadata catalog (through the node's
 * own resourceMapping method against the sandbox), and create / upsert in Map Fields mode run in n8n-core:
 * references sent as `{id}`, empty fields and non-field input keys not sent, numbers sent only when exact.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeProperties, ResourceMapperField } from 'n8n-workflow';

import { mapperTypeOf } from '../../nodes/NetSuite/methods/resourceMapping';
import { NetSuite } from '../../nodes/NetSuite/NetSuite.node';
import { SCHEMAS } from '../../sandbox/netsuite/schema';
import { loadOptionsContext, netSuiteNode, run, useNetSuiteSandbox, workflow } from './helpers';

const node = new NetSuite();

const suite = useNetSuiteSandbox();
const tba = suite.tba;
const context = (parameters: IDataObject): ILoadOptionsFunctions => loadOptionsContext(suite.baseUrl, parameters);

const mappingColumns = async (resource: string, operation: string) =>
	(await node.methods.resourceMapping.getMappingColumns.call(context({ resource, operation }))).fields;

/** What n8n saves for a mapper in "Map Each Field Below" or auto-map mode. */
const columns = (schema: ResourceMapperField[], value: IDataObject | null, mappingMode = 'defineBelow') =>
	({ mappingMode, value, matchingColumns: [], schema }) as never;

const posts = (type: string) => suite.sandbox.requests.filter((r) => r.method === 'POST' && r.path === `/services/rest/record/v1/${type}`);
const aCustomer = () => suite.sandbox.store.all('customer')[0];

describe('Map Fields (description)', () => {
	const forOperation = (name: string, operation: string) =>
		node.description.properties.find((p) => p.name === name && (p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation))!;

	it('create, update and upsert offer Map Fields next to Define Below and JSON, with Define Below still the default', () => {
		for (const operation of ['create', 'update', 'upsert']) {
			const mode = forOperation('specifyBody', operation);
			expect(mode.default).toBe('defineBelow');
			expect((mode.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['defineBelow', 'json', 'mapper']);
			const mapper = forOperation('columns', operation);
			expect(mapper).toMatchObject({ type: 'resourceMapper', displayOptions: { show: { specifyBody: ['mapper'] } } });
			expect(mapper.typeOptions?.resourceMapper).toMatchObject({ resourceMapperMethod: 'getMappingColumns', supportAutoMap: true });
			expect(mapper.typeOptions?.loadOptionsDependsOn).toEqual(['resource', 'operation']);
			expect(mapper.description).toMatch(/sublists/i);
		}
		const get = node.description.properties.filter((p: INodeProperties) => p.name === 'columns' && (p.displayOptions?.show?.operation as string[]).includes('get'));
		expect(get).toHaveLength(0);
	});
});

describe('resource mapper fields (getMappingColumns, from the metadata catalog)', () => {
	it('create: body fields typed for n8n, required ones marked, references by internal or external ID, selects as options', async () => {
		const fields = await mappingColumns('job', 'create');
		const byId = new Map(fields.map((f) => [f.id, f]));
		const catalog = suite.sandbox.requests.find((r) => r.path.includes('metadata-catalog'))!;
		expect(catalog.path).toBe('/services/rest/record/v1/metadata-catalog/job');
		expect(catalog.headers.accept).toBe('application/schema+json');

		expect(fields.filter((f) => f.required).map((f) => f.id).sort()).toEqual(['companyName', 'parent.id']);
		expect(byId.get('companyName')).toMatchObject({ type: 'string', displayName: 'Project Name (companyName)', display: true, defaultMatch: false });
		// Dates stay text (YYYY-MM-DD), numbers and booleans as the schema says.
		expect(byId.get('startDate')!.type).toBe('string');
		expect(byId.get('estimatedRevenue')!.type).toBe('number');
		expect(byId.get('allowTime')!.type).toBe('boolean');
		// A reference: never a bare field, by internal ID or external ID.
		expect(byId.has('parent')).toBe(false);
		expect(byId.get('parent.id')).toMatchObject({ type: 'string', required: true });
		expect(byId.get('parent.externalId')).toMatchObject({ type: 'string', required: false });
		expect(byId.get('subsidiary.id')!.required).toBe(false);
		// A select: its enum values as options, no external ID.
		expect(byId.get('entityStatus.id')).toMatchObject({ type: 'options' });
		expect(byId.get('entityStatus.id')!.options!.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
		expect(byId.has('entityStatus.externalId')).toBe(false);
		for (const readOnly of ['id', 'refName', 'links', 'dateCreated', 'lastModifiedDate']) {
			expect([...byId.keys()].filter((id) => id === readOnly || id.startsWith(`${readOnly}.`))).toEqual([]);
		}
	});

	it('leaves sublists out: an invoice maps its body fields, not its item lines', async () => {
		const ids = (await mappingColumns('invoice', 'create')).map((f) => f.id);
		expect(ids).toEqual(expect.arrayContaining(['entity.id', 'tranDate', 'memo']));
		expect(ids.filter((id) => id === 'item' || id.startsWith('item.'))).toEqual([]);
		expect(ids).not.toContain('total');
		expect(SCHEMAS.invoice.fields.item.kind).toBe('sublist');
	});

	it('update and upsert mark nothing required', async () => {
		for (const operation of ['update', 'upsert']) {
			const fields = await mappingColumns('job', operation);
			expect(fields.map((f) => f.id)).toContain('companyName');
			expect(fields.filter((f) => f.required)).toEqual([]);
		}
	});

	it('maps catalog types to n8n types (date-time as dateTime, dates as text, integers as numbers)', () => {
		expect(mapperTypeOf({ type: 'string/date-time' })).toBe('dateTime');
		expect(mapperTypeOf({ type: 'string/date' })).toBe('string');
		expect(mapperTypeOf({ type: 'integer/int64' })).toBe('number');
		expect(mapperTypeOf({ type: 'number/double' })).toBe('number');
		expect(mapperTypeOf({ type: 'boolean' })).toBe('boolean');
		expect(mapperTypeOf({ type: 'string', values: ['A', 'B'] })).toBe('options');
	});
});

describe('create and upsert in Map Fields mode (node in n8n-core against the sandbox)', () => {
	it('create: references and selects sent as {id}, numbers exact, empty fields not sent', async () => {
		const schema = await mappingColumns('job', 'create');
		const customer = aCustomer();
		const flow = workflow(
			[{}],
			netSuiteNode({
				resource: 'job',
				operation: 'create',
				specifyBody: 'mapper',
				columns: columns(schema, {
					companyName: 'Mapped Rollout',
					'parent.id': customer.id,
					'subsidiary.id': '',
					'entityStatus.id': '2',
					estimatedRevenue: '125000.50',
					startDate: '2026-04-01',
					allowTime: true,
					comments: null,
				}),
			}),
		);
		const result = await run(flow, tba());
		expect(result.error).toBeUndefined();
		const [post] = posts('job');
		expect(post.body).toEqual({
			companyName: 'Mapped Rollout',
			parent: { id: customer.id },
			entityStatus: { id: '2' },
			estimatedRevenue: 125000.5,
			startDate: '2026-04-01',
			allowTime: true,
		});
		const [out] = result.output('NetSuite');
		const created = suite.sandbox.store.all('job').find((j) => j.id === out.id)!;
		expect(created.fields.companyName).toBe('Mapped Rollout');
		expect(created.fields.startDate).toBe('2026-04-01');
	});

	it('create: a required field left empty is refused before anything is sent, naming the field', async () => {
		const schema = await mappingColumns('job', 'create');
		const flow = workflow(
			[{}],
			netSuiteNode({
				resource: 'job',
				operation: 'create',
				specifyBody: 'mapper',
				columns: columns(schema, { companyName: '', 'parent.id': aCustomer().id }),
			}),
		);
		const result = await run(flow, tba());
		expect(result.error).toMatch(/^Field "companyName": required to create the record/);
		expect(posts('job')).toHaveLength(0);
	});

	it('create, auto-mapped: a required field missing from the input is refused naming the field', async () => {
		const schema = await mappingColumns('customer', 'create');
		const flow = workflow(
			[{ companyName: 'No Subsidiary', email: 'ap@example.com' }],
			netSuiteNode({ resource: 'customer', operation: 'create', specifyBody: 'mapper', columns: columns(schema, null, 'autoMapInputData') }),
		);
		const result = await run(flow, tba());
		expect(result.error).toMatch(/"subsidiary\.id": required/);
		expect(posts('customer')).toHaveLength(0);
	});

	it('create: a required reference is satisfied by its external ID', async () => {
		const customer = aCustomer();
		suite.sandbox.store.update(SCHEMAS.customer, customer, { externalId: 'SF-MAPPED-PARENT' }, { nameValidation: 'Warning', replace: [], now: new Date().toISOString() });
		const schema = await mappingColumns('job', 'create');
		const flow = workflow(
			[{}],
			netSuiteNode({
				resource: 'job',
				operation: 'create',
				specifyBody: 'mapper',
				// n8n's own check wants the required key present; an emptied field is saved as null.
				columns: columns(schema, { companyName: 'By External Parent', 'parent.id': null, 'parent.externalId': 'SF-MAPPED-PARENT' }),
			}),
		);
		const result = await run(flow, tba());
		expect(result.error).toBeUndefined();
		expect(posts('job')[0].body).toEqual({ companyName: 'By External Parent', parent: { externalId: 'SF-MAPPED-PARENT' } });
	});

	it('create: a number that is not an exact decimal fails its item naming the field, and nothing is sent', async () => {
		const schema = await mappingColumns('job', 'create');
		// From an expression: n8n itself flags a literal that is not a number before the run.
		for (const bad of ['12,50', '1234567890.123456789', 'abc', true]) {
			suite.sandbox.reset();
			const flow = workflow(
				[{ correlationId: 'corr-bad', amount: bad }],
				netSuiteNode(
					{
						resource: 'job',
						operation: 'create',
						specifyBody: 'mapper',
						columns: columns(schema, { companyName: 'Bad Number', 'parent.id': aCustomer().id, estimatedRevenue: '={{ $json.amount }}' }),
					},
					{ continueOnFail: true },
				),
			);
			const result = await run(flow, tba());
			expect(result.error).toBeUndefined();
			const [item] = result.output('NetSuite');
			expect(item.error).toMatch(/^Field "estimatedRevenue": /);
			expect(item.correlationId).toBe('corr-bad');
			expect(posts('job')).toHaveLength(0);
		}
	});

	it('upsert, auto-mapped: only input keys that are fields of the record are sent; references from a bare id or a read record', async () => {
		const schema = await mappingColumns('customer', 'upsert');
		const salesRep = suite.sandbox.store.all('employee')[0];
		const flow = workflow(
			[
				{
					companyName: 'Auto Mapped Ltd',
					subsidiary: { id: '3', refName: 'Meridian Advisory UK', links: [] },
					salesRep: Number(salesRep.id),
					isInactive: 'false',
					email: '',
					phone: null,
					correlationId: 'corr-auto',
					opportunityId: '006X0000AUTO',
				},
			],
			netSuiteNode({
				resource: 'customer',
				operation: 'upsert',
				externalId: 'SF-AUTO-1',
				specifyBody: 'mapper',
				columns: columns(schema, null, 'autoMapInputData'),
			}),
		);
		const result = await run(flow, tba());
		expect(result.error).toBeUndefined();
		const put = suite.sandbox.requests.find((r) => r.method === 'PUT')!;
		expect(put.path).toBe('/services/rest/record/v1/customer/eid:SF-AUTO-1');
		expect(put.body).toEqual({ companyName: 'Auto Mapped Ltd', subsidiary: { id: '3' }, salesRep: { id: salesRep.id }, isInactive: false });
		const [out] = result.output('NetSuite');
		expect(out.correlationId).toBe('corr-auto');
		const upserted = suite.sandbox.store.all('customer').find((c) => c.fields.externalId === 'SF-AUTO-1')!;
		expect(upserted.fields.companyName).toBe('Auto Mapped Ltd');
	});

	it('upsert, mapped below: a select value outside its options is refused naming the field', async () => {
		const schema = await mappingColumns('job', 'upsert');
		const flow = workflow(
			[{ billing: '9' }],
			netSuiteNode({
				resource: 'job',
				operation: 'upsert',
				externalId: 'SF-006-SELECT',
				specifyBody: 'mapper',
				columns: columns(schema, { companyName: 'Select Check', 'parent.id': aCustomer().id, 'jobBillingType.id': '={{ $json.billing }}' }),
			}),
		);
		const result = await run(flow, tba());
		expect(result.error).toMatch(/jobBillingType\.id/);
		expect(suite.sandbox.requests.some((r) => r.method === 'PUT')).toBe(false);
	});
});
