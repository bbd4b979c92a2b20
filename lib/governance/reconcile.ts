/**
 * Reconciliation of two record sets (e.g. PSA approved time against ERP time bills) by a match key. Every input
 * record ends in exactly one bucket: a matched or mismatched pair, missing on one side, or a duplicate key group.
 * Numbers are compared exactly (decimal text → rationals), within an absolute tolerance.
 */
import { formatAmount, parseAmount, Rational } from '../money';
import { getPath } from './paths';

export interface Indexed<T> {
	index: number;
	record: T;
}

export interface FieldDifference {
	field: string;
	source: unknown;
	target: unknown;
	/** target − source, exact, when both sides are numeric. */
	difference?: string;
}

export interface ReconcileOptions {
	matchKey: string;
	compareFields: string[];
	/** Absolute tolerance for numeric fields, as decimal text ("0.01"). */
	tolerance: string;
}

export interface ReconcileResult<T> {
	matched: Array<{ key: string; source: Indexed<T>; target: Indexed<T> }>;
	mismatched: Array<{ key: string; source: Indexed<T>; target: Indexed<T>; differences: FieldDifference[] }>;
	missingInTarget: Array<{ key: string | null; source: Indexed<T>; reason: string }>;
	missingInSource: Array<{ key: string | null; target: Indexed<T>; reason: string }>;
	duplicates: Array<{ key: string; sources: Array<Indexed<T>>; targets: Array<Indexed<T>>; reason: string }>;
}

function keyOf(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
	if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value);
}

function asRational(value: unknown): Rational | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) {
		try {
			return Rational.parse(value);
		} catch {
			return undefined;
		}
	}
	if (typeof value === 'string' && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(value)) return Rational.parse(value.trim());
	return undefined;
}

/** Fraction digits of a plain decimal, so a difference is written exactly at the inputs' own precision. */
function decimalPlaces(value: unknown): number {
	const text = String(value).trim();
	const dot = text.indexOf('.');
	return dot < 0 ? 0 : text.length - dot - 1;
}

function sameValue(a: unknown, b: unknown): boolean {
	const absentA = a === undefined || a === null || a === '';
	const absentB = b === undefined || b === null || b === '';
	if (absentA || absentB) return absentA && absentB;
	if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
	return JSON.stringify(a) === JSON.stringify(b);
}

/** Field-by-field differences; numeric fields within the tolerance count as equal. */
export function compareRecords(source: unknown, target: unknown, fields: string[], tolerance: Rational): FieldDifference[] {
	const differences: FieldDifference[] = [];
	for (const field of fields) {
		const s = getPath(source, field);
		const t = getPath(target, field);
		const sn = asRational(s);
		const tn = asRational(t);
		if (sn && tn) {
			const delta = tn.sub(sn);
			if (delta.abs().compare(tolerance) > 0) {
				differences.push({ field, source: s, target: t, difference: delta.toDecimalString(Math.max(decimalPlaces(s), decimalPlaces(t))) });
			}
			continue;
		}
		if (!sameValue(s, t)) differences.push({ field, source: s ?? null, target: t ?? null });
	}
	return differences;
}

export function parseTolerance(text: string | number | undefined): Rational {
	if (text === undefined || text === '') return Rational.of(0n);
	const tolerance = Rational.parse(text);
	if (tolerance.sign() < 0) throw new Error(`tolerance must not be negative, got ${String(text)}`);
	return tolerance;
}

export function reconcile<T>(sources: T[], targets: T[], options: ReconcileOptions): ReconcileResult<T> {
	if (!options.matchKey.trim()) throw new Error('matchKey is required');
	const tolerance = parseTolerance(options.tolerance);
	const result: ReconcileResult<T> = { matched: [], mismatched: [], missingInTarget: [], missingInSource: [], duplicates: [] };
	const group = (records: T[], side: 'source' | 'target') => {
		const groups = new Map<string, Array<Indexed<T>>>();
		records.forEach((record, index) => {
			const key = keyOf(getPath(record, options.matchKey));
			if (key === null) {
				const reason = `no value at matchKey "${options.matchKey}"`;
				if (side === 'source') result.missingInTarget.push({ key: null, source: { index, record }, reason });
				else result.missingInSource.push({ key: null, target: { index, record }, reason });
				return;
			}
			const list = groups.get(key) ?? [];
			list.push({ index, record });
			groups.set(key, list);
		});
		return groups;
	};
	const bySource = group(sources, 'source');
	const byTarget = group(targets, 'target');
	for (const [key, sourceGroup] of bySource) {
		const targetGroup = byTarget.get(key) ?? [];
		if (sourceGroup.length > 1 || targetGroup.length > 1) {
			result.duplicates.push({
				key,
				sources: sourceGroup,
				targets: targetGroup,
				reason: `key "${key}" appears ${sourceGroup.length}× in source and ${targetGroup.length}× in target (field ${options.matchKey})`,
			});
			continue;
		}
		const [source] = sourceGroup;
		if (targetGroup.length === 0) {
			result.missingInTarget.push({ key, source, reason: `no target record with ${options.matchKey} = "${key}"` });
			continue;
		}
		const [target] = targetGroup;
		const differences = compareRecords(source.record, target.record, options.compareFields, tolerance);
		if (differences.length === 0) result.matched.push({ key, source, target });
		else result.mismatched.push({ key, source, target, differences });
	}
	for (const [key, targetGroup] of byTarget) {
		if (bySource.has(key)) continue;
		if (targetGroup.length > 1) {
			result.duplicates.push({
				key,
				sources: [],
				targets: targetGroup,
				reason: `key "${key}" appears 0× in source and ${targetGroup.length}× in target (field ${options.matchKey})`,
			});
			continue;
		}
		result.missingInSource.push({ key, target: targetGroup[0], reason: `no source record with ${options.matchKey} = "${key}"` });
	}
	return result;
}

