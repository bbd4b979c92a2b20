import jwt from 'jsonwebtoken';

import {
	canonicalId,
	createSalesforceSandbox,
	isValidId,
	SALESFORCE_SANDBOX_CONSUMER_KEY,
	SALESFORCE_SANDBOX_PRIVATE_KEY,
	SALESFORCE_SANDBOX_USERNAME,
	to18,
} from '../../sandbox/salesforce';
import type { SalesforceSandbox } from '../../sandbox/salesforce';

type Rec = Record<string, any>;

describe('Salesforce sandbox', () => {
	let sandbox: SalesforceSandbox;
	let baseUrl = '';
	let token = '';

	beforeAll(async () => {
		sandbox = createSalesforceSandbox();
		baseUrl = await sandbox.start(0);
	});
	beforeEach(async () => {
		sandbox.reset();
		const response = await tokenRequest({ aud: baseUrl });
		token = (response.body as Rec).access_token;
	});
	afterAll(async () => await sandbox.stop());

	async function tokenRequest(claims: Rec, key = SALESFORCE_SANDBOX_PRIVATE_KEY) {
		const assertion = jwt.sign(
			{ iss: SALESFORCE_SANDBOX_CONSUMER_KEY, sub: SALESFORCE_SANDBOX_USERNAME, exp: Math.floor(Date.now() / 1000) + 120, ...claims },
			key,
			{ algorithm: 'RS256' },
		);
		const response = await fetch(`${baseUrl}/services/oauth2/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
		});
		return { status: response.status, body: (await response.json()) as unknown };
	}

	async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
		const response = await fetch(`${baseUrl}/services/data/v62.0${path}`, {
			method,
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as any };
	}
	const soql = (q: string, headers?: Record<string, string>) => call('GET', `/query?q=${encodeURIComponent(q)}`, undefined, headers);
	const state = () => sandbox.org.snapshot() as Record<string, Rec[]>;

	describe('auth', () => {
		it('refuses assertions that are expired, too long-lived or for another audience, in Salesforce’s shape', async () => {
			expect(await tokenRequest({ aud: baseUrl, exp: Math.floor(Date.now() / 1000) - 10 })).toEqual({
				status: 400,
				body: { error: 'invalid_grant', error_description: 'expired authorization code' },
			});
			expect((await tokenRequest({ aud: baseUrl, exp: Math.floor(Date.now() / 1000) + 3600 })).body).toEqual({ error: 'invalid_grant', error_description: 'invalid assertion' });
			expect((await tokenRequest({ aud: 'https://test.salesforce.com' })).body).toEqual({ error: 'invalid_grant', error_description: 'audience is invalid' });
			expect((await tokenRequest({ aud: baseUrl, sub: 'nobody@example.com' })).body).toEqual({
				error: 'invalid_grant',
				error_description: "user hasn't approved this consumer",
			});
		});

		it('answers a bad or expired bearer token with 401 INVALID_SESSION_ID', async () => {
			token = 'garbage';
			const response = await soql('SELECT Id FROM Account');
			expect(response.status).toBe(401);
			expect(response.body).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
		});
	});

	describe('ids', () => {
		it('uses 18-character ids with the right key prefixes and checksum', () => {
			const s = state();
			expect(s.Account[0].Id).toMatch(/^001\w{15}$/);
			expect(s.Opportunity[0].Id).toMatch(/^006\w{15}$/);
			expect(s.Contract[0].Id).toMatch(/^800\w{15}$/);
			expect(s.OpportunityLineItem[0].Id).toMatch(/^00k\w{15}$/);
			// A documented pair: 15-character id → 18-character id.
			expect(to18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
			expect(isValidId('001A0000006Vm9rIAC')).toBe(true);
			expect(isValidId('001A0000006Vm9rAAA')).toBe(false);
			expect(canonicalId('001a0000006vm9rIAC')).toBe('001A0000006Vm9rIAC');
		});

		it('accepts a record id in its 15-character form', async () => {
			const account = state().Account[0];
			const response = await call('GET', `/sobjects/Account/${account.Id.slice(0, 15)}?fields=Id,Name`);
			expect(response.body).toMatchObject({ Id: account.Id, Name: account.Name });
		});
	});

	describe('SOQL', () => {
		it.each([
			["SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'", 'MALFORMED_QUERY'],
			["SELECT Id FROM Account WHERE Name = 'unterminated", 'MALFORMED_QUERY'],
			['SELECT Id FROM Account WHERE', 'MALFORMED_QUERY'],
			['SELECT Id, FROM Account', 'MALFORMED_QUERY'],
			["SELECT Id FROM Account WHERE Name = 'bad \\x escape'", 'MALFORMED_QUERY'],
			['SELECT Id, Id FROM Account', 'MALFORMED_QUERY'],
			['SELECT Nope__c FROM Account', 'INVALID_FIELD'],
			['SELECT Owner.Nope FROM Account', 'INVALID_FIELD'],
			['SELECT Bogus__r.Name FROM Account', 'INVALID_FIELD'],
			["SELECT Id FROM Opportunity WHERE Amount = '100'", 'INVALID_FIELD'],
			['SELECT Id FROM Opportunity WHERE Name = 100', 'INVALID_FIELD'],
			["SELECT Id FROM Opportunity WHERE CloseDate = '2026-01-01'", 'INVALID_FIELD'],
			['SELECT Id FROM Opportunity WHERE CloseDate > 2026-01-01T00:00:00Z', 'INVALID_FIELD'],
			['SELECT Id FROM Opportunity WHERE SystemModstamp > 2026-01-01', 'INVALID_FIELD'],
			['SELECT Id FROM Opportunity WHERE Amount LIKE 5', 'INVALID_FIELD'],
			["SELECT Id FROM Account WHERE Id = 'not-an-id'", 'INVALID_QUERY_FILTER_OPERATOR'],
			['SELECT Id FROM Widget__c', 'INVALID_TYPE'],
			['SELECT Id, (SELECT Id FROM Widgets) FROM Account', 'INVALID_TYPE'],
		])('rejects %s with %s and 400', async (query, code) => {
			const response = await soql(query);
			expect(response.status).toBe(400);
			expect(response.body).toEqual([{ message: expect.stringContaining('ERROR at Row:1:Column:'), errorCode: code }]);
		});

		// Valid SOQL the sandbox does not run: Salesforce's envelope and code, but words that say so plainly,
		// never a position message that reads like Salesforce's parser. (The semi-join case used to be in the
		// list above, answered with a Salesforce-like parse error.)
		it.each([
			['SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity)', /semi-join/],
			['SELECT AccountId, COUNT(Id) FROM Opportunity GROUP BY AccountId', /aggregate functions other than COUNT\(\)/],
			['SELECT StageName FROM Opportunity GROUP BY StageName', /GROUP BY/],
			['SELECT Id FROM Account WITH SECURITY_ENFORCED', /WITH clause/],
			['SELECT Id FROM Account FOR UPDATE', /FOR UPDATE/],
			['SELECT Id FROM Account USING SCOPE mine', /USING SCOPE/],
			['SELECT TYPEOF Owner WHEN User THEN Name END FROM Account', /TYPEOF/],
			['SELECT Id, toLabel(StageName) FROM Opportunity', /TOLABEL\(\)/],
			['SELECT Id FROM Opportunity WHERE CALENDAR_YEAR(CloseDate) = 2026', /CALENDAR_YEAR\(\)/],
			['SELECT Id FROM Opportunity WHERE CloseDate = LAST_QUARTER', /date literal LAST_QUARTER/],
			['SELECT Id FROM Opportunity WHERE CloseDate > N_DAYS_AGO:7', /date literal N_DAYS_AGO/],
			['SELECT Id FROM Opportunity WHERE Amount > USD5000', /currency literals/],
			['SELECT Id FROM Opportunity ORDER BY DISTANCE(Name) DESC', /DISTANCE\(\)/],
			["SELECT Id, (SELECT Id, (SELECT Id FROM OpportunityLineItems) FROM Opportunities) FROM Account", /nested/],
		])('answers %s as unsupported, plainly', async (query, feature) => {
			const response = await soql(query);
			expect(response.status).toBe(400);
			expect(response.body).toEqual([{ message: expect.stringMatching(/^The Salesforce sandbox does not support .+ in SOQL\./), errorCode: 'MALFORMED_QUERY' }]);
			expect(response.body[0].message).toMatch(feature);
			expect(response.body[0].message).not.toMatch(/ERROR at Row/);
		});

		it('evaluates relationship fields, child subqueries, IN, LIKE, NULL, dates and ORDER BY', async () => {
			const response = await soql(
				"SELECT Name, Account.Name, Amount, (SELECT Quantity, TotalPrice FROM OpportunityLineItems) FROM Opportunity WHERE (StageName IN ('Closed Won', 'Closed Lost') OR Name LIKE '%Retainer%') AND NetSuite_Project_Id__c = null AND CloseDate >= 2026-10-01 ORDER BY Amount DESC NULLS LAST, Name",
			);
			expect(response.status).toBe(200);
			const expected = state()
				.Opportunity.filter(
					(o) => (['Closed Won', 'Closed Lost'].includes(o.StageName) || /retainer/i.test(o.Name)) && o.NetSuite_Project_Id__c === null && o.CloseDate >= '2026-10-01',
				)
				.sort((a, b) => b.Amount - a.Amount);
			expect(response.body.records.map((r: Rec) => r.Name)).toEqual(expected.map((o) => o.Name));
			const first = response.body.records[0];
			expect(first.attributes).toEqual({ type: 'Opportunity', url: expect.stringMatching(/^\/services\/data\/v62\.0\/sobjects\/Opportunity\/006/) });
			expect(first.Account).toEqual({ attributes: { type: 'Account', url: expect.any(String) }, Name: expect.any(String) });
			const lines = first.OpportunityLineItems;
			expect(lines).toMatchObject({ done: true, totalSize: lines.records.length });
			const total = lines.records.reduce((sum: number, l: Rec) => sum + Math.round(l.TotalPrice * 100), 0) / 100;
			expect(total).toBe(first.Amount);
		});

		it('matches text case-insensitively and reads escaped quotes', async () => {
			const response = await soql("SELECT Id FROM Account WHERE Name = 'o\\'brien & sons engineering'");
			expect(response.body.records).toHaveLength(1);
		});

		it('pages with nextRecordsUrl; batch size from Sforce-Query-Options, clamped to 200..2000', async () => {
			const admin = state().User[0].Id;
			for (let i = 0; i < 488; i++) sandbox.org.insert('Account', { Name: `Paged ${i}` }, admin);
			const first = await soql('SELECT Id FROM Account ORDER BY Name', { 'Sforce-Query-Options': 'batchSize=50' });
			expect(first.body).toMatchObject({ totalSize: 500, done: false, nextRecordsUrl: expect.stringMatching(/^\/services\/data\/v62\.0\/query\/01g\w{15}-200$/) });
			expect(first.body.records).toHaveLength(200);
			const ids = first.body.records.map((r: Rec) => r.Id);
			let next = first.body.nextRecordsUrl;
			while (next) {
				// Later pages keep the first page's batch size; a header here changes nothing.
				const page = await call('GET', next.replace('/services/data/v62.0', ''), undefined, { 'Sforce-Query-Options': 'batchSize=1000' });
				expect(page.body.records.length).toBeLessThanOrEqual(200);
				ids.push(...page.body.records.map((r: Rec) => r.Id));
				next = page.body.done ? undefined : page.body.nextRecordsUrl;
				if (page.body.done) expect(page.body).not.toHaveProperty('nextRecordsUrl');
			}
			expect(new Set(ids).size).toBe(500);
			const whole = await soql('SELECT Id FROM Account');
			expect(whole.body).toMatchObject({ totalSize: 500, done: true });
			expect((await call('GET', '/query/01gDn0000000009ZZZ-200')).body).toEqual([{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
		});

		it('answers COUNT() with totalSize and no records', async () => {
			const response = await soql('SELECT COUNT() FROM Opportunity WHERE IsWon = true');
			expect(response.body).toEqual({ totalSize: state().Opportunity.filter((o) => o.IsWon).length, done: true, records: [] });
		});
	});

	describe('writes', () => {
		it('creates with 201 + Location, reports missing required fields and read-only fields by name', async () => {
			const created = await call('POST', '/sobjects/Account', { Name: 'Vandelay Industries' });
			expect(created.status).toBe(201);
			expect(created.body).toEqual({ id: expect.stringMatching(/^001/), success: true, errors: [] });
			expect(created.headers.get('location')).toBe(`/services/data/v62.0/sobjects/Account/${created.body.id}`);
			expect((await call('POST', '/sobjects/Opportunity', { Name: 'x' })).body).toEqual([
				{ message: 'Required fields are missing: [StageName, CloseDate]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['StageName', 'CloseDate'] },
			]);
			expect((await call('POST', '/sobjects/Opportunity', { Name: 'x', StageName: 'Closed Won', CloseDate: '2027-01-01', IsWon: true })).body[0]).toMatchObject({
				errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
				fields: ['IsWon'],
			});
			expect((await call('POST', '/sobjects/Account', { Name: 'x', Nope__c: 1 })).body[0]).toMatchObject({ errorCode: 'INVALID_FIELD' });
		});

		it('moves SystemModstamp forward on every write, no-op updates included', async () => {
			const account = state().Account[0];
			expect((await call('PATCH', `/sobjects/Account/${account.Id}`, {})).status).toBe(204);
			const once = state().Account[0].SystemModstamp;
			await call('PATCH', `/sobjects/Account/${account.Id}`, { Phone: '1' });
			const twice = state().Account[0].SystemModstamp;
			expect(Date.parse(once.replace('+0000', 'Z'))).toBeGreaterThan(Date.parse(account.SystemModstamp.replace('+0000', 'Z')));
			expect(Date.parse(twice.replace('+0000', 'Z'))).toBeGreaterThan(Date.parse(once.replace('+0000', 'Z')));
		});

		it('upserts by external id: 201 created, 200 updated, 300 on several matches, 404 with updateOnly or a non-external field', async () => {
			const path = '/sobjects/Account/NetSuite_Customer_Id__c';
			expect((await call('PATCH', `${path}/C-1`, { Name: 'One' })).status).toBe(201);
			const updated = await call('PATCH', `${path}/C-1`, { Name: 'One Renamed' });
			expect(updated).toMatchObject({ status: 200, body: { success: true, created: false } });
			// NetSuite_Customer_Id__c is an external id but not unique: two records can share it.
			await call('POST', '/sobjects/Account', { Name: 'Two', NetSuite_Customer_Id__c: 'C-1' });
			const multiple = await call('PATCH', `${path}/C-1`, { Name: 'Ambiguous' });
			expect(multiple.status).toBe(300);
			expect(multiple.body).toHaveLength(2);
			expect((await call('PATCH', `${path}/C-404?updateOnly=true`, { Name: 'x' })).status).toBe(404);
			expect((await call('PATCH', '/sobjects/Account/Name/Acme', { Phone: '1' })).body).toEqual([
				{ message: 'Provided external ID field does not exist or is not accessible: Name', errorCode: 'NOT_FOUND' },
			]);
		});

		it('sObject Collections upsert: per-record results, duplicates flagged, more than 200 records refused', async () => {
			const records = [
				{ attributes: { type: 'Account' }, External_Id__c: 'ACC-1001', Name: 'Northwind Health Partners' },
				{ attributes: { type: 'Account' }, External_Id__c: 'NEW-1', Name: 'New One' },
				{ attributes: { type: 'Account' }, External_Id__c: 'DUP', Name: 'Dup A' },
				{ attributes: { type: 'Account' }, External_Id__c: 'DUP', Name: 'Dup B' },
				{ attributes: { type: 'Account' }, Name: 'No External Id' },
			];
			const response = await call('PATCH', '/composite/sobjects/Account/External_Id__c', { allOrNone: false, records });
			expect(response.status).toBe(200);
			expect(response.body).toEqual([
				{ id: state().Account[0].Id, success: true, errors: [], created: false },
				{ id: expect.stringMatching(/^001/), success: true, errors: [], created: true },
				{ success: false, errors: [{ statusCode: 'DUPLICATE_EXTERNAL_ID', message: 'Duplicate external id specified: DUP', fields: ['External_Id__c'] }] },
				{ success: false, errors: [{ statusCode: 'DUPLICATE_EXTERNAL_ID', message: 'Duplicate external id specified: DUP', fields: ['External_Id__c'] }] },
				{ success: false, errors: [{ statusCode: 'MISSING_ARGUMENT', message: 'External_Id__c not specified', fields: [] }] },
			]);
			const tooMany = Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Account' }, External_Id__c: `B-${i}`, Name: `B ${i}` }));
			expect(await call('PATCH', '/composite/sobjects/Account/External_Id__c', { records: tooMany })).toMatchObject({
				status: 400,
				body: [{ errorCode: 'EXCEEDED_ID_LIMIT', message: 'record limit reached. cannot submit more than 200 records into this call' }],
			});
		});

		it('Composite substitutes references and rolls everything back with allOrNone', async () => {
			const ok = await call('POST', '/composite', {
				allOrNone: true,
				compositeRequest: [
					{ method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'acct', body: { Name: 'Composite Co' } },
					{ method: 'GET', url: '/services/data/v62.0/query?q=SELECT+Id,Name+FROM+Account+WHERE+Id+%3D+%27@{acct.id}%27', referenceId: 'q' },
					{ method: 'POST', url: '/services/data/v62.0/sobjects/Contract', referenceId: 'ctr', body: { AccountId: '@{q.records[0].Id}' } },
				],
			});
			expect(ok.body.compositeResponse.map((r: Rec) => r.httpStatusCode)).toEqual([201, 200, 201]);
			expect(ok.body.compositeResponse[1].body.records[0].Name).toBe('Composite Co');
			const before = state().Account.length;
			const failed = await call('POST', '/composite', {
				allOrNone: true,
				compositeRequest: [
					{ method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'a', body: { Name: 'Rolled Back Co' } },
					{ method: 'POST', url: '/services/data/v62.0/sobjects/Opportunity', referenceId: 'o', body: { AccountId: '@{a.id}', Name: 'x' } },
				],
			});
			expect(failed.body.compositeResponse.map((r: Rec) => [r.referenceId, r.httpStatusCode, r.body[0].errorCode])).toEqual([
				['a', 400, 'PROCESSING_HALTED'],
				['o', 400, 'REQUIRED_FIELD_MISSING'],
			]);
			expect(state().Account.length).toBe(before);
			const tooMany = Array.from({ length: 26 }, (_, i) => ({ method: 'GET', url: '/services/data/v62.0/limits', referenceId: `r${i}` }));
			expect((await call('POST', '/composite', { compositeRequest: tooMany })).body.compositeResponse[0].body[0].errorCode).toBe('LIMIT_EXCEEDED');
		});

		it('matches field and object names case-insensitively everywhere, answering with the canonical casing', async () => {
			const account = state().Account[0];
			expect((await call('PATCH', `/sobjects/account/${account.Id}`, { description: 'lower', BILLINGCITY: 'Upper' })).status).toBe(204);
			expect(state().Account[0]).toMatchObject({ Description: 'lower', BillingCity: 'Upper' });
			const upserted = await call('PATCH', '/sobjects/ACCOUNT/external_id__c/CASE-1', { name: 'Case One' });
			expect(upserted.status).toBe(201);
			const collection = await call('PATCH', '/composite/sobjects/account/EXTERNAL_ID__C', {
				records: [{ attributes: { type: 'ACCOUNT' }, external_id__c: 'CASE-1', NAME: 'Case One v2' }],
			});
			expect(collection.body).toEqual([{ id: upserted.body.id, success: true, errors: [], created: false }]);
			const updated = await call('PATCH', '/composite/sobjects', { records: [{ attributes: { type: 'account' }, ID: upserted.body.id, industry: 'Retail' }] });
			expect(updated.body).toEqual([{ id: upserted.body.id, success: true, errors: [] }]);
			const created = await call('POST', '/composite/sobjects', { records: [{ attributes: { type: 'Account' }, id: account.Id, Name: 'With an id' }] });
			expect(created.body[0]).toMatchObject({ success: false, errors: [expect.objectContaining({ statusCode: 'INVALID_FIELD' })] });
			const composite = await call('POST', '/composite', {
				compositeRequest: [{ method: 'GET', url: `/services/data/v62.0/sobjects/account/${upserted.body.id}?fields=name,industry`, referenceId: 'read' }],
			});
			expect(composite.body.compositeResponse[0].body).toEqual({
				attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${upserted.body.id}` },
				Name: 'Case One v2',
				Industry: 'Retail',
			});
			const query = await soql(`select id, name, owner.name from account where external_id__c = 'case-1'`);
			expect(query.body.records).toEqual([
				{
					attributes: expect.objectContaining({ type: 'Account' }),
					Id: upserted.body.id,
					Name: 'Case One v2',
					Owner: expect.objectContaining({ attributes: expect.objectContaining({ type: 'User' }), Name: expect.any(String) }),
				},
			]);
		});

		it('deletes into the recycle bin: query skips the record, queryAll sees it, reads and deletes say ENTITY_IS_DELETED', async () => {
			const created = await call('POST', '/sobjects/Account', { Name: 'Recycled Ltd' });
			expect((await call('DELETE', `/sobjects/Account/${created.body.id}`)).status).toBe(204);
			expect((await call('GET', `/sobjects/Account/${created.body.id}`)).body).toEqual([{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' }]);
			expect((await call('DELETE', `/sobjects/Account/${created.body.id}`)).body[0].errorCode).toBe('ENTITY_IS_DELETED');
			const q = `SELECT Id, IsDeleted FROM Account WHERE Name = 'Recycled Ltd'`;
			expect((await soql(q)).body.totalSize).toBe(0);
			expect((await call('GET', `/queryAll?q=${encodeURIComponent(q)}`)).body.records).toEqual([expect.objectContaining({ Id: created.body.id, IsDeleted: true })]);
		});

		it('collections delete with allOrNone rolls every deletion back when one id fails', async () => {
			const [a, b] = state().Account;
			const response = await call('DELETE', `/composite/sobjects?ids=${a.Id},001000000000ZZZ&allOrNone=true`);
			expect(response.status).toBe(200);
			expect(response.body.map((r: Rec) => r.errors[0].statusCode)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'INVALID_CROSS_REFERENCE_KEY']);
			expect(state().Account.map((r) => r.Id)).toEqual(expect.arrayContaining([a.Id, b.Id]));
			expect((await call('DELETE', '/composite/sobjects?ids=')).status).toBe(400);
		});

		it('Composite Batch refuses more than 25 subrequests and malformed ones before running any', async () => {
			const tooMany = Array.from({ length: 26 }, () => ({ method: 'GET', url: 'v62.0/limits' }));
			expect((await call('POST', '/composite/batch', { batchRequests: tooMany })).status).toBe(400);
			const before = sandbox.org.apiUsage;
			const malformed = await call('POST', '/composite/batch', { batchRequests: [{ method: 'GET', url: 'v62.0/limits' }, { method: 'FETCH', url: 'v62.0/limits' }] });
			expect(malformed.status).toBe(400);
			expect(sandbox.org.apiUsage).toBe(before + 1);
		});

		it('sObject Tree refuses duplicate reference ids and a child of the wrong type, creating nothing', async () => {
			const before = state().Account.length;
			const duplicate = await call('POST', '/composite/tree/Account', {
				records: [
					{ attributes: { type: 'Account', referenceId: 'same' }, Name: 'One' },
					{ attributes: { type: 'Account', referenceId: 'same' }, Name: 'Two' },
				],
			});
			expect(duplicate.status).toBe(400);
			expect(duplicate.body.hasErrors).toBe(true);
			expect(duplicate.body.results).toHaveLength(2);
			const wrongType = await call('POST', '/composite/tree/Account', {
				records: [{ attributes: { type: 'Account', referenceId: 'p' }, Name: 'Parent', Opportunities: { records: [{ attributes: { type: 'Contract', referenceId: 'c' } }] } }],
			});
			expect(wrongType.body).toEqual({ hasErrors: true, results: [{ referenceId: 'c', errors: [expect.objectContaining({ statusCode: 'INVALID_TYPE' })] }] });
			expect(state().Account.length).toBe(before);
		});
	});

	describe('limits', () => {
		it('reports Sforce-Limit-Info and refuses with 403 REQUEST_LIMIT_EXCEEDED once the allocation is spent', async () => {
			sandbox.org.apiDailyLimit = 3;
			const responses = [];
			for (let i = 0; i < 4; i++) responses.push(await call('GET', '/limits'));
			expect(responses.map((r) => r.headers.get('sforce-limit-info'))).toEqual(['api-usage=1/3', 'api-usage=2/3', 'api-usage=3/3', 'api-usage=3/3']);
			expect(responses[3].status).toBe(403);
			expect(responses[3].body).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
			// A Composite call counts once whatever it holds.
			sandbox.org.apiDailyLimit = 100;
			const usage = sandbox.org.apiUsage;
			await call('POST', '/composite', { compositeRequest: [1, 2, 3].map((i) => ({ method: 'GET', url: '/services/data/v62.0/limits', referenceId: `l${i}` })) });
			expect(sandbox.org.apiUsage).toBe(usage + 1);
		});

		it('answers unknown versions and resources with NOT_FOUND and wrong methods with METHOD_NOT_ALLOWED', async () => {
			const old = await fetch(`${baseUrl}/services/data/v12.0/limits`, { headers: { Authorization: `Bearer ${token}` } });
			expect(old.status).toBe(404);
			expect((await call('PUT', '/sobjects/Account')).body[0].errorCode).toBe('METHOD_NOT_ALLOWED');
			expect((await call('GET', '/sobjects/Widget__c/describe')).status).toBe(404);
		});

		it('describes objects with external id flags and the custom NetSuite fields', async () => {
			const describe = await call('GET', '/sobjects/Opportunity/describe');
			const byName = Object.fromEntries(describe.body.fields.map((f: Rec) => [f.name, f]));
			expect(byName.External_Id__c).toMatchObject({ externalId: true, unique: true, custom: true, type: 'string' });
			expect(byName.NetSuite_Project_Id__c).toMatchObject({ externalId: true });
			expect(byName.IsWon).toMatchObject({ createable: false, updateable: false, type: 'boolean' });
			expect(describe.body.childRelationships).toContainEqual(expect.objectContaining({ relationshipName: 'OpportunityLineItems', childSObject: 'OpportunityLineItem' }));
			expect(describe.body.keyPrefix).toBe('006');
		});
	});
});
