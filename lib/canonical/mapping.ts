/**
 * What a vendor mapping module provides, and small helpers the vendor mappings share. Mappers are pure: no
 * I/O, no clock, no randomness, and they never throw on bad input — odd values pass through unchanged so the
 * schema check can name the field, or become problems that name the source field (`payload.<field>`).
 */
import { formatAmount, isCurrencyCode, parseAmount } from '../money';

import type { Environment, LineageStep } from './envelope';
import { enterpriseIdFor } from './identity';
import { isPlainObject } from './json';
import type { Problem } from './problems';
import type { EntityName } from './schemas';

export type VendorRecord = Record<string, unknown>;
export type CanonicalData = Record<string, unknown>;

export interface ToCanonicalContext {
	environment: Environment;
	correlationId: string;
	/** Currency to assume when the source record carries money but no currency (NetSuite time bills). */
	defaultCurrency?: string;
}

export interface MappedIn {
	data: CanonicalData;
	source: { id: string; modifiedAt?: string; version?: string; externalId?: string };
	/** An enterprise id the source record already carries (its external id), reused instead of computing one. */
	enterpriseId?: string;
	problems: Problem[];
}

export interface FromCanonicalContext {
	/** The system the canonical record came from; references into the same system keep their ids. */
	sourceSystem: string;
	sourceId: string;
	/** The source record's own external id, when it had one. */
	sourceExternalId?: string;
	enterpriseId: string;
}

export interface MappedOut {
	record: VendorRecord;
	problems: Problem[];
}

export interface VendorMapper {
	system: string;
	/** The vendor object name as the vendor spells it (Account, timeBill). */
	object: string;
	entity: EntityName;
	version: number;
	/** Other spellings accepted for the object parameter (NetSuite record ids are case-insensitive). */
	aliases?: readonly string[];
	/** Top-level vendor fields the mapper reads or knowingly ignores; anything else is unknown in strict mode. */
	knownFields: readonly string[];
	/** Whether a record has this mapper's shape (for source detection). */
	matches(record: VendorRecord): boolean;
	toCanonical(record: VendorRecord, context: ToCanonicalContext): MappedIn;
	fromCanonical(data: CanonicalData, context: FromCanonicalContext): MappedOut;
}

export function mapperName(mapper: VendorMapper): string {
	let name = mapperNames.get(mapper);
	if (name === undefined) {
		name = `${mapper.system}.${mapper.object}@${mapper.version}`;
		mapperNames.set(mapper, name);
	}
	return name;
}

/** Mappers are constants; their names are written once (every record's lineage carries one). */
const mapperNames = new WeakMap<VendorMapper, string>();

export type { LineageStep };

// ---------------------------------------------------------------------------------------------------------
// Value helpers

/**
 * A JSON number as an exact decimal string. JSON numbers are decimal text; JavaScript's shortest round-trip
 * rendering gives that text back (1250.5 → "1250.5"), and exponent forms are expanded without arithmetic.
 * Strings are trimmed; anything else passes through for the schema to reject.
 */
