/**
 * Checks against Salesforce's own Postman collection (forcedotcom/postman-salesforce-apis, in ../shared/specs):
 * every request the node sends must be a request the collection describes (path template, method, body keys
 * and types), the token request must carry the collection's form fields, and the sandbox's token response must
 * hold what the collection's test script reads from it. The collection has no recorded response bodies, so
 * response shapes beyond that are checked in sandbox.test.ts against the REST API documentation.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { buildJwtAssertion } from '../../nodes/Salesforce/transport/auth';
import { createSalesforceSandbox, salesforceSandboxCredentials } from '../../sandbox/salesforce';
import type { SalesforceSandbox } from '../../sandbox/salesforce';
import type { LoggedRequest } from '../../sandbox/core/server';
import { shutdownN8nCore } from '../helpers/harness';
import { describeWithSpecs, specsDir } from '../helpers/specs';
import { runSalesforceNode } from './helpers';

interface PostmanRequest {
	file: string;
	name: string;
	method: string;
	url: string;
	description: string;
	rawModeData?: string;
	data?: Array<{ key: string; value: string }>;
	events?: Array<{ listen: string; script: { exec: string[] } }> | null;
}

interface Template {
	request: PostmanRequest;
	pattern: RegExp;
	methods: Set<string>;
}

function postmanRequests(): PostmanRequest[] {
	const root = join(specsDir()!, 'salesforce/src/collections/salesforce_apis');
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (name.endsWith('.json')) files.push(path);
		}
	};
	walk(root);
	return files
		.map((file) => ({ file: file.slice(root.length + 1), ...(JSON.parse(readFileSync(file, 'utf8')) as Omit<PostmanRequest, 'file'>) }))
		.filter((r) => typeof r.url === 'string' && typeof r.method === 'string');
}

/** `{{_endpoint}}/services/data/v{{version}}/sobjects/<SOBJECT_API_NAME>/<RECORD_ID>` → a path regex. */
function templateOf(request: PostmanRequest): Template {
	const path = request.url
		.replace(/^(\{\{[^}]+\}\})+/, '')
		.split('?')[0]
		.replace(/\/$/, '');
	const source = path
		.split('/')
		.map((segment) =>
			segment
				.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
				.replace(/v\{\{version\}\}/g, 'v\\d+\\.\\d')
				.replace(/<[^>]+>|\{\{[^}]+\}\}/g, '[^/]+'),
		)
		.join('/');
	// The collection lists one method per request; the description names the others the resource takes.
	const methods = new Set([request.method, ...(request.description?.match(/\b(GET|POST|PATCH|DELETE|HEAD|PUT)\b/g) ?? [])]);
	return { request, pattern: new RegExp(`^${source}/?$`), methods };
}

/** Placeholder types in the collection's bodies: "Boolean", "SObject[]", "Composite Subrequest[]". */
function typeMatches(placeholder: unknown, value: unknown): boolean {
	if (placeholder === 'Boolean') return typeof value === 'boolean';
	if (typeof placeholder === 'string' && placeholder.endsWith('[]')) return Array.isArray(value);
	return true;
}

