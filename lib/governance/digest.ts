/**
 * The health digest: the Sync Ledger's KPIs as rows (one per KPI per run, for a Data Table a dashboard reads) and
 * as text lines a person reads in a message. Computed from the ledger, the exception queue, the breakers and the
 * approved PSA time given (each with its idempotency key, so "posted" is what the ledger says, not the PSA).
 */
import type { BreakerState } from './breaker';
import type { ExceptionRecord } from './exceptions';
import { approvedButUnpostedByAge, approvedToInvoicedLatency, openExceptionsByOwnerAndAge, postingSuccessRate } from './kpi';
import type { LedgerRow } from './ledger';

export interface DigestTimeRecord {
	key: string;
	approvedAt?: unknown;
	invoicedAt?: unknown;
}

export interface DigestKpi {
	kpi: string;
	/** The headline figure (null when there is nothing to measure). */
	value: number | null;
	unit: string;
	detail: Record<string, unknown>;
	/** One line for people. */
	line: string;
}

const percent = (rate: number | null) => (rate === null ? 'n/a' : `${(rate * 100).toFixed(1)} %`);
const hours = (value: number | null) => (value === null ? 'n/a' : `${value} h`);

export function healthDigest(
	records: DigestTimeRecord[],
	ledger: Array<Pick<LedgerRow, 'key' | 'status' | 'targetSystem' | 'postedAt'>>,
	exceptions: Array<Pick<ExceptionRecord, 'status' | 'owner' | 'raisedAt'>>,
	breakers: BreakerState[],
	now: Date,
): DigestKpi[] {
	const postedAt = new Map(ledger.filter((row) => row.status === 'posted').map((row) => [row.key, row.postedAt ?? undefined]));
	const withPosting = records.map((record) => ({ approvedAt: record.approvedAt, invoicedAt: record.invoicedAt, postedAt: postedAt.get(record.key) }));
	// Billing latency: approval to the ERP posting (from the ledger), and to the invoice where the records carry one.
	const toPosted = approvedToInvoicedLatency(withPosting.map((r) => ({ approvedAt: r.approvedAt, invoicedAt: r.postedAt })));
	const toInvoiced = approvedToInvoicedLatency(withPosting);
	const unposted = approvedButUnpostedByAge(withPosting, now);
	const success = postingSuccessRate(ledger);
	const open = openExceptionsByOwnerAndAge(exceptions, now);
	const openBreakers = breakers.filter((b) => b.state === 'open');
	const targets = Object.entries(success.byTarget).sort(([a], [b]) => a.localeCompare(b));
	let posted = 0;
	let failed = 0;
	for (const [, t] of targets) {
		posted += t.posted;
		failed += t.failed;
	}
	const owners = Object.entries(open.byOwner).sort(([a], [b]) => a.localeCompare(b));
	const buckets = Object.entries(unposted.buckets).filter(([, count]) => count > 0);
	return [
		{
			kpi: 'billingLatency',
			value: toPosted.p50Hours,
			unit: 'hours (median, approved → posted)',
			detail: { approvedToPosted: toPosted, approvedToInvoiced: toInvoiced },
			line: `Billing latency: approved → posted median ${hours(toPosted.p50Hours)}, p90 ${hours(toPosted.p90Hours)} over ${toPosted.count} entries; approved → invoiced median ${hours(toInvoiced.p50Hours)} over ${toInvoiced.count}`,
		},
		{
			kpi: 'approvedUnpostedTime',
			value: unposted.total,
			unit: 'entries',
			detail: { total: unposted.total, buckets: unposted.buckets, approved: records.length },
			line: `Approved time not posted: ${unposted.total} of ${records.length} entries${buckets.length ? ` (${buckets.map(([label, count]) => `${label}: ${count}`).join(', ')})` : ''}`,
		},
		{
			kpi: 'postingSuccess',
			value: posted + failed === 0 ? null : Math.round((posted / (posted + failed)) * 10_000) / 10_000,
			unit: 'share posted',
			detail: { byTarget: success.byTarget, posted, failed },
			line: `Posting success: ${targets.length ? targets.map(([name, t]) => `${name} ${percent(t.rate)} (${t.posted} posted, ${t.failed} failed)`).join('; ') : 'nothing posted yet'}`,
		},
		{
			kpi: 'openExceptions',
			value: open.total,
			unit: 'exceptions',
			detail: { total: open.total, byOwner: open.byOwner },
			line: `Open exceptions: ${open.total}${owners.length ? ` (${owners.map(([owner, o]) => `${owner} ${o.open}, oldest ${o.oldestDays} d`).join('; ')})` : ''}`,
		},
		{
			kpi: 'targetsDown',
			value: openBreakers.length,
			unit: 'targets',
			detail: { open: openBreakers.map((b) => ({ target: b.target, openedAt: b.openedAt, lastError: b.lastError })) },
			line: `Targets not answering: ${openBreakers.length ? openBreakers.map((b) => `${b.target} since ${b.openedAt}`).join('; ') : 'none'}`,
		},
	];
}
