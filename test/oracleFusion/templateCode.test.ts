/**
 * The Code nodes of the Oracle templates, run on their shipped source: PSA minutes become exact hours (or text
 * Oracle refuses, never a rounded number), cents exact amounts, and the firm's references the Oracle numbers; the
 * revenue journals stay decimal strings, one side per line, named for Journal Import's report.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { prepareJournal } from '../../nodes/OracleFusion/transport/journalImport';

type Json = Record<string, any>;

function codeOf(template: string, node: string): string {
	const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'workflows-templates', template), 'utf8')) as { nodes: Array<{ name: string; parameters: { jsCode?: string } }> };
	const code = workflow.nodes.find((n) => n.name === node)?.parameters.jsCode;
	if (!code) throw new Error(`${node} has no code`);
	return code;
}

const items = (list: Json[]) => list.map((json, item) => ({ json, pairedItem: { item } }));

function runCosts(sources: Record<string, Json[]>): Json[] {
	const $ = (name: string) => ({ all: () => items(sources[name] ?? []) });
	return (new Function('$', codeOf('psa-costs-to-oracle.json', 'Oracle project costs'))($) as Array<{ json: Json }>).map((o) => o.json);
}

const refs = [
	{ service_name: 'firm', subject_type: 'User', subject_id: '7', service_model_ref: 'EMP-0002' },
	{ service_name: 'firm', subject_type: 'Workspace', subject_id: '3', service_model_ref: 'SF-006A000101' },
	{ service_name: 'firm', subject_type: 'Story', subject_id: '31', service_model_ref: 'SF-006A000101-T1' },
	{ service_name: 'firm', subject_type: 'TimeEntry', subject_id: '100', service_model_ref: 'PSA-TE-1001' },
	{ service_name: 'firm', subject_type: 'Expense', subject_id: '200', service_model_ref: 'PSA-EX-2001' },
	{ service_name: 'salesforce', subject_type: 'TimeEntry', subject_id: '101', service_model_ref: 'SF-X' },
];
const projects = [{ ProjectNumber: 'SF-006A000101', ProjectCurrencyCode: 'USD', Tasks: [{ TaskNumber: 'SF-006A000101-T2', ChargeableFlag: true }, { TaskNumber: 'SF-006A000101-M1', ChargeableFlag: false }, { TaskNumber: 'SF-006A000101-T1', ChargeableFlag: true }] }];
const time = (id: string, minutes: unknown) => ({ id, time_in_minutes: minutes, date_performed: '2026-01-13', user_id: '7', workspace_id: '3', story_id: '31', billable: true, notes: 'Interviews' });

describe('psa-costs-to-oracle: Oracle project costs', () => {
	it('turns minutes into exact hours and keeps minutes without exact hours as text Oracle will refuse', () => {
		const out = runCosts({ 'Firm references (Kantata)': refs, 'Oracle projects and tasks': projects, 'Approved time (Kantata)': [time('100', 450), time('101', 20), time('102', 3), time('103', 7.5)], 'Approved expenses (Kantata)': [] });
		expect(out.map((o) => o.cost.Quantity)).toEqual([7.5, '20 minutes (no exact decimal hours)', 0.05, '7.5 minutes (not a positive whole number of minutes)']);
		expect(out[0]).toMatchObject({ kind: 'time entry', reference: 'PSA-TE-1001', key: 'oracle:cost:PSA Labor:PSA-TE-1001' });
		expect(out[0].cost).toMatchObject({ TransactionSource: 'External PSA', Document: 'PSA Labor', BusinessUnit: 'US1 Business Unit', ExpenditureOrganization: 'Consulting US', ProjectNumber: 'SF-006A000101', TaskNumber: 'SF-006A000101-T1', PersonNumber: 'EMP-0002', UnitOfMeasure: 'Hours', BillableFlag: 'Y', OriginalTransactionReference: 'PSA-TE-1001' });
		expect(out[1].reference).toBe('kantata-time-101');
	});

	it('books an expense in exact money on the project\'s first chargeable task', () => {
		const expense = { id: '200', amount_in_cents: 41235, currency: 'USD', date: '2026-01-12', category: 'Travel', user_id: '7', workspace_id: '3', is_billable: true, notes: 'Flight' };
		const [cost] = runCosts({ 'Firm references (Kantata)': refs, 'Oracle projects and tasks': projects, 'Approved time (Kantata)': [], 'Approved expenses (Kantata)': [expense, { ...expense, id: '201', amount_in_cents: 5 }] });
		expect(cost.cost).toMatchObject({ Document: 'PSA Expenses', TaskNumber: 'SF-006A000101-T1', ExpenditureType: 'Travel', Quantity: 1, UnitOfMeasure: 'Each', DenomRawCost: 412.35, DenomCurrencyCode: 'USD', OriginalTransactionReference: 'PSA-EX-2001' });
		expect(String(runCosts({ 'Firm references (Kantata)': refs, 'Oracle projects and tasks': projects, 'Approved time (Kantata)': [], 'Approved expenses (Kantata)': [{ ...expense, amount_in_cents: 5 }] })[0].cost.DenomRawCost)).toBe('0.05');
	});
});

describe('revenue-schedule-oracle: one journal per period', () => {
	it('writes canonical journals with decimal strings, one side per line, that the node accepts as balanced', () => {
		const contract = {
			contractId: 'OPP-1',
			currency: 'USD',
			journal: [
				{ period: '2026-09', date: '2026-09-30', lines: [{ account: '101.10.21000.000', debit: '1019.18', credit: '0.00' }, { account: '101.10.41000.000', debit: '0.00', credit: '1019.18' }, { account: '101.10.12500.000', debit: '0.00', credit: '0.00' }] },
				{ period: '2026-10', date: '2026-10-31', lines: [{ account: '101.10.11000.000', debit: '0.00', credit: '0.00' }] },
			],
		};
		const out = (new Function('$input', codeOf('revenue-schedule-oracle.json', 'One journal per period'))({ all: () => items([contract]) }) as Array<{ json: Json }>).map((o) => o.json);
		expect(out).toHaveLength(1);
		expect(out[0].journalName).toBe('REV-OPP-1-2026-09');
		expect(out[0].idempotencyKey).toMatch(/^oracle:journal:REV-OPP-1-2026-09:[0-9a-f]{8}$/);
		expect(out[0].journal.lines).toEqual([
			{ lineId: '1', account: { id: '101.10.21000.000' }, debit: { amount: '1019.18', currency: 'USD' } },
			{ lineId: '2', account: { id: '101.10.41000.000' }, credit: { amount: '1019.18', currency: 'USD' } },
		]);
		expect(prepareJournal(out[0].journal).totalMinor).toBe(101918n);
	});
});
