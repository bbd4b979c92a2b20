import fc from 'fast-check';

import { validateCanonical } from '../../lib/canonical';
import type { CanonicalRecord } from '../../lib/canonical';
import { formatAmount, parseAmount } from '../../lib/money';
import { computeRevenueSchedule, dayFromCivil, formatIsoDate } from '../../lib/revenue';
import { canonicalRevenueSchedules } from '../../lib/revenue/canonicalSchedule';
import { contract, run } from './helpers';

type Data = {
	contract: { id: string };
	obligationId: string;
	project?: { id: string; name?: string };
	method: string;
	currency: string;
	total: { amount: string; currency: string };
	lines: Array<{ period: string; periodStart: string; periodEnd: string; amount: { amount: string; currency: string }; status: string; kind: string }>;
};

const dataOf = (record: CanonicalRecord) => record.revenueSchedule as Data;
const options = { environment: 'sandbox' as const, correlationId: 'corr-1' };

function schedules(input: Record<string, unknown>, statusAsOf?: string) {
	const result = run(input);
	const out = canonicalRevenueSchedules(input, result, { ...options, statusAsOf });
	expect(out.issues).toEqual([]);
	return { result, records: out.records };
}

const FIRST = dayFromCivil(2024, 1, 1);
const LAST = dayFromCivil(2027, 12, 31);
const iso = (day: number) => formatIsoDate(day);
const day = fc.integer({ min: FIRST, max: LAST });

/** Patterns that schedule their whole allocation (so lines must sum to it). */
const pattern = fc.oneof(
	fc.record({ start: day, length: fc.integer({ min: 0, max: 900 }), convention: fc.constantFrom('exactDays', 'evenPeriods', 'prorateFirstLast', 'periodRate') })
		.map(({ start, length, convention }) => ({ type: 'straightLine', start: iso(start), end: iso(start + length), convention })),
	day.map((date) => ({ type: 'pointInTime', date: iso(date) })),
	fc.array(fc.tuple(day, fc.integer({ min: 1, max: 60 })), { minLength: 1, maxLength: 4 }).map((list) => {
		let used = 0;
		return {
			type: 'milestones',
			milestones: list.map(([date, weight], i) => {
				const percent = i === list.length - 1 ? 100 - used : Math.min(weight, 100 - used);
				used += percent;
				return { id: `m${i}`, date: iso(date), percent };
			}),
		};
	}),
	fc.record({ start: day, gaps: fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 4 }), estimate: fc.integer({ min: 1, max: 500 }) }).map(({ start, gaps, estimate }) => {
		let at = start;
		return {
			type: 'percentComplete',
			measure: 'hours',
			progress: gaps.map((gap, i) => {
				at += gap;
				return { periodEnd: iso(at), cumulativeActual: i === gaps.length - 1 ? estimate : Math.floor((estimate * (i + 1)) / (gaps.length + 1)), estimatedTotal: estimate };
			}),
		};
	}),
);

const contractArb = fc.record({
	currency: fc.constantFrom('USD', 'JPY', 'KWD', 'EUR'),
	price: fc.bigInt({ min: 0n, max: 10n ** 10n }),
	calendar: fc.constantFrom('month', 'quarter', 'fiscal445'),
	rounding: fc.constantFrom('largestRemainder', 'lastPeriodPlug', 'cumulative'),
	obligations: fc.array(fc.record({ ssp: fc.integer({ min: 1, max: 900_000 }), pattern }), { minLength: 1, maxLength: 4 }),
}).map(({ currency, price, calendar, rounding, obligations }) => ({
	contractId: 'GEN-1',
	currency,
	transactionPrice: formatAmount(price, currency),
	allocation: { method: 'relativeSsp' },
	rounding,
	calendar: { type: calendar },
	obligations: obligations.map((obligation, i) => ({ id: `O${i}`, ssp: String(obligation.ssp), pattern: obligation.pattern })),
}));