export interface CurrencyTotal {
	count: number;
	sum: string;
}

export interface ControlTotals {
	source: Record<string, CurrencyTotal>;
	target: Record<string, CurrencyTotal>;
	/** target − source per currency, exact. */
	difference: Record<string, string>;
	/** Records whose amount or currency could not be read, with the reason. */
	rejected: Array<{ side: 'source' | 'target'; index: number; reason: string }>;
}

/** Counts and exact sums per currency on each side (integer minor units, formatted with the currency's decimals). */
export function controlTotals<T>(
	sources: T[],
	targets: T[],
	fields: { amount: string; currency: string; defaultCurrency?: string },
): ControlTotals {
	const rejected: ControlTotals['rejected'] = [];
	const totalsOf = (records: T[], side: 'source' | 'target') => {
		const minor = new Map<string, { count: number; sum: bigint }>();
		records.forEach((record, index) => {
			const currencyValue = getPath(record, fields.currency) ?? fields.defaultCurrency;
			const amountValue = getPath(record, fields.amount);
			try {
				if (typeof currencyValue !== 'string' || !currencyValue) throw new Error(`no currency at "${fields.currency}"`);
				if (typeof amountValue !== 'string' && typeof amountValue !== 'number') throw new Error(`no amount at "${fields.amount}"`);
				const currency = currencyValue.toUpperCase();
				const amount = parseAmount(amountValue, currency);
				const entry = minor.get(currency) ?? { count: 0, sum: 0n };
				entry.count++;
				entry.sum += amount;
				minor.set(currency, entry);
			} catch (error) {
				rejected.push({ side, index, reason: (error as Error).message });
			}
		});
		return minor;
	};
	const source = totalsOf(sources, 'source');
	const target = totalsOf(targets, 'target');
	const format = (map: Map<string, { count: number; sum: bigint }>) =>
		Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([c, t]) => [c, { count: t.count, sum: formatAmount(t.sum, c) }]));
	const currencies = [...new Set([...source.keys(), ...target.keys()])].sort();
	const difference = Object.fromEntries(
		currencies.map((c) => [c, formatAmount((target.get(c)?.sum ?? 0n) - (source.get(c)?.sum ?? 0n), c)]),
	);
	return { source: format(source), target: format(target), difference, rejected };
}

/** One side's totals in a group and currency: record count, exact amount (null without a currency), quantities. */
export interface SideTotals {
	count: number;
	/** Exact sum in the currency's minor units, written with its decimals; null for records without a currency. */
	amount: string | null;
	/** Exact sums of each quantity field (e.g. hours), written with the most decimals any input had. */
	quantities: Record<string, string>;
}

export interface GroupTotalsRow {
	group: string;
	/** Null for records that carry no amount and no currency (time: counted by count and hours only). */
	currency: string | null;
	source: SideTotals;
	target: SideTotals;
	/** target − source, exact. */
	difference: SideTotals;
}

export interface GroupedControlTotals {
	rows: GroupTotalsRow[];
	rejected: Array<{ side: 'source' | 'target'; index: number; reason: string }>;
}

export interface GroupedTotalsFields {
	/** Field path whose value groups the records (e.g. "stream": time, expense, invoice). */
	group: string;
	amount: string;
	currency: string;
	defaultCurrency?: string;
	/** Numeric fields summed exactly next to the amount (e.g. "hours"). */
	quantities: string[];
}

const NO_GROUP = '(none)';

/** The amount in minor units; an amount with more decimals than its currency has is refused with the field named. */
function minorUnitsAt(value: string | number, currency: string, field: string): bigint {
	let reason: string;
	try {
		return parseAmount(value, currency);
	} catch (error) {
		reason = (error as Error).message;
	}
	throw new Error(`amount at "${field}": ${reason}`);
}
const absent = (value: unknown) => value === undefined || value === null || value === '';

/**
 * Control totals per group and currency on both sides and their difference: counts, amounts summed in integer
 * minor units, quantities summed as exact rationals. A record without an amount (and without a currency) is
 * counted with its quantities in the group's currency-less row, so time (hours, no money) and costs (money) are
 * totalled by the same call. A record whose amount, currency or quantity cannot be read exactly is rejected with
 * the field named, never counted approximately.
 */
