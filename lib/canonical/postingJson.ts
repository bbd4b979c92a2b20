/**
 * The text an idempotency key hashes: canonicalJson(withoutDisplayNames(value)) — members in sorted order, undefined
 * members dropped, the display name of a reference ({ id, name?, enterpriseId? }) left out. Three ways to the same
 * text: a writer compiled once per entity from its zod schema (the usual record: every member one the schema
 * defines, of the type it defines), a sorted copy serialised by JSON.stringify (plain JSON), and a one-pass writer
 * for anything else. Each falls back to the next for a value it does not know, member by member.
 */
import { z } from 'zod';

import { canonicalJson } from './json';
import type { EntityName } from './schemas';
import { ENTITY_SCHEMAS } from './schemas';

/** sortedCopy's answer for a value that needs canonicalJson's own rules (JSON.stringify would differ). */
const NOT_PLAIN = Symbol('not plain JSON');
const INDEX_LIKE = /^(?:0|[1-9]\d*)$/;

/**
 * withoutDisplayNames with every object's members inserted in sorted order, so that JSON.stringify (native, and
 * much faster than building the text in JavaScript) gives canonicalJson's text. Only for plain JSON: a key that
 * objects order by number ("10" before "9" sorted as text), or a value that is not a string,
 * finite-or-not number, boolean, null, plain object or array gives NOT_PLAIN, and the caller serialises the
 * usual way.
 */
function sortedCopy(value: unknown): unknown {
	if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	if (Array.isArray(value)) {
		const out = new Array<unknown>(value.length);
		for (let index = 0; index < value.length; index++) {
			const entry = value[index] === undefined ? null : sortedCopy(value[index]);
			if (entry === NOT_PLAIN) return NOT_PLAIN;
			out[index] = entry;
		}
		return out;
	}
	if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return NOT_PLAIN;
	const record = value as Record<string, unknown>;
	const keys = Object.keys(record);
	let isReference = typeof record.id === 'string';
	for (let index = 0; isReference && index < keys.length; index++) {
		const key = keys[index];
		isReference = key === 'id' || key === 'name' || key === 'enterpriseId';
	}
	keys.sort();
	const out: Record<string, unknown> = {};
	for (const key of keys) {
		const entry = record[key];
		if (entry === undefined || (isReference && key === 'name')) continue;
		if (INDEX_LIKE.test(key)) return NOT_PLAIN;
		// As in withoutDisplayNames: assigning `__proto__` never makes a member, so it is never serialised.
		if (key === '__proto__') continue;
		const copy = sortedCopy(entry);
		if (copy === NOT_PLAIN) return NOT_PLAIN;
		out[key] = copy;
	}
	return out;
}

/** canonicalJson(withoutDisplayNames(value)): the idempotency key is made for every record, twice on a toCanonical-then-validate run. */
export function postingJson(value: Record<string, unknown>): string {
	const copy = sortedCopy(value);
	return copy === NOT_PLAIN ? displayFreeJson(value) : JSON.stringify(copy);
}

