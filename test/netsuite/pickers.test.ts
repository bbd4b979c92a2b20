/**
 * NetSuite pickers against the sandbox: the record locator's URL mode and paged list search, field options
 * from the account's metadata catalog (and the catalog itself, derived from the sandbox's record schema).
 * Node runs go through n8n-core, so resource locator values are extracted as n8n extracts them.
 */
import axios from 'axios';
import type { IDataObject, ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';

import { P2cNetSuiteTbaApi } from '../../credentials/P2cNetSuiteTbaApi.credentials';
import { NetSuite } from '../../nodes/NetSuite/NetSuite.node';
import { netSuiteSandboxCredentials } from '../../sandbox/netsuite';
import { SCHEMAS } from '../../sandbox/netsuite/schema';
import { loadOptionsContext, netSuiteNode, run, useNetSuiteSandbox, workflow } from './helpers';

const node = new NetSuite();
const { listSearch, loadOptions } = node.methods;

const suite = useNetSuiteSandbox();
const tba = suite.tba;
const context = (parameters: IDataObject): ILoadOptionsFunctions => loadOptionsContext(suite.baseUrl, parameters);

describe('NetSuite record locator (description)', () => {
	const locators = node.description.properties.filter((p) => p.name === 'recordId');
	const mode = (p: INodeProperties, name: string) => p.modes!.find((m) => m.name === name)!;
	const extract = (url: string) => new RegExp((mode(locators[0], 'url').extractValue as { regex: string }).regex).exec(url)?.[1];

	it('offers list, URL and ID modes on get, update and delete', () => {
		expect(locators.map((p) => (p.displayOptions?.show?.operation as string[])[0]).sort()).toEqual(['delete', 'get', 'update']);
		for (const locator of locators) {
			expect(locator.modes!.map((m) => m.name)).toEqual(['list', 'url', 'id']);
			expect(locator.modes![0].typeOptions).toMatchObject({ searchListMethod: 'searchRecords', searchable: true });
		}
	});

	it('takes the id out of record page URLs and REST record URLs', () => {
		expect(extract('https://1234567.app.netsuite.com/app/common/entity/custjob.nl?id=123')).toBe('123');
		expect(extract('https://1234567-sb1.app.netsuite.com/app/accounting/transactions/custinvc.nl?whence=&id=5012&e=T')).toBe('5012');
		expect(extract('https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1/customer/107')).toBe('107');
		expect(extract('https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1/job/eid:SF-006Dn0001')).toBe('eid:SF-006Dn0001');
		expect(extract('https://1234567.app.netsuite.com/app/common/entity/custjob.nl?xid=123')).toBeUndefined();
		expect(extract('https://1234567.app.netsuite.com/app/center/card.nl')).toBeUndefined();
	});
});

describe('metadata catalog (sandbox)', () => {
	const catalog = async (type: string, accept = 'application/schema+json') => {
		const credentials = netSuiteSandboxCredentials(suite.baseUrl);
		const url = `${suite.baseUrl}/services/rest/record/v1/metadata-catalog/${type}`;
		const signed = await new P2cNetSuiteTbaApi().authenticate(credentials, { method: 'GET', url, headers: { Accept: accept } });
		return await axios({ method: 'GET', url, headers: signed.headers as never, validateStatus: () => true });
	};

	it('describes a record type as JSON Schema derived from the record service’s own schema', async () => {
		const response = await catalog('job');
		expect(response.status).toBe(200);
		expect(response.headers['content-type']).toMatch(/^application\/schema\+json/);
		const schema = response.data as { properties: Record<string, IDataObject>; required: string[]; 'x-ns-filterable': string[] };
		expect(Object.keys(schema.properties).sort()).toEqual(['id', 'links', 'refName', ...Object.keys(SCHEMAS.job.fields)].sort());
		expect(schema.required).toEqual(SCHEMAS.job.required.map(([name]) => name));
		expect(schema.properties.companyName).toMatchObject({ title: 'Project Name', type: 'string' });
		expect(schema.properties.startDate).toMatchObject({ type: 'string', format: 'date' });
		expect(schema.properties.parent).toMatchObject({ type: 'object', properties: { id: { type: 'string' } } });
		expect((schema.properties.entityStatus.properties as IDataObject).id).toMatchObject({ enum: ['1', '2', '3', '4', '5'] });
		expect(schema.properties.dateCreated.readOnly).toBe(true);
		expect(schema['x-ns-filterable']).toContain('companyName');
		const invoice = (await catalog('invoice')).data as { properties: Record<string, IDataObject> };
		expect(Object.keys((((invoice.properties.item.properties as IDataObject).items as IDataObject).items as IDataObject).properties as IDataObject)).toEqual(
			Object.keys((SCHEMAS.invoice.fields.item as { fields: IDataObject }).fields),
		);
	});

	it('refuses an unknown record type, a request without the schema Accept header, and an unsigned request', async () => {
		expect((await catalog('nosuchrecord')).status).toBe(404);
		const wrongAccept = await catalog('customer', 'application/json');
		expect(wrongAccept.status).toBe(400);
		expect(wrongAccept.data['o:errorDetails'][0]).toMatchObject({ 'o:errorCode': 'INVALID_HEADER', 'o:errorHeader': 'Accept' });
		const unsigned = await axios.get(`${suite.baseUrl}/services/rest/record/v1/metadata-catalog/customer`, { validateStatus: () => true });
		expect(unsigned.status).toBe(401);
	});
});

describe('field pickers (loadOptions from the metadata catalog)', () => {
	it('offers every field and sublist of the record type for the fields a read returns', async () => {
		const options = await loadOptions.getRecordFields.call(context({ resource: 'invoice' }));
		expect(options.map((o) => o.value).sort()).toEqual(Object.keys(SCHEMAS.invoice.fields).sort());
		const request = suite.sandbox.requests.find((r) => r.path.includes('metadata-catalog'))!;
		expect(request.path).toBe('/services/rest/record/v1/metadata-catalog/invoice');
		expect(request.headers.accept).toBe('application/schema+json');
	});

	it('offers writable fields as body names: values by name, references by internal or external ID, selects by ID', async () => {
		const values = (await loadOptions.getWritableFields.call(context({ resource: 'job' }))).map((o) => o.value);
		expect(values).toEqual(expect.arrayContaining(['companyName', 'startDate', 'parent.id', 'parent.externalId', 'subsidiary.id', 'entityStatus.id']));
		expect(values).not.toContain('entityStatus.externalId');
		for (const readOnly of ['id', 'refName', 'dateCreated', 'lastModifiedDate', 'parent']) expect(values).not.toContain(readOnly);
		const required = (await loadOptions.getWritableFields.call(context({ resource: 'job' }))).filter((o) => o.name.endsWith('(required)'));
		expect(required.map((o) => o.value).sort()).toEqual(['companyName', 'parent.id']);
	});

	it('the read and write field pickers are wired to these methods', () => {
		const get = node.description.properties.find((p) => p.name === 'options' && (p.displayOptions?.show?.operation as string[])?.includes('get'))!;
		const fields = (get.options as INodeProperties[]).find((o) => o.name === 'fields')!;
		expect(fields).toMatchObject({ type: 'multiOptions', default: [], typeOptions: { loadOptionsMethod: 'getRecordFields' } });
		const body = node.description.properties.find((p) => p.name === 'fields' && p.type === 'fixedCollection')!;
		const name = ((body.options as Array<{ values: INodeProperties[] }>)[0].values ?? []).find((v) => v.name === 'name')!;
		expect(name).toMatchObject({ type: 'options', typeOptions: { loadOptionsMethod: 'getWritableFields' } });
	});
});

describe('record list (searchRecords), paged', () => {
	it('pages through SuiteQL 100 at a time with a pagination token, newest first, none twice or missing', async () => {
		const now = new Date().toISOString();
		for (let i = 0; i < 150; i++) {
			suite.sandbox.store.create(SCHEMAS.customer, { companyName: `Paging Customer ${i}`, subsidiary: { id: '2' } }, { nameValidation: 'Warning', replace: [], now });
		}
		const expected = suite.sandbox.store
			.all('customer')
			.filter((c) => String(c.fields.companyName).startsWith('Paging Customer'))
			.map((c) => c.id)
			.reverse();
		const first = await listSearch.searchRecords.call(context({ resource: 'customer' }), 'Paging Customer');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe(100);
		const second = await listSearch.searchRecords.call(context({ resource: 'customer' }), 'Paging Customer', first.paginationToken);
		expect(second.paginationToken).toBeUndefined();
		expect([...first.results, ...second.results].map((r) => r.value)).toEqual(expected);
		const suiteQl = suite.sandbox.requests.filter((r) => r.path.endsWith('/suiteql'));
		expect(suiteQl.map((r) => r.query)).toEqual(['?limit=100&offset=0', '?limit=100&offset=100']);
	});

	it('finds a record by its internal ID as well as by name', async () => {
		const project = suite.sandbox.store.all('job')[1];
		const found = await listSearch.searchRecords.call(context({ resource: 'job' }), project.id);
		expect(found.results.map((r) => r.value)).toEqual([project.id]);
	});
});

describe('the node reads the new shapes and the old ones', () => {
	it('get: a record page URL, a REST URL, a list pick, an ID and a plain string (saved workflows) find the same record', async () => {
		const customer = suite.sandbox.store.all('customer')[0];
		const values: unknown[] = [
			{ __rl: true, mode: 'url', value: `https://1234567.app.netsuite.com/app/common/entity/custjob.nl?id=${customer.id}` },
			{ __rl: true, mode: 'url', value: `${suite.baseUrl}/services/rest/record/v1/customer/${customer.id}` },
			{ __rl: true, mode: 'list', value: customer.id, cachedResultName: 'x' },
			{ __rl: true, mode: 'id', value: customer.id },
			customer.id,
		];
		for (const recordId of values) {
			const result = await run(workflow([{}], netSuiteNode({ resource: 'customer', operation: 'get', recordId: recordId as never, options: {} })), tba());
			expect(result.error).toBeUndefined();
			expect(result.output('NetSuite')[0]).toMatchObject({ id: customer.id });
		}
	});

	it('get: fields picked as a list, and the former comma-separated text, ask NetSuite for the same fields', async () => {
		const customer = suite.sandbox.store.all('customer')[0];
		for (const fields of [['companyName', 'email'], 'companyName, email']) {
			const result = await run(
				workflow([{}], netSuiteNode({ resource: 'customer', operation: 'get', recordId: customer.id, options: { fields: fields as never } })),
				tba(),
			);
			expect(result.error).toBeUndefined();
			const read = suite.sandbox.requests.filter((r) => r.path.endsWith(`/customer/${customer.id}`)).at(-1)!;
			expect(new URLSearchParams(read.query).get('fields')).toBe('companyName,email');
		}
	});
});
