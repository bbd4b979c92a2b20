import { mockDeep } from 'jest-mock-extended';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { parseAmount } from '../../lib/money';
import { computeRevenueSchedule } from '../../lib/revenue';
import type { RevenueOptions, RevenueResult } from '../../lib/revenue';
import { RevenueSchedule } from '../../nodes/RevenueSchedule/RevenueSchedule.node';

/** A one-obligation USD contract on calendar months; override anything. */
export function contract(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		contractId: 'C-1',
		currency: 'USD',
		transactionPrice: '1000.00',
		allocation: { method: 'relativeSsp' },
		calendar: { type: 'month' },
		obligations: [{ id: 'A', ssp: '1000', pattern: { type: 'straightLine', start: '2025-01-15', end: '2025-04-14', convention: 'exactDays' } }],
		...overrides,
	};
}

/** Runs the engine and fails the test with the engine's own errors when it rejects the contract. */
export function run(input: unknown, options?: RevenueOptions): RevenueResult {
	const result = computeRevenueSchedule(input, options);
	if (result.errors.length) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
	return result;
}

/** Amounts of one obligation's lines, as decimal strings in period order. */
export function amounts(result: RevenueResult, obligationId: string): string[] {
	return result.schedule.filter((line) => line.obligationId === obligationId).map((line) => line.amount);
}

export function linesOf(result: RevenueResult, obligationId: string) {
	return result.schedule.filter((line) => line.obligationId === obligationId);
}

/** Sum of decimal-string amounts in minor units. */
export function total(values: string[], currency = 'USD'): bigint {
	return values.reduce((sum, value) => sum + parseAmount(value, currency), 0n);
}

/** Every journal entry balances: debits equal credits. */
export function journalBalances(result: RevenueResult): boolean {
	const currency = result.currency ?? 'USD';
	return result.journal.every((entry) => total(entry.lines.map((line) => line.debit), currency) === total(entry.lines.map((line) => line.credit), currency));
}

/** Runs the Revenue Schedule node over the items; returns [schedules, exceptions]. */
export function executeNode(items: INodeExecutionData[], parameters: Record<string, unknown> = {}) {
	const context = mockDeep<IExecuteFunctions>();
	context.getInputData.mockReturnValue(items);
	const values: Record<string, unknown> = { contractField: 'contract', outputMode: 'contract', asOf: '', accounts: {}, includeTrace: true, ...parameters };
	context.getNodeParameter.mockImplementation(((name: string) => values[name]) as IExecuteFunctions['getNodeParameter']);
	return new RevenueSchedule().execute.call(context);
}
