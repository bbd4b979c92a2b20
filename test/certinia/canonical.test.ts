/**
 * Certinia ⇄ canonical: the sandbox's firm records read through the node with Output: Canonical validate
 * against the canonical schemas; currency decimals become exact money (never through a float) and are refused
 * beyond the currency's minor units; a timecard with several worked days is an exception naming the field,
 * never dropped or merged; a canonical time entry renders back onto its week's day.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { validateCanonical } from '../../lib/canonical';
import { toCanonical } from '../../nodes/Certinia/canonical';
import { timecardMapper } from '../../nodes/Certinia/canonical/mappers';
import { createSalesforceSandbox, salesforceSandboxCredentials } from '../../sandbox/salesforce';
import type { SalesforceSandbox } from '../../sandbox/salesforce';
import { shutdownN8nCore } from '../helpers/harness';
import { runCertiniaNode } from './helpers';

type Rec = Record<string, unknown>;
const CONTEXT = { environment: 'sandbox' as const, correlationId: 'c-1' };

describe('Certinia canonical mappings', () => {
	let sandbox: SalesforceSandbox;
	let baseUrl = '';
	let credentials: ICredentialDataDecryptedObject;
	beforeAll(async () => {
		sandbox = createSalesforceSandbox({ latencyMs: 0 });
		baseUrl = await sandbox.start(0);
	});
	beforeEach(() => {
		sandbox.reset();
		credentials = salesforceSandboxCredentials(baseUrl);
	});
	afterAll(async () => {
		await sandbox.stop();
		await shutdownN8nCore();
	});

	const canonicalRead = async (resource: string, conditions: Array<Record<string, string>> = []) =>
		(await runCertiniaNode({ credentials, parameters: { resource, operation: 'getMany', returnAll: true, output: 'canonical', conditions: { condition: conditions } } })).output('Certinia');

	it.each([
		['project', 'project'],
		['milestone', 'milestone'],
		['resource', 'resource'],
		['assignment', 'assignment'],
		['expense', 'expense'],
		['billingEvent', 'billingEvent'],
	])('every seeded %s reads as a valid canonical %s', async (resource, entity) => {
		const out = await canonicalRead(resource);
		expect(out.length).toBeGreaterThan(0);
		for (const item of out) {
			expect(item.problems).toBeUndefined();
			const { correlationId: _correlationId, ...record } = item;
			expect(validateCanonical(entity as never, record)).toMatchObject({ valid: true });
		}
	});

	it('a project carries its WBS; milestone and expense money is exact in the record currency', async () => {
		const [acme] = (await canonicalRead('project', [{ field: 'External_Id__c', operator: 'equal', value: 'SF-006A000101' }])) as Array<Rec & { project: Rec }>;
		expect((acme.project.tasks as Rec[]).map((t) => t.name)).toEqual(['Discovery', 'Build', 'User Acceptance Testing']);
		expect(acme.project).toMatchObject({ name: 'Acme ERP Implementation', status: 'active', billingType: 'timeAndMaterials', currency: 'USD' });
		const milestones = (await canonicalRead('milestone')) as Array<{ milestone: Rec }>;
		expect(milestones.map((m) => m.milestone.amount)).toEqual(expect.arrayContaining([{ amount: '25000', currency: 'USD' }, { amount: '45000', currency: 'GBP' }]));
		const expenses = (await canonicalRead('expense')) as Array<{ expense: Rec }>;
		expect(expenses.map((e) => e.expense.total)).toEqual([{ amount: '412.35', currency: 'USD' }, { amount: '58.2', currency: 'USD' }]);
	});

	it('approved timecards with one worked day read as time entries on that day; hours exact', async () => {
		const out = (await canonicalRead('timecard', [{ field: 'pse__Status__c', operator: 'equal', value: 'Approved' }])) as Array<{ timeEntry: Rec }>;
		expect(out.map((e) => [e.timeEntry.date, e.timeEntry.hours, e.timeEntry.approvalState]).sort()).toEqual([
			['2026-01-13', '7.5', 'approved'],
			['2026-01-14', '2', 'approved'],
			['2026-01-14', '8.5', 'approved'],
			['2026-01-15', '6', 'approved'],
		]);
	});

	it('a timecard with two worked days, or money finer than its currency, is an exception naming the field', () => {
		const week = { attributes: { type: 'pse__Timecard_Header__c' }, Id: 'a8DDn0000000009MAA', pse__Resource__c: '003Dn0000000002IAA', pse__Start_Date__c: '2026-01-12', pse__Monday_Hours__c: 4, pse__Tuesday_Hours__c: 3.5, pse__Status__c: 'Approved' };
		const mapped = toCanonical('pse__Timecard_Header__c', week, CONTEXT);
		expect(mapped.ok).toBe(false);
		expect(mapped.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'payload.pse__Total_Hours__c', reason: expect.stringMatching(/2 worked days/) })]));
		const milestone = { attributes: { type: 'pse__Milestone__c' }, Id: 'a6xDn0000000001MAA', Name: 'M', pse__Project__c: 'a7ODn0000000001MAA', pse__Target_Date__c: '2026-06-30', pse__Milestone_Amount__c: 10.005, CurrencyIsoCode: 'USD' };
		const money = toCanonical('pse__Milestone__c', milestone, CONTEXT);
		expect(money.ok).toBe(false);
		expect(money.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'payload.pse__Milestone_Amount__c' })]));
		// 0.1 + 0.2 territory: the decimal's text is kept, nothing is added as floats.
		const exact = toCanonical('pse__Milestone__c', { ...milestone, pse__Milestone_Amount__c: 1234567.89 }, CONTEXT);
		expect(exact.ok && (exact.value.milestone as Rec).amount).toEqual({ amount: '1234567.89', currency: 'USD' });
	});

	it('a canonical time entry renders as a timecard on its week and weekday', () => {
		const data = { date: '2026-01-14', hours: '8.5', resource: { id: '003Dn0000000002IAA' }, project: { id: 'a7ODn0000000001MAA' }, approvalState: 'open', billable: true, description: 'Workshop' };
		const rendered = timecardMapper.fromCanonical(data, { sourceSystem: 'certinia', sourceId: 'x', enterpriseId: 'ent-timeEntry-x' });
		expect(rendered.problems).toEqual([]);
		expect(rendered.record).toMatchObject({
			pse__Start_Date__c: '2026-01-12',
			pse__End_Date__c: '2026-01-18',
			pse__Wednesday_Hours__c: 8.5,
			pse__Wednesday_Notes__c: 'Workshop',
			pse__Status__c: 'Saved',
		});
	});
});
