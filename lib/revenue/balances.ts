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
	/** revenue and billed as written in the period's balances (the journal posts the same text). */
	revenueText?: string;
	billedText?: string;
}

/** Amounts per period index within first..last, kept in an array; a period never added has none. */
export class PeriodAmounts {
	private readonly amounts: Array<bigint | undefined>;
	/** How many periods have an amount. */
	size = 0;

	constructor(
		readonly first: number,
		last: number,
	) {
		this.amounts = new Array<bigint | undefined>(last >= first ? last - first + 1 : 0);
	}

	add(period: number, amount: bigint): void {
		const at = period - this.first;
		const known = this.amounts[at];
		if (known === undefined) this.size++;
		this.amounts[at] = known === undefined ? amount : known + amount;
	}

	get(period: number): bigint | undefined {
		return period >= this.first ? this.amounts[period - this.first] : undefined;
	}

	/** The first and last period with an amount (none: undefined). */
	range(): { first: number; last: number } | undefined {
		let first = 0;
		while (first < this.amounts.length && this.amounts[first] === undefined) first++;
		if (first === this.amounts.length) return undefined;
		let last = this.amounts.length - 1;
		while (this.amounts[last] === undefined) last--;
		return { first: this.first + first, last: this.first + last };
	}
}

/**
 * Contract balances at each period end, netted per contract (ASC 606-10-45-1): cumulative revenue minus
 * cumulative billings is either a contract liability (billed ahead) or, when revenue is ahead, an unbilled
 * receivable for the as-invoiced (right to invoice, unconditional) revenue not yet billed and a contract asset
 * for the rest.
 */
export function buildBalances(
	contract: Contract,
	revenueByPeriod: PeriodAmounts,
	asInvoicedByPeriod: PeriodAmounts,
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
	const revenueRange = revenueByPeriod.range();
	if (revenueRange === undefined && billedByPeriod.size === 0) return { periods: [], movements: [] };
	let first = revenueRange?.first ?? Number.POSITIVE_INFINITY;
	let last = revenueRange?.last ?? Number.NEGATIVE_INFINITY;
	for (const index of billedByPeriod.keys()) {
		if (index < first) first = index;
		if (index > last) last = index;
	}
	const periods: PeriodBalance[] = [];
	const movements: Movement[] = [];
	let revenueToDate = 0n;
	let billedToDate = 0n;
	let asInvoicedToDate = 0n;
	let previousAsset = 0n;
	let previousLiability = 0n;
	let previousUnbilled = 0n;
	// Most balances of a period are zero, and billings to date change only in a billed period: their text is reused.
	const zero = formatScaled(0n, units);
	const m = (minor: bigint) => (minor === 0n ? zero : formatScaled(minor, units));
	let billedToDateText = zero;
	if (trace) trace.push('Balances at each period end (netted per contract): cumulative revenue − cumulative billings; above zero it is an unbilled receivable (as-invoiced revenue not yet billed) and a contract asset, below zero a contract liability.');
	const noInvoices = asInvoicedByPeriod.size === 0;
	for (let index = first; index <= last; index++) {
		const period = calendar.period(index);
		const revenue = revenueByPeriod.get(index) ?? 0n;
		const billed = billedByPeriod.get(index) ?? 0n;
		revenueToDate += revenue;
		billedToDate += billed;
		if (!noInvoices) asInvoicedToDate += asInvoicedByPeriod.get(index) ?? 0n;
		const net = revenueToDate - billedToDate;
		const unbilledReceivable = net > 0n ? (asInvoicedToDate <= 0n ? 0n : asInvoicedToDate < net ? asInvoicedToDate : net) : 0n;
		const contractAsset = net > 0n ? net - unbilledReceivable : 0n;
		const contractLiability = net < 0n ? -net : 0n;
		const revenueText = m(revenue);
		const billedText = m(billed);
		const assetText = m(contractAsset);
		const liabilityText = m(contractLiability);
		const unbilledText = m(unbilledReceivable);
		periods.push({
			period: period.label,
			periodStart: period.startIso,
			periodEnd: period.endIso,
			revenue: revenueText,
			billed: billedText,
			contractAsset: assetText,
			contractLiability: liabilityText,
			unbilledReceivable: unbilledText,
		});
		movements.push({
			period: period.label,
			date: period.endIso,
			revenue,
			billed,
			contractAsset: contractAsset - previousAsset,
			contractLiability: contractLiability - previousLiability,
			unbilledReceivable: unbilledReceivable - previousUnbilled,
			revenueText,
			billedText,
		});
		if (trace) {
			if (billed !== 0n) billedToDateText = m(billedToDate);
			// The net is the asset plus the unbilled receivable above zero, minus the liability below (a negative
			// amount is written as its magnitude after a minus sign).
			const netText = net < 0n ? `-${liabilityText}` : unbilledReceivable === 0n ? assetText : contractAsset === 0n ? unbilledText : m(net);
			trace.push(`  ${period.label}: revenue ${revenueText}, billed ${billedText}; to date ${m(revenueToDate)} − ${billedToDateText} = ${netText} → contract asset ${assetText}, unbilled receivable ${unbilledText}, contract liability ${liabilityText}.`);
		}
		previousAsset = contractAsset;
		previousLiability = contractLiability;
		previousUnbilled = unbilledReceivable;
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
		// Debit when positive, credit when negative; `text` is the amount already written, when it is known.
		const post = (account: string, debitAmount: bigint, text?: string) => {
			if (debitAmount === 0n) return;
			lines.push(debitAmount > 0n
				? { account, debit: text ?? formatScaled(debitAmount, units), credit: zero }
				: { account, debit: zero, credit: text ?? formatScaled(-debitAmount, units) });
		};
		post(accounts.receivable, movement.billed, movement.billed > 0n ? movement.billedText : undefined);
		post(accounts.unbilledReceivable, movement.unbilledReceivable);
		post(accounts.contractAsset, movement.contractAsset);
		post(accounts.contractLiability, -movement.contractLiability);
		// Revenue is credited when positive: its text is the period's (a negative period is debited, as its magnitude).
		post(accounts.revenue, -movement.revenue, movement.revenue > 0n ? movement.revenueText : undefined);
		if (lines.length) entries.push({ date: movement.date, period: movement.period, lines });
	}
	return entries;
}
