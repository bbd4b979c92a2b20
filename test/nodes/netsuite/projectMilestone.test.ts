/**
 * NetSuite's Project Milestone (Billing Schedule) Get Many, run in n8n-core: against the NetSuite sandbox (the
 * firm's fixed-bid milestones, as every PSA sandbox holds them) and against nock answering in the REST API
 * Browser's shapes (paged SuiteQL, a paged milestone sublist, NetSuite's error JSON).
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { validateCanonical } from '../../../lib/canonical';
import { billingScheduleMilestoneMapper } from '../../../nodes/NetSuite/canonical';
import { NetSuite } from '../../../nodes/NetSuite/NetSuite.node';
import { isCanonicalException } from '../../../nodes/shared/canonicalOutput';
import { FIRM_PROJECTS } from '../../../sandbox/firm/dataset';
import { SCHEMAS } from '../../../sandbox/netsuite/schema';
import { netSuiteNode, run, useNetSuiteSandbox, workflow } from '../../netsuite/helpers';

type Rec = Record<string, any>;

const CANONICAL = { output: 'canonical', canonicalEnvironment: 'sandbox', canonicalOptions: { defaultCurrency: 'USD' } };
const MILESTONES = { resource: 'projectMilestone', operation: 'getMany', returnAll: true };

const suite = useNetSuiteSandbox();

async function read(parameters: IDataObject, options: { continueOnFail?: boolean } = {}): Promise<Rec[]> {
	const result = await run(workflow([{ correlationId: 'ns-ms-1' }], netSuiteNode(parameters, options)), suite.tba());
	expect(result.error).toBeUndefined();
	return result.output('NetSuite') as Rec[];
}

/** The firm's billing milestones (sandbox/firm): project external id → [milestone external id, amount as decimal text, currency, due date]. */
function firmMilestones(): Array<[string, string, string, string, string]> {
	return FIRM_PROJECTS.flatMap((project) =>
		project.tasks
			.filter((task) => task.isMilestone && task.milestoneAmountMinor)
			.map((task): [string, string, string, string, string] => {
				const minor = task.milestoneAmountMinor!.padStart(3, '0');
				return [project.externalId, task.externalId, `${minor.slice(0, -2)}.${minor.slice(-2)}`, project.currency, task.end];
			}),
	);
}

const jobByExternalId = (externalId: string) => suite.sandbox.store.all('job').find((job) => job.fields.externalId === externalId)!;
const scheduleOf = (externalId: string) => suite.sandbox.store.get('billingSchedule', (jobByExternalId(externalId).fields.billingSchedule as Rec).id)!;
const WRITE = { nameValidation: 'Error' as const, replace: [] as string[], now: '2026-04-01T00:00:00Z' };

