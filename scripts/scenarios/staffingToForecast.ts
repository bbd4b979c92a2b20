/**
 * Template staffing-to-forecast in real n8n: the Certinia PSA's staffing (the firm's seeded assignments, plus a
 * one-month assignment added here) becomes Finance project hour estimates, one line per project and month with
 * hours and planned cost exact. Expected lines are worked out here from the Certinia sandbox's assignments
 * (hours spread by working days in hundredths, cost = hundredths × rate in cents / 100 rounded half up per line),
 * and each project's months must add up to its planned hours. Run 2 sends Finance no write. After the added
 * assignment's hours change (24 → 30), run 3 rewrites exactly one line (that project's April) and nothing else.
 * Assignments without hours or rates (such as the ones termination-conflicts adds) are parked, not forecast.
 */
import { objectDef } from '../../sandbox/salesforce/schema';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { allRuns, executeWorkflow } from './governed';
import type { Rec } from './governed';

export const STAFFING_TO_FORECAST = 'p2cStaffingForecast1';
const SET = 'ProjEstimateHoursImport';
const PREFIX = 'p2c:forecast:';

const certinia = (context: ScenarioContext, object: string) => context.sandboxes.salesforce.org.records(objectDef(object)!) as Rec[];
const finance = (context: ScenarioContext, set: string) => context.sandboxes.dynamicsFinance.service.records(set) as Rec[];
const forecastLines = (context: ScenarioContext) => finance(context, SET).filter((l) => String(l.Description ?? '').startsWith(PREFIX));
const financeWrites = (context: ScenarioContext) => context.sandboxes.dynamicsFinance.requests.filter((r) => r.method !== 'GET');

/** Decimal text (at most `digits` decimals) as an integer of 10^-digits units. */
function units(text: unknown, digits: number): bigint {
	const [whole, fraction = ''] = String(text).split('.');
	if (fraction.replace(/0+$/, '').length > digits) throw new Error(`${String(text)} has more than ${digits} decimals`);
	return BigInt(whole + fraction.padEnd(digits, '0').slice(0, digits));
}
function decimal(value: bigint, digits: number): string {
	const s = value.toString().padStart(digits + 1, '0');
	const fraction = s.slice(-digits).replace(/0+$/, '');
	return s.slice(0, -digits) + (fraction ? `.${fraction}` : '');
}

