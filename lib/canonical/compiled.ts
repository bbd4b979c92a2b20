/**
 * Validators compiled once from the zod schemas: a plain-JavaScript predicate per schema that answers "zod would
 * accept this value" several times faster than zod's own parse. It only ever says yes when zod would: anything it
 * does not know how to check (a refinement, a transform, an unusual check or type) is handed to zod itself, and a
 * "no" sends the caller to zod for the problems, so the problems people read are zod's, unchanged.
 */
import { z } from 'zod';

type Check = (value: unknown) => boolean;

/** What zod v3 calls an object: not null, not an array, and none of the types it names apart (Date, Map, …). */
function isZodObjectValue(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const prototype = Object.getPrototypeOf(value);
	// zod names an object with then and catch methods a promise; such a value is left to zod.
	return (prototype === Object.prototype || prototype === null) && typeof (value as { then?: unknown }).then !== 'function';
}

interface StringCheck {
	kind: string;
	value?: number;
	regex?: RegExp;
}

function compileString(checks: StringCheck[]): Check | undefined {
	const steps: Array<(text: string) => string | false> = [];
	for (const check of checks) {
		switch (check.kind) {
			case 'min': {
				const min = check.value!;
				steps.push((text) => (text.length < min ? false : text));
				break;
			}
			case 'max': {
				const max = check.value!;
				steps.push((text) => (text.length > max ? false : text));
				break;
			}
			case 'length': {
				const length = check.value!;
				steps.push((text) => (text.length !== length ? false : text));
				break;
			}
			case 'regex': {
				const regex = check.regex!;
				// A global or sticky pattern starts where its last match ended: zod's own test starts it at 0.
				const resets = regex.global || regex.sticky;
				steps.push((text) => {
					if (resets) regex.lastIndex = 0;
					return regex.test(text) ? text : false;
				});
				break;
			}
			case 'trim':
				steps.push((text) => text.trim());
				break;
			default:
				return undefined;
		}
	}
	if (steps.length === 0) return (value) => typeof value === 'string';
	// The usual string check, one pattern, without a step between.
	if (checks.length === 1 && checks[0].kind === 'regex' && !checks[0].regex!.global && !checks[0].regex!.sticky) {
		const regex = checks[0].regex!;
		return (value) => typeof value === 'string' && regex.test(value);
	}
	if (steps.length === 1) {
		const [step] = steps;
		return (value) => typeof value === 'string' && step(value) !== false;
	}
	return (value) => {
		if (typeof value !== 'string') return false;
		let text: string | false = value;
		for (const step of steps) {
			text = step(text);
			if (text === false) return false;
		}
		return true;
	};
}

interface NumberCheck {
	kind: string;
	value?: number;
	inclusive?: boolean;
}

function compileNumber(checks: NumberCheck[]): Check | undefined {
	const tests: Check[] = [];
	for (const check of checks) {
		const bound = check.value!;
		if (check.kind === 'int') tests.push((n) => Number.isInteger(n));
		else if (check.kind === 'min') tests.push(check.inclusive ? (n) => (n as number) >= bound : (n) => (n as number) > bound);
		else if (check.kind === 'max') tests.push(check.inclusive ? (n) => (n as number) <= bound : (n) => (n as number) < bound);
		else if (check.kind === 'finite') tests.push((n) => Number.isFinite(n));
		else return undefined;
	}
	return (value) => typeof value === 'number' && !Number.isNaN(value) && tests.every((test) => test(value));
}

/**
 * The predicate of one schema. `ignoreUnknownKeys`: keys a strict object does not define are let through (the
 * lenient mode of validateCanonical, which drops zod's unrecognized_keys issues and keeps every other).
 */
function compile(schema: z.ZodTypeAny, ignoreUnknownKeys: boolean): Check {
	const zodSays: Check = (value) => schema.safeParse(value).success;
	const compiled = compileKnown(schema, ignoreUnknownKeys);
	return compiled ?? zodSays;
}

