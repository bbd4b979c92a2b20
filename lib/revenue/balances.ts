import { formatScaled } from '../money/rational';
import type { AccountNames, Contract, JournalEntry, PeriodBalance } from './types';

export const DEFAULT_ACCOUNTS: AccountNames = {
	revenue: 'Revenue',
	contractLiability: 'Contract liability (deferred revenue)',
	contractAsset: 'Contract asset',
	unbilledReceivable: 'Unbilled receivable',
	receivable: 'Accounts receivable',
};

/** What changed in a period, in minor units: the journal posts exactly these movements. */
export interface Movement {
	period: string;
	date: string;
	revenue: bigint;
	billed: bigint;
	contractAsset: bigint;
	contractLiability: bigint;
	unbilledReceivable: bigint;
}

/**
 * Contract balances at each period end, netted per contract (ASC 606-10-45-1): cumulative revenue minus
 * cumulative billings is either a contract liability (billed ahead) or, when revenue is ahead, an unbilled
 * receivable for the as-invoiced (right to invoice, unconditional) revenue not yet billed and a contract asset
 * for the rest.
 */
export function buildBalances(
	contract: Contract,
	revenueByPeriod: Map<number, bigint>,
	asInvoicedByPeriod: Map<number, bigint>,
	lastPeriod: number,
	trace: string[] | undefined,
): { periods: PeriodBalance[]; movements: Movement[] } {
	const { calendar, units } = contract;
	const billedByPeriod = new Map<number, bigint>();
	for (const billing of contract.billings) {
		const index = calendar.indexOf(billing.date);
		if (index > lastPeriod) continue;
		billedByPeriod.set(index, (billedByPeriod.get(index) ?? 0n) + billing.amount);
	}
	const indexes = [...revenueByPeriod.keys(), ...billedByPeriod.keys()];
	if (indexes.length === 0) return { periods: [], movements: [] };
	const first = Math.min(...indexes);
	const last = Math.max(...indexes);
	const periods: PeriodBalance[] = [];
	const movements: Movement[] = [];
	let revenueToDate = 0n;
	let billedToDate = 0n;
	let asInvoicedToDate = 0n;
	let previous = { contractAsset: 0n, contractLiability: 0n, unbilledReceivable: 0n };
	const m = (minor: bigint) => formatScaled(minor, units);
	if (trace) trace.push('Balances at each period end (netted per contract): cumulative revenue − cumulative billings; above zero it is an unbilled receivable (as-invoiced revenue not yet billed) and a contract asset, below zero a contract liability.');
	for (let index = first; index <= last; index++) {
		const period = calendar.period(index);
		const revenue = revenueByPeriod.get(index) ?? 0n;
		const billed = billedByPeriod.get(index) ?? 0n;
		revenueToDate += revenue;
		billedToDate += billed;
		asInvoicedToDate += asInvoicedByPeriod.get(index) ?? 0n;
		const net = revenueToDate - billedToDate;
		const unbilledReceivable = net > 0n ? (asInvoicedToDate <= 0n ? 0n : asInvoicedToDate < net ? asInvoicedToDate : net) : 0n;
		const contractAsset = net > 0n ? net - unbilledReceivable : 0n;
		const contractLiability = net < 0n ? -net : 0n;
		const text = {
			revenue: m(revenue),
			billed: m(billed),
			contractAsset: m(contractAsset),
			contractLiability: m(contractLiability),
			unbilledReceivable: m(unbilledReceivable),
		};
		periods.push({ period: period.label, periodStart: period.startIso, periodEnd: period.endIso, ...text });
		movements.push({
			period: period.label,
			date: period.endIso,
			revenue,
			billed,
			contractAsset: contractAsset - previous.contractAsset,
			contractLiability: contractLiability - previous.contractLiability,
			unbilledReceivable: unbilledReceivable - previous.unbilledReceivable,
		});
		if (trace) {
			trace.push(`  ${period.label}: revenue ${text.revenue}, billed ${text.billed}; to date ${m(revenueToDate)} − ${m(billedToDate)} = ${m(net)} → contract asset ${text.contractAsset}, unbilled receivable ${text.unbilledReceivable}, contract liability ${text.contractLiability}.`);
		}
		previous = { contractAsset, contractLiability, unbilledReceivable };
	}
	return { periods, movements };
}

/**
 * One journal entry per period end with activity: receivable for billings, revenue for recognition, and the
 * movement of contract asset, unbilled receivable and contract liability. Debits always equal credits because
 * billed + Δasset + Δunbilled = revenue + Δliability.
 */
export function buildJournal(movements: Movement[], accounts: AccountNames, units: number): JournalEntry[] {
	const zero = formatScaled(0n, units);
	const entries: JournalEntry[] = [];
	for (const movement of movements) {
		const lines: JournalEntry['lines'] = [];
		const post = (account: string, debitAmount: bigint) => {
			if (debitAmount === 0n) return;
			lines.push(debitAmount > 0n
				? { account, debit: formatScaled(debitAmount, units), credit: zero }
				: { account, debit: zero, credit: formatScaled(-debitAmount, units) });
		};
		post(accounts.receivable, movement.billed);
		post(accounts.unbilledReceivable, movement.unbilledReceivable);
		post(accounts.contractAsset, movement.contractAsset);
		post(accounts.contractLiability, -movement.contractLiability);
		post(accounts.revenue, -movement.revenue);
		if (lines.length) entries.push({ date: movement.date, period: movement.period, lines });
	}
	return entries;
}
