/**
 * Records toCanonical made and found valid, remembered so that validating the same object again (the Validate
 * operation, fromCanonical) does not make its idempotency key and run the schema check a second time.
 *
 * Why it is safe: validateCanonical's answer is a function of the entity, the unknown-fields mode and what it
 * reads from the record: for every object its prototype, its `for…in` keys in order and the values under them
 * (an absent schema member reads undefined), for every array its length and elements. A snapshot of exactly
 * those is kept beside the record, and the memo answers only while the record still matches it value for value
 * (Object.is), so any change made after toCanonical (a member set, deleted, added or re-typed, anywhere in
 * the tree, or a copy with other content) sends the record to the full check. A strict answer stands for a
 * lenient check (lenient only ignores extra keys), not the other way round. The idempotency key is right when
 * the snapshot is taken: toCanonical made it from the same source and data objects.
 * Outside the guarantee, as everywhere in this package, are non-JSON tricks: a member added with
 * Object.defineProperty as not enumerable, a getter whose value changes between reads, and changes to
 * Object.prototype.
 */
import type { EntityName } from './schemas';

/** Marks an array in a snapshot (its length and elements follow). An object is marked by its key list. */
const ARRAY = Symbol('array');

/** Nesting deeper than this is not remembered (toCanonical's records are a few levels deep). */
const MAX_DEPTH = 32;

/**
 * Key lists are shared between snapshots: records of one mapping have the same keys at the same place, so a
 * snapshot keeps a reference to one list per place instead of a copy per record (half the memory).
 */
const sharedKeys: string[][] = [];

/** The keys of `record` (for…in order) as the list shared at `place`, or a new list when they differ. */
function keyList(record: Record<string, unknown>, place: number): string[] {
	const shared = place < 256 ? sharedKeys[place] : undefined;
	if (shared !== undefined) {
		let count = 0;
		let same = true;
		for (const key in record) {
			if (count >= shared.length || shared[count] !== key) {
				same = false;
				break;
			}
			count++;
		}
		if (same && count === shared.length) return shared;
	}
	const keys: string[] = [];
	// for…in, not Object.keys: the strict unknown-key check reads inherited enumerable keys too.
	for (const key in record) keys.push(key);
	if (place < 256) sharedKeys[place] = keys;
	return keys;
}

/** Appends the snapshot of an object or array to `out`; false when it cannot be remembered (deep, or not plain). */
function snapshot(value: object, out: unknown[], depth: number): boolean {
	if (depth >= MAX_DEPTH) return false;
	if (Array.isArray(value)) {
		if (Object.getPrototypeOf(value) !== Array.prototype) return false;
		out.push(ARRAY, value.length);
		for (let index = 0; index < value.length; index++) {
			const entry: unknown = value[index];
			if (entry === null || typeof entry !== 'object') out.push(entry);
			else if (!snapshot(entry, out, depth + 1)) return false;
		}
		return true;
	}
	if (Object.getPrototypeOf(value) !== Object.prototype) return false;
	const record = value as Record<string, unknown>;
	const keys = keyList(record, out.length);
	out.push(keys);
	for (let index = 0; index < keys.length; index++) {
		const entry = record[keys[index]];
		if (entry === null || typeof entry !== 'object') out.push(entry);
		else if (!snapshot(entry, out, depth + 1)) return false;
	}
	return true;
}

/**
 * Where the walk of an object or array against the snapshot ends (the next slot), or -1 at the first difference.
 * Every step reads a slot and a nested value must find its marker, so a walk past the end fails (no marker there,
 * or the end is not where the caller expects it) and a changed, even circular, record ends in as many steps.
 */
function matches(value: object, taken: unknown[], at: number): number {
	const expected = taken[at];
	let next = at + 1;
	if (Array.isArray(value)) {
		if (expected !== ARRAY || Object.getPrototypeOf(value) !== Array.prototype || value.length !== taken[next++]) return -1;
		for (let index = 0; index < value.length; index++) {
			const entry: unknown = value[index];
			if (entry === null || typeof entry !== 'object') {
				if (!Object.is(entry, taken[next++])) return -1;
			} else if ((next = matches(entry, taken, next)) < 0) return -1;
		}
		return next;
	}
	if (!Array.isArray(expected) || Object.getPrototypeOf(value) !== Object.prototype) return -1;
	const record = value as Record<string, unknown>;
	// An object with a then method is a promise to zod, whose answer would change.
	if (typeof record.then === 'function') return -1;
	const keys = expected as string[];
	let count = 0;
	for (const key in record) if (count >= keys.length || keys[count++] !== key) return -1;
	if (count !== keys.length) return -1;
	for (let index = 0; index < keys.length; index++) {
		const entry = record[keys[index]];
		if (entry === null || typeof entry !== 'object') {
			if (!Object.is(entry, taken[next++])) return -1;
		} else if ((next = matches(entry, taken, next)) < 0) return -1;
	}
	return next;
}

/** Remembered records: the entity and whether the check was strict in the first two slots, then the snapshot. */
const validRecords = new WeakMap<object, unknown[]>();

/** Where snapshots are written before they are copied out at their exact length. */
const scratch: unknown[] = [];

/** Remembers that `record` (a canonical `entity` whose idempotency key matches its content) passed validation. */
export function rememberValidRecord(entity: EntityName, record: object, strict: boolean): void {
	scratch.length = 0;
	scratch.push(entity, strict);
	if (snapshot(record, scratch, 0)) validRecords.set(record, scratch.slice());
	scratch.length = 0;
}

/** Whether `record` is a remembered valid `entity` record, unchanged since, for a check in the given mode. */
export function isRememberedValid(entity: EntityName, record: object, strict: boolean): boolean {
	const taken = validRecords.get(record);
	if (taken === undefined || taken[0] !== entity || (strict && taken[1] !== true)) return false;
	return matches(record, taken, 2) === taken.length;
}
