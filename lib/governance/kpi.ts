/**
 * Planning-to-cash health KPIs computed from the ledger, the exception queue, the audit trail and (optionally)
 * time records carrying approval, posting and invoicing timestamps.
 */
import type { ExceptionRecord } from './exceptions';
import type { LedgerRow } from './ledger';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Age buckets used by every age KPI: upper bounds in days, the last one open-ended. */
export const AGE_BUCKETS: Array<{ label: string; maxDays: number }> = [
	{ label: '0-1d', maxDays: 1 },
	{ label: '1-3d', maxDays: 3 },
	{ label: '3-7d', maxDays: 7 },
	{ label: '7-30d', maxDays: 30 },
	{ label: '>30d', maxDays: Number.POSITIVE_INFINITY },
];

export function ageBucket(ageMs: number): string {
	const days = ageMs / DAY;
	return AGE_BUCKETS.find((bucket) => days < bucket.maxDays)!.label;
}

function emptyBuckets(): Record<string, number> {
	return Object.fromEntries(AGE_BUCKETS.map((b) => [b.label, 0]));
}

function time(value: unknown): number | undefined {
	if (value instanceof Date) return value.getTime();
	if (typeof value !== 'string' || !value) return undefined;
	const t = Date.parse(value);
	return Number.isFinite(t) ? t : undefined;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export interface TimeRecord {
	approvedAt?: unknown;
	postedAt?: unknown;
	invoicedAt?: unknown;
}

export interface LatencyKpi {
	kpi: 'approvedToInvoicedLatency';
	count: number;
	/** Records approved but not yet invoiced (not in the latency figures). */
	notInvoiced: number;
	p50Hours: number | null;
	p90Hours: number | null;
	maxHours: number | null;
	meanHours: number | null;
}

export function approvedToInvoicedLatency(records: TimeRecord[]): LatencyKpi {
	const hours: number[] = [];
	let notInvoiced = 0;
	for (const record of records) {
		const approved = time(record.approvedAt);
		if (approved === undefined) continue;
		const invoiced = time(record.invoicedAt);
		if (invoiced === undefined) {
			notInvoiced++;
			continue;
		}
		hours.push(Math.max(0, invoiced - approved) / HOUR);
	}
	hours.sort((a, b) => a - b);
	const empty = hours.length === 0;
	return {
		kpi: 'approvedToInvoicedLatency',
		count: hours.length,
		notInvoiced,
		p50Hours: empty ? null : round2(percentile(hours, 50)),
		p90Hours: empty ? null : round2(percentile(hours, 90)),
		maxHours: empty ? null : round2(hours[hours.length - 1]),
		meanHours: empty ? null : round2(hours.reduce((a, b) => a + b, 0) / hours.length),
	};
}

export function approvedButUnpostedByAge(records: TimeRecord[], now: Date) {
	const buckets = emptyBuckets();
	let total = 0;
	for (const record of records) {
		const approved = time(record.approvedAt);
		if (approved === undefined || time(record.postedAt) !== undefined) continue;
		buckets[ageBucket(Math.max(0, now.getTime() - approved))]++;
		total++;
	}
	return { kpi: 'approvedButUnpostedByAge' as const, total, buckets };
}

/** Stale records: order-guard rejections recorded in the audit trail, per target. */
export function staleRecords(audit: Array<{ action: string; target?: string | null }>) {
	const byTarget: Record<string, number> = {};
	let total = 0;
	for (const entry of audit) {
		if (entry.action !== 'order.stale') continue;
		const target = entry.target || '(unknown)';
		byTarget[target] = (byTarget[target] ?? 0) + 1;
		total++;
	}
	return { kpi: 'staleRecords' as const, total, byTarget };
}

export function openExceptionsByOwnerAndAge(exceptions: Array<Pick<ExceptionRecord, 'status' | 'owner' | 'raisedAt'>>, now: Date) {
	const byOwner: Record<string, { open: number; oldestDays: number; buckets: Record<string, number> }> = {};
	let total = 0;
	for (const exception of exceptions) {
		if (exception.status !== 'open') continue;
		const raised = time(exception.raisedAt) ?? now.getTime();
		const age = Math.max(0, now.getTime() - raised);
		const entry = (byOwner[exception.owner] ??= { open: 0, oldestDays: 0, buckets: emptyBuckets() });
		entry.open++;
		entry.oldestDays = Math.max(entry.oldestDays, round2(age / DAY));
		entry.buckets[ageBucket(age)]++;
		total++;
	}
	return { kpi: 'openExceptionsByOwnerAndAge' as const, total, byOwner };
}

/** Posted ÷ (posted + failed) per target system, from the ledger's final states (claims in flight are left out). */
export function postingSuccessRate(rows: Array<Pick<LedgerRow, 'status' | 'targetSystem'>>) {
	const byTarget: Record<string, { posted: number; failed: number; rate: number | null }> = {};
	for (const row of rows) {
		if (row.status === 'claimed') continue;
		const target = row.targetSystem || '(unknown)';
		const entry = (byTarget[target] ??= { posted: 0, failed: 0, rate: null });
		if (row.status === 'posted') entry.posted++;
		else entry.failed++;
	}
	for (const entry of Object.values(byTarget)) {
		entry.rate = entry.posted + entry.failed === 0 ? null : Math.round((entry.posted / (entry.posted + entry.failed)) * 10_000) / 10_000;
	}
	return { kpi: 'postingSuccessRate' as const, byTarget };
}
