/**
 * The NetSuite sandbox's billing schedules (Fixed Bid, Milestone), over HTTP as the record service serves them:
 * the firm's milestones seeded as percentages of each project's price, the shapes of the REST API Browser
 * (2026.1: billingSchedule, billingSchedule-milestoneCollection / -milestoneElement; the stored copy in
 * ../shared has no page for them, so the documented property names are listed here), NetSuite's error JSON and
 * its auth check.
 */
import axios from 'axios';

import { tbaAuthorizationHeader } from '../../../nodes/NetSuite/transport/tba';
import { FIRM_PROJECTS } from '../../../sandbox/firm/dataset';
import { createNetSuiteSandbox, NETSUITE_SANDBOX_ACCOUNT_ID, NETSUITE_SANDBOX_TBA } from '../../../sandbox/netsuite';
import type { NetSuiteSandbox } from '../../../sandbox/netsuite';

type Rec = Record<string, any>;

/** Property names of billingSchedule and its milestone sublist in the REST API Browser (2026.1). */
const BILLING_SCHEDULE_PROPERTIES = new Set([
	'applyToSubtotal', 'billForActuals', 'dayPeriod', 'externalId', 'frequency', 'id', 'inArrears', 'initialAmount', 'initialAmountPercent',
	'initialTerms', 'isInactive', 'isPublic', 'job', 'links', 'milestone', 'monthDom', 'monthDow', 'monthDowim', 'monthMode', 'name',
	'numberRemaining', 'recurrence', 'recurrencePattern', 'recurrenceTerms', 'refName', 'repeatEvery', 'scheduleType', 'seriesStartDate',
	'transaction', 'weekFriday', 'weekMonday', 'weekSaturday', 'weekSunday', 'weekThursday', 'weekTuesday', 'weekWednesday', 'yearDom',
	'yearDow', 'yearDowim', 'yearDowimMonth', 'yearMode', 'yearMonth',
]);
const MILESTONE_COLLECTION_PROPERTIES = ['count', 'hasMore', 'items', 'links', 'offset', 'totalResults'];
const MILESTONE_ELEMENT_PROPERTIES = new Set([
	'comments', 'links', 'milestoneActualCompletionDate', 'milestoneAmount', 'milestoneCompleted', 'milestoneDate', 'milestoneId', 'milestoneTerms', 'projectTask', 'refName',
]);

let sandbox: NetSuiteSandbox;
let baseUrl: string;

beforeAll(async () => {
	sandbox = createNetSuiteSandbox();
	baseUrl = await sandbox.start(0);
});
afterAll(async () => sandbox.stop());
beforeEach(() => sandbox.reset());

const keys = { ...NETSUITE_SANDBOX_TBA, realm: NETSUITE_SANDBOX_ACCOUNT_ID };
async function send(method: string, path: string, data?: unknown, signed = true, headers: Record<string, string> = {}) {
	const url = `${baseUrl}${path}`;
	return await axios({ method, url, data, headers: { ...(signed ? { Authorization: tbaAuthorizationHeader({ method, url }, keys) } : {}), ...headers }, validateStatus: () => true });
}

const RECORD = '/services/rest/record/v1';
const jobOf = (externalId: string) => sandbox.store.all('job').find((job) => job.fields.externalId === externalId)!;

