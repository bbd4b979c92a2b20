/**
 * The canonical mapping change the revenue matrix (flow 9) needed: a Kantata milestone story carries no currency,
 * so read with its workspace (Include: workspace) its amount takes that workspace's currency, exactly from cents;
 * without the workspace or a Default Currency it stays a problem naming the field, never a guessed currency.
 */
import { toCanonicalRecord } from '../../lib/canonical';
import { mapperByKey } from '../../nodes/CanonicalTransform/mappers';

const context = { environment: 'sandbox' as const, correlationId: 'revenue-matrix-test' };
const story = { id: '7101', title: 'Assessment report accepted', story_type: 'milestone', workspace_id: '42', parent_id: '41', due_date: '2026-03-27', state: 'not started', budget_estimate_in_cents: 4500001 };
const milestoneOf = (record: object, extra: object = {}) => toCanonicalRecord(mapperByKey('kantata:story')!, record, { ...context, ...extra });

describe('Kantata milestone amount', () => {
	it('takes the currency of the workspace read with the story', () => {
		const workspaces = [{ id: '41', currency: 'USD' }, { id: '42', currency: 'GBP' }];
		const result = milestoneOf({ ...story, included: { workspaces } });
		expect(result.ok).toBe(true);
		expect((result.value as unknown as { milestone: { amount: unknown } }).milestone.amount).toEqual({ amount: '45000.01', currency: 'GBP' });
	});

	it('falls back to the Default Currency, and without either names the field', () => {
		expect((milestoneOf(story, { defaultCurrency: 'USD' }).value as unknown as { milestone: { amount: unknown } }).milestone.amount).toEqual({ amount: '45000.01', currency: 'USD' });
		const without = milestoneOf({ ...story, included: { workspaces: [{ id: '41', currency: 'USD' }] } });
		expect(without.ok).toBe(false);
		expect(without.problems.map((p) => p.path)).toEqual(['payload.budget_estimate_in_cents']);
	});
});
