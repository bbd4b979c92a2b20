/**
 * The demo's story (scripts/lib/story.ts): steps told in the month's order whatever order the scenarios ran in,
 * each with the verdict of its own checks, and the ledger's verdict at the month's end finding a key left claimed
 * (lost) and a key posted to two target records (doubled) from the rows as the Data Tables hold them.
 */
import { faultLines, ledgerVerdict, storyLines } from '../../scripts/lib/story';

const claim = (id: number, key: string, token: string, status = 'claimed') => ({ id, key, kind: 'claim', status, claimToken: token, claimOwner: 'e', claimedAt: '', expiresAt: '', attempts: 1 });
const result = (id: number, key: string, token: string, targetId: string, status = 'posted') => ({ id, key, kind: 'result', status, claimToken: token, targetSystem: 'netsuite', targetId });

describe('demo story', () => {
	it('tells the month in its order with each step\'s own checks', () => {
		const lines = storyLines([
			{ name: 'revenue-schedule', result: { contracts: 2, scheduleLines: 24, journalsPosted: 24, journalsAddedOnRerun: 0 }, checks: [{ name: 'a', ok: true }] },
			{ name: 'opportunity-to-project', result: { eligibleOpportunities: 3, accounts: 2, run1: { posted: 3 }, recordsCreatedOnRerun: 0 }, checks: [{ name: 'b', ok: true }, { name: 'c', ok: false }] },
			{ name: 'some-new-flow', result: { invoices: 4, label: 'x' }, checks: [] },
		]);
		expect(lines[0]).toMatch(/^ 1\. Deals won → customers and projects .*3 closed-won deals of 2 accounts: 3 posted as NetSuite customer and project.*✗ 1 of 2 checks failed$/);
		expect(lines[1]).toMatch(/^ 2\. Revenue recognised .*2 contracts, 24 schedule lines, 24 journals posted; re-run added 0 ✓ 1 check$/);
		expect(lines[2]).toBe(' 3. some-new-flow: invoices 4 ✓ 0 checks');
	});

	it('finds a key left claimed and a key posted to two records, and nothing in a clean ledger', () => {
		const clean = [claim(1, 'k1', 't1'), result(2, 'k1', 't1', 'JOB-1'), claim(3, 'k2', 't2'), result(4, 'k2', 't2', '', 'failed')];
		expect(ledgerVerdict([clean])).toEqual({ tables: 1, keys: 2, posted: 1, lost: [], doubled: [] });

		const lost = [claim(1, 'k1', 't1'), result(2, 'k1', 't1', 'JOB-1'), claim(3, 'k3', 't3')];
		// A second claim row for k1 (a racer's insert) whose own result names another record: a double posting.
		const doubled = [claim(1, 'k1', 't1'), result(2, 'k1', 't1', 'JOB-1'), claim(3, 'k1', 't9'), result(4, 'k1', 't9', 'JOB-2')];
		const verdict = ledgerVerdict([lost, doubled]);
		expect(verdict.lost).toEqual(['k3']);
		expect(verdict.doubled).toEqual(['k1']);
		expect(faultLines([{ sandbox: 'netsuite', kind: 'lostResponse', label: 'posting-safety' }, { sandbox: 'coupa', kind: 'throttled' }], verdict)).toEqual([
			'Faults met: 1 × lostResponse (netsuite in posting-safety); 1 × throttled (coupa)',
			'The ledger after the month: 3 keys in 2 tables, 2 posted; lost 1, doubled 1',
		]);
	});
});

describe('demo story steps', () => {
	it('each tells a scenario the demo runs', async () => {
		const { STORY } = await import('../../scripts/lib/story');
		const { scenarios } = await import('../../scripts/scenarios');
		const names = new Set(scenarios.map((scenario) => scenario.name));
		expect(STORY.map((step) => step.scenario).filter((name) => !names.has(name))).toEqual([]);
	});
});
