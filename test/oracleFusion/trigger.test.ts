/** The Oracle Fusion Trigger polls LastUpdateDate with an overlap and emits each change once across polls and restarts. */
import { mockDeep } from 'jest-mock-extended';
import type { IDataObject, IHttpRequestOptions, IPollFunctions } from 'n8n-workflow';

import { OracleFusionTrigger } from '../../nodes/OracleFusion/OracleFusionTrigger.node';
import { createOracleFusionSandbox, oracleSandboxCredentials } from '../../sandbox/oracleFusion';
import type { OracleFusionSandbox } from '../../sandbox/oracleFusion';

let sandbox: OracleFusionSandbox;
let credentials: Record<string, string>;
beforeAll(async () => {
	sandbox = createOracleFusionSandbox({ latencyMs: 0 });
	credentials = oracleSandboxCredentials(await sandbox.start(0));
});
beforeEach(() => sandbox.reset());
afterAll(async () => await sandbox.stop());

function pollContext(parameters: IDataObject, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger') {
	const context = mockDeep<IPollFunctions>();
	context.getNodeParameter.mockImplementation(((name: string, fallback?: unknown) => parameters[name] ?? fallback) as never);
	context.getWorkflowStaticData.mockReturnValue(staticData);
	context.getMode.mockReturnValue(mode);
	context.getCredentials.mockImplementation((async () => credentials) as never);
	context.helpers.returnJsonArray.mockImplementation(((items: IDataObject[]) => items.map((json) => ({ json }))) as never);
	context.helpers.httpRequestWithAuthentication.mockImplementation((async (_type: string, request: IHttpRequestOptions) => {
		const url = new URL(String(request.url));
		for (const [k, v] of Object.entries(request.qs ?? {})) url.searchParams.set(k, String(v));
		const response = await fetch(url, { headers: { ...(request.headers as Record<string, string>), Authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` } });
		return { body: await response.json(), headers: {}, statusCode: response.status };
	}) as never);
	return context;
}

const poll = async (parameters: IDataObject, staticData: IDataObject) => ((await new OracleFusionTrigger().poll.call(pollContext({ authentication: 'basic', ...parameters }, staticData))) ?? [[]])[0].map((i) => i.json);

function event(description: string, at: string): Record<string, unknown> {
	return sandbox.store.insert('projectBillingEvents', { EventNumber: 1, ContractNumber: 'CON-1001', ContractLineNumber: '1', EventTypeName: 'Milestone', ProjectNumber: 'SF-006A000101', BillTrnsAmount: 100, BillTrnsCurrencyCode: 'USD', CompletionDate: '2026-06-30', EventDescription: description, InvoicedFlag: false, LastUpdateDate: at });
}

describe('Oracle Fusion Trigger', () => {
	it('emits a change once, and the same record again only when it changes again', async () => {
		const state: IDataObject = {};
		expect(await poll({ resource: 'projectBillingEvent' }, state)).toEqual([]);
		const created = event('Go-live', new Date(Date.now() - 1_000).toISOString());
		const first = await poll({ resource: 'projectBillingEvent' }, state);
		expect(first.map((e) => e.EventDescription)).toEqual(['Go-live']);
		expect(await poll({ resource: 'projectBillingEvent' }, state)).toEqual([]);
		created.EventDescription = 'Go-live (amended)';
		created.LastUpdateDate = new Date(Date.now() + 500).toISOString().replace('Z', '+00:00');
		const second = await poll({ resource: 'projectBillingEvent' }, state);
		expect(second.map((e) => e.EventDescription)).toEqual(['Go-live (amended)']);
		const q = new URLSearchParams(sandbox.requests[sandbox.requests.length - 1].query).get('q')!;
		expect(q).toMatch(/^LastUpdateDate > '\d{4}-\d{2}-\d{2}T[\d:.]+Z'$/);
	});

	it('a change that commits with a timestamp inside the overlap is still emitted, once', async () => {
		const state: IDataObject = {};
		event('A', new Date(Date.now() - 1_000).toISOString());
		expect((await poll({ resource: 'projectBillingEvent' }, state)).map((e) => e.EventDescription)).toEqual(['A']);
		// Committed late with an earlier timestamp than A: the overlap window still reads it.
		event('B', new Date(Date.now() - 60_000).toISOString());
		expect((await poll({ resource: 'projectBillingEvent' }, state)).map((e) => e.EventDescription)).toEqual(['B']);
		expect(await poll({ resource: 'projectBillingEvent' }, state)).toEqual([]);
	});

	it('emits approved expense reports only, as canonical expenses with their expenses', async () => {
		const state: IDataObject = {};
		await poll({ resource: 'expenseReport', output: 'canonical' }, state);
		const now = new Date(Date.now() - 1_000).toISOString();
		const approved = sandbox.store.insert('expenseReports', { ExpenseReportNumber: 'EXP9', PersonNumber: 'EMP-0003', PersonName: 'Oliver Hale', ExpenseReportDate: '2026-02-03', ExpenseReportTotal: 12.5, ReimbursementCurrencyCode: 'GBP', ExpenseStatusCode: 'APPROVED', LastUpdateDate: now });
		sandbox.store.insert('expenseReports', { StartDate: '2026-02-03', ExpenseType: 'Meals', ReimbursableAmount: 12.5, ReimbursementCurrencyCode: 'GBP' }, { row: approved, child: 'Expense' });
		sandbox.store.insert('expenseReports', { ExpenseReportNumber: 'EXP10', PersonNumber: 'EMP-0003', ExpenseReportDate: '2026-02-04', ExpenseReportTotal: 1, ReimbursementCurrencyCode: 'GBP', ExpenseStatusCode: 'SAVED', LastUpdateDate: now });
		const out = await poll({ resource: 'expenseReport', output: 'canonical' }, state);
		expect(out).toHaveLength(1);
		expect(out[0].expense).toMatchObject({ number: 'EXP9', approvalState: 'approved', total: { amount: '12.50', currency: 'GBP' }, lines: [{ amount: { amount: '12.50', currency: 'GBP' } }] });
	});

	it('shows the latest record as a sample in manual mode', async () => {
		const out = (await new OracleFusionTrigger().poll.call(pollContext({ authentication: 'basic', resource: 'customer' }, {}, 'manual')))![0];
		expect(out).toHaveLength(1);
		expect(new URLSearchParams(sandbox.requests[0].query).get('orderBy')).toBe('LastUpdateDate:desc');
	});
});