describeWithSpecs('Salesforce requests and responses against the Postman collection', () => {
	let sandbox: SalesforceSandbox;
	let baseUrl = '';
	let templates: Template[] = [];
	const sent: LoggedRequest[] = [];

	beforeAll(async () => {
		templates = postmanRequests().map(templateOf);
		sandbox = createSalesforceSandbox();
		baseUrl = await sandbox.start(0);
		const credentials: ICredentialDataDecryptedObject = salesforceSandboxCredentials(baseUrl);
		const state = () => sandbox.org.snapshot() as Record<string, Array<Record<string, any>>>;
		const opportunity = state().Opportunity[0];
		// Enough accounts for the query to page (batch size 200), so query-more is exercised.
		for (let i = 0; i < 210; i++) sandbox.org.insert('Account', { Name: `Spec Paging ${i}` }, String(state().User[0].Id));
		const entry = state().PricebookEntry[0];
		const upsertField = { __rl: true, mode: 'name', value: 'External_Id__c' };
		const runs: Array<{ parameters: INodeParameters; items?: IDataObject[] }> = [
			{ parameters: { resource: 'account', operation: 'get', recordId: state().Account[0].Id, fields: 'Id,Name' } },
			{ parameters: { resource: 'opportunity', operation: 'get', recordId: opportunity.Id, includeLineItems: true } },
			{
				parameters: {
					resource: 'opportunity',
					operation: 'getMany',
					conditions: { condition: [{ field: 'StageName', operator: 'equal', value: 'Closed Won', valueType: 'auto' }] },
					returnAll: true,
					queryOptions: { batchSize: 200 },
				},
			},
			{ parameters: { resource: 'account', operation: 'create', bodyMode: 'json', bodyJson: '{"Name":"Spec Co"}' } },
			{
				parameters: {
					resource: 'opportunity',
					operation: 'create',
					bodyMode: 'json',
					bodyJson: JSON.stringify({ Name: 'Spec Deal', StageName: 'Prospecting', CloseDate: '2027-01-01' }),
					lineItemsJson: JSON.stringify([{ PricebookEntryId: entry.Id, Quantity: 1, UnitPrice: 10 }]),
				},
			},
			{ parameters: { resource: 'contract', operation: 'update', recordId: state().Contract[0].Id, bodyMode: 'json', bodyJson: '{"Description":"spec"}' } },
			{ parameters: { resource: 'account', operation: 'upsert', externalIdField: upsertField, externalIdValue: 'SPEC-1', bodyMode: 'json', bodyJson: '{"Name":"Spec Upsert"}' } },
			{
				parameters: { resource: 'account', operation: 'batchUpsert', externalIdField: upsertField, externalIdValue: '={{ $json.ext }}', bodyMode: 'json', bodyJson: '={{ JSON.stringify({ Name: $json.name }) }}' },
				items: [
					{ ext: 'SPEC-2', name: 'Spec Two' },
					{ ext: 'SPEC-3', name: 'Spec Three' },
				],
			},
			{ parameters: { resource: 'search', operation: 'query', soql: 'SELECT Id FROM Account', returnAll: true, queryOptions: { batchSize: 200 } } },
			{ parameters: { resource: 'org', operation: 'getApiUsage' } },
		];
		for (const run of runs) {
			const result = await runSalesforceNode({ credentials, parameters: run.parameters, items: run.items });
			if (result.error) throw new Error(`${String(run.parameters.operation)}: ${result.error}`);
		}
		sent.push(...sandbox.requests);
	});
	afterAll(async () => {
		await sandbox.stop();
		await shutdownN8nCore();
	});

	/**
	 * Not in this (2021) snapshot of the collection, checked against the REST API docs instead: the sObject
	 * Collections upsert (`PATCH /composite/sobjects/<type>/<externalIdField>`, API v46+) and query-more
	 * (`GET <nextRecordsUrl>`, which is whatever URL the previous page gave).
	 */
	const notInCollection = [/^\/services\/data\/v\d+\.\d\/composite\/sobjects\/\w+\/\w+$/, /^\/services\/data\/v\d+\.\d\/query\/01g\w+-\d+$/];

	it('every REST request the node sent matches a request template and method of the collection', () => {
		const rest = sent.filter((r) => r.path.startsWith('/services/'));
		expect(rest.length).toBeGreaterThan(8);
		const unmatched = rest
			.filter((r) => !notInCollection.some((p) => p.test(r.path)))
			.filter((r) => !templates.some((t) => t.pattern.test(r.path) && t.methods.has(r.method)))
			.map((r) => `${r.method} ${r.path}`);
		expect(unmatched).toEqual([]);
		// And the exceptions are really used, so the list cannot hide a typo.
		for (const pattern of notInCollection) expect(rest.some((r) => pattern.test(r.path))).toBe(true);
	});

	it('the operations hit the collection requests they are meant to', () => {
		const used = new Set(
			sent.flatMap((r) => templates.filter((t) => t.pattern.test(r.path) && t.methods.has(r.method)).map((t) => `${r.method} ${t.request.file}`)),
		);
		for (const expected of [
			'POST auth/jwt_bearer_token_flow.json',
			'GET rest/sobject_rows.json',
			'GET rest/query.json',
			'POST rest/sobject_create.json',
			'PATCH rest/sobject_rows_update.json',
			'PATCH rest/sobject_rows_by_external_id.json',
			'POST composite/composite.json',
			'GET rest/sobject_describe.json',
			'GET rest/limit.json',
		]) {
			expect(used).toContain(expected);
		}
	});

	it('JSON bodies use the keys and types the collection gives for Composite and sObject Collections', () => {
		const checked: string[] = [];
		for (const request of sent) {
			if (!request.body || typeof request.body !== 'object' || Array.isArray(request.body)) continue;
			const spec = templates.find((t) => t.pattern.test(request.path.replace(/\/\w+$/, '')) && t.methods.has(request.method) && t.request.file.startsWith('composite/'))
				?? templates.find((t) => t.pattern.test(request.path) && t.methods.has(request.method) && t.request.file.startsWith('composite/'));
			if (!spec?.request.rawModeData) continue;
			const shape = JSON.parse(spec.request.rawModeData) as Record<string, unknown>;
			for (const [key, value] of Object.entries(request.body as Record<string, unknown>)) {
				expect({ file: spec.request.file, key, known: key in shape }).toEqual({ file: spec.request.file, key, known: true });
				expect(typeMatches(shape[key], value)).toBe(true);
			}
			checked.push(spec.request.file);
		}
		expect(new Set(checked)).toEqual(new Set(['composite/composite.json', 'composite/sobject_collections_update.json']));
	});

	it('the query request passes the SOQL in the q parameter, as the collection does', () => {
		const spec = templates.find((t) => t.request.file === 'rest/query.json')!;
		const queryParam = (spec.request as unknown as { queryParams: Array<{ key: string }> }).queryParams[0].key;
		const queries = sent.filter((r) => /\/query$/.test(r.path));
		expect(queries.length).toBeGreaterThan(0);
		for (const q of queries) expect([...new URLSearchParams(q.query).keys()]).toEqual([queryParam]);
	});

	it('the token request sends the collection’s JWT bearer form fields', () => {
		const spec = templates.find((t) => t.request.file === 'auth/jwt_bearer_token_flow.json')!.request;
		const token = sent.find((r) => r.path === '/services/oauth2/token')!;
		expect(token.headers['content-type']).toContain('application/x-www-form-urlencoded');
		const form = new URLSearchParams(String(token.body));
		expect([...form.keys()].sort()).toEqual(spec.data!.map((d) => d.key).sort());
		expect(form.get('grant_type')).toBe(spec.data!.find((d) => d.key === 'grant_type')!.value);
	});

	it('the sandbox’s token response holds what the collection’s test script reads', async () => {
		const root = JSON.parse(readFileSync(join(specsDir()!, 'salesforce/Salesforce API.postman_collection.json'), 'utf8')) as { item: IDataObject[] };
		const find = (items: IDataObject[]): IDataObject | undefined =>
			items.map((i) => (i.name === 'JWT Bearer Token Flow' ? i : Array.isArray(i.item) ? find(i.item as IDataObject[]) : undefined)).find(Boolean);
		const script = ((find(root.item)!.event as IDataObject[])[0].script as { exec: string[] }).exec.join('\n');
		const read = [...script.matchAll(/jsonData\.(\w+)/g)].map((m) => m[1]);
		expect(read.sort()).toEqual(['access_token', 'instance_url']);
		const credentials = salesforceSandboxCredentials(baseUrl);
		const assertion = buildJwtAssertion({ clientId: credentials.clientId, username: credentials.username, audience: baseUrl, privateKeyPem: credentials.privateKey });
		const response = await fetch(`${baseUrl}/services/oauth2/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
		});
		const body = (await response.json()) as IDataObject;
		expect(response.status).toBe(200);
		for (const key of read) expect(body[key]).toEqual(expect.any(String));
		expect(body.instance_url).toBe(baseUrl);
	});

	it('the sandbox’s other resources (queryAll, collections retrieve, batch, sObject Tree, limits, versions) are collection requests and answer them', async () => {
		const credentials = salesforceSandboxCredentials(baseUrl);
		const assertion = buildJwtAssertion({ clientId: credentials.clientId, username: credentials.username, audience: baseUrl, privateKeyPem: credentials.privateKey });
		const tokenResponse = await fetch(`${baseUrl}/services/oauth2/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
		});
		const token = ((await tokenResponse.json()) as IDataObject).access_token as string;
		const accounts = (sandbox.org.snapshot() as Record<string, Array<Record<string, string>>>).Account;
		const v = 'v62.0';
		const requests: Array<{ method: string; path: string; body?: Record<string, unknown>; file: string }> = [
			{ method: 'GET', path: `/services/data/${v}/`, file: 'rest/resources_by_version.json' },
			{ method: 'GET', path: `/services/data/${v}/limits`, file: 'rest/limit.json' },
			{ method: 'GET', path: `/services/data/${v}/queryAll/?q=${encodeURIComponent('SELECT Name FROM Account')}`, file: 'rest/queryall.json' },
			{ method: 'GET', path: `/services/data/${v}/composite/sobjects/Account?ids=${accounts[0].Id},${accounts[1].Id}&fields=Name`, file: 'composite/sobject_collections_retrieve.json' },
			{
				method: 'POST',
				path: `/services/data/${v}/composite/batch`,
				body: { haltOnError: false, batchRequests: [{ method: 'GET', url: `${v}/sobjects/Account/${accounts[0].Id}` }] },
				file: 'composite/batch.json',
			},
			{
				method: 'POST',
				path: `/services/data/${v}/composite/tree/Account`,
				body: { records: [{ attributes: { type: 'Account', referenceId: 'ref1' }, Name: 'Spec Tree' }] },
				file: 'composite/sobject_tree.json',
			},
		];
		for (const request of requests) {
			const template = templates.find((t) => t.request.file === request.file)!;
			expect([request.file, template.pattern.test(request.path.split('?')[0].replace(/\/$/, '')), template.methods.has(request.method)]).toEqual([request.file, true, true]);
			if (request.body && template.request.rawModeData) {
				const shape = JSON.parse(template.request.rawModeData) as Record<string, unknown>;
				for (const [key, value] of Object.entries(request.body)) expect([request.file, key, key in shape, typeMatches(shape[key], value)]).toEqual([request.file, key, true, true]);
			}
			const response = await fetch(`${baseUrl}${request.path}`, {
				method: request.method,
				headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
				body: request.body ? JSON.stringify(request.body) : undefined,
			});
			expect([request.file, response.status]).toEqual([request.file, request.method === 'POST' && request.file.endsWith('tree.json') ? 201 : 200]);
		}
	});
});
