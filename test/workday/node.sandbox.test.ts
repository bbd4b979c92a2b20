/**
 * The Workday node in n8n's WorkflowExecute against the sandbox: REST through the refresh-token credential (one
 * token for many requests), ids validated before they reach a path, `{data, total}` paging by offset, Get_Workers
 * with UsernameToken and pages under one As_Of_Entry_DateTime, the transaction-log window, Get_Organizations,
 * RaaS with prompts, and Workday's errors (SOAP fault, REST validation, 429 / 503) reaching the user named.
 */
import type { IDataObject } from 'n8n-workflow';

import { throttleFault, unavailableFault, wid } from '../../sandbox/workday';
import { useWorkdaySandbox, workdayNode, workflow } from './helpers';

describe('Workday node against the sandbox', () => {
	const wd = useWorkdaySandbox();
	const soapRequests = () => wd.sandbox.requests.filter((r) => r.method === 'POST' && r.path.includes('/Human_Resources/'));

	it('REST: gets a worker by Employee_ID and by WID, exchanging the refresh token once for every request', async () => {
		const run = await wd.run(
			workflow([{}], workdayNode({ resource: 'worker', operation: 'get', recordId: { mode: 'id', value: 'Employee_ID=EMP-0002' } }), workdayNode({ resource: 'worker', operation: 'get', recordId: { mode: 'id', value: wid('worker', 'EMP-0003') } }, { name: 'Second' })),
		);
		expect(run.error).toBeUndefined();
		expect(run.output('Workday')[0]).toMatchObject({ descriptor: 'Priya Raman', primaryWorkEmail: 'priya.raman@meridian.example', id: wid('worker', 'EMP-0002') });
		expect(run.output('Second')[0]).toMatchObject({ descriptor: 'Oliver Hale' });
		expect(wd.sandbox.requests.filter((r) => r.path.endsWith('/token'))).toHaveLength(1);
		expect(wd.sandbox.requests.find((r) => r.path.includes('/workers/'))?.path).toBe('/ccx/api/common/v1/meridian_impl1/workers/Employee_ID=EMP-0002');
	});

	it('REST: an id that is neither a WID nor a reference id is refused before any request, naming the field', async () => {
		const run = await wd.run(workflow([{}], workdayNode({ resource: 'worker', operation: 'get', recordId: { mode: 'list', value: '../supervisoryOrganizations' } }, { continueOnFail: true })));
		expect(run.output('Workday')[0]).toMatchObject({ code: 'INVALID_ID', fields: ['recordId'], error: expect.stringContaining('not a Workday ID') });
		expect(wd.sandbox.requests.filter((r) => r.path.includes('/workers'))).toHaveLength(0);
	});

	it('REST: Get Many walks limit/offset pages of at most 100 until total, and stops at the limit', async () => {
		const all = await wd.run(workflow([{}], workdayNode({ resource: 'worker', operation: 'getMany', returnAll: true })));
		expect(all.output('Workday').map((w) => w.descriptor).sort()).toEqual(['Dana Whitfield', 'Marcus Bell', 'Oliver Hale', 'Priya Raman']);
		const listed = wd.sandbox.requests.filter((r) => r.path.endsWith('/workers')).map((r) => new URLSearchParams(r.query));
		expect(listed.map((q) => [q.get('limit'), q.get('offset')])).toEqual([['100', '0']]);
		wd.sandbox.requests.length = 0;
		const two = await wd.run(workflow([{}], workdayNode({ resource: 'worker', operation: 'getMany', returnAll: false, limit: 2, search: 'priya oliver dana' })));
		expect(two.output('Workday')).toHaveLength(2);
		const paged = wd.sandbox.requests.filter((r) => r.path.endsWith('/workers')).map((r) => new URLSearchParams(r.query));
		expect(paged.map((q) => [q.get('limit'), q.get('offset'), q.get('search')])).toEqual([['2', '0', 'priya oliver dana']]);
	});

	it('REST: a validation error reaches the user with what Workday said and the field', async () => {
		const run = await wd.run(workflow([{}], workdayNode({ resource: 'worker', operation: 'getOrganizations', recordId: { mode: 'id', value: 'Bogus_ID=1' }, returnAll: true }, { continueOnFail: true })));
		expect(run.output('Workday')[0]).toMatchObject({ code: 'VALIDATION_ERROR', fields: ['id'], error: expect.stringMatching(/^Workday: VALIDATION_ERROR: invalid request: the ID Bogus_ID=1 is not a valid WID or reference ID .*\(field: id\)$/) });
	});

	it('REST: a supervisory organization comes with its manager; a worker with its organizations', async () => {
		const orgs = await wd.run(workflow([{}], workdayNode({ resource: 'supervisoryOrganization', operation: 'getMany', returnAll: true })));
		expect(orgs.output('Workday').map((o) => [o.code, (o.manager as IDataObject).descriptor])).toEqual([
			['SUP-DELIVERY', 'Dana Whitfield'],
			['SUP-DELIVERY-US', 'Priya Raman'],
			['SUP-FINANCE', 'Marcus Bell'],
		]);
		const memberships = await wd.run(workflow([{}], workdayNode({ resource: 'worker', operation: 'getOrganizations', recordId: { mode: 'id', value: 'Employee_ID=EMP-0003' }, returnAll: true })));
		expect(memberships.output('Workday').map((o) => o.descriptor)).toEqual(['Meridian Advisory Group Ltd', 'Consulting Delivery', 'US Delivery (Priya Raman)']);
	});

	it('REST: time-off details and balances from Absence Management', async () => {
		const details = await wd.run(workflow([{}], workdayNode({ resource: 'timeOff', operation: 'getDetails', recordId: { mode: 'id', value: 'Employee_ID=EMP-0003' }, timeOffFilters: { fromDate: '2026-02-01', toDate: '2026-12-31' }, returnAll: true })));
		expect(details.output('Workday').map((d) => [d.date, d.quantity])).toEqual([
			['2026-02-16', 7.5],
			['2026-02-17', 7.5],
			['2026-08-10', 7.5],
		]);
		expect(new URLSearchParams(wd.sandbox.requests.find((r) => r.path.endsWith('/timeOffDetails'))!.query).get('fromDate')).toBe('2026-02-01');
		const narrowed = await wd.run(workflow([{}], workdayNode({ resource: 'timeOff', operation: 'getDetails', recordId: { mode: 'id', value: 'Employee_ID=EMP-0001' }, timeOffFilters: { fromDate: '2026-02-17', toDate: '2026-02-28' }, returnAll: true })));
		expect(narrowed.output('Workday').map((d) => [d.date, d.quantity])).toEqual([['2026-02-17', 8]]);
		const balances = await wd.run(workflow([{}], workdayNode({ resource: 'timeOff', operation: 'getBalances', balanceWorker: wid('worker', 'EMP-0001'), returnAll: true })));
		expect(balances.output('Workday').map((b) => b.quantity)).toEqual([120]);
	});

	it('SOAP: Get_Workers pages of Count under one As_Of_Entry_DateTime, with the UsernameToken', async () => {
		const run = await wd.run(workflow([{}], workdayNode({ resource: 'workerWebService', operation: 'getWorkers', selection: 'all', returnAll: true, workerOptions: { count: 2 } })));
		expect(run.error).toBeUndefined();
		const workers = run.output('Workday');
		expect(workers).toHaveLength(5);
		expect(workers.map((w) => (w.Worker_Data as IDataObject).Worker_ID)).toEqual(['EMP-0001', 'EMP-0002', 'EMP-0003', 'EMP-0004', 'EMP-0005']);
		const bodies = soapRequests().map((r) => String(r.body));
		expect(bodies).toHaveLength(3);
		const asOf = bodies.map((b) => /<wd:As_Of_Entry_DateTime>([^<]+)</.exec(b)?.[1]);
		expect(new Set(asOf).size).toBe(1);
		expect(bodies.map((b) => /<wd:Page>(\d+)</.exec(b)?.[1])).toEqual(['1', '2', '3']);
		expect(bodies.every((b) => b.includes('<wsse:Username>ISU_PlanningToCash@meridian_impl1</wsse:Username>'))).toBe(true);
		// The sandbox's request log never keeps the password.
		expect(bodies.every((b) => b.includes('[redacted]</wsse:Password>') && !b.includes('p2c-workday-isu-password'))).toBe(true);
	});

	it('SOAP: Changed in a Window selects the workers of the transaction log between two entry moments', async () => {
		const now = Date.now();
		const run = await wd.run(
			workflow([{}], workdayNode({ resource: 'workerWebService', operation: 'getWorkers', selection: 'changed', updatedFrom: new Date(now - 16 * 86_400_000).toISOString(), updatedThrough: new Date(now - 5 * 86_400_000).toISOString(), returnAll: true })),
		);
		// Entered 15 and 10 days ago: EMP-0002's cost rate and EMP-0003's manager; not the hire (20) or the termination (2).
		expect(run.output('Workday').map((w) => (w.Worker_Data as IDataObject).Worker_ID)).toEqual(['EMP-0002', 'EMP-0003']);
		const body = String(soapRequests()[0].body);
		expect(body).toMatch(/<wd:Request_Criteria><wd:Transaction_Log_Criteria_Data><wd:Transaction_Date_Range_Data><wd:Updated_From>[^<]+<\/wd:Updated_From><wd:Updated_Through>/);
	});

	it('SOAP: Output Canonical maps workers to resources with the cost rate as exact money and its effective date', async () => {
		const run = await wd.run(workflow([{}], workdayNode({ resource: 'workerWebService', operation: 'getWorkers', selection: 'ids', employeeIds: 'EMP-0002, EMP-0003', output: 'canonical', returnAll: true })));
		const [priya, oliver] = run.output('Workday');
		expect(priya.resource).toMatchObject({ number: 'EMP-0002', employmentStatus: 'active', costRates: [{ rate: { amount: '75.50', currency: 'USD', unit: 'hour' } }], fte: '1', weeklyCapacityHours: '40', legalEntity: { id: 'MAG-US' }, costCenter: { id: 'CC-100' }, location: { id: 'LOC-CHICAGO' }, manager: { id: 'EMP-0001' } });
		// Oliver's termination is dated next month: today he is active, with the date known.
		expect(oliver.resource).toMatchObject({ number: 'EMP-0003', employmentStatus: 'active', manager: { id: 'EMP-0002' }, weeklyCapacityHours: '37.5' });
		expect((oliver.envelope as IDataObject).source).toMatchObject({ system: 'workday', object: 'Worker', id: 'EMP-0003' });
	});

	it('SOAP: a fault reaches the user with Workday\'s validation message and the field its XPath names', async () => {
		const run = await wd.run(workflow([{}], workdayNode({ resource: 'workerWebService', operation: 'getWorkers', selection: 'ids', employeeIds: 'EMP-0001, EMP-9999', returnAll: true }, { continueOnFail: true })));
		const [error] = run.output('Workday');
		expect(error).toMatchObject({ code: 'Client.validationError', fields: ['Request_References.Worker_Reference.ID'] });
		expect(error.error).toBe("Workday: Client.validationError: Invalid ID value.  'EMP-9999' is not a valid ID value for type = 'Employee_ID' (field: Request_References.Worker_Reference.ID)");
		// A fault is Workday's answer: it is not resent.
		expect(soapRequests()).toHaveLength(1);
	});

	it('SOAP: a wrong ISU password is a clear error without the password', async () => {
		const credentials = wd.credentials();
		credentials.p2cWorkdayIsuApi = { ...credentials.p2cWorkdayIsuApi, password: 'not-the-password-123' };
		const run = await wd.run(workflow([{}], workdayNode({ resource: 'workerWebService', operation: 'getWorkers', selection: 'all', returnAll: true }, { continueOnFail: true })), credentials);
		const [error] = run.output('Workday');
		expect(error.error).toBe('Workday: Client.authenticationError: invalid username or password');
		expect(JSON.stringify(error)).not.toContain('not-the-password-123');
	});

	it('a 429 is resent and succeeds; a 503 that lasts reaches the user with what Workday said', async () => {
		wd.sandbox.addFault(throttleFault(1, '/Human_Resources/'));
		const throttled = await wd.run(workflow([{}], workdayNode({ resource: 'workerWebService', operation: 'getWorkers', selection: 'ids', employeeIds: 'EMP-0001', returnAll: true })));
		expect(throttled.error).toBeUndefined();
		expect(throttled.output('Workday')).toHaveLength(1);
		expect(soapRequests().map((r) => r.status)).toEqual([429, 200]);
		wd.sandbox.addFault(unavailableFault(10, '/workers'));
		const unavailable = await wd.run(workflow([{}], workdayNode({ resource: 'worker', operation: 'getMany', returnAll: true }, { continueOnFail: true })));
		const [error] = unavailable.output('Workday');
		expect(error.error).toMatch(/^Workday: ERROR: The tenant is unavailable during scheduled maintenance; |^Workday: ERROR: The tenant is unavailable during scheduled maintenance$/);
		expect(wd.sandbox.requests.filter((r) => r.path.endsWith('/workers') && r.status === 503).length).toBe(5);
		wd.sandbox.addFault(throttleFault(10, '/Human_Resources/'));
		const throttledAlways = await wd.run(workflow([{}], workdayNode({ resource: 'workerWebService', operation: 'getWorkers', selection: 'all', returnAll: true }, { continueOnFail: true })));
		expect(throttledAlways.output('Workday')[0]).toMatchObject({ code: 'ERROR', error: 'Workday: ERROR: Too many requests: the tenant is throttling this client; retry later' });
	}, 60_000);

	it('SOAP: Get_Organizations of cost centers and companies', async () => {
		const run = await wd.run(workflow([{}], workdayNode({ resource: 'organizationWebService', operation: 'getOrganizations', organizationTypes: ['Cost_Center', 'Company'], returnAll: true })));
		expect(run.output('Workday').map((o) => (o.Organization_Data as IDataObject).Reference_ID)).toEqual(['MAG-US', 'MAG-UK', 'CC-100', 'CC-200']);
	});

	it('RaaS: runs a report with prompts as parameters and outputs its Report_Entry rows', async () => {
		const run = await wd.run(
			workflow([{}], workdayNode({ resource: 'report', operation: 'run', reportOwner: 'lmcneil', reportName: 'P2C_Worker_Loaded_Cost_Rates', prompts: { prompt: [{ name: 'Worker!Employee_ID', value: 'EMP-0002' }] } })),
		);
		expect(run.output('Workday').map(({ correlationId: _correlationId, ...row }) => row)).toEqual([{ Employee_ID: 'EMP-0002', Worker: 'Priya Raman', Cost_Center: 'Consulting Delivery', Loaded_Cost_Rate: '113.25', Currency: 'USD', Effective_Date: expect.stringMatching(/^\d{4}-\d{2}-01$/) }]);
		const request = wd.sandbox.requests.find((r) => r.path.includes('customreport2'))!;
		expect(request.path).toBe('/ccx/service/customreport2/meridian_impl1/lmcneil/P2C_Worker_Loaded_Cost_Rates');
		expect(new URLSearchParams(request.query).get('format')).toBe('json');
		const unknown = await wd.run(workflow([{}], workdayNode({ resource: 'report', operation: 'run', reportOwner: 'lmcneil', reportName: 'P2C_Worker_Loaded_Cost_Rates', prompts: { prompt: [{ name: 'Region', value: 'US' }] } }, { continueOnFail: true })));
		expect(unknown.output('Workday')[0]).toMatchObject({ fields: ['Region'], error: expect.stringContaining('The prompt Region is not a prompt of report P2C_Worker_Loaded_Cost_Rates') });
	});

	it('OAuth: a refused refresh token is Workday\'s OAuth reason, without the token or the secret', async () => {
		const credentials = wd.credentials();
		credentials.p2cWorkdayOAuth2Api = { ...credentials.p2cWorkdayOAuth2Api, refreshToken: 'revoked-refresh-token-0001' };
		const run = await wd.run(workflow([{}], workdayNode({ resource: 'worker', operation: 'getMany', returnAll: true })), credentials);
		expect(run.error).toMatch(/Workday token request to .*\/ccx\/oauth2\/meridian_impl1\/token failed: HTTP 400 invalid_grant: Invalid refresh token/);
		expect(run.error).not.toContain('revoked-refresh-token-0001');
	});
});