export function groupedControlTotals<T>(sources: T[], targets: T[], fields: GroupedTotalsFields): GroupedControlTotals {
	const rejected: GroupedControlTotals['rejected'] = [];
	interface Bucket {
		group: string;
		currency: string | null;
		count: number;
		minor: bigint;
		quantities: Map<string, Rational>;
	}
	const scales = new Map<string, number>();
	const collect = (records: T[], side: 'source' | 'target') => {
		const buckets = new Map<string, Bucket>();
		records.forEach((record, index) => {
			try {
				const group = keyOf(getPath(record, fields.group)) ?? NO_GROUP;
				const amountValue = getPath(record, fields.amount);
				const currencyValue = getPath(record, fields.currency);
				const currencyText = absent(currencyValue) ? (absent(amountValue) ? undefined : fields.defaultCurrency) : currencyValue;
				if (currencyText !== undefined && (typeof currencyText !== 'string' || !currencyText.trim())) throw new Error(`no currency at "${fields.currency}"`);
				const currency = currencyText === undefined ? null : currencyText.trim().toUpperCase();
				if (!absent(amountValue) && currency === null) throw new Error(`an amount at "${fields.amount}" without a currency at "${fields.currency}"`);
				if (!absent(amountValue) && typeof amountValue !== 'string' && typeof amountValue !== 'number') throw new Error(`no amount at "${fields.amount}"`);
				const minor = !absent(amountValue) && currency !== null ? minorUnitsAt(amountValue as string | number, currency, fields.amount) : 0n;
				const quantities = new Map<string, Rational>();
				for (const field of fields.quantities) {
					const value = getPath(record, field);
					if (absent(value)) continue;
					const quantity = asRational(value);
					if (!quantity) throw new Error(`"${field}" is not an exact decimal (${JSON.stringify(value)})`);
					quantities.set(field, quantity);
					scales.set(field, Math.max(scales.get(field) ?? 0, decimalPlaces(value)));
				}
				const id = `${group}\u0000${currency ?? ''}`;
				const bucket = buckets.get(id) ?? { group, currency, count: 0, minor: 0n, quantities: new Map() };
				bucket.count++;
				bucket.minor += minor;
				for (const [field, quantity] of quantities) bucket.quantities.set(field, (bucket.quantities.get(field) ?? Rational.ZERO).add(quantity));
				buckets.set(id, bucket);
			} catch (error) {
				rejected.push({ side, index, reason: (error as Error).message });
			}
		});
		return buckets;
	};
	const source = collect(sources, 'source');
	const target = collect(targets, 'target');
	const ids = [...new Set([...source.keys(), ...target.keys()])].sort();
	const rows = ids.map((id) => {
		const s = source.get(id);
		const t = target.get(id);
		const { group, currency } = (s ?? t) as Bucket;
		const quantityFields = fields.quantities.filter((field) => s?.quantities.has(field) || t?.quantities.has(field));
		const side = (bucket: Bucket | undefined): SideTotals => ({
			count: bucket?.count ?? 0,
			amount: currency === null ? null : formatAmount(bucket?.minor ?? 0n, currency),
			quantities: Object.fromEntries(
				quantityFields.map((field) => [field, (bucket?.quantities.get(field) ?? Rational.ZERO).toDecimalString(scales.get(field) ?? 0)]),
			),
		});
		const difference: SideTotals = {
			count: (t?.count ?? 0) - (s?.count ?? 0),
			amount: currency === null ? null : formatAmount((t?.minor ?? 0n) - (s?.minor ?? 0n), currency),
			quantities: Object.fromEntries(
				quantityFields.map((field) => [
					field,
					(t?.quantities.get(field) ?? Rational.ZERO).sub(s?.quantities.get(field) ?? Rational.ZERO).toDecimalString(scales.get(field) ?? 0),
				]),
			),
		};
		return { group, currency, source: side(s), target: side(t), difference };
	});
	return { rows, rejected };
}

export interface OutcomeCounts {
	matched: number;
	mismatched: number;
	missingInTarget: number;
	missingInSource: number;
	duplicateKeys: number;
}

/** How many keys of each group ended in each outcome (a duplicate key group counts once, in its first record's group). */
export function outcomeCountsByGroup<T>(result: ReconcileResult<T>, groupField: string): Record<string, OutcomeCounts> {
	const counts: Record<string, OutcomeCounts> = {};
	const add = (record: T | undefined, outcome: keyof OutcomeCounts) => {
		const group = keyOf(getPath(record, groupField)) ?? NO_GROUP;
		counts[group] ??= { matched: 0, mismatched: 0, missingInTarget: 0, missingInSource: 0, duplicateKeys: 0 };
		counts[group][outcome]++;
	};
	for (const entry of result.matched) add(entry.source.record, 'matched');
	for (const entry of result.mismatched) add(entry.source.record, 'mismatched');
	for (const entry of result.missingInTarget) add(entry.source.record, 'missingInTarget');
	for (const entry of result.missingInSource) add(entry.target.record, 'missingInSource');
	for (const entry of result.duplicates) add((entry.sources[0] ?? entry.targets[0])?.record, 'duplicateKeys');
	return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