/** The forecast the Certinia assignments imply, per `<company>|<project>|<month>`: hours and cost as decimal text. */
function expectedForecast(context: ScenarioContext): { lines: Map<string, { hours: string; cost: string }>; plannedByProject: Map<string, bigint>; parked: number } {
	const projects = new Map(certinia(context, 'pse__Proj__c').map((p) => [p.Id, p.External_Id__c]));
	const companies = new Map(finance(context, 'Projects').map((p) => [p.ProjectID, p.dataAreaId]));
	const raw = new Map<string, { hundredths: bigint; costTimes100: bigint }>();
	const plannedByProject = new Map<string, bigint>();
	let parked = 0;
	for (const a of certinia(context, 'pse__Assignment__c')) {
		if (a.pse__Status__c === 'Closed') continue;
		const projectId = projects.get(a.pse__Project__c);
		const company = companies.get(projectId);
		// No planned hours or no cost rate (Certinia defaults both to 0) is parked, as is a project Finance lacks.
		if (!company || !Number(a.pse__Planned_Hours__c ?? 0) || !Number(a.pse__Cost_Rate_Amount__c ?? 0)) {
			parked++;
			continue;
		}
		const hundredths = units(a.pse__Planned_Hours__c, 2);
		const rateCents = units(a.pse__Cost_Rate_Amount__c, 2);
		plannedByProject.set(projectId, (plannedByProject.get(projectId) ?? 0n) + hundredths);
		// Working days per month; the spread gives each month floor(share) and the leftover hundredths one by one to
		// the largest remainders (earlier month first on a tie).
		const days = new Map<string, bigint>();
		for (let d = new Date(`${String(a.pse__Start_Date__c)}T00:00:00Z`); d <= new Date(`${String(a.pse__End_Date__c)}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000)) {
			if (d.getUTCDay() % 6 === 0) continue;
			const month = d.toISOString().slice(0, 7);
			days.set(month, (days.get(month) ?? 0n) + 1n);
		}
		const total = [...days.values()].reduce((x, y) => x + y, 0n);
		const shares = [...days].map(([month, n], i) => ({ month, i, share: (hundredths * n) / total, rest: (hundredths * n) % total }));
		let left = hundredths - shares.reduce((x, s) => x + s.share, 0n);
		for (const s of [...shares].sort((x, y) => (x.rest === y.rest ? x.i - y.i : x.rest > y.rest ? -1 : 1))) {
			if (left-- <= 0n) break;
			s.share++;
		}
		for (const s of shares) {
			const key = `${String(company)}|${String(projectId)}|${s.month}`;
			const line = raw.get(key) ?? { hundredths: 0n, costTimes100: 0n };
			line.hundredths += s.share;
			line.costTimes100 += s.share * rateCents;
			raw.set(key, line);
		}
	}
	const lines = new Map([...raw].map(([key, l]) => [key, { hours: decimal(l.hundredths, 2), cost: decimal((2n * l.costTimes100 + 100n) / 200n, 2) }]));
	return { lines, plannedByProject, parked };
}

const lineKey = (l: Rec) => `${String(l.dataAreaId)}|${String(l.Description).slice(PREFIX.length).replace(':', '|')}`;
const snapshot = (context: ScenarioContext) => Object.fromEntries(forecastLines(context).map((l) => [lineKey(l), `${String(l.Duration)} h, cost ${String(l.PlannedCostAmount)}, sales ${String(l.PlannedSalesAmount)}`]));

export const staffingToForecast: Scenario = {
	name: 'staffing-to-forecast',
	async run(context) {
		const started = Date.now();
		const { checks, n8n } = context;
		const org = context.sandboxes.salesforce.org;
		const users = certinia(context, 'User');
		const userId = String(users[users.length - 1].Id);
		const priya = certinia(context, 'Contact').find((c) => c.External_Id__c === 'EMP-0002')!;
		const acme = certinia(context, 'pse__Proj__c').find((p) => p.External_Id__c === 'SF-006A000101')!;
		// A one-month assignment (April 2026, three weeks): changing it later touches exactly one month of Acme's forecast.
		const schedule = org.insert('pse__Schedule__c', { pse__Start_Date__c: '2026-04-06', pse__End_Date__c: '2026-04-24', pse__Monday_Hours__c: 8, pse__Tuesday_Hours__c: 8, pse__Wednesday_Hours__c: 8, pse__Thursday_Hours__c: 8, pse__Friday_Hours__c: 8 }, userId);
		const added = org.insert('pse__Assignment__c', { Name: 'Acme data migration sprint - Priya Raman', CurrencyIsoCode: 'USD', pse__Resource__c: priya.Id, pse__Project__c: acme.Id, pse__Schedule__c: schedule, pse__Status__c: 'Scheduled', pse__Is_Billable__c: true, pse__Planned_Hours__c: 24, pse__Cost_Rate_Amount__c: 70, pse__Bill_Rate__c: 200 }, userId);
		const linesBefore = forecastLines(context).length;

		const first = await executeWorkflow(n8n, STAFFING_TO_FORECAST);
		checks.check('staffing-to-forecast run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const expected = expectedForecast(context);
		const got = forecastLines(context);
		const gotByKey = Object.fromEntries(got.map((l) => [lineKey(l), { hours: String(l.Duration), cost: units(l.PlannedCostAmount, 2) }]));
		const mismatches = [...expected.lines].filter(([key, want]) => !gotByKey[key] || gotByKey[key].hours !== want.hours || decimal(gotByKey[key].cost, 2) !== want.cost).map(([key, want]) => ({ key, want, got: gotByKey[key] && { hours: gotByKey[key].hours, cost: decimal(gotByKey[key].cost, 2) } }));
		checks.check(
			'one Finance forecast line per project and month, hours exact and planned cost to the cent, none extra or doubled',
			linesBefore === 0 && mismatches.length === 0 && got.length === expected.lines.size && new Set(got.map(lineKey)).size === got.length,
			{ lines: got.length, expected: expected.lines.size, mismatches: mismatches.slice(0, 5) },
		);
		const hoursByProject = new Map<string, bigint>();
		for (const l of got) {
			const project = String(l.ProjectId);
			hoursByProject.set(project, (hoursByProject.get(project) ?? 0n) + units(l.Duration, 2));
		}
		checks.check(
			"each project's monthly forecast hours add up exactly to its assignments' planned hours",
			expected.plannedByProject.size > 0 && [...expected.plannedByProject].every(([project, planned]) => hoursByProject.get(project) === planned),
			Object.fromEntries([...expected.plannedByProject].map(([p, h]) => [p, { planned: decimal(h, 2), forecast: decimal(hoursByProject.get(p) ?? 0n, 2) }])),
		);
		const parkedRun1 = allRuns(first.data, 'Park for owner', 0).length;
		checks.check('assignments without hours, rates or a Finance project are parked for their owner, not forecast', parkedRun1 === expected.parked, { parked: parkedRun1, expected: expected.parked });

		const writesBefore = financeWrites(context).length;
		const before = snapshot(context);
		let run2Writes = 0;
		const second = await executeWorkflow(n8n, STAFFING_TO_FORECAST);
		checks.check('staffing-to-forecast run 2 succeeds', second.ok, second.ok ? undefined : second.output.slice(-1500));
		const unchanged = allRuns(second.data, 'Check & Claim', 1).length;
		checks.check(
			'staffing-to-forecast run 2: every line is Unchanged in the ledger and Finance gets no write',
			financeWrites(context).length === writesBefore && unchanged === expected.lines.size && JSON.stringify(snapshot(context)) === JSON.stringify(before),
			{ writes: financeWrites(context).length - writesBefore, unchanged, lines: expected.lines.size },
		);

		run2Writes = financeWrites(context).length - writesBefore;
		org.update('pse__Assignment__c', added, { pse__Planned_Hours__c: 30 }, userId);
		const third = await executeWorkflow(n8n, STAFFING_TO_FORECAST);
		checks.check('staffing-to-forecast run 3 (one assignment changed) succeeds', third.ok, third.ok ? undefined : third.output.slice(-1500));
		const after = snapshot(context);
		const changed = Object.keys(after).filter((key) => after[key] !== before[key]);
		const writes = financeWrites(context).slice(writesBefore);
		const aprilKey = 'usmf|SF-006A000101|2026-04';
		const part = (text: string | undefined, index: number) => (text ? units(/^(\S+) h, cost (\S+),/.exec(text)![index], 2) : -1n);
		checks.check(
			"after one assignment changed (24 → 30 h), run 3 rewrites exactly that month's line (Acme, April 2026: 6 more hours, 420.00 more cost) and nothing else",
			JSON.stringify(changed) === JSON.stringify([aprilKey]) &&
				part(after[aprilKey], 1) - part(before[aprilKey], 1) === 600n &&
				part(after[aprilKey], 2) - part(before[aprilKey], 2) === 42000n &&
				writes.length === 1 &&
				writes[0].method === 'PATCH' &&
				writes[0].path.startsWith(`/data/${SET}(`) &&
				expectedForecast(context).lines.get(aprilKey)?.hours === after[aprilKey].split(' ')[0],
			{ changed, before: before[aprilKey], after: after[aprilKey], writes: writes.map((w) => `${w.method} ${w.path}`) },
		);
		return { seconds: Math.round((Date.now() - started) / 1000), lines: got.length, parked: parkedRun1, run2Writes, run3Writes: writes.length };
	},
};
