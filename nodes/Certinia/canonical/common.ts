/**
 * What every Certinia ⇄ canonical mapping shares. Certinia records are Salesforce records (REST JSON: ids,
 * lookups `pse__Xxx__c` with the related record under `pse__Xxx__r`, SystemModstamp), so the Salesforce
 * conventions apply; money fields are JSON decimals next to CurrencyIsoCode and become canonical money through
 * the exact decimal text (never float arithmetic), refused when they carry more decimals than the currency.
 */
import type { FromCanonicalContext, Problem, VendorRecord } from '../../../lib/canonical';
import { compact, decimalToNumber, exactDecimalText, isPlainObject, reference, textOf, timestampText } from '../../../lib/canonical';
import { amountProblem } from '../../../lib/canonical/money';
import { isCurrencyCode } from '../../../lib/money';

export const CERTINIA = 'certinia';

/** A lookup (`pse__Project__c`, with `pse__Project__r.Name` when read) as a canonical reference. */
export function psaRef(record: VendorRecord, field: string): Record<string, unknown> | undefined {
	const related = record[field.replace(/__c$/, '__r')] ?? record[field.replace(/Id$/, '')];
	return reference(CERTINIA, record[field], isPlainObject(related) ? related.Name : undefined);
}

/** A canonical reference as a Certinia lookup id: its id when it came from this org, otherwise a problem naming the field. */
export function psaRefOut(ref: unknown, context: FromCanonicalContext, path: string, problems: Problem[]): string | undefined {
	if (!isPlainObject(ref)) return undefined;
	if (context.sourceSystem === CERTINIA || context.sourceSystem === 'salesforce') return textOf(ref.id);
	problems.push({ path, reason: `refers to a ${context.sourceSystem} record (id ${String(ref.id)}); Certinia needs the org's record id here, so look it up first (e.g. by External_Id__c)` });
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
		externalId: textOf(record.External_Id__c),
	});
}

/** The record's currency (CurrencyIsoCode), else the run's default currency, else a problem when money needs one. */
export function currencyOf(record: VendorRecord, defaultCurrency: string | undefined, problems: Problem[]): string | undefined {
	const code = record.CurrencyIsoCode;
	if (typeof code === 'string' && isCurrencyCode(code)) return code;
	if (defaultCurrency) return defaultCurrency;
	problems.push({ path: 'payload.CurrencyIsoCode', reason: 'is missing: read CurrencyIsoCode or set the Default Currency option' });
	return undefined;
}

/** A Salesforce currency field as canonical money, exactly: the JSON decimal's text, checked against the currency's minor units. */
export function moneyOf(value: unknown, currency: string | undefined, path: string, problems: Problem[]): { amount: string; currency: string } | undefined {
	if (value === undefined || value === null || !currency) return undefined;
	const amount = exactDecimalText(value);
	if (typeof amount !== 'string' || !/^-?\d+(\.\d+)?$/.test(amount)) {
		problems.push({ path, reason: `must be a decimal amount (got ${JSON.stringify(value)})` });
		return undefined;
	}
	const problem = amountProblem(amount, currency);
	if (problem) {
		problems.push({ path, reason: problem });
		return undefined;
	}
	return { amount, currency };
}

/** A Salesforce number of hours as an exact decimal string. */
export function hoursOf(value: unknown): string | undefined {
	const text = exactDecimalText(value);
	return typeof text === 'string' && /^\d+(\.\d+)?$/.test(text) ? text : undefined;
}

/** Canonical money or hours as the JSON number Salesforce takes (the decimal's own text, no arithmetic). */
export function numberOut(value: unknown, path: string, problems: Problem[]): number | undefined {
	if (isPlainObject(value)) return decimalToNumber(value.amount, `${path}.amount`, problems);
	if (typeof value === 'string') return decimalToNumber(value, path, problems);
	return undefined;
}

export function isOfType(record: VendorRecord, sObject: string, keyPrefix: string): boolean {
	const attributes = record.attributes;
	if (isPlainObject(attributes) && typeof attributes.type === 'string') return attributes.type === sObject;
	return typeof record.Id === 'string' && record.Id.startsWith(keyPrefix) && /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(record.Id);
}

export const AUDIT_FIELDS = ['attributes', 'Id', 'IsDeleted', 'Name', 'OwnerId', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'CurrencyIsoCode', 'External_Id__c'];

export { compact, textOf };
