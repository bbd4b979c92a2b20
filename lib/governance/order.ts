/**
 * Ordering guard: an incoming record whose source version (a number) or modification time (ISO 8601) is older
 * than the last one applied for the same entity is stale and must not overwrite the newer state.
 */

export type Version = { kind: 'number'; value: number; text: string } | { kind: 'time'; value: number; text: string };

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses a version: a finite number (or numeric text) or an ISO 8601 date-time. Throws naming the value. */
export function parseVersion(raw: unknown): Version {
	if (typeof raw === 'number' && Number.isFinite(raw)) return { kind: 'number', value: raw, text: String(raw) };
	if (typeof raw === 'string') {
		const text = raw.trim();
		if (/^[+-]?\d+(\.\d+)?$/.test(text)) return { kind: 'number', value: Number(text), text };
		if (ISO_TIME.test(text)) {
			const time = Date.parse(text);
			if (Number.isFinite(time)) return { kind: 'time', value: time, text: new Date(time).toISOString() };
		}
	}
	if (raw instanceof Date && Number.isFinite(raw.getTime())) return { kind: 'time', value: raw.getTime(), text: raw.toISOString() };
	throw new Error(`"${String(raw)}" is neither a version number nor an ISO 8601 date-time`);
}

/** Negative when a is older than b, 0 when equal, positive when newer. Mixed kinds cannot be ordered. */
export function compareVersions(a: Version, b: Version): number {
	if (a.kind !== b.kind) throw new Error(`cannot compare a ${a.kind} version (${a.text}) with a ${b.kind} version (${b.text})`);
	return a.value === b.value ? 0 : a.value < b.value ? -1 : 1;
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