function compileKnown(schema: z.ZodTypeAny, ignoreUnknownKeys: boolean): Check | undefined {
	if (schema instanceof z.ZodString) return compileString(schema._def.checks as StringCheck[]);
	if (schema instanceof z.ZodNumber) return compileNumber(schema._def.checks as NumberCheck[]);
	if (schema instanceof z.ZodBoolean) return (value) => typeof value === 'boolean';
	if (schema instanceof z.ZodNull) return (value) => value === null;
	if (schema instanceof z.ZodLiteral) {
		const literal: unknown = schema._def.value;
		return (value) => value === literal;
	}
	if (schema instanceof z.ZodEnum) {
		const values = new Set<unknown>(schema._def.values as unknown[]);
		return (value) => typeof value === 'string' && values.has(value);
	}
	if (schema instanceof z.ZodOptional) {
		const inner = compile(schema._def.innerType, ignoreUnknownKeys);
		return (value) => value === undefined || inner(value);
	}
	if (schema instanceof z.ZodNullable) {
		const inner = compile(schema._def.innerType, ignoreUnknownKeys);
		return (value) => value === null || inner(value);
	}
	if (schema instanceof z.ZodArray) {
		const element = compile(schema._def.type, ignoreUnknownKeys);
		const min = schema._def.minLength?.value as number | undefined;
		const max = schema._def.maxLength?.value as number | undefined;
		const exact = schema._def.exactLength?.value as number | undefined;
		return (value) => {
			if (!Array.isArray(value)) return false;
			if ((min !== undefined && value.length < min) || (max !== undefined && value.length > max) || (exact !== undefined && value.length !== exact)) return false;
			for (let index = 0; index < value.length; index++) if (!element(value[index])) return false;
			return true;
		};
	}
	if (schema instanceof z.ZodUnion) {
		const options = (schema._def.options as z.ZodTypeAny[]).map((option) => compile(option, ignoreUnknownKeys));
		return (value) => options.some((option) => option(value));
	}
	if (schema instanceof z.ZodDefault) {
		// zod parses the default in place of undefined: undefined passes when the default itself passes.
		const inner = compile(schema._def.innerType, ignoreUnknownKeys);
		if (!inner(schema._def.defaultValue())) return undefined;
		return (value) => value === undefined || inner(value);
	}
	if (schema instanceof z.ZodDiscriminatedUnion) {
		const discriminator = schema._def.discriminator as string;
		const options = new Map<unknown, Check>();
		for (const [key, option] of schema._def.optionsMap as Map<unknown, z.ZodTypeAny>) options.set(key, compile(option, ignoreUnknownKeys));
		return (value) => {
			if (!isZodObjectValue(value)) return false;
			const option = options.get(value[discriminator]);
			return option !== undefined && option(value);
		};
	}
	if (schema instanceof z.ZodRecord) {
		const keyType = schema._def.keyType as z.ZodTypeAny;
		if (!(keyType instanceof z.ZodString)) return undefined;
		const key = compile(keyType, ignoreUnknownKeys);
		const entry = compile(schema._def.valueType, ignoreUnknownKeys);
		return (value) => {
			if (!isZodObjectValue(value)) return false;
			for (const name in value) if (!key(name) || !entry(value[name])) return false;
			return true;
		};
	}
	if (schema instanceof z.ZodObject) {
		const unknownKeys = schema._def.unknownKeys as 'strict' | 'strip' | 'passthrough';
		if (!(schema._def.catchall instanceof z.ZodNever)) return undefined;
		const shape = schema.shape as Record<string, z.ZodTypeAny>;
		const names = Object.keys(shape);
		const known = new Set(names);
		const checks = names.map((name) => compile(shape[name], ignoreUnknownKeys));
		const refuseUnknown = unknownKeys === 'strict' && !ignoreUnknownKeys;
		return (value) => {
			if (!isZodObjectValue(value)) return false;
			for (let index = 0; index < names.length; index++) if (!checks[index](value[names[index]])) return false;
			if (refuseUnknown) for (const name in value) if (!known.has(name)) return false;
			return true;
		};
	}
	return undefined;
}

const compiledByMode = [new WeakMap<z.ZodTypeAny, Check>(), new WeakMap<z.ZodTypeAny, Check>()];

/** The compiled predicate of `schema` (compiled on first use, then kept with the schema). */
export function compiledValidator(schema: z.ZodTypeAny, ignoreUnknownKeys: boolean): Check {
	const cache = compiledByMode[ignoreUnknownKeys ? 1 : 0];
	let check = cache.get(schema);
	if (!check) {
		check = compile(schema, ignoreUnknownKeys);
		cache.set(schema, check);
	}
	return check;
}
