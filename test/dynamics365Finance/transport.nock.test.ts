/**
 * The F&O transport with nock standing in for the environment: the error body, 429 + Retry-After honoured,
 * composite keys with `dataAreaId` in the URL, `cross-company=true` and the company filter on reads, escaped
 * filters, nextLink paging, and `$batch` answers paired back to the items (one changeset per line).
 */
import nock from 'nock';

import { DEFAULT_RETRY_POLICY, decideRetry } from '../../nodes/shared/kit';
import { ENTITIES } from '../../nodes/Dynamics365Finance/helpers/entities';
import { FINANCE_PROFILE, parseFinanceError, recordKey, recordPath } from '../../nodes/Dynamics365Finance/transport';
import { shutdownN8nCore } from '../helpers/harness';
import { financeNode, recordId, runWith, workflow } from './helpers';

const ENV = 'https://contoso.operations.dynamics.com';
const credentials = { tenantId: 'tenant', clientId: 'client', authentication: 'clientSecret', clientSecret: 'shh', environmentUrl: ENV, accessToken: 'cached-token' };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(async () => {
	nock.enableNetConnect();
	await shutdownN8nCore();
});

function batchAnswer(boundary: string, changesets: Array<{ status: number; body: unknown; contentId?: string }>): string {
	const parts = changesets.map((answer, i) => {
		const inner = `changesetresponse_${i}`;
		const http = [`HTTP/1.1 ${answer.status} ${answer.status < 300 ? 'Created' : 'Bad Request'}`, 'Content-Type: application/json; odata.metadata=minimal', '', JSON.stringify(answer.body)].join('\r\n');
		return [
			`--${boundary}`,
			`Content-Type: multipart/mixed; boundary=${inner}`,
			'',
			`--${inner}`,
			'Content-Type: application/http',
			'Content-Transfer-Encoding: binary',
			...(answer.contentId ? [`Content-ID: ${answer.contentId}`] : []),
			'',
			http,
			`--${inner}--`,
		].join('\r\n');
	});
	return `${parts.join('\r\n')}\r\n--${boundary}--\r\n`;
}

