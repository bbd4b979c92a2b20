/**
 * Ordering guard: an incoming record whose source version (a number) or modification time (ISO 8601) is older
 * than the last one applied for the same entity is stale and must not overwrite the newer state.
 */

/**
 * A version compared exactly: a decimal number as an integer of units at a scale (so 9007199254740993 stays
 * above 9007199254740992, which doubles cannot tell apart), or an instant in nanoseconds since the epoch.
 */
export type Version =
	| { kind: 'number'; units: bigint; scale: number; text: string }
	| { kind: 'time'; nanos: bigint; text: string };

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;
/** A date-time must name its zone (Z or an offset); a bare date is the ISO 8601 date form, read as UTC midnight. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

function decimalVersion(text: string): Version | undefined {
	const match = DECIMAL.exec(text);
	if (!match) return undefined;
	const [, sign, whole, fraction = ''] = match;
	const digits = BigInt(whole + fraction);
	return { kind: 'number', units: sign === '-' ? -digits : digits, scale: fraction.length, text };
}

function timeVersion(text: string): Version | undefined {
	const match = DATE_TIME.exec(text);
	if (!match) return undefined;
	const [, y, mo, d, h, mi, sec = '0', fraction = '', zulu, offsetSign, offsetHours, offsetMinutes = '0'] = match;
	if (h !== undefined && !zulu && !offsetSign) {
		throw new Error(
			`"${text}" has no time zone: a date-time without Z or an offset would be read in the server's zone; add the zone (e.g. ${text}Z or ${text}+01:00)`,
		);
	}
	const [year, month, day, hour, minute, second] = [y, mo, d, h ?? '0', mi ?? '0', sec].map(Number);
	const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
	utc.setUTCFullYear(year);
	const valid =
		utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day && utc.getUTCHours() === hour && utc.getUTCMinutes() === minute && second < 60;
	if (!valid || Number(offsetHours ?? 0) > 23 || Number(offsetMinutes) > 59) throw new Error(`"${text}" is not a valid ISO 8601 date-time`);
	const offsetMinutesTotal = offsetSign ? (offsetSign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) : 0;
	const epochMs = utc.getTime() - offsetMinutesTotal * 60_000;
	const nanos = BigInt(epochMs) * 1_000_000n + BigInt(fraction.padEnd(9, '0'));
	return { kind: 'time', nanos, text: timeText(nanos) };
}

/** ISO 8601 in UTC, milliseconds always shown and finer digits only when there are any. */
function timeText(nanos: bigint): string {
	const ms = nanos / 1_000_000n - (nanos % 1_000_000n < 0n ? 1n : 0n);
	const finer = nanos - ms * 1_000_000n;
	const iso = new Date(Number(ms)).toISOString();
	return finer === 0n ? iso : `${iso.slice(0, -1)}${String(finer).padStart(6, '0').replace(/0+$/, '')}Z`;
}

/**
 * Parses a version: a decimal number (JSON number or numeric text; pass integers above 2^53 as text, a JSON
 * number has already lost their last digits) or an ISO 8601 date-time with a zone. Throws naming the value.
 */
export function parseVersion(raw: unknown): Version {
	if (typeof raw === 'number') {
		if (Number.isInteger(raw) && !Number.isSafeInteger(raw)) {
			throw new Error(`version number ${raw} is beyond 2^53 and has lost precision as a JSON number: pass it as text (a string of digits)`);
		}
		const version = Number.isFinite(raw) ? decimalVersion(String(raw)) : undefined;
		if (version) return version;
	}
	if (typeof raw === 'bigint') return decimalVersion(raw.toString())!;
	if (typeof raw === 'string') {
		const text = raw.trim();
		const version = decimalVersion(text) ?? timeVersion(text);
		if (version) return version;
	}
	if (raw instanceof Date && Number.isFinite(raw.getTime())) return timeVersion(raw.toISOString())!;
	throw new Error(`"${String(raw)}" is neither a version number nor an ISO 8601 date-time`);
}

/** Negative when a is older than b, 0 when equal, positive when newer. Mixed kinds cannot be ordered. */
export function compareVersions(a: Version, b: Version): number {
	if (a.kind !== b.kind) throw new Error(`cannot compare a ${a.kind} version (${a.text}) with a ${b.kind} version (${b.text})`);
	let left: bigint;
	let right: bigint;
	if (a.kind === 'number' && b.kind === 'number') {
		const scale = Math.max(a.scale, b.scale);
		left = a.units * 10n ** BigInt(scale - a.scale);
		right = b.units * 10n ** BigInt(scale - b.scale);
	} else {
		left = (a as Extract<Version, { kind: 'time' }>).nanos;
		right = (b as Extract<Version, { kind: 'time' }>).nanos;
	}
	return left === right ? 0 : left < right ? -1 : 1;
}

export type OrderDecision =
	| { outcome: 'applied'; reason: string; previous?: string }
	| { outcome: 'stale'; reason: string; previous: string };

/**
 * An equal version is applied, not stale: the same change arriving twice is a duplicate, which the ledger's
 * idempotency key handles; the order guard only stops older data from overwriting newer data.
 */
export function decideOrder(entity: string, incoming: Version, lastApplied: Version | undefined): OrderDecision {
	if (!lastApplied) return { outcome: 'applied', reason: `first version ${incoming.text} seen for ${entity}` };
	const cmp = compareVersions(incoming, lastApplied);
	if (cmp < 0) {
		return {
			outcome: 'stale',
			reason: `version ${incoming.text} of ${entity} is older than ${lastApplied.text}, already applied`,
			previous: lastApplied.text,
		};
	}
	return {
		outcome: 'applied',
		reason: cmp === 0 ? `version ${incoming.text} of ${entity} equals the last applied` : `version ${incoming.text} of ${entity} is newer than ${lastApplied.text}`,
		previous: lastApplied.text,
	};
}
