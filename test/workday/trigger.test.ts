/**
 * The Workday trigger over the transaction log, against the sandbox: each transaction is emitted once across
 * overlapping windows, repeated polls and a restart (a new trigger instance with the stored static data); each
 * comes with its change type and effective date; a future-dated termination is pending, not a termination today.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { takeNewChanges } from '../../nodes/Workday/helpers/changes';
import { Workday } from '../../nodes/Workday/Workday.node';
import { WorkdayTrigger } from '../../nodes/Workday/WorkdayTrigger.node';
import { createWorkdaySandbox, workdayIsuSandboxCredentials } from '../../sandbox/workday';
import type { WorkdaySandbox } from '../../sandbox/workday';
import { pollContext } from './helpers';

const DAY = 86_400_000;

describe('Workday trigger', () => {
	let sandbox: WorkdaySandbox;
	let credentials: ICredentialDataDecryptedObject;

	beforeAll(async () => {
		sandbox = createWorkdaySandbox({ latencyMs: 0 });
		credentials = workdayIsuSandboxCredentials(await sandbox.start(0)) as unknown as ICredentialDataDecryptedObject;
	});
	beforeEach(() => sandbox.reset());
	afterAll(async () => await sandbox.stop());

	async function poll(parameters: INodeParameters, staticData: IDataObject, trigger = new WorkdayTrigger()) {
		const result = await trigger.poll.call(pollContext({ parameters, credentials, staticData }));
		return result ? result[0].map((item) => item.json) : null;
	}

	const startFrom = () => new Date(Date.now() - 30 * DAY).toISOString();

	it('emits the history of the window once each, with type and effective date; a future-dated termination is pending', async () => {
		const staticData: IDataObject = {};
		const parameters = { changeTypes: [], startFrom: startFrom(), overlapMinutes: 60 };
		const first = await poll(parameters, staticData);
		expect(first?.map((c) => [c.employeeId, c.changeType, c.businessProcess])).toEqual([
			['EMP-0005', 'hire', 'Hire'],
			['EMP-0002', 'compensation', 'Request Compensation Change'],
			['EMP-0003', 'manager', 'Move Workers (Supervisory)'],
			['EMP-0003', 'termination', 'Termination'],
		]);
		const today = new Date().toISOString().slice(0, 10);
		const termination = first!.find((c) => c.changeType === 'termination')!;
		expect(String(termination.effectiveDate) > today).toBe(true);
		expect(termination.effectiveNow).toBe(false);
		// The worker is read as of the termination's date: Workday shows the termination there.
		const status = ((termination.worker as IDataObject).Worker_Data as IDataObject).Employment_Data as IDataObject;
		expect((status.Worker_Status_Data as IDataObject).Termination_Date).toBe(termination.effectiveDate);
		const hire = first!.find((c) => c.changeType === 'hire')!;
		expect(hire.effectiveNow).toBe(false);
		// The same window again, overlap and all: nothing new.
		expect(await poll(parameters, staticData)).toBeNull();
	});

	it('neither misses nor repeats across overlapping windows and a restart', async () => {
		const staticData: IDataObject = {};
		const parameters = { changeTypes: ['compensation', 'manager', 'fte'], startFrom: startFrom(), overlapMinutes: 120 };
		expect((await poll(parameters, staticData))?.map((c) => c.changeType)).toEqual(['compensation', 'manager']);
		// A change entered 30 minutes ago commits late: its entry moment is inside the overlap, before the cursor.
		const late = sandbox.tenant.record({ employeeId: 'EMP-0001', type: 'Change Working Time', effectiveDate: new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10), enteredAt: new Date(Date.now() - 30 * 60_000).toISOString(), changes: { ftePercent: '80', weeklyHours: '32' } });
		const afterLate = await poll(parameters, staticData);
		expect(afterLate?.map((c) => [c.transactionId, c.changeType, c.employeeId, c.previousFte])).toEqual([[late.wid, 'fte', 'EMP-0001', '1']]);
		// A restart: a new trigger instance with the persisted static data sees the same window and emits nothing.
		const restored = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		expect(await poll(parameters, restored, new WorkdayTrigger())).toBeNull();
		const next = sandbox.tenant.record({ employeeId: 'EMP-0002', type: 'Request Compensation Change', effectiveDate: new Date().toISOString().slice(0, 10), changes: { costRate: '80.00' } });
		expect((await poll(parameters, restored, new WorkdayTrigger()))?.map((c) => c.transactionId)).toEqual([next.wid]);
		expect(await poll(parameters, restored, new WorkdayTrigger())).toBeNull();
		// Every Get_Workers of a window reads all pages under the window's end as As_Of_Entry_DateTime.
		const windows = sandbox.requests.filter((r) => String(r.body).includes('Transaction_Log_Criteria_Data')).map((r) => String(r.body));
		expect(windows.every((b) => /<wd:Updated_Through>([^<]+)<\/wd:Updated_Through>.*<wd:As_Of_Entry_DateTime>\1</.test(b))).toBe(true);
	});

	it('canonical output: the resource as of the change, status judged today, the change beside it', async () => {
		const staticData: IDataObject = {};
		const out = await poll({ changeTypes: ['termination', 'compensation'], startFrom: startFrom(), output: 'canonical' }, staticData);
		const [comp, termination] = out!;
		expect(comp.resource).toMatchObject({ number: 'EMP-0002', costRates: [{ rate: { amount: '75.50', currency: 'USD', unit: 'hour' }, effectiveFrom: (comp.workdayChange as IDataObject).effectiveDate }] });
		expect(termination.resource).toMatchObject({ number: 'EMP-0003', employmentStatus: 'active', terminationDate: (termination.workdayChange as IDataObject).effectiveDate });
		expect(termination.workdayChange).toMatchObject({ changeType: 'termination', effectiveNow: false });
	});

	it('subtitles read as the editor\'s labels', () => {
		const subtitleOf = (subtitle: string, parameters: Record<string, unknown>) => new Function('$parameter', `return ${subtitle.replace(/^=\{\{/, '').replace(/\}\}$/, '')};`)(parameters) as string;
		expect(subtitleOf(new WorkdayTrigger().description.subtitle!, { changeTypes: ['termination', 'fte'] })).toBe('Worker changes: Termination, FTE / Working Time');
		expect(subtitleOf(new Workday().description.subtitle!, { operation: 'getChanges', resource: 'workerWebService' })).toBe('Get Changes: Worker (Web Service)');
	});

	it('the seen transactions are pruned to the window and the cursor never moves back', () => {
		const state = { cursor: '2026-03-01T10:00:00.000Z', seen: { old: '2026-02-01T00:00:00.000Z', recent: '2026-03-01T09:58:00.000Z' } };
		const window = { from: Date.parse('2026-03-01T09:00:00.000Z'), through: Date.parse('2026-03-01T09:30:00.000Z') };
		const { fresh, state: next } = takeNewChanges([{ transactionId: 'recent', enteredAt: '2026-03-01T09:58:00.000Z' }, { transactionId: 'new', enteredAt: '2026-03-01T09:20:00.000Z' }], state, window);
		expect(fresh.map((c) => c.transactionId)).toEqual(['new']);
		expect(Object.keys(next.seen!).sort()).toEqual(['new', 'recent']);
		expect(next.cursor).toBe('2026-03-01T10:00:00.000Z');
	});
});

describe('Workday trigger, manual run', () => {
	let sandbox: WorkdaySandbox;
	let credentials: ICredentialDataDecryptedObject;
	beforeAll(async () => {
		sandbox = createWorkdaySandbox({ latencyMs: 0 });
		credentials = workdayIsuSandboxCredentials(await sandbox.start(0)) as unknown as ICredentialDataDecryptedObject;
	});
	afterAll(async () => await sandbox.stop());

	it('shows the latest change of the last 30 days as a sample and leaves the cursor alone', async () => {
		const staticData: IDataObject = {};
		const result = await new WorkdayTrigger().poll.call(pollContext({ parameters: { changeTypes: ['hire', 'manager'] }, credentials, staticData, mode: 'manual' }));
		expect(result![0].map((item) => [item.json.employeeId, item.json.changeType])).toEqual([['EMP-0003', 'manager']]);
		expect(staticData).toEqual({});
	});
});
