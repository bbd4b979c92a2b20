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
	let first = true;
	for (const key of keys) {
		const entry = record[key];
		if (entry === undefined) continue;
		out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(entry)}`;
		first = false;
	}
	return `${out}}`;
}

export function sha256Hex(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}
