import { RevenueSchedule } from '../../nodes/RevenueSchedule/RevenueSchedule.node';
import { contract, executeNode as execute } from './helpers';

const valid = contract({ contractId: 'OK-1', transactionPrice: '300', obligations: [{ id: 'A', ssp: '1', pattern: { type: 'straightLine', start: '2025-01-01', end: '2025-03-31', convention: 'evenPeriods' } }] });
const invalid = contract({ contractId: 'BAD-1', transactionPrice: '1.234' });

describe('Revenue Schedule node', () => {
	it('describes two outputs and is not an agent tool (contracts come from input items)', () => {
		const { description } = new RevenueSchedule();
		expect(description.name).toBe('revenueSchedule');
		expect(description.outputNames).toEqual(['Schedules', 'Exceptions']);
		expect(description.outputs).toHaveLength(2);
		expect(description.usableAsTool).toBeUndefined();
	});

	it('sends valid contracts to Schedules and invalid ones to Exceptions, each paired with its input', async () => {
		const [schedules, exceptions] = await execute([
			{ json: { contract: valid, correlationId: 'corr-1' } },
			{ json: { contract: invalid, correlationId: 'corr-2' } },
			{ json: { somethingElse: true } },
			{ json: { contract: valid } },
		]);
		expect(schedules.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 3 }]);
		expect(schedules[0].json).toMatchObject({ contractId: 'OK-1', currency: 'USD', transactionPrice: '300.00', correlationId: 'corr-1' });
		expect((schedules[0].json.schedule as unknown[]).length).toBe(3);
		expect(schedules[1].json).not.toHaveProperty('correlationId');

		expect(exceptions.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(exceptions[0].json).toMatchObject({
			contractId: 'BAD-1',
			correlationId: 'corr-2',
			errors: [{ code: 'INVALID_AMOUNT', message: expect.stringMatching(/^transactionPrice:/) }],
			payload: { contract: invalid, correlationId: 'corr-2' },
		});
		expect(exceptions[1].json).toMatchObject({ errors: [{ code: 'MISSING_CONTRACT', message: expect.stringMatching(/^contract:/) }], payload: { somethingElse: true } });
	});

	it('every input item ends in exactly one output', async () => {
		const items = [valid, invalid, valid, invalid, valid].map((one, i) => ({ json: { contract: one, n: i } }));
		const [schedules, exceptions] = await execute(items);
		const paired = [...schedules, ...exceptions].map((item) => (item.pairedItem as { item: number }).item).sort();
		expect(paired).toEqual([0, 1, 2, 3, 4]);
	});

	it('reads the whole item when Contract Field is empty, and emits one item per schedule line in line mode', async () => {
		const [schedules, exceptions] = await execute([{ json: { ...valid, correlationId: 'c-9' } }], { contractField: '', outputMode: 'line' });
		expect(exceptions).toEqual([]);
		expect(schedules.map((item) => item.json)).toEqual([
			expect.objectContaining({ contractId: 'OK-1', currency: 'USD', obligationId: 'A', period: '2025-01', amount: '100.00', kind: 'recognition', correlationId: 'c-9' }),
			expect.objectContaining({ period: '2025-02', amount: '100.00', cumulative: '200.00' }),
			expect.objectContaining({ period: '2025-03', amount: '100.00', cumulative: '300.00' }),
		]);
		expect(schedules.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('passes the as-of date (also from a date picker) and the account names to the engine', async () => {
		const [schedules] = await execute([{ json: { deal: { contract: { ...valid, billings: [{ date: '2025-01-01', amount: '300' }] } } } }], {
			contractField: 'deal.contract',
			asOf: '2025-01-31T00:00:00.000Z',
			accounts: { contractLiability: '2400 Deferred revenue' },
		});
		const json = schedules[0].json as { schedule: unknown[]; journal: Array<{ lines: Array<{ account: string }> }> };
		expect(json.schedule).toHaveLength(1);
		expect(json.journal[0].lines.map((line) => line.account)).toEqual(['Accounts receivable', '2400 Deferred revenue', 'Revenue']);
	});

	it('emits a separate contract created by a modification as its own item, paired with the same input', async () => {
		const withSeparate = {
			...valid,
			modifications: [{ id: 'm1', date: '2025-02-01', treatment: 'separateContract', priceChange: '50', addObligations: [{ id: 'S', ssp: '50', pattern: { type: 'pointInTime', date: '2025-02-10' } }] }],
		};
		const [schedules] = await execute([{ json: { contract: withSeparate } }]);
		expect(schedules.map((item) => [item.json.contractId, item.pairedItem])).toEqual([['OK-1', { item: 0 }], ['OK-1/m1', { item: 0 }]]);
		expect(schedules[0].json.separateContractIds).toEqual(['OK-1/m1']);
	});
});

describe('Revenue Schedule node input handling', () => {
	it('reads a contract given as JSON text and reports text that is not JSON', async () => {
		const [schedules, exceptions] = await execute([{ json: { contract: JSON.stringify(valid) } }, { json: { contract: '{not json' } }]);
		expect(schedules.map((item) => item.json.contractId)).toEqual(['OK-1']);
		expect(exceptions[0].json).toMatchObject({ errors: [{ code: 'INVALID_INPUT', message: 'contract: is text but not valid JSON' }] });
		expect(exceptions[0].pairedItem).toEqual({ item: 1 });
	});

	it('falls back to the default account name when one is left empty', async () => {
		const [schedules] = await execute([{ json: { contract: valid } }], { accounts: { revenue: ' ' } });
		const journal = schedules[0].json.journal as Array<{ lines: Array<{ account: string }> }>;
		expect(journal[0].lines.map((line) => line.account)).toEqual(['Contract asset', 'Revenue']);
	});

	it('leaves the trace out when Include Trace is off', async () => {
		const [[[withTrace]], [[withoutTrace]]] = await Promise.all([execute([{ json: { contract: valid } }]), execute([{ json: { contract: valid } }], { includeTrace: false })]);
		expect((withTrace.json.trace as string[]).length).toBeGreaterThan(0);
		expect(withoutTrace.json.trace).toEqual([]);
		expect(withoutTrace.json.schedule).toEqual(withTrace.json.schedule);
	});
});
