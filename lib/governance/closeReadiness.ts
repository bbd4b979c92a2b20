/**
 * Month-end close readiness: for one period, what blocks the close, each blocking record once, and a summary a
 * finance lead reads. Categories never overlap, so nothing is counted twice:
 * - approved time not posted: an approved entry dated in the period whose key the ledger does not have as posted
 *   (its open exception, if it was parked, is named with it and not listed again);
 * - revenue journals not posted: ledger keys of the period's journals (containing one of the journal patterns
 *   and the period) not posted (their open exceptions folded in likewise);
 * - reconciliation differences: open exceptions whose key starts with the reconciliation prefix;
 * - open exceptions: every other open exception, with its owner and age;
 * - stale worker data: the last worker sync (the newest posted ledger key with the worker-sync prefix) older than
 *   N days, or none at all: one blocker.
 * Hours are summed exactly; the cost of unposted time is hours × the entry's cost rate, rounded half up once per
 * entry to the currency's minor unit (as an ERP posts each entry), and summed in integer minor units per currency.
 */
import { formatAmount, minorUnitsOf, pow10, Rational } from '../money';
import { ageBucket } from './kpi';
import type { ExceptionRecord } from './exceptions';
import type { LedgerRow } from './ledger';

const DAY = 86_400_000;

export interface CloseTimeEntry {
	key: string;
	reference: string;
	date: string;
	hours: string;
	costRate?: { amount: string; currency: string; unit?: string } | null;
}

export interface CloseOptions {
	/** YYYY-MM */
	period: string;
	now: Date;
	staleWorkerDays: number;
	workerSyncPrefix: string;
	reconciliationPrefix: string;
	/**
	 * What revenue journal keys contain, comma-separated when the firm's flows name them differently (e.g.
	 * ":journal:, :revenue:"): a key containing any of them and the period is one of the period's journals.
	 */
	journalPattern: string;
}

export type BlockerKind = 'approvedTimeNotPosted' | 'revenueJournalNotPosted' | 'reconciliationDifference' | 'openException' | 'staleWorkerData';

export interface Blocker {
	blocker: BlockerKind;
	key: string;
	owner: string;
	reason: string;
	[field: string]: unknown;
}

export interface CloseSummary {
	blocker: 'summary';
	period: string;
	ready: 'yes' | 'no';
	counts: Record<BlockerKind, number>;
	approvedTimeNotPosted: { entries: number; hours: string; cost: Record<string, string> };
	openExceptionsByOwner: Record<string, { open: number; oldestDays: number }>;
	lines: string[];
	text: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** An exact decimal sum of decimal texts ("7.5" + "0.25" → "7.75"). */
function sumDecimals(values: string[]): string {
	let scale = 0;
	let total = Rational.ZERO;
	for (const value of values) {
		scale = Math.max(scale, /\.(\d+)$/.exec(value)?.[1].length ?? 0);
		total = total.add(Rational.parse(value));
	}
	return total.toDecimalString(scale);
}

/** hours × rate in the rate's minor units, rounded half up once (a day rate counts 8 hours a day). */
function costMinor(hours: string, rate: NonNullable<CloseTimeEntry['costRate']>): bigint {
	const perHour = rate.unit === 'day' ? Rational.parse(rate.amount).div(Rational.of(8)) : Rational.parse(rate.amount);
	return Rational.parse(hours).mul(perHour).mul(Rational.fromBigInt(pow10(minorUnitsOf(rate.currency)))).roundHalfUp();
}

const inPeriod = (date: unknown, period: string) => typeof date === 'string' && date.slice(0, 7) === period;

export function closeReadiness(
	time: CloseTimeEntry[],
	ledger: Array<Pick<LedgerRow, 'key' | 'status' | 'postedAt' | 'targetSystem' | 'error'>>,
	exceptions: Array<Pick<ExceptionRecord, 'id' | 'key' | 'status' | 'owner' | 'raisedAt' | 'reason'>>,
	options: CloseOptions,
): { blockers: Blocker[]; summary: CloseSummary } {
	if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(options.period)) throw new Error(`period "${options.period}" is not a month written YYYY-MM (parameter "period")`);
	const { period, now } = options;
	const byKey = new Map(ledger.map((row) => [row.key, row]));
	const open = exceptions.filter((e) => e.status === 'open');
	const openByKey = new Map<string, typeof open>();
	for (const e of open) openByKey.set(e.key, [...(openByKey.get(e.key) ?? []), e]);
	const folded = new Set<(typeof open)[number]>();
	const fold = (key: string) => {
		const list = openByKey.get(key) ?? [];
		list.forEach((e) => folded.add(e));
		return list.map((e) => ({ id: e.id ?? null, owner: e.owner, reason: e.reason }));
	};
	const blockers: Blocker[] = [];

	const unposted = time.filter((entry) => inPeriod(entry.date, period) && byKey.get(entry.key)?.status !== 'posted');
	const cost = new Map<string, bigint>();
	for (const entry of unposted) {
		const row = byKey.get(entry.key);
		const parked = fold(entry.key);
		const entryCost = entry.costRate ? costMinor(entry.hours, entry.costRate) : undefined;
		if (entry.costRate && entryCost !== undefined) cost.set(entry.costRate.currency, (cost.get(entry.costRate.currency) ?? 0n) + entryCost);
		const state = row ? `${row.status}${row.error ? `: ${row.error}` : ''}` : 'never claimed';
		blockers.push({
			blocker: 'approvedTimeNotPosted',
			key: entry.key,
			owner: parked[0]?.owner ?? 'Finance',
			reason: `approved time ${entry.reference} of ${entry.date} (${entry.hours} h) is not posted (ledger: ${state})${parked.length ? `; parked as exception ${parked.map((p) => p.id).join(', ')}` : ''}`,
			reference: entry.reference,
			date: entry.date,
			hours: entry.hours,
			cost: entry.costRate && entryCost !== undefined ? { amount: formatAmount(entryCost, entry.costRate.currency), currency: entry.costRate.currency } : null,
			ledgerStatus: row?.status ?? null,
			exceptions: parked,
		});
	}