/** canonicalJson(withoutDisplayNames(value)) in one pass, for any value (see postingJson). */
function displayFreeJson(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (value === null || typeof value !== 'object') return canonicalJson(value);
	if (Array.isArray(value)) {
		let out = '[';
		for (let index = 0; index < value.length; index++) out += (index === 0 ? '' : ',') + displayFreeJson(value[index]);
		return `${out}]`;
	}
	const record = value as Record<string, unknown>;
	const keys = Object.keys(record);
	let isReference = typeof record.id === 'string';
	for (let index = 0; isReference && index < keys.length; index++) {
		const key = keys[index];
		isReference = key === 'id' || key === 'name' || key === 'enterpriseId';
	}
	keys.sort();
	let out = '{';
	for (const key of keys) {
		const entry = record[key];
		// `__proto__`: withoutDisplayNames's copy never has it as a member (see sortedCopy).
		if (entry === undefined || (isReference && key === 'name') || key === '__proto__') continue;
		out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${displayFreeJson(entry)}`;
	}
	return `${out}}`;
}


/** The text of any value: canonicalJson(withoutDisplayNames(value)). */
function anyJson(value: unknown): string {
	const copy = sortedCopy(value);
	return copy === NOT_PLAIN ? displayFreeJson(value) : JSON.stringify(copy);
}

type Writer = (value: unknown) => string;

/** JSON.stringify of a string: the usual text needs no escape and is only quoted. */
function stringJson(value: string): string {
	for (let index = 0; index < value.length; index++) {
		const code = value.charCodeAt(index);
		// What JSON.stringify writes as an escape: controls, quote, backslash, and surrogates (a lone one is escaped).
		if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) return JSON.stringify(value);
	}
	return `"${value}"`;
}

/** Writes a value the schema describes; a value of another type or shape is written by anyJson. */
function writerOf(schema: z.ZodTypeAny): Writer {
	if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) return writerOf(schema._def.innerType);
	if (schema instanceof z.ZodString || schema instanceof z.ZodEnum) return (value) => (typeof value === 'string' ? stringJson(value) : anyJson(value));
	if (schema instanceof z.ZodBoolean) return (value) => (value === true ? 'true' : value === false ? 'false' : anyJson(value));
	if (schema instanceof z.ZodNumber) return (value) => (typeof value === 'number' ? JSON.stringify(value) : anyJson(value));
	if (schema instanceof z.ZodArray) {
		const element = writerOf(schema._def.type);
		return (value) => {
			if (!Array.isArray(value)) return anyJson(value);
			let out = '[';
			for (let index = 0; index < value.length; index++) {
				const entry: unknown = value[index];
				out += (index === 0 ? '' : ',') + (entry === undefined ? 'null' : element(entry));
			}
			return `${out}]`;
		};
	}
	if (schema instanceof z.ZodObject) {
		const object = objectWriter(schema);
		return object ? (value) => object(value, undefined) ?? anyJson(value) : anyJson;
	}
	return anyJson;
}

type ObjectWriter = (value: unknown, skip: readonly string[] | undefined) => string | undefined;

/**
 * Writes an object whose own members are all members of the schema (undefined for anything else: the caller
 * writes it another way). `skip`: members left out first (the top level's non-posting fields); the reference rule
 * then looks at the members that are left, as postingFields' copy does.
 */
function objectWriter(schema: z.AnyZodObject): ObjectWriter | undefined {
	const names = Object.keys(schema.shape as Record<string, z.ZodTypeAny>).sort();
	// A member name Object.prototype also has could be read from the prototype; such schemas take the other ways.
	if (names.some((name) => name in Object.prototype)) return undefined;
	const known = new Set(names);
	const writers: Writer[] = [];
	const keyTexts: string[] = [];
	names.forEach((name) => keyTexts.push(`${JSON.stringify(name)}:`));
	// Compiled after the keys: a schema that contains itself would recurse here (none does; zod needs lazy for it).
	names.forEach((name) => writers.push(writerOf((schema.shape as Record<string, z.ZodTypeAny>)[name])));
	// Which names a skip list leaves out, per list (the entities' lists are constants: worked out once each).
	const skippedBy = new WeakMap<readonly string[], boolean[]>();
	const skippedNames = (skip: readonly string[]): boolean[] => {
		let skipped = skippedBy.get(skip);
		if (skipped === undefined) {
			skipped = names.map((name) => skip.includes(name));
			skippedBy.set(skip, skipped);
		}
		return skipped;
	};
	return (value, skip) => {
		if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
		const record = value as Record<string, unknown>;
		let referenceShape = true;
		let members = 0;
		for (const key of Object.keys(record)) {
			if (!known.has(key)) return undefined;
			if (skip !== undefined && (record[key] === undefined || skip.includes(key))) continue;
			if (record[key] !== undefined) members++;
			if (key !== 'id' && key !== 'name' && key !== 'enterpriseId') referenceShape = false;
		}
		const skipped = skip === undefined ? undefined : skippedNames(skip);
		const isReference = referenceShape && typeof record.id === 'string' && !(skip !== undefined && skip.includes('id'));
		let out = '{';
		let written = 0;
		for (let i = 0; i < names.length; i++) {
			const entry = record[names[i]];
			if (entry === undefined || (skipped !== undefined && skipped[i])) continue;
			written++;
			if (isReference && names[i] === 'name') continue;
			out += (out.length === 1 ? '' : ',') + keyTexts[i] + writers[i](entry);
		}
		// A member Object.keys does not list (not enumerable) would be written here but not by the other ways.
		return written === members ? `${out}}` : undefined;
	};
}

const entityWriters = new Map<EntityName, ObjectWriter | undefined>();

/**
 * postingJson(postingFields(entity, data)) through the entity's compiled writer, or undefined when the data is not
 * a plain object of the schema's members (the caller takes the other ways).
 */
export function compiledPostingJson(entity: EntityName, data: Record<string, unknown>, skip: readonly string[] | undefined): string | undefined {
	let writer = entityWriters.get(entity);
	if (writer === undefined && !entityWriters.has(entity)) {
		const schema: z.ZodTypeAny = ENTITY_SCHEMAS[entity];
		writer = schema instanceof z.ZodObject ? objectWriter(schema) : undefined;
		entityWriters.set(entity, writer);
	}
	return writer?.(data, skip ?? []);
}