describe('Dynamics 365 Finance transport', () => {
	it('reads F&O error bodies (empty code: the inner type names it) and refuses others', () => {
		expect(parseFinanceError({ error: { code: '', message: 'Write failed for table row of type \'ProjJournalTrans\'.', innererror: { message: 'Project SF-1 does not exist.', type: 'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException' } } })).toEqual({
			code: 'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException',
			message: "Write failed for table row of type 'ProjJournalTrans'. Project SF-1 does not exist.",
			fields: [],
		});
		expect(parseFinanceError('<html>gateway</html>')).toBeUndefined();
		expect(parseFinanceError({ message: 'not F&O' })).toBeUndefined();
	});

	it('a 429 is resent after the Retry-After F&O gave, POST included; a lost POST answer is not resent', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, ...FINANCE_PROFILE.retry };
		expect(decideRetry({ status: 429, headers: { 'retry-after': '12' }, body: '', message: '' }, undefined, FINANCE_PROFILE, false, 1, policy)).toEqual({ retry: true, waitMs: 12_000 });
		expect(decideRetry({ networkCode: 'ECONNRESET', headers: {}, body: undefined, message: '' }, undefined, FINANCE_PROFILE, false, 1, policy)).toMatchObject({ retry: false, why: expect.stringMatching(/^not idempotent/) });
		expect(decideRetry({ status: 400, headers: {}, body: {}, message: '' }, { code: 'x', message: 'y', fields: [] }, FINANCE_PROFILE, true, 1, policy)).toMatchObject({ retry: false });
	});

	it('addresses records by company and key, escaped, and refuses values that would change the address', () => {
		expect(recordPath('CustomersV3', recordKey(ENTITIES.customer, 'usmf', { CustomerAccount: "O'B-1" }))).toBe("/CustomersV3(dataAreaId='usmf',CustomerAccount='O''B-1')");
		expect(recordPath('Workers', recordKey(ENTITIES.worker, undefined, { PersonnelNumber: 'EMP-0001' }))).toBe("/Workers(PersonnelNumber='EMP-0001')");
		expect(() => recordKey(ENTITIES.customer, undefined, { CustomerAccount: 'C1' })).toThrow(/company/);
		expect(() => recordKey(ENTITIES.customer, 'usmf', { CustomerAccount: '../x' })).toThrow(/CustomerAccount/);
		expect(() => recordKey(ENTITIES.customer, 'usmf', { CustomerAccount: '' })).toThrow(/CustomerAccount/);
	});

	it('reads another company across companies, with the company and escaped values in $filter, page after page', async () => {
		const first = nock(ENV)
			.get('/data/CustomersV3')
			.query((q) => q['cross-company'] === 'true' && q.$filter === "(dataAreaId eq 'gbsi') and (OrganizationName eq 'O''Brien & Sons Engineering')")
			.matchHeader('prefer', 'odata.maxpagesize=10000')
			.matchHeader('authorization', 'Bearer cached-token')
			.reply(200, { value: [{ dataAreaId: 'gbsi', CustomerAccount: 'GB-1010' }], '@odata.nextLink': `${ENV}/data/CustomersV3?cross-company=true&$skiptoken=abc` });
		const second = nock(ENV)
			.get('/data/CustomersV3')
			.query({ 'cross-company': 'true', $skiptoken: 'abc' })
			.reply(200, { value: [{ dataAreaId: 'gbsi', CustomerAccount: 'GB-1011' }] });
		const node = financeNode({ resource: 'customer', operation: 'getMany', company: 'gbsi', returnAll: true, filters: { conditions: [{ field: 'OrganizationName', operator: 'eq', value: "O'Brien & Sons Engineering", valueType: 'string' }] } });
		const result = await runWith(credentials, workflow([{}], node));
		expect(result.error).toBeUndefined();
		expect(result.output('Finance').map((r) => r.CustomerAccount)).toEqual(['GB-1010', 'GB-1011']);
		expect(first.isDone() && second.isDone()).toBe(true);
	});

	it('honours 429 + Retry-After on a read and answers with the record', async () => {
		const path = "/data/CustomersV3(dataAreaId='usmf',CustomerAccount='US-1001')";
		nock(ENV).get(path).query({ 'cross-company': 'true' }).reply(429, '', { 'Retry-After': '1' });
		nock(ENV).get(path).query({ 'cross-company': 'true' }).reply(200, { dataAreaId: 'usmf', CustomerAccount: 'US-1001', OrganizationName: 'Northwind Health Partners' });
		const started = Date.now();
		const result = await runWith(credentials, workflow([{}], financeNode({ resource: 'customer', operation: 'get', company: 'usmf', recordId: recordId('US-1001') })));
		expect(result.error).toBeUndefined();
		expect(result.output('Finance')[0]).toMatchObject({ CustomerAccount: 'US-1001' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	it('Add Lines sends each line in its own changeset and pairs the answers: the refused line fails alone', async () => {
		const header = "/data/ProjectJournalHeaders(dataAreaId='usmf',JournalBatchNumber='PJ-000007')";
		nock(ENV).get(header).query({ 'cross-company': 'true' }).reply(200, { dataAreaId: 'usmf', JournalBatchNumber: 'PJ-000007', Posted: 'No' });
		nock(ENV).get('/data/ProjectJournalLines').query((q) => q.$filter === "(dataAreaId eq 'usmf') and (JournalId eq 'PJ-000007')").reply(200, { value: [] });
		let sent = '';
		nock(ENV)
			.post('/data/$batch', (body: string) => {
				sent = body;
				return true;
			})
			.matchHeader('prefer', 'odata.continue-on-error')
			.reply(
				200,
				() => batchAnswer('batchresponse_1', [
					{ status: 201, body: { dataAreaId: 'usmf', JournalId: 'PJ-000007', LineNumber: 1 } },
					{ status: 400, body: { error: { code: '', message: 'Project NOPE does not exist.' } } },
					{ status: 201, body: { dataAreaId: 'usmf', JournalId: 'PJ-000007', LineNumber: 3 } },
				]),
				{ 'Content-Type': 'multipart/mixed; boundary=batchresponse_1' },
			);
		const lines = [1, 2, 3].map((n) => ({ n, project: n === 2 ? 'NOPE' : 'SF-006A000101' }));
		const node = financeNode({ resource: 'hourJournal', operation: 'addLines', company: 'usmf', recordId: recordId('PJ-000007'), lineJson: '={{ JSON.stringify({ LineNumber: $json.n, ProjectID: $json.project, Category: "Consulting", Hours: 2, ProjectDate: "2026-01-13" }) }}' }, { continueOnFail: true });
		const result = await runWith(credentials, workflow(lines, node));
		expect(result.error).toBeUndefined();
		const out = result.output('Finance');
		expect(out).toHaveLength(3);
		expect(out[0]).toMatchObject({ LineNumber: 1, skipped: false });
		expect(out[1]).toMatchObject({ error: expect.stringContaining('Project NOPE does not exist'), fields: ['lineJson'] });
		expect(out[2]).toMatchObject({ LineNumber: 3, skipped: false });
		// Three changesets, each one POST to the lines set with the header's key and the company.
		expect(sent.match(/Content-Type: multipart\/mixed; boundary=changeset/g)).toHaveLength(3);
		expect(sent).toContain('"JournalId":"PJ-000007"');
		expect(sent).toContain('"ProjectDate":"2026-01-13T00:00:00Z"');
		expect(sent).toContain('"dataAreaId":"usmf"');
	});
});