describe('NetSuite sandbox: billing schedules', () => {
	it('seeds each firm project\'s milestones as a Fixed Bid, Milestone schedule: percentages of the project price that give the firm\'s amounts', async () => {
		const projects = FIRM_PROJECTS.filter((project) => project.tasks.some((task) => task.isMilestone));
		expect(projects.length).toBeGreaterThanOrEqual(2);
		for (const project of projects) {
			const job = (await send('GET', `${RECORD}/job/${jobOf(project.externalId).id}`)).data as Rec;
			expect(job.currency.refName).toBe(project.currency);
			const schedule = (await send('GET', `${RECORD}/billingSchedule/${job.billingSchedule.id}?expandSubResources=true`)).data as Rec;
			expect(schedule).toMatchObject({ job: { id: job.id }, scheduleType: { id: '4', refName: 'Fixed Bid, Milestone' }, initialAmountPercent: 0 });
			const priceCents = BigInt(Math.round(job.jobPrice * 100));
			const firm = project.tasks.filter((task) => task.isMilestone);
			expect(schedule.milestone.items).toHaveLength(firm.length);
			for (const [index, task] of firm.entries()) {
				const line = schedule.milestone.items[index];
				// percent has at most two decimals: price (cents) × percent × 100 / 10,000 is the amount in cents exactly.
				expect((priceCents * BigInt(Math.round(line.milestoneAmount * 100))) / 10000n).toBe(BigInt(task.milestoneAmountMinor!));
				expect(line.milestoneDate).toBe(task.end);
				const projectTask = (await send('GET', `${RECORD}/projectTask/${line.projectTask.id}`)).data as Rec;
				expect(projectTask).toMatchObject({ externalId: task.externalId, title: task.name, project: { id: job.id } });
			}
		}
	});

	it('answers in the browser\'s shapes: the sublist a link unless expanded, lines with the documented element properties', async () => {
		const id = (jobOf('SF-006A000101').fields.billingSchedule as Rec).id;
		const plain = (await send('GET', `${RECORD}/billingSchedule/${id}`)).data as Rec;
		expect(Object.keys(plain).filter((key) => !BILLING_SCHEDULE_PROPERTIES.has(key))).toEqual([]);
		expect(plain.milestone).toEqual({ links: [{ rel: 'self', href: `${baseUrl}${RECORD}/billingSchedule/${id}/milestone` }] });
		expect(plain.links).toEqual([{ rel: 'self', href: `${baseUrl}${RECORD}/billingSchedule/${id}` }]);
		const expanded = (await send('GET', `${RECORD}/billingSchedule/${id}?expandSubResources=true`)).data as Rec;
		expect(Object.keys(expanded.milestone).sort()).toEqual(MILESTONE_COLLECTION_PROPERTIES);
		for (const line of expanded.milestone.items as Rec[]) {
			expect(Object.keys(line).filter((key) => !MILESTONE_ELEMENT_PROPERTIES.has(key))).toEqual([]);
			expect(typeof line.milestoneAmount).toBe('number');
			expect(line.projectTask.links[0].href).toBe(`${baseUrl}${RECORD}/projectTask/${line.projectTask.id}`);
		}
	});

	it('SuiteQL finds the projects that have a billing schedule', async () => {
		const response = await send('POST', '/services/rest/query/v1/suiteql?limit=10&offset=0', { q: 'SELECT id FROM job WHERE billingschedule IS NOT NULL ORDER BY id ASC' }, true, { Prefer: 'transient' });
		expect(response.status).toBe(200);
		const want = FIRM_PROJECTS.filter((project) => project.tasks.some((task) => task.isMilestone)).map((project) => jobOf(project.externalId).id);
		expect((response.data.items as Rec[]).map((row) => row.id).sort()).toEqual([...want].sort());
	});

	it('answers an unknown schedule 404 with NetSuite\'s error JSON, and an unsigned request 401', async () => {
		const missing = await send('GET', `${RECORD}/billingSchedule/99999`);
		expect(missing.status).toBe(404);
		expect(missing.data['o:errorDetails'][0]).toMatchObject({ 'o:errorCode': 'NONEXISTENT_ID' });
		const unsigned = await send('GET', `${RECORD}/billingSchedule/${(jobOf('SF-006A000101').fields.billingSchedule as Rec).id}`, undefined, false);
		expect(unsigned.status).toBe(401);
		expect(unsigned.data['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_LOGIN');
	});

	it('refuses milestones totalling more than 100% and keeps the rest as the initial amount', async () => {
		const job = jobOf('SF-006A000103').id;
		const over = await send('POST', `${RECORD}/billingSchedule`, { name: 'Too much', job: { id: job }, scheduleType: { id: '4' }, milestone: { items: [{ milestoneAmount: 60, milestoneDate: '2026-04-30' }, { milestoneAmount: 50, milestoneDate: '2026-05-29' }] } });
		expect(over.status).toBe(400);
		expect(over.data['o:errorDetails'][0]).toMatchObject({ 'o:errorCode': 'USER_ERROR' });
		const created = await send('POST', `${RECORD}/billingSchedule`, { name: 'Partial', job: { id: job }, scheduleType: { id: '4' }, milestone: { items: [{ milestoneAmount: 62.5, milestoneDate: '2026-04-30' }] } });
		expect(created.status).toBe(204);
		const read = (await send('GET', new URL(String(created.headers.location)).pathname)).data as Rec;
		expect(read.initialAmountPercent).toBe(37.5);
	});
});
