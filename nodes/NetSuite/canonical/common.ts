/**
 * NetSuite REST record conventions shared by the NetSuite ⇄ canonical mappings: references are
 * `{ id, refName }`, sublists are `{ items: [...] }`, the record type is in the `links` self href, and money
 * comes as JSON numbers next to a currency reference.
 */
import type { EntityName, FromCanonicalContext, Problem, ToCanonicalContext, VendorRecord } from '../../../lib/canonical';
import { compact, decimalToNumber, enterpriseIdFor, exactDecimalText, isEnterpriseId, isPlainObject, moneyOf, reference, textOf, timestampText } from '../../../lib/canonical';
import { isCurrencyCode } from '../../../lib/money';

export const NETSUITE = 'netsuite';

/**
 * External-id prefixes for records this package creates in NetSuite from another system: a Salesforce account
 * `001…` becomes the NetSuite customer with external id `SF-001…` (the convention of the opportunity-to-project
 * template). Systems without a prefix use the canonical enterprise id itself as the external id.
 */
export const EXTERNAL_ID_PREFIXES: Record<string, string> = { salesforce: 'SF' };

function externalIdFor(system: string, id: unknown, enterpriseId: unknown): string | undefined {
	const prefix = EXTERNAL_ID_PREFIXES[system];
	if (prefix && (typeof id === 'string' || typeof id === 'number') && String(id) !== '') return `${prefix}-${String(id)}`;
	return typeof enterpriseId === 'string' ? enterpriseId : undefined;
}

/**
 * A NetSuite reference (`{ id, refName }`, or a bare id) as a canonical reference. It carries no enterprise id:
 * NetSuite records are often created from another system, their enterprise id follows their external id, and a
 * reference shows only the internal id — a computed id could be wrong, so none is given.
 */
export function nsRef(value: unknown): Record<string, unknown> | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (isPlainObject(value)) return reference(NETSUITE, value.id, value.refName);
	return reference(NETSUITE, value);
}

/**
 * A canonical reference as a NetSuite reference: the internal id when the record came from NetSuite, otherwise
 * the external id the referenced record carries in NetSuite (`SF-<id>` for Salesforce records, else its
 * enterprise id).
 */
export function nsRefOut(ref: unknown, context: FromCanonicalContext, path: string, problems: Problem[]): VendorRecord | undefined {
	if (!isPlainObject(ref)) return undefined;
	if (context.sourceSystem === NETSUITE) return { id: ref.id };
	const externalId = EXTERNAL_ID_PREFIXES[context.sourceSystem] ? externalIdFor(context.sourceSystem, ref.id, undefined) : undefined;
	if (externalId) return { externalId };
	if (typeof ref.enterpriseId === 'string') return { externalId: ref.enterpriseId };
	problems.push({
		path,
		reason: `refers to a ${context.sourceSystem} record (id ${String(ref.id)}) without an enterprise id, so it cannot be referenced in NetSuite`,
	});
	return undefined;
}

/**
 * The ISO code of a NetSuite currency reference. NetSuite names currencies per account ("USD", "US Dollar");
 * a name that is not an ISO 4217 code falls back to the run's default currency, or becomes a problem.
 */
export function currencyOf(value: unknown, context: ToCanonicalContext, path: string, problems: Problem[]): string | undefined {
	const name = isPlainObject(value) ? textOf(value.refName) : textOf(value);
	if (name && isCurrencyCode(name.toUpperCase())) return name.toUpperCase();
	if (context.defaultCurrency) return context.defaultCurrency;
	if (name !== undefined || value !== undefined) {
		problems.push({
			path,
			reason: `${name ? `"${name}"` : 'this currency reference'} is not an ISO 4217 code; set the Default Currency option or name currencies by code`,
		});
	}
	return undefined;
}

/**
 * The canonical currency as a NetSuite currency reference. NetSuite needs the currency's internal id, which
 * only the account knows: the reference carries the ISO code as refName for the NetSuite node to resolve.
 */
export function currencyOut(code: unknown): VendorRecord | undefined {
	return typeof code === 'string' ? { refName: code } : undefined;
}

export function money(value: unknown, currency: string | undefined): unknown {
	return moneyOf(value, currency);
}

export function amountOut(value: unknown, path: string, problems: Problem[]): number | undefined {
	if (!isPlainObject(value)) return undefined;
	return decimalToNumber(value.amount, path, problems);
}