describe('NetSuite Project Milestone (Billing Schedule): Get Many against the sandbox', () => {
	it('Canonical: one valid milestone per billing schedule line, the firm\'s amounts to the cent in each project\'s currency', async () => {
		const out = await read({ ...MILESTONES, ...CANONICAL });
		const want = firmMilestones();
		expect(want.length).toBeGreaterThanOrEqual(2);
		expect(out).toHaveLength(want.length);
		for (const [projectExternalId, milestoneExternalId, amount, currency, due] of want) {
			const job = jobByExternalId(projectExternalId);
			const record = out.find((r) => r.envelope?.source?.externalId === milestoneExternalId);
			expect(record).toBeDefined();
			expect(validateCanonical('milestone', record!, { unknownFields: 'strict' }).problems).toEqual([]);
			expect(record!.milestone).toMatchObject({ project: { id: job.id }, status: 'planned', dueDate: due, amount: { amount, currency }, percentOfContract: '100' });
			expect(record!.envelope).toMatchObject({ entity: 'milestone', correlationId: 'ns-ms-1', source: { system: 'netsuite', environment: 'sandbox' } });
		}
	});

	it('reads every project with a billing schedule by SuiteQL, then its job, schedule (sublists expanded) and each milestone\'s task', async () => {
		await read({ ...MILESTONES, ...CANONICAL });
		const suiteQl = suite.sandbox.requests.filter((r) => r.path.endsWith('/suiteql'));
		expect(suiteQl).toHaveLength(1);
		expect((suiteQl[0].body as Rec).q).toBe('SELECT id FROM job WHERE billingschedule IS NOT NULL ORDER BY id ASC');
		const scheduleGets = suite.sandbox.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/services/rest/record/v1/billingSchedule/'));
		expect(scheduleGets.length).toBe(firmMilestones().length);
		for (const get of scheduleGets) expect(new URLSearchParams(get.query).get('expandSubResources')).toBe('true');
	});

	it('Project filter: only that project\'s milestones, the id sent as an escaped SuiteQL literal', async () => {
		const umbrella = jobByExternalId('SF-006A000102');
		const out = await read({ ...MILESTONES, filters: { projectId: umbrella.id }, ...CANONICAL });
		expect(out.map((r) => r.milestone.project.id)).toEqual([umbrella.id]);
		await read({ ...MILESTONES, filters: { projectId: "1' OR '1'='1" } });
		const last = suite.sandbox.requests.filter((r) => r.path.endsWith('/suiteql')).at(-1)!;
		expect((last.body as Rec).q).toBe("SELECT id FROM job WHERE billingschedule IS NOT NULL AND id = '1'' OR ''1''=''1' ORDER BY id ASC");
	});

	it('Raw: the schedule\'s milestone lines as NetSuite returns them, with their schedule, project and task external id', async () => {
		const out = await read(MILESTONES);
		const acme = jobByExternalId('SF-006A000101');
		const line = out.find((r) => r.job.id === acme.id)!;
		expect(line).toMatchObject({
			milestoneAmount: 100,
			milestoneCompleted: false,
			milestoneDate: '2026-06-30',
			externalId: 'SF-006A000101-M1',
			billingSchedule: { id: (acme.fields.billingSchedule as Rec).id, refName: 'Acme ERP Implementation milestones' },
			job: { id: acme.id, externalId: 'SF-006A000101', jobPrice: 25000, currency: { refName: 'USD' } },
			correlationId: 'ns-ms-1',
		});
		expect(line.links[0].href).toMatch(/\/record\/v1\/billingSchedule\/\d+\/milestone\/1$/);
		expect(line).not.toHaveProperty('envelope');
	});

	it('a completed milestone is achieved on its actual completion date; two lines split the price by their percentages', async () => {
		const schedule = scheduleOf('SF-006A000102');
		const task = (schedule.fields.milestone as Rec[])[0].projectTask;
		suite.sandbox.store.update(SCHEMAS.billingSchedule, schedule, {
			milestone: { items: [
				{ milestoneAmount: 40, milestoneDate: '2026-03-27', milestoneCompleted: true, milestoneActualCompletionDate: '2026-03-31', projectTask: { id: task.id } },
				{ milestoneAmount: 60, milestoneDate: '2026-09-30', milestoneCompleted: false, comments: 'Operating model signed off' },
			] },
		}, { ...WRITE, replace: ['milestone'] });
		const out = await read({ ...MILESTONES, filters: { projectId: jobByExternalId('SF-006A000102').id }, ...CANONICAL });
		expect(out.map((r) => r.milestone)).toEqual([
			expect.objectContaining({ status: 'achieved', dueDate: '2026-03-27', achievedDate: '2026-03-31', amount: { amount: '18000.00', currency: 'GBP' }, name: 'Assessment report accepted' }),
			expect.objectContaining({ status: 'planned', dueDate: '2026-09-30', amount: { amount: '27000.00', currency: 'GBP' }, name: 'Operating model signed off' }),
		]);
		expect(out[1].milestone).not.toHaveProperty('achievedDate');
	});

	it('a percentage that gives no whole cent is an exception naming payload.milestoneAmount, not a rounded amount', async () => {
		const job = jobByExternalId('SF-006A000101');
		suite.sandbox.store.update(SCHEMAS.job, job, { jobPrice: 100.01 }, WRITE);
		suite.sandbox.store.update(SCHEMAS.billingSchedule, scheduleOf('SF-006A000101'), { milestone: { items: [{ milestoneAmount: 50, milestoneDate: '2026-06-30' }] } }, { ...WRITE, replace: ['milestone'] });
		const out = await read({ ...MILESTONES, filters: { projectId: job.id }, ...CANONICAL });
		expect(out).toHaveLength(1);
		expect(isCanonicalException(out[0])).toBe(true);
		expect(out[0].problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'payload.milestoneAmount', reason: expect.stringContaining('50% of 100.01 USD') })]));
	});

	it('a project without a billing schedule has no milestones', async () => {
		const out = await read({ ...MILESTONES, filters: { projectId: jobByExternalId('SF-006A000103').id }, ...CANONICAL });
		expect(out).toEqual([]);
	});

	it('offers Output on the Get Many, defaulting to Raw', () => {
		const outputs = new NetSuite().description.properties.filter((p) => p.name === 'output' && p.displayOptions?.show?.resource?.[0] === 'projectMilestone');
		expect(outputs).toHaveLength(1);
		expect(outputs[0].default).toBe('raw');
		expect(outputs[0].displayOptions?.show?.operation).toEqual(['getMany']);
	});
});

