/**
 * The master-data checks of approved-time-to-erp (its Check master data node's JavaScript, as shipped), one
 * failure at a time: each goes to its owner with the canonical field it names, and an entry that passes them
 * all comes out with the ERP's keys resolved.
 */
import { APPROVED_TIME_TEMPLATE, readTemplate } from '../../scripts/lib/matrix';

const code = String(readTemplate(APPROVED_TIME_TEMPLATE).nodes.find((n) => n.name === 'Check master data')!.parameters.jsCode);

type Json = Record<string, any>;
const envelope = (system: string, id: string, externalId?: string) => ({ schemaVersion: '1.0', entity: 'x', source: { system, environment: 'sandbox', object: 'o', id, ...(externalId ? { externalId } : {}) }, lineage: [{ step: 'extract', system }] });

function world() {
	return {
		time: [{ envelope: envelope('kantata', '1042'), timeEntry: { date: '2026-01-13', hours: '7.5', resource: { id: 'u1' }, project: { id: 'w1' }, task: { id: 's1' }, approvalState: 'approved', billable: true, description: 'Interviews' } }] as Json[],
		people: [{ envelope: envelope('kantata', 'u1', 'EMP-0002'), resource: { name: { display: 'Priya Raman' }, employmentStatus: 'active', hireDate: '2021-06-14', costRates: [{ rate: { amount: '70.00', currency: 'USD', unit: 'hour' }, effectiveFrom: '2026-01-01' }] } }] as Json[],
		projects: [{ envelope: envelope('kantata', 'w1', 'SF-006A000101'), project: { name: 'Acme', status: 'active', tasks: [{ taskId: 's1', name: 'Discovery', startDate: '2026-01-12', endDate: '2026-02-13' }] } }] as Json[],
		erp: [{ envelope: envelope('oracleFusion', '3000019'), project: { name: 'Acme', number: 'SF-006A000101', status: 'active', currency: 'USD', tasks: [{ taskId: 'SF-006A000101-T1', name: 'Discovery' }] } }] as Json[],
	};
}

async function check(data: ReturnType<typeof world>): Promise<Json> {
	const nodes: Record<string, Json[]> = { 'Approved time (PSA)': data.time, 'People (PSA)': data.people, 'Projects (PSA)': data.projects, 'Projects (ERP)': data.erp };
	const $ = (name: string) => ({ all: () => nodes[name].map((json) => ({ json })) });
	const run = new Function('$', `return (async () => {\n${code}\n})();`) as ($: unknown) => Promise<Array<{ json: Json }>>;
	const out = await run($);
	expect(out).toHaveLength(data.time.length);
	return out[0].json;
}

describe('approved-time-to-erp: Check master data', () => {
	it('passes an approved entry of an active worker on an open task of a project the ERP has, in an open period, with the ERP keys resolved', async () => {
		const result = await check(world());
		expect(result.masterData).toEqual({ ok: true });
		expect(result.key).toBe('oracleFusion:time:kantata:1042');
		expect(result.erp).toEqual({ system: 'oracleFusion', worker: 'EMP-0002', project: { id: '3000019', number: 'SF-006A000101', currency: 'USD' }, task: { id: 'SF-006A000101-T1', name: 'Discovery' } });
		expect(result.erpEntry.envelope.source.system).toBe('oracleFusion');
		expect(result.erpEntry.timeEntry).toEqual({ date: '2026-01-13', hours: '7.5', resource: { id: 'EMP-0002' }, project: { id: 'SF-006A000101' }, task: { id: 'SF-006A000101-T1' }, approvalState: 'approved', billable: true, description: '[kantata:1042] Interviews' });
	});

	it('takes the WBS task whose dates cover the day for an entry booked on the project only', async () => {
		const data = world();
		delete data.time[0].timeEntry.task;
		data.projects[0].project.tasks.unshift({ taskId: 's0', name: 'Mobilise', startDate: '2025-12-01', endDate: '2026-01-09' });
		expect((await check(data)).erp.task).toEqual({ id: 'SF-006A000101-T1', name: 'Discovery' });
	});

	const failures: Array<[string, (data: ReturnType<typeof world>) => void, string, string, RegExp]> = [
		['an entry not approved', (d) => (d.time[0].timeEntry.approvalState = 'submitted'), 'pmo', 'timeEntry.approvalState', /submitted, not approved/],
		['a worker the PSA does not list', (d) => (d.people = []), 'hrOperations', 'timeEntry.resource', /not in the PSA's worker list/],
		['a terminated worker', (d) => Object.assign(d.people[0].resource, { employmentStatus: 'terminated', terminationDate: '2026-01-09' }), 'hrOperations', 'timeEntry.resource', /EMP-0002 is not active on 2026-01-13/],
		['a worker who left before the day', (d) => (d.people[0].resource.terminationDate = '2026-01-12'), 'hrOperations', 'timeEntry.resource', /not active on 2026-01-13/],
		['a worker hired after the day', (d) => (d.people[0].resource.hireDate = '2026-02-01'), 'hrOperations', 'timeEntry.resource', /not active on 2026-01-13/],
		['a closed project', (d) => (d.projects[0].project.status = 'closed'), 'pmo', 'timeEntry.project', /SF-006A000101 is closed, not open for time/],
		['a completed task', (d) => (d.projects[0].project.tasks[0].status = 'complete'), 'pmo', 'timeEntry.task', /Discovery of SF-006A000101 is complete/],
		['a project the ERP does not have', (d) => (d.erp[0].project.number = 'SF-006A000999'), 'finance', 'timeEntry.project', /SF-006A000101 is not known to oracleFusion/],
		['a project the ERP closed', (d) => (d.erp[0].project.status = 'closed'), 'finance', 'timeEntry.project', /is closed in oracleFusion/],
		['a task missing from the ERP WBS', (d) => (d.erp[0].project.tasks = [{ taskId: 'SF-006A000101-T2', name: 'Build' }]), 'finance', 'timeEntry.task', /Discovery of SF-006A000101 is not in oracleFusion's WBS/],
		['a rate card that does not cover the day', (d) => (d.people[0].resource.costRates[0].effectiveFrom = '2026-02-01'), 'finance', 'timeEntry.costRate', /rate card has no cost rate on 2026-01-13/],
		['a closed period', (d) => (d.time[0].timeEntry.date = '2026-04-02'), 'finance', 'timeEntry.date', /period 2026-04 is not open/],
	];

	it.each(failures)('parks %s for its owner, naming the field', async (_what, change, owner, field, reason) => {
		const data = world();
		change(data);
		const result = await check(data);
		expect(result.masterData).toMatchObject({ ok: false, owner, field });
		expect(result.masterData.reason).toMatch(reason);
		expect(result.erp).toBeUndefined();
		expect(result.erpEntry).toBeUndefined();
	});

	it('parks a record the PSA node could not map for the PMO, with the fields it names', async () => {
		const data = world();
		data.time = [{ payload: { id: 7 }, problems: [{ path: 'timeEntry.hours', reason: 'is required but missing' }] }];
		const result = await check(data);
		expect(result.masterData).toMatchObject({ ok: false, owner: 'pmo', field: 'timeEntry.hours' });
	});
});
