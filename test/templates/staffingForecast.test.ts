/**
 * The staffing-to-forecast template's Code node, run on canonical records as n8n would hand them over: hours
 * spread over months by working days in hundredths (summing exactly, the remainder to the earlier month on a tie),
 * cost and sales per project and month in exact money, a stable GUID per company, project and month, a ledger
 * key that changes only when the month's content changes, a vanished month set to zero, and every assignment the
 * forecast cannot use parked with its owner and field.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

const template = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows-templates', 'staffing-to-forecast.json'), 'utf8')) as { nodes: Array<{ name: string; parameters: { jsCode?: string } }> };
const CODE = template.nodes.find((n) => n.name === 'Forecast per project and month')!.parameters.jsCode!;

type Json = Record<string, any>;
const envelope = (id: string, externalId?: string) => ({ source: { system: 'certinia', id, ...(externalId ? { externalId } : {}) } });
const money = (amount: string, currency = 'USD') => ({ amount, currency, unit: 'hour' });
const assignment = (id: string, data: Json) => ({ envelope: envelope(id), assignment: { status: 'confirmed', resource: { id: 'R' }, project: { id: 'P1' }, ...data } });

function run(inputs: { staffing: Json[]; projects?: Json[]; erpProjects?: Json[]; erpLines?: Json[] }): Json[] {
	const nodes: Record<string, Json[]> = {
		'Staffing (PSA)': inputs.staffing,
		'Projects (PSA)': inputs.projects ?? [{ envelope: envelope('P1', 'SF-006A000101'), project: {} }, { envelope: envelope('P2', 'SF-006A000199'), project: {} }],
		'Projects (ERP)': inputs.erpProjects ?? [{ dataAreaId: 'usmf', ProjectID: 'SF-006A000101' }],
		'Forecast lines (ERP)': inputs.erpLines ?? [],
	};
	const $ = (name: string) => ({ all: () => nodes[name].map((json) => ({ json })) });
	// The node's code as n8n runs it: a function body with $ in scope, returning items.
	const body = new Function('$', CODE) as ($: unknown) => Array<{ json: Json }>;
	return body($).map((item) => item.json);
}

describe('staffing-to-forecast: Forecast per project and month', () => {
	const staffing = [
		// Mon 26 Jan to Fri 6 Feb 2026: 5 working days in each month; 10.01 h → 1001 hundredths, the odd one to January.
		assignment('A1', { startDate: '2026-01-26', endDate: '2026-02-06', hours: '10.01', costRate: money('70.00'), billRate: money('200.00') }),
		assignment('A2', { startDate: '2026-01-12', endDate: '2026-01-16', hours: '2', costRate: money('95.00'), billRate: money('275.00') }),
	];

	it('one line per project and month: exact hours, cost and sales; hours sum to what was planned', () => {
		const lines = run({ staffing }).filter((l) => l.forecast.ok);
		const byMonth = Object.fromEntries(lines.map((l) => [l.period, [l.hours, l.cost.amount, l.sales.amount, l.company, l.projectId]]));
		expect(byMonth).toEqual({
			'2026-01': ['7.01', '540.7', '1552', 'usmf', 'SF-006A000101'],
			'2026-02': ['5', '350', '1000', 'usmf', 'SF-006A000101'],
		});
		const january = lines.find((l) => l.period === '2026-01')!;
		expect(january.body).toMatchObject({ ProjectId: 'SF-006A000101', StartDate: '2026-01-01T00:00:00Z', Description: 'p2c:forecast:SF-006A000101:2026-01', TransactionCategoryId: 'Consulting' });
		expect(january.body.EstimateHoursImportId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(january.assignments.sort()).toEqual(['A1', 'A2']);
	});

	it('rounds a line\'s cost half up once, from the exact sum', () => {
		// 0.01 h at 0.50/h is 0.005: half a cent, rounded up to 0.01 on the line.
		const lines = run({ staffing: [assignment('A3', { startDate: '2026-03-02', endDate: '2026-03-02', hours: '0.01', costRate: money('0.50') })] });
		expect(lines.map((l) => [l.period, l.hours, l.cost.amount, l.sales.amount])).toEqual([['2026-03', '0.01', '0.01', '0']]);
	});

	it('keeps the GUID of a month and changes its ledger key only when its content changes', () => {
		const before = run({ staffing });
		const changed = run({ staffing: [staffing[0], assignment('A2', { ...staffing[1].assignment, hours: '3' })] });
		const key = (lines: Json[], period: string) => lines.find((l) => l.period === period)!;
		expect(key(changed, '2026-01').body.EstimateHoursImportId).toBe(key(before, '2026-01').body.EstimateHoursImportId);
		expect(key(changed, '2026-01').key).not.toBe(key(before, '2026-01').key);
		expect(key(changed, '2026-02').key).toBe(key(before, '2026-02').key);
		expect(run({ staffing }).map((l) => l.key)).toEqual(before.map((l) => l.key));
	});

	it('sets a month the ERP still forecasts but no staffing covers to zero', () => {
		const lines = run({ staffing, erpLines: [{ dataAreaId: 'usmf', Description: 'p2c:forecast:SF-006A000101:2026-05', Duration: 40 }, { dataAreaId: 'usmf', Description: 'p2c:forecast:SF-006A000101:2026-01', Duration: 7 }] });
		const may = lines.filter((l) => l.period === '2026-05');
		expect(may.map((l) => [l.hours, l.cost.amount, l.body.Description])).toEqual([['0', '0', 'p2c:forecast:SF-006A000101:2026-05']]);
		expect(lines.filter((l) => l.period === '2026-01')).toHaveLength(1);
	});

	it('parks what it cannot forecast with the owner and the field, and skips cancelled or proposed staffing', () => {
		const parked = run({
			staffing: [
				assignment('NOHOURS', { startDate: '2026-01-05', endDate: '2026-01-09', costRate: money('70.00') }),
				assignment('NORATE', { startDate: '2026-01-05', endDate: '2026-01-09', hours: '8' }),
				assignment('ZERO', { startDate: '2026-01-05', endDate: '2026-01-09', hours: '0', costRate: money('0') }),
				assignment('ZERORATE', { startDate: '2026-01-05', endDate: '2026-01-09', hours: '8', costRate: money('0.00') }),
				assignment('FINE', { startDate: '2026-01-05', endDate: '2026-01-09', hours: '8.005', costRate: money('70.00') }),
				assignment('ELSEWHERE', { project: { id: 'P2' }, startDate: '2026-01-05', endDate: '2026-01-09', hours: '8', costRate: money('70.00') }),
				assignment('GBP', { startDate: '2026-01-05', endDate: '2026-01-09', hours: '8', costRate: money('60.00', 'GBP') }),
				assignment('USD', { startDate: '2026-01-05', endDate: '2026-01-09', hours: '8', costRate: money('70.00') }),
				assignment('GONE', { status: 'cancelled', startDate: '2026-01-05', endDate: '2026-01-09', hours: '8', costRate: money('70.00') }),
				{ payload: { Id: 'X' }, problems: [{ path: 'payload.pse__Start_Date__c', reason: 'is required' }] },
			],
		});
		const failures = parked.filter((l) => !l.forecast.ok).map((l) => [l.assignment.envelope?.source.id ?? 'unmapped', l.forecast.owner, l.forecast.field]);
		expect(failures).toEqual([
			['NOHOURS', 'pmo', 'assignment.hours'],
			['NORATE', 'finance', 'assignment.costRate'],
			['ZERO', 'pmo', 'assignment.hours'],
			['ZERORATE', 'finance', 'assignment.costRate'],
			['FINE', 'pmo', 'assignment.hours'],
			['ELSEWHERE', 'finance', 'assignment.project'],
			// GBP came first on the project's January line, so the USD one is the odd one out.
			['USD', 'finance', 'assignment.costRate'],
			['unmapped', 'pmo', 'payload.pse__Start_Date__c'],
		]);
		expect(parked.filter((l) => l.forecast.ok).map((l) => [l.period, l.hours, l.cost.currency])).toEqual([['2026-01', '8', 'GBP']]);
	});
});