describe('billingScheduleMilestone mapping', () => {
	const line = (overrides: Rec = {}): Rec => ({
		links: [{ rel: 'self', href: 'https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1/billingSchedule/12/milestone/2' }],
		id: '12.2',
		milestoneId: 2,
		milestoneAmount: 33.5,
		milestoneDate: '2026-05-29',
		milestoneCompleted: false,
		projectTask: { id: '77', refName: 'Design approved' },
		billingSchedule: { id: '12', refName: 'Design build milestones' },
		job: { id: '310', refName: 'Design build', externalId: 'SF-006X', jobPrice: 12345.6, currency: { id: '3', refName: 'EUR' } },
		...overrides,
	});
	const map = (record: Rec) => billingScheduleMilestoneMapper.toCanonical(record, { environment: 'sandbox' } as never);

	it('multiplies price and percentage exactly (12,345.60 × 33.5% = 4,135.776 is no whole cent: reported)', () => {
		expect(map(line()).problems).toEqual([expect.objectContaining({ path: 'payload.milestoneAmount' })]);
		expect(map(line({ milestoneAmount: 25 })).data.amount).toEqual({ amount: '3086.40', currency: 'EUR' });
	});

	it('names the missing project price and percentage by their fields', () => {
		expect(map(line({ job: { id: '310', currency: { refName: 'EUR' } } })).problems).toEqual([expect.objectContaining({ path: 'payload.job.jobPrice' })]);
		expect(map(line({ milestoneAmount: undefined })).problems).toEqual([expect.objectContaining({ path: 'payload.milestoneAmount' })]);
	});

	it('is recognised by the billing schedule milestone self link', () => {
		expect(billingScheduleMilestoneMapper.matches(line())).toBe(true);
		expect(billingScheduleMilestoneMapper.matches({ ...line(), milestoneId: undefined })).toBe(false);
	});
});

