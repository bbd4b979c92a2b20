/**
 * Kantata ⇄ canonical: integer cents and whole minutes map exactly onto canonical money and hours, both ways;
 * values that have no exact counterpart become problems naming the field, never rounded numbers.
 */
import { centsFromMoney, hoursFromMinutes, minutesFromHours, moneyFromCents } from '../../nodes/Kantata/canonical/common';
import { fromCanonical, timeEntryMapper, toCanonical } from '../../nodes/Kantata/canonical';
import type { Problem } from '../../lib/canonical';

describe('Kantata canonical mappings', () => {
	it('minutes ⇄ hours exactly, and refuses what has no exact decimal', () => {
		const problems: Problem[] = [];
		expect([450, 510, 120, 0, 3, 7203].map((m) => hoursFromMinutes(m, 'p', problems))).toEqual(['7.5', '8.5', '2', '0', '0.05', '120.05']);
		expect(problems).toEqual([]);
		expect(['7.5', '8.5', '0.05', '120.05', '2'].map((h) => minutesFromHours(h, 'p', problems))).toEqual([450, 510, 3, 7203, 120]);
		expect(hoursFromMinutes(20, 'payload.time_in_minutes', problems)).toBeUndefined();
		expect(minutesFromHours('0.01', 'timeEntry.hours', problems)).toBeUndefined();
		expect(hoursFromMinutes(7.5, 'payload.time_in_minutes', problems)).toBeUndefined();
		expect(problems.map((p) => p.path)).toEqual(['payload.time_in_minutes', 'timeEntry.hours', 'payload.time_in_minutes']);
	});

	it('cents ⇄ money exactly, per the currency\'s minor units', () => {
		const problems: Problem[] = [];
		expect(moneyFromCents(41235, 'USD', 100, 'p', problems)).toEqual({ amount: '412.35', currency: 'USD' });
		expect(moneyFromCents(1500, 'JPY', 1, 'p', problems)).toEqual({ amount: '1500', currency: 'JPY' });
		expect(moneyFromCents('9007199254740993', 'USD', 100, 'p', problems)).toEqual({ amount: '90071992547409.93', currency: 'USD' });
		expect(centsFromMoney({ amount: '412.35', currency: 'USD' }, 'p', problems)).toBe(41235);
		expect(problems).toEqual([]);
		expect(moneyFromCents(12.5, 'USD', 100, 'payload.amount_in_cents', problems)).toBeUndefined();
		expect(moneyFromCents(100, 'JPY', 100, 'payload.amount_in_cents', problems)).toBeUndefined();
		expect(centsFromMoney({ amount: '1.005', currency: 'USD' }, 'expense.lines.0.amount', problems)).toBeUndefined();
		expect(problems.map((p) => p.path)).toEqual(['payload.amount_in_cents', 'payload.currency_base_unit', 'expense.lines.0.amount']);
	});

	it('a time entry goes to canonical and back to the same Kantata fields', () => {
		const record = { id: '77', date_performed: '2026-01-14', time_in_minutes: 510, billable: true, notes: 'Workshop', rate_in_cents: 20000, cost_rate_in_cents: 7000, currency: 'USD', currency_base_unit: 100, workspace_id: '5', user_id: '3', story_id: '9', approved: true, updated_at: '2026-01-16T17:02:00Z' };
		const canonical = toCanonical('time_entry', record, { environment: 'sandbox', correlationId: 'c' });
		expect(canonical.ok).toBe(true);
		const back = fromCanonical('time_entry', canonical.value, {});
		expect(back.ok).toBe(true);
		expect((back.value as { record: Record<string, unknown> }).record).toMatchObject({ workspace_id: '5', date_performed: '2026-01-14', time_in_minutes: 510, rate_in_cents: 20000, cost_rate_in_cents: 7000, story_id: '9', user_id: '3', notes: 'Workshop' });
		expect(timeEntryMapper.matches(record)).toBe(true);
	});

	it('an entry of 20 minutes comes out with a problem naming the field, not a rounded hour', () => {
		const result = toCanonical('time_entry', { id: '78', date_performed: '2026-01-14', time_in_minutes: 20, workspace_id: '5', user_id: '3', billable: false }, { environment: 'sandbox', correlationId: 'c' });
		expect(result.ok).toBe(false);
		expect(result.problems.map((p) => p.path)).toContain('payload.time_in_minutes');
	});
});
