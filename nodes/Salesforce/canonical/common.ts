/**
 * Salesforce REST record conventions shared by the Salesforce ⇄ canonical mappings: `attributes.type` names
 * the sObject, references are `XxxId` with the related record nested under `Xxx` (`Account: { Name }`),
 * child relationships come as query results (`{ totalSize, done, records }`), and currency fields are
 * numbers next to `CurrencyIsoCode` (multi-currency orgs only).
 */
import type { EntityName, FromCanonicalContext, Problem, ToCanonicalContext, VendorRecord } from '../../../lib/canonical';
import { compact, decimalToNumber, isEnterpriseId, isPlainObject, reference, textOf, timestampText } from '../../../lib/canonical';
import { isCurrencyCode } from '../../../lib/money';

export const SALESFORCE = 'salesforce';

/** The field a Salesforce org can add to hold a record's enterprise id (an External ID text field). */
export const ENTERPRISE_ID_FIELD = 'Enterprise_Id__c';

export function typeOf(record: VendorRecord): string | undefined {
	return isPlainObject(record.attributes) && typeof record.attributes.type === 'string' ? record.attributes.type : undefined;
}

/**
 * Whether a record is of `type`: by `attributes.type`, or — for records whose attributes were stripped, as the
 * Salesforce node does — by the key prefix of its 15/18-character Id (001 Account, 006 Opportunity, 800 Contract).
 */
export function isOfType(record: VendorRecord, type: string, keyPrefix: string): boolean {
	const declared = typeOf(record);
	if (declared !== undefined) return declared === type;
	return typeof record.Id === 'string' && /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(record.Id) && record.Id.startsWith(keyPrefix);
}

/** A lookup (`AccountId`) with its nested relationship (`Account: { Name }`) as a canonical reference. */
export function sfRef(record: VendorRecord, idField: string, relationship: string, entity?: EntityName): Record<string, unknown> | undefined {
	const related = record[relationship];
	const name = isPlainObject(related) ? related.Name : undefined;
	const id = record[idField] ?? (isPlainObject(related) ? related.Id : undefined);
	return reference(SALESFORCE, id, name, entity);
}

/**
 * A canonical reference as a Salesforce lookup: the id when the record came from Salesforce, otherwise the
 * related record by its enterprise id (`Account: { Enterprise_Id__c: … }`, Salesforce's upsert-by-external-id
 * reference form).
 */
export function sfRefOut(
	ref: unknown,
	context: FromCanonicalContext,
	idField: string,
	relationship: string,
	path: string,
	problems: Problem[],
): VendorRecord {
	if (!isPlainObject(ref)) return {};
	if (context.sourceSystem === SALESFORCE) return { [idField]: ref.id };
	if (typeof ref.enterpriseId === 'string') return { [relationship]: { [ENTERPRISE_ID_FIELD]: ref.enterpriseId } };
	problems.push({ path, reason: `refers to a ${context.sourceSystem} record (id ${String(ref.id)}) without an enterprise id, so Salesforce cannot look it up` });
	return {};
}

/** `CurrencyIsoCode` (multi-currency orgs), else the run's default currency, else a problem. */
export function currencyOf(record: VendorRecord, context: ToCanonicalContext, problems: Problem[], required: boolean): string | undefined {
	const code = record.CurrencyIsoCode;
	if (typeof code === 'string' && isCurrencyCode(code)) return code;
	if (code !== undefined && code !== null) {
		problems.push({ path: 'payload.CurrencyIsoCode', reason: `must be an ISO 4217 currency code (got ${JSON.stringify(code)})` });
		return undefined;
	}
	if (context.defaultCurrency) return context.defaultCurrency;
	if (required) {
		problems.push({
			path: 'payload.CurrencyIsoCode',
			reason: 'is missing (single-currency org): set the Default Currency option to the org’s currency',
		});
	}
	return undefined;
}

export function sourceOf(record: VendorRecord, problems: Problem[]) {
	const id = textOf(record.Id);
	if (!id) problems.push({ path: 'payload.Id', reason: 'is required: the Salesforce record id' });
	const modified = timestampText(record.SystemModstamp ?? record.LastModifiedDate);
	return compact({
		id: id ?? '',
		modifiedAt: typeof modified === 'string' ? modified : undefined,
		version: typeof record.SystemModstamp === 'string' ? record.SystemModstamp : undefined,
	});
}

export function xrefOf(record: VendorRecord, entity: EntityName): string | undefined {
	const value = record[ENTERPRISE_ID_FIELD];
	return isEnterpriseId(value) && value.startsWith(`ent-${entity}-`) ? value : undefined;
}

/** Identity of a rendered record: its Id when it came from Salesforce (for update), nothing otherwise. */
export function identityOut(context: FromCanonicalContext): VendorRecord {
	return context.sourceSystem === SALESFORCE ? { Id: context.sourceId } : {};
}

export function numberOut(value: unknown, path: string, problems: Problem[]): number | undefined {
	if (isPlainObject(value)) return decimalToNumber(value.amount, `${path}.amount`, problems);
	if (typeof value === 'string') return decimalToNumber(value, path, problems);
	return undefined;
}

/** Salesforce keeps a street as one multi-line field; canonical addresses split it into line1 and line2. */
export function addressOf(record: VendorRecord, prefix: 'Billing' | 'Shipping'): Record<string, unknown> | undefined {
	const street = textOf(record[`${prefix}Street`]);
	const [line1, ...rest] = street ? street.split(/\r?\n/) : [];
	const address = compact({
		line1,
		line2: rest.length > 0 ? rest.join('\n') : undefined,
		city: record[`${prefix}City`],
		region: record[`${prefix}State`],
		postalCode: record[`${prefix}PostalCode`],
		country: record[`${prefix}Country`],
	});
	return Object.keys(address).length > 0 ? address : undefined;
}

export function addressOut(address: unknown, prefix: 'Billing' | 'Shipping'): VendorRecord {
	if (!isPlainObject(address)) return {};
	const street = [address.line1, address.line2].filter((line) => typeof line === 'string' && line !== '').join('\n');
	return compact({
		[`${prefix}Street`]: street || undefined,
		[`${prefix}City`]: address.city,
		[`${prefix}State`]: address.region,
		[`${prefix}PostalCode`]: address.postalCode,
		[`${prefix}Country`]: address.country,
	});
}

/** Child relationship query results (`{ totalSize, done, records }`) or a plain array. */
export function childRecords(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (isPlainObject(value) && Array.isArray(value.records)) return value.records;
	return [];
}

export { compact, textOf };
