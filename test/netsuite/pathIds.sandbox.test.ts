/**
 * Issue 8, items 10 and 15 for NetSuite, in n8n-core against the sandbox: ids that would change the request
 * path are refused before any request, naming the field; OAuth 2.0 token errors keep NetSuite's reason.
 */
import nock from 'nock';

import { netSuiteSandboxOAuth2Credentials } from '../../sandbox/netsuite';
import { netSuiteNode, run, useNetSuiteSandbox, workflow } from './helpers';

type Rec = Record<string, any>;

const suite = useNetSuiteSandbox();
const tba = suite.tba;
const recordRequests = () => suite.sandbox.requests.filter((r) => r.path.startsWith('/services/rest/record/'));
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('NetSuite ids that would change the request path', () => {
	const customerId = () => String(suite.sandbox.store.all('customer')[0].id);

	it.each([
		['.', 'the collection'],
		['..', 'the version root'],
		['eid:..', 'an external id of dots'],
		['%2e%2e', 'encoded dots'],
		['104/../105', 'another record'],
		['104?fields=id', 'a query'],
		['104#x', 'a fragment'],
		['10\n4', 'a control character'],
	])('Get refuses %j (%s) before sending anything, naming recordId', async (recordId) => {
		const result = await run(
			workflow([{ id: recordId }, { id: customerId() }], netSuiteNode({ resource: 'customer', operation: 'get', recordId: byId('={{ $json.id }}') }, { continueOnFail: true })),
			tba(),
		);
		const [refused, fetched] = result.output('NetSuite') as Rec[];
		expect(refused).toMatchObject({ code: 'INVALID_ID', fields: ['recordId'] });
		expect(refused.error).toContain('cannot be used in the request path');
		expect(refused.error).toContain('(field: recordId)');
		expect(refused).not.toHaveProperty('items');
		// The other item is read as usual, and it is the only request that reached NetSuite.
		expect(fetched.id).toBe(customerId());
		expect(recordRequests().map((r) => `${r.method} ${r.path}`)).toEqual([`GET /services/rest/record/v1/customer/${customerId()}`]);
	});

	it('Delete of ".." never reaches the collection, and nothing is deleted', async () => {
		const before = suite.sandbox.store.all('customer').length;
		// An expression: the editor's id pattern would flag a literal "..", but values from items reach the node unchecked.
		const result = await run(
			workflow([{ id: '..' }], netSuiteNode({ resource: 'customer', operation: 'delete', recordId: byId('={{ $json.id }}') }, { continueOnFail: true })),
			tba(),
		);
		expect(result.output('NetSuite')[0]).toMatchObject({ code: 'INVALID_ID', fields: ['recordId'] });
		expect(recordRequests()).toEqual([]);
		expect(suite.sandbox.store.all('customer')).toHaveLength(before);
	});

	it('Upsert by an external id of "." or ".." is refused naming externalId; without Continue On Fail the node stops', async () => {
		const upsert = (externalId: string, continueOnFail: boolean) =>
			netSuiteNode(
				{ resource: 'customer', operation: 'upsert', externalId, specifyBody: 'json', jsonBody: '{"companyName": "Dots Inc"}' },
				{ continueOnFail },
			);
		const soft = await run(workflow([{}], upsert('.', true)), tba());
		expect(soft.output('NetSuite')[0]).toMatchObject({ code: 'INVALID_ID', fields: ['externalId'] });
		const hard = await run(workflow([{}], upsert('..', false)), tba());
		expect(hard.error).toBe('externalId: ".." cannot be used in the request path: a path segment of dots addresses the collection or a parent, not a record (field: externalId)');
		expect(recordRequests()).toEqual([]);
	});
});

describe('NetSuite OAuth 2.0 token errors keep the vendor reason', () => {
	it("shows NetSuite's error and error_description, never the assertion", async () => {
		const credentials = { ...netSuiteSandboxOAuth2Credentials(suite.baseUrl), certificateId: 'not-the-mapped-certificate' };
		const result = await run(workflow([{}], netSuiteNode({ resource: 'employee', operation: 'getMany', returnAll: true }, { auth: 'oAuth2' })), {
			p2cNetSuiteOAuth2Api: credentials,
		});
		expect(result.error).toContain('invalid_client: Unknown certificate ID (kid)');
		expect(result.error).toContain('HTTP 400');
		expect(result.error).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
		expect(result.error).not.toContain('PRIVATE KEY');
		expect(suite.sandbox.requests.filter((r) => r.path.endsWith('/suiteql'))).toEqual([]);
	});

	it('redacts the assertion when a token endpoint repeats it in its description', async () => {
		const host = 'https://7654321.suitetalk.api.netsuite.com';
		let assertion = '';
		nock(host)
			.post('/services/rest/auth/oauth2/v1/token', (body: Record<string, string>) => {
				assertion = body.client_assertion;
				return true;
			})
			.reply(400, () => ({ error: 'invalid_grant', error_description: `Assertion ${assertion} has expired` }));
		const credentials = { ...netSuiteSandboxOAuth2Credentials(''), accountId: '7654321', baseUrl: '' };
		try {
			const result = await run(workflow([{}], netSuiteNode({ resource: 'employee', operation: 'getMany', returnAll: true }, { auth: 'oAuth2' })), {
				p2cNetSuiteOAuth2Api: credentials,
			});
			expect(assertion.split('.')).toHaveLength(3);
			expect(result.error).toContain('invalid_grant: Assertion [redacted] has expired');
			expect(result.error).not.toContain(assertion);
		} finally {
			nock.cleanAll();
		}
	});
});