describe('NetSuite Project Milestone (Billing Schedule): Get Many against nock', () => {
	const HOST = 'https://1234567-sb1.suitetalk.api.netsuite.com';
	const credentials = { p2cNetSuiteTbaApi: { accountId: '1234567_SB1', consumerKey: 'ck', consumerSecret: 'cs', tokenId: 'tk', tokenSecret: 'ts', baseUrl: '', concurrencyLimit: 5 } };
	const RECORD = `${HOST}/services/rest/record/v1`;
	const self = (path: string) => [{ rel: 'self', href: `${RECORD}/${path}` }];

	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	const milestoneLine = (id: number, amount: number, date: string) => ({ links: [], milestoneAmount: amount, milestoneCompleted: false, milestoneDate: date, milestoneId: id });

	it('walks SuiteQL pages by their next link and the milestone sublist by offset, and maps every line', async () => {
		nock(HOST)
			.post('/services/rest/query/v1/suiteql')
			.query({ limit: 1, offset: 0 })
			.reply(200, { links: [{ rel: 'next', href: `${HOST}/services/rest/query/v1/suiteql?limit=1&offset=1` }], count: 1, hasMore: true, items: [{ links: [], id: '201' }], offset: 0, totalResults: 2 })
			.post('/services/rest/query/v1/suiteql')
			.query({ limit: 1, offset: 1 })
			.reply(200, { links: [], count: 1, hasMore: false, items: [{ links: [], id: '202' }], offset: 1, totalResults: 2 });
		for (const [job, schedule, currency] of [['201', '21', 'USD'], ['202', '22', 'GBP']]) {
			nock(HOST)
				.get(`/services/rest/record/v1/job/${job}`)
				.query(true)
				.reply(200, { links: self(`job/${job}`), id: job, externalId: `P-${job}`, jobPrice: 1000, currency: { links: [], id: '1', refName: currency }, billingSchedule: { links: self(`billingSchedule/${schedule}`), id: schedule, refName: `S${schedule}` }, refName: `Job ${job}` })
				.get(`/services/rest/record/v1/billingSchedule/${schedule}`)
				.query({ expandSubResources: 'true' })
				.reply(200, {
					links: self(`billingSchedule/${schedule}`),
					id: schedule,
					name: `S${schedule}`,
					milestone: { links: self(`billingSchedule/${schedule}/milestone`), count: 1, hasMore: job === '201', items: [milestoneLine(1, 25, '2026-03-31')], offset: 0, totalResults: job === '201' ? 2 : 1 },
					refName: `S${schedule}`,
				});
		}
		nock(HOST)
			.get('/services/rest/record/v1/billingSchedule/21/milestone')
			.query({ offset: 1 })
			.reply(200, { links: self('billingSchedule/21/milestone'), count: 1, hasMore: false, items: [milestoneLine(2, 75, '2026-06-30')], offset: 1, totalResults: 2 });
		const result = await run(workflow([{}], netSuiteNode({ ...MILESTONES, options: { pageSize: 1 }, ...CANONICAL })), credentials);
		expect(result.error).toBeUndefined();
		const out = result.output('NetSuite') as Rec[];
		expect(out.map((r) => [r.milestone.project.id, r.milestone.amount])).toEqual([
			['201', { amount: '250.00', currency: 'USD' }],
			['201', { amount: '750.00', currency: 'USD' }],
			['202', { amount: '250.00', currency: 'GBP' }],
		]);
		expect(nock.isDone()).toBe(true);
	});

	it('an unknown billing schedule fails the item with NetSuite\'s error detail', async () => {
		nock(HOST)
			.post('/services/rest/query/v1/suiteql')
			.query(true)
			.reply(200, { links: [], count: 1, hasMore: false, items: [{ links: [], id: '201' }], offset: 0, totalResults: 1 })
			.get('/services/rest/record/v1/job/201')
			.query(true)
			.reply(200, { links: self('job/201'), id: '201', jobPrice: 1000, billingSchedule: { links: self('billingSchedule/99'), id: '99' } })
			.get('/services/rest/record/v1/billingSchedule/99')
			.query(true)
			.reply(404, {
				type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5',
				title: 'Not Found',
				status: 404,
				'o:errorDetails': [{ detail: 'The record instance does not exist. Provide a valid record instance ID.', 'o:errorCode': 'NONEXISTENT_ID' }],
			});
		const result = await run(workflow([{}], netSuiteNode({ ...MILESTONES, ...CANONICAL }, { continueOnFail: true })), credentials);
		expect(result.error).toBeUndefined();
		const [item] = result.output('NetSuite') as Rec[];
		expect(JSON.stringify(item)).toMatch(/record instance does not exist/);
	});
});