/** The `items` of a NetSuite sublist (`{ items: [...] }`), or the array itself. */
export function sublist(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (isPlainObject(value) && Array.isArray(value.items)) return value.items;
	return [];
}

/**
 * The lines of a sublist field, reporting a sublist that came as a link only (the record was read without
 * expandSubResources), so an invoice does not look like an invoice without lines.
 */
export function linesOf(record: VendorRecord, field: string, problems: Problem[]): unknown[] {
	const value = record[field];
	if (isPlainObject(value) && !Array.isArray(value.items) && Array.isArray(value.links)) {
		problems.push({ path: `payload.${field}`, reason: 'is a link to the sublist, not its lines: read the record with Expand Sub-Resources on' });
	}
	return sublist(value);
}

/** The record type named in the record's self link, e.g. `timebill` for …/record/v1/timebill/28. */
export function recordTypeOf(record: VendorRecord): string | undefined {
	const links = record.links;
	if (Array.isArray(links)) {
		for (const link of links) {
			if (!isPlainObject(link) || typeof link.href !== 'string') continue;
			const match = /\/record\/v1\/([A-Za-z]+)(?:\/|$|\?)/.exec(link.href);
			if (match) return match[1].toLowerCase();
		}
	}
	return typeof record.recordType === 'string' ? record.recordType.toLowerCase() : undefined;
}

/** Source identity of a NetSuite record; reports a missing internal id as a problem on `payload.id`. */
export function sourceOf(record: VendorRecord, problems: Problem[]) {
	const id = textOf(record.id);
	if (!id) problems.push({ path: 'payload.id', reason: 'is required: the NetSuite internal id of the record' });
	const modifiedAt = timestampText(record.lastModifiedDate);
	return compact({
		id: id ?? '',
		modifiedAt: typeof modifiedAt === 'string' ? modifiedAt : undefined,
		externalId: textOf(record.externalId),
	});
}

/**
 * The cross-system identity an external id carries: an enterprise id of this entity as is, or `SF-<id>` as the
 * enterprise id of the Salesforce record it was created from.
 */
export function xrefOf(record: VendorRecord, entity: EntityName): string | undefined {
	const externalId = record.externalId;
	if (isEnterpriseId(externalId)) return externalId.startsWith(`ent-${entity}-`) ? externalId : undefined;
	if (typeof externalId !== 'string') return undefined;
	for (const [system, prefix] of Object.entries(EXTERNAL_ID_PREFIXES)) {
		const match = new RegExp(`^${prefix}-([A-Za-z0-9]+)$`).exec(externalId);
		if (match) return enterpriseIdFor(entity, system, match[1]);
	}
	return undefined;
}

/**
 * Identity fields of a rendered NetSuite record: the internal id when it came from NetSuite (and the external id
 * it had), otherwise the external id to upsert by (`PUT …/eid:<externalId>`): `SF-<id>` for a Salesforce record,
 * else the enterprise id.
 */
export function identityOut(entity: EntityName, context: FromCanonicalContext): VendorRecord {
	if (context.sourceSystem === NETSUITE) {
		const computed = enterpriseIdFor(entity, NETSUITE, context.sourceId);
		return compact({
			id: context.sourceId,
			externalId: context.sourceExternalId ?? (context.enterpriseId !== computed ? context.enterpriseId : undefined),
		});
	}
	return { externalId: externalIdFor(context.sourceSystem, context.sourceId, context.enterpriseId) };
}

/** NetSuite duration fields as exact decimal hours: 7.5, "7.5" and "7:30" all become "7.5". */
export function hoursOf(value: unknown, path: string, problems: Problem[]): unknown {
	if (typeof value === 'number') return exactDecimalText(value);
	if (typeof value !== 'string') return value;
	const text = value.trim();
	const clock = /^(\d+):([0-5]\d)$/.exec(text);
	if (!clock) return text;
	const minutes = BigInt(clock[1]) * 60n + BigInt(clock[2]);
	// minutes / 60 as a terminating decimal needs at most two decimal places (60 = 2² · 3 · 5) when it terminates.
	for (const scale of [0, 1, 2]) {
		const factor = 10n ** BigInt(scale);
		if ((minutes * factor) % 60n === 0n) {
			const scaled = (minutes * factor) / 60n;
			const digits = scaled.toString().padStart(scale + 1, '0');
			return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
		}
	}
	problems.push({ path, reason: `"${text}" is ${clock[1]} h ${clock[2]} min, which is not an exact decimal number of hours` });
	return undefined;
}

export { compact, textOf };
