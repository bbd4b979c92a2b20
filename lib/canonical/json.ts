import * as crypto from 'crypto';
import { createHash } from 'crypto';

/** JSON values as they appear in vendor payloads and canonical records. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Canonical JSON: object keys sorted (UTF-16 code unit order), no whitespace, `undefined` members dropped. The same value
 * serialises to the same string on every run and machine, whatever order its keys were built in.
 */
export function canonicalJson(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (value === undefined) return 'null';
	if (value === null || typeof value !== 'object') {
		if (typeof value === 'bigint') return JSON.stringify(value.toString());
		if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
		return JSON.stringify(value);
	}
	if (Array.isArray(value)) {
		let out = '[';
		for (let index = 0; index < value.length; index++) out += (index === 0 ? '' : ',') + canonicalJson(value[index]);
		return `${out}]`;
	}
	const record = value as Record<string, unknown>;
	const keys = Object.keys(record).sort();
	let out = '{';
	for (const key of keys) {
		const entry = record[key];
		if (entry === undefined) continue;
		out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(entry)}`;
	}
	return `${out}}`;
}

export function sha256Hex(text: string): string {
	return oneShotHash ? oneShotHash('sha256', text, 'hex') : createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Node's one-shot crypto.hash (20.12 and later; a string is hashed as UTF-8): half the cost of a Hash object. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, outputEncoding: 'hex') => string }).hash;

/** Deepest nesting a record may have: far beyond any vendor or canonical record, well within the stack. */
export const MAX_JSON_DEPTH = 64;

export interface JsonShapeProblem {
	/** Keys from the root to the value at fault (cut after a few levels for a value nested too deep). */
	path: string[];
	reason: string;
}

/**
 * Where a value stops being JSON that can be mapped, hashed and validated: an object or array that contains
 * itself (circular), or nesting deeper than `maxDepth`. Either would overflow the stack in the recursive code
 * that follows. Shared (non-circular) members are measured once, so the walk stays linear.
 */
export function jsonShapeProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonShapeProblem | undefined {
	if (isSmallTree(value, maxDepth)) return undefined;
	return shapeProblemOf(value, maxDepth);
}

/** Objects a record may hold before the quick walk gives way to the full one (which measures shared members once). */
const QUICK_WALK_BUDGET = 2_000;

/**
 * The usual record in a few microseconds: a tree (no object met twice on one path) of at most
 * QUICK_WALK_BUDGET objects within `maxDepth`. Anything else, a problem or not, goes to the full walk, which
 * alone says what is wrong, so the answer is the same either way.
 */
function isSmallTree(value: unknown, maxDepth: number): boolean {
	if (value === null || typeof value !== 'object') return true;
	return smallTreeBudget(value, [], QUICK_WALK_BUDGET, maxDepth) >= 0;
}

/**
 * The quick walk of isSmallTree: the budget left after `node` and everything under it, or -1 when it is spent or
 * the walk meets depth or an ancestor. An object's members are read with for…in, which makes no key list: beside
 * what Object.keys lists it may also visit inherited enumerable members, which can only make the quick walk give way
 * sooner.
 */
function smallTreeBudget(node: object, ancestors: object[], budget: number, maxDepth: number): number {
	if (--budget < 0 || ancestors.length >= maxDepth || ancestors.includes(node)) return -1;
	ancestors.push(node);
	if (Array.isArray(node)) {
		// An array's own keys, as before: for…in would also make a string per element.
		for (const key of Object.keys(node)) {
			const child = (node as unknown as Record<string, unknown>)[key];
			if (child !== null && typeof child === 'object' && (budget = smallTreeBudget(child, ancestors, budget, maxDepth)) < 0) return -1;
		}
	} else {
		for (const key in node) {
			const child = (node as Record<string, unknown>)[key];
			if (child !== null && typeof child === 'object' && (budget = smallTreeBudget(child, ancestors, budget, maxDepth)) < 0) return -1;
		}
	}
	ancestors.pop();
	return budget;
}

function shapeProblemOf(value: unknown, maxDepth: number): JsonShapeProblem | undefined {
	const heights = new WeakMap<object, number>();
	const ancestors = new Set<object>();
	const path: string[] = [];
	let problem: JsonShapeProblem | undefined;
	const shownPath = () => (path.length > 8 ? [...path.slice(0, 8), '…'] : [...path]);
	// Height: how many object levels lie below this one (0 for an object holding only scalars).
	const heightOf = (node: object): number => {
		const known = heights.get(node);
		if (known !== undefined) {
			if (path.length + known >= maxDepth) problem = { path: shownPath(), reason: `is nested more than ${maxDepth} levels deep` };
			return known;
		}
		if (ancestors.has(node)) {
			problem = { path: shownPath(), reason: 'contains itself (a circular reference), which is not JSON' };
			return 0;
		}
		if (path.length >= maxDepth) {
			problem = { path: shownPath(), reason: `is nested more than ${maxDepth} levels deep` };
			return 0;
		}
		ancestors.add(node);
		let height = 0;
		for (const key of Object.keys(node)) {
			const child = (node as Record<string, unknown>)[key];
			if (child === null || typeof child !== 'object') continue;
			path.push(key);
			height = Math.max(height, 1 + heightOf(child));
			path.pop();
			if (problem) break;
		}
		ancestors.delete(node);
		heights.set(node, height);
		return height;
	};
	if (value !== null && typeof value === 'object') heightOf(value);
	return problem;
}