export function exactDecimalText(value: unknown): unknown {
	if (typeof value === 'string') return value.trim();
	if (typeof value !== 'number' || !Number.isFinite(value)) return value;
	const text = String(value);
	const exponent = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
	if (!exponent) return text;
	const [, sign, lead, rest = '', power] = exponent;
	const digits = lead + rest;
	const point = 1 + Number(power);
	if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`.replace(/\.?0+$/, '');
	if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
	return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Strips trailing fractional zeros: "7.50" → "7.5", "100.00" → "100". */
export function normalizeDecimal(text: string): string {
	if (!text.includes('.')) return text;
	return text.replace(/0+$/, '').replace(/\.$/, '');
}

/** One spelling per decimal value: no leading or trailing zeros, no negative zero. */
export function canonicalDecimal(text: string): string {
	const negative = text.startsWith('-');
	const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
	const trimmedWhole = whole.replace(/^0+(?=\d)/, '');
	const trimmedFraction = fraction.replace(/0+$/, '');
	const body = trimmedFraction ? `${trimmedWhole}.${trimmedFraction}` : trimmedWhole;
	return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/**
 * A decimal string as a JSON number for a vendor payload, only when the number carries exactly that decimal
 * value (at most 15 significant digits); otherwise a problem, never a silently rounded amount.
 */
export function decimalToNumber(text: unknown, path: string, problems: Problem[]): number | undefined {
	if (text === undefined || text === null) return undefined;
	if (typeof text !== 'string' || !/^-?\d+(\.\d+)?$/.test(text)) {
		problems.push({ path, reason: `must be an exact decimal string to convert for the vendor (got ${JSON.stringify(text)})` });
		return undefined;
	}
	const number = Number(text);
	if (canonicalDecimal(exactDecimalText(number) as string) !== canonicalDecimal(text)) {
		problems.push({ path, reason: `${text} cannot be sent as a JSON number without rounding` });
		return undefined;
	}
	return number;
}

/**
 * Timestamps with their zone as RFC 3339: Salesforce's `2025-01-15T10:20:30.000+0000` becomes
 * `2025-01-15T10:20:30.000+00:00`. Other values pass through.
 */
export function timestampText(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	return value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

/** Vendor date fields sometimes carry a time (`2025-03-31T00:00:00Z`); the canonical field is the date part. */
export function dateText(value: unknown): unknown {
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return value.slice(0, 10);
	return value;
}

export function textOf(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** Removes undefined and null members (and empty nested objects) so absent source fields stay absent. */
export function compact<T extends Record<string, unknown>>(value: T): T {
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(value)) {
		const entry = value[key];
		if (entry === undefined || entry === null) continue;
		if (isPlainObject(entry) && !hasOwnKeys(entry)) continue;
		out[key] = entry;
	}
	return out as T;
}

/** Whether the object has an own enumerable string-keyed member (Object.keys would list one), without the list. */
function hasOwnKeys(value: Record<string, unknown>): boolean {
	for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return true;
	return false;
}

// ---------------------------------------------------------------------------------------------------------
// Paths: `a.b.c`, `lines.0.amount` or `lines[0].amount`

export function splitPath(path: string): string[] {
	return path
		.replace(/\[(\d+)\]/g, '.$1')
		.split('.')
		.map((segment) => segment.trim())
		.filter((segment) => segment !== '');
}

export function getPath(root: unknown, path: string | string[]): unknown {
	let current = root;
	for (const segment of Array.isArray(path) ? path : splitPath(path)) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[segment];
	}
	return current;
}

const UNSAFE_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/** Sets a value, creating objects on the way. Returns false when the path is unsafe or runs through a scalar. */
export function setPath(root: Record<string, unknown>, path: string | string[], value: unknown): boolean {
	const segments = Array.isArray(path) ? path : splitPath(path);
	if (segments.length === 0 || segments.some((segment) => UNSAFE_SEGMENTS.has(segment))) return false;
	let current: Record<string, unknown> = root;
	for (const segment of segments.slice(0, -1)) {
		const next = current[segment];
		if (next === undefined || next === null) {
			const created: Record<string, unknown> = {};
			current[segment] = created;
			current = created;
		} else if (typeof next === 'object') {
			current = next as Record<string, unknown>;
		} else {
			return false;
		}
	}
	current[segments[segments.length - 1]] = value;
	return true;
}

/**
 * A vendor amount as a canonical money value, written with exactly the currency's minor-unit decimals when it
 * is a valid amount ("150.5" USD → "150.50"). Invalid text passes through unchanged for the schema to name.
 */
export function moneyOf(value: unknown, currency: unknown): { amount: unknown; currency: unknown } | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const amount = exactDecimalText(value);
	if (typeof amount === 'string' && typeof currency === 'string' && isCurrencyCode(currency)) {
		try {
			return { amount: formatAmount(parseAmount(amount, currency), currency), currency };
		} catch {
			return { amount, currency };
		}
	}
	return { amount, currency };
}

/**
 * A canonical reference to a record of the source system. When the referenced entity is known, the reference
 * carries that record's enterprise id, so references join across systems.
 */
export function reference(system: string, id: unknown, name?: unknown, entity?: EntityName): Record<string, unknown> | undefined {
	if (id === undefined || id === null || id === '') return undefined;
	if (typeof id !== 'string' && typeof id !== 'number') return { id };
	const text = String(id);
	return compact({
		id: text,
		name: typeof name === 'string' && name !== '' ? name : undefined,
		enterpriseId: entity ? enterpriseIdFor(entity, system, text) : undefined,
	});
}

/** A lookup of vendor labels, case- and space-insensitive: `lookup(table, 'Pending Approval')`. */
export function lookupLabel<T extends string>(table: Record<string, T>, label: unknown): T | undefined {
	if (typeof label !== 'string') return undefined;
	return table[label.toLowerCase().replace(/[^a-z0-9]/g, '')];
}