describe('canonical revenue schedules from the engine', () => {
	it('one schema-valid record per obligation; its lines sum exactly to the obligation\'s allocation; method follows the pattern', () => {
		fc.assert(
			fc.property(contractArb, (input) => {
				const { result, records } = schedules(input);
				expect(records).toHaveLength(input.obligations.length);
				let all = 0n;
				for (const allocation of result.allocations) {
					const record = records.find((candidate) => dataOf(candidate).obligationId === allocation.obligationId)!;
					const data = dataOf(record);
					const lineSum = data.lines.reduce((sum, line) => sum + parseAmount(line.amount.amount, input.currency), 0n);
					expect(lineSum).toBe(parseAmount(allocation.allocated, input.currency));
					expect(parseAmount(data.total.amount, input.currency)).toBe(lineSum);
					all += lineSum;
					const obligation = input.obligations.find((candidate) => candidate.id === allocation.obligationId)!;
					expect(data.method).toBe(obligation.pattern.type);
					expect(data.lines.map((line) => [line.period, line.amount.amount])).toEqual(result.schedule.filter((line) => line.obligationId === allocation.obligationId).map((line) => [line.period, line.amount]));
					expect(validateCanonical('revenueSchedule', record, { unknownFields: 'strict', verifyIdempotencyKey: true })).toEqual({ valid: true, problems: [] });
				}
				expect(all).toBe(parseAmount(input.transactionPrice, input.currency));
			}),
			{ numRuns: 150 },
		);
	});

	it('maps each pattern to its canonical method (a wrong mapping fails here)', () => {
		const input = contract({
			transactionPrice: '5000',
			obligations: [
				{ id: 'SL', ssp: '1', pattern: { type: 'straightLine', start: '2025-01-01', end: '2025-03-31' } },
				{ id: 'PIT', ssp: '1', pattern: { type: 'pointInTime', date: '2025-02-10' } },
				{ id: 'MS', ssp: '1', pattern: { type: 'milestones', milestones: [{ id: 'go', date: '2025-02-01', percent: '100' }] } },
				{ id: 'PC', ssp: '1', pattern: { type: 'percentComplete', measure: 'cost', progress: [{ periodEnd: '2025-01-31', cumulativeActual: '10', estimatedTotal: '10' }] } },
				{ id: 'AI', ssp: '1', pattern: { type: 'asInvoiced', invoices: [{ date: '2025-01-20', amount: '1000' }] } },
			],
		});
		const { records } = schedules(input);
		expect(Object.fromEntries(records.map((record) => [dataOf(record).obligationId, dataOf(record).method]))).toEqual({
			SL: 'straightLine',
			PIT: 'pointInTime',
			MS: 'milestones',
			PC: 'percentComplete',
			AI: 'asInvoiced',
		});
	});

	it('keys and enterprise ids are stable across runs; an amount change changes the key, never the enterprise id', () => {
		const input = contract({ transactionPrice: '900', obligations: [{ id: 'A', ssp: '2', pattern: { type: 'straightLine', start: '2025-01-01', end: '2025-06-30' } }, { id: 'B', ssp: '1', pattern: { type: 'pointInTime', date: '2025-03-15' } }] });
		const first = schedules(input).records;
		const again = canonicalRevenueSchedules(structuredClone(input), run(structuredClone(input)), { ...options, correlationId: 'another-run' }).records;
		expect(again.map((record) => record.envelope.idempotencyKey)).toEqual(first.map((record) => record.envelope.idempotencyKey));
		expect(again.map((record) => record.envelope.enterpriseId)).toEqual(first.map((record) => record.envelope.enterpriseId));
		expect(new Set(first.map((record) => record.envelope.enterpriseId)).size).toBe(2);

		const changed = schedules({ ...input, transactionPrice: '900.03' }).records;
		expect(changed.map((record) => record.envelope.enterpriseId)).toEqual(first.map((record) => record.envelope.enterpriseId));
		changed.forEach((record, i) => expect(record.envelope.idempotencyKey).not.toBe(first[i].envelope.idempotencyKey));
		expect(dataOf(changed[0]).total.amount).toBe('600.02');
	});

	it('marks lines of periods ended by the As-Of date recognized and the rest planned; without As-Of all planned', () => {
		const input = contract({ transactionPrice: '300', obligations: [{ id: 'A', ssp: '1', pattern: { type: 'straightLine', start: '2025-01-01', end: '2025-03-31', convention: 'evenPeriods' } }] });
		const statuses = (asOf?: string) => dataOf(schedules(input, asOf).records[0]).lines.map((line) => line.status);
		expect(statuses('2025-02-28')).toEqual(['recognized', 'recognized', 'planned']);
		expect(statuses('2025-02-27')).toEqual(['recognized', 'planned', 'planned']);
		expect(statuses()).toEqual(['planned', 'planned', 'planned']);
		const planned = schedules(input).records[0];
		expect(schedules(input, '2025-02-28').records[0].envelope.idempotencyKey).not.toBe(planned.envelope.idempotencyKey);
	});

	it('a modified contract: catch-up and reversal kinds, the changed pattern\'s method, a separate contract\'s own records', () => {
		const input = contract({
			contractId: 'MOD-1',
			transactionPrice: '1000',
			project: { id: 'PRJ-7', name: 'Northwind' },
			obligations: [
				{ id: 'A', ssp: '600', pattern: { type: 'straightLine', start: '2025-01-15', end: '2025-04-14' } },
				{ id: 'B', ssp: '400', project: 'PRJ-8', pattern: { type: 'pointInTime', date: '2025-02-01' } },
			],
			modifications: [
				{ id: 'UP', date: '2025-02-10', treatment: 'cumulativeCatchUp', priceChange: '300' },
				{ id: 'DOWN', date: '2025-03-05', treatment: 'cumulativeCatchUp', priceChange: '-500', changes: [{ obligationId: 'A', pattern: { type: 'milestones', milestones: [{ id: 'done', date: '2025-04-30', percent: '100' }] } }] },
				{ id: 'ADD', date: '2025-03-10', treatment: 'separateContract', priceChange: '50', addObligations: [{ id: 'S', ssp: '50', pattern: { type: 'asInvoiced', invoices: [{ date: '2025-03-20', amount: '50' }] } }] },
			],
		});
		const { result, records } = schedules(input);
		const byId = Object.fromEntries(records.map((record) => [`${dataOf(record).contract.id}:${dataOf(record).obligationId}`, dataOf(record)]));
		expect(Object.keys(byId).sort()).toEqual(['MOD-1/ADD:S', 'MOD-1:A', 'MOD-1:B']);
		const kinds = (id: string) => byId[id].lines.map((line) => `${line.period} ${line.kind}`);
		expect(kinds('MOD-1:A')).toEqual(expect.arrayContaining(['2025-02 catchUp', '2025-03 reversal']));
		expect(kinds('MOD-1:B')).toEqual(expect.arrayContaining(['2025-02 catchUp', '2025-03 reversal']));
		expect(byId['MOD-1:A'].method).toBe('milestones');
		expect(byId['MOD-1:B'].method).toBe('pointInTime');
		expect(byId['MOD-1/ADD:S']).toMatchObject({ method: 'asInvoiced', total: { amount: '50.00', currency: 'USD' } });
		expect(byId['MOD-1:A'].project).toEqual({ id: 'PRJ-7', name: 'Northwind' });
		expect(byId['MOD-1:B'].project).toEqual({ id: 'PRJ-8' });
		for (const allocation of result.allocations) {
			expect(parseAmount(byId[`MOD-1:${allocation.obligationId}`].total.amount, 'USD')).toBe(parseAmount(allocation.allocated, 'USD'));
		}
		for (const record of records) expect(validateCanonical('revenueSchedule', record, { unknownFields: 'strict' }).problems).toEqual([]);
	});

	it('leaves out an obligation with no line yet; a contract with none at all says so, naming the obligation', () => {
		const input = contract({ obligations: [{ id: 'AI', ssp: '1', pattern: { type: 'asInvoiced', invoices: [] } }] });
		const result = computeRevenueSchedule(input);
		expect(result.errors).toEqual([]);
		const out = canonicalRevenueSchedules(input, result, options);
		expect(out.records).toEqual([]);
		expect(out.issues).toEqual([{ code: 'NOTHING_SCHEDULED', message: expect.stringMatching(/^obligations\.AI: /) }]);

		const mixed = contract({ transactionPrice: '100', obligations: [{ id: 'AI', ssp: '1', pattern: { type: 'asInvoiced', invoices: [] } }, { id: 'P', ssp: '1', pattern: { type: 'pointInTime', date: '2025-01-05' } }] });
		expect(canonicalRevenueSchedules(mixed, run(mixed), options).records.map((record) => dataOf(record).obligationId)).toEqual(['P']);
	});

	it('a record the schema refuses is an issue naming the field, and no record of the contract comes out', () => {
		const input = contract({ project: { name: 'no id' } });
		const out = canonicalRevenueSchedules(input, run(input), options);
		expect(out.records).toEqual([]);
		expect(out.issues).toEqual([expect.objectContaining({ code: 'INVALID_CANONICAL', message: expect.stringContaining('revenueSchedule.project.id') })]);
	});
});
