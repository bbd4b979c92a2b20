/**
 * The fields a Canonical read asks SOQL for when the user names none. The standard default fields leave out
 * much of what the canonical mapping reads (AccountNumber, BillingStreet, CurrencyIsoCode, Description…), so
 * a canonical record would come out thinner than it can be. Only fields the org's describe lists are added:
 * CurrencyIsoCode exists only in multi-currency orgs and Enterprise_Id__c only where an admin created it, and
 * naming a missing field fails the whole query.
 */
import type { IAllExecuteFunctions } from 'n8n-workflow';

import { salesforceMapperFor } from '../canonical';
import type { SalesforceConnection } from '../transport';
import { describeFields } from './describe';
import { fieldsOf, RESOURCES } from './objects';
import type { RecordResource } from './objects';

/** Compound fields: SOQL returns them as objects the mapping reads through their component fields instead. */
const COMPOUND_TYPES = new Set(['address', 'location']);

/** Lookups whose related record's name the mapping puts into canonical references. */
const REFERENCE_NAMES: Record<string, string> = { AccountId: 'Account.Name' };

function hasNames(rawFields: unknown): boolean {
	return (Array.isArray(rawFields) ? rawFields.join(',') : String(rawFields ?? '')).replace(/[\s,]/g, '') !== '';
}

export async function readFieldsOf(
	context: IAllExecuteFunctions,
	connection: SalesforceConnection,
	resource: RecordResource,
	rawFields: unknown,
	canonical: boolean,
): Promise<string[]> {
	const chosen = fieldsOf(resource, rawFields);
	const userChose = hasNames(rawFields);
	const mapper = salesforceMapperFor(RESOURCES[resource].sObject);
	if (!canonical || userChose || !mapper) return chosen;
	const described = await describeFields(context, connection, RESOURCES[resource].sObject);
	const queryable = new Set(described.filter((field) => !COMPOUND_TYPES.has(field.type)).map((field) => field.name));
	const fields = new Set(chosen);
	for (const name of mapper.knownFields) {
		if (!queryable.has(name)) continue;
		fields.add(name);
		if (REFERENCE_NAMES[name]) fields.add(REFERENCE_NAMES[name]);
	}
	return [...fields];
}