	// revenue-schedule.json keys its journals `<erp>:journal:…`, revenue-schedule-to-erp.json `<erp>:revenue:…`.
	const journalPatterns = options.journalPattern
		.split(',')
		.map((pattern) => pattern.trim())
		.filter(Boolean);
	for (const row of ledger) {
		if (!journalPatterns.some((pattern) => row.key.includes(pattern)) || !row.key.includes(period) || row.status === 'posted') continue;
		const parked = fold(row.key);
		blockers.push({
			blocker: 'revenueJournalNotPosted',
			key: row.key,
			owner: parked[0]?.owner ?? 'Finance',
			reason: `revenue journal ${row.key} is ${row.status}${row.error ? `: ${row.error}` : ''}`,
			targetSystem: row.targetSystem ?? null,
			ledgerStatus: row.status,
			exceptions: parked,
		});
	}

	const byOwner: Record<string, { open: number; oldestDays: number }> = {};
	for (const e of open) {
		const age = Math.max(0, now.getTime() - (Date.parse(String(e.raisedAt)) || now.getTime()));
		const owner = (byOwner[e.owner] ??= { open: 0, oldestDays: 0 });
		owner.open++;
		owner.oldestDays = Math.max(owner.oldestDays, round2(age / DAY));
		if (folded.has(e)) continue;
		const reconciliation = e.key.startsWith(options.reconciliationPrefix);
		blockers.push({
			blocker: reconciliation ? 'reconciliationDifference' : 'openException',
			key: e.key,
			owner: e.owner,
			reason: `${reconciliation ? 'reconciliation difference' : 'open exception'} ${e.id ?? ''} for ${e.owner}, ${round2(age / DAY)} days old: ${e.reason}`,
			exceptionId: e.id ?? null,
			ageDays: round2(age / DAY),
			ageBucket: ageBucket(age),
			raisedAt: e.raisedAt,
		});
	}

	const lastSync = ledger
		.filter((row) => row.key.startsWith(options.workerSyncPrefix) && row.status === 'posted' && row.postedAt)
		.map((row) => Date.parse(String(row.postedAt)))
		.filter(Number.isFinite)
		.reduce<number | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
	const syncAge = lastSync === undefined ? undefined : round2((now.getTime() - lastSync) / DAY);
	if (lastSync === undefined || (syncAge ?? 0) > options.staleWorkerDays) {
		blockers.push({
			blocker: 'staleWorkerData',
			key: options.workerSyncPrefix,
			owner: 'HR Operations',
			reason:
				lastSync === undefined
					? `no worker sync recorded in the ledger (keys ${options.workerSyncPrefix}…): worker data may be stale`
					: `the last worker sync posted ${syncAge} days ago (${new Date(lastSync).toISOString()}), more than ${options.staleWorkerDays}`,
			lastSyncAt: lastSync === undefined ? null : new Date(lastSync).toISOString(),
			ageDays: syncAge ?? null,
		});
	}

	const kinds: BlockerKind[] = ['approvedTimeNotPosted', 'revenueJournalNotPosted', 'reconciliationDifference', 'openException', 'staleWorkerData'];
	const counts = Object.fromEntries(kinds.map((k) => [k, blockers.filter((b) => b.blocker === k).length])) as Record<BlockerKind, number>;
	const hours = sumDecimals(unposted.map((e) => e.hours));
	const costText = Object.fromEntries([...cost.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, minor]) => [currency, formatAmount(minor, currency)]));
	const ready = blockers.length === 0 ? 'yes' : 'no';
	const lines = [
		`Close readiness for ${period}: ready ${ready}${blockers.length ? ` (${blockers.length} blocker${blockers.length === 1 ? '' : 's'})` : ''}`,
		`Approved time not posted: ${counts.approvedTimeNotPosted} entries, ${hours} h${Object.keys(costText).length ? `, cost ${Object.entries(costText).map(([c, a]) => `${a} ${c}`).join(' + ')}` : ''}`,
		`Revenue journals not posted: ${counts.revenueJournalNotPosted}`,
		`Reconciliation differences open: ${counts.reconciliationDifference}`,
		`Other open exceptions: ${counts.openException}${Object.keys(byOwner).length ? ` (all open by owner: ${Object.entries(byOwner).sort(([a], [b]) => a.localeCompare(b)).map(([o, v]) => `${o} ${v.open}, oldest ${v.oldestDays} d`).join('; ')})` : ''}`,
		`Worker data: ${counts.staleWorkerData ? blockers.find((b) => b.blocker === 'staleWorkerData')!.reason : `synced ${syncAge} days ago`}`,
	];
	return {
		blockers,
		summary: { blocker: 'summary', period, ready, counts, approvedTimeNotPosted: { entries: unposted.length, hours, cost: costText }, openExceptionsByOwner: byOwner, lines, text: lines.join('\n') },
	};
}
