import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InvalidInputError } from '../../../shared/kit';
import { jsonObjectParameter, jsonParameter } from '../../../shared/kit/jsonParameter';
import { odataComparison, odataPlainLiteral, odataPropertyName, odataStringLiteral } from '../../../shared/kit/odata';
import { enumLiteral } from '../../helpers/entities';
import type { FinanceEntity, FinanceResourceName } from '../../helpers/entities';
import type { FinanceConnection } from '../../transport';
import { recordKey } from '../../transport';

export interface OperationContext {
	resourceName: FinanceResourceName;
	entity: FinanceEntity;
	connection: FinanceConnection;
}

export function companyOf(context: IExecuteFunctions, itemIndex: number, entity: FinanceEntity): string | undefined {
	if (!entity.companyScoped) return undefined;
	const company = String(context.getNodeParameter('company', itemIndex, '') ?? '').trim();
	if (!company) throw new InvalidInputError('company', `company: ${entity.plural} belong to a company (legal entity); choose one, e.g. usmf (field: company)`);
	return company.toLowerCase();
}

/** The picked record's key value (the entity's own key, after dataAreaId); a URL's quotes are undoubled. */
export function recordIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const value = String(context.getNodeParameter('recordId', itemIndex, '', { extractValue: true }) ?? '').trim().replace(/''/g, "'");
	if (!value) throw new InvalidInputError('recordId', 'recordId: choose the record or give its key (field: recordId)', 'INVALID_ID');
	return value;
}

/** The full key of the picked record in the chosen company. */
export function pickedKey(context: IExecuteFunctions, itemIndex: number, entity: FinanceEntity): Record<string, string | number> {
	if (entity.key.length !== 1) throw new Error(`${entity.label} has a composite key; address it by its fields`);
	return recordKey(entity, companyOf(context, itemIndex, entity), { [entity.key[0]]: recordIdOf(context, itemIndex) });
}

/**
 * Date fields (names ending in Date) are Edm.DateTimeOffset in F&O: a plain date becomes midnight UTC, the way
 * F&O stores dates. Everything else is sent as given.
 */
export function normaliseFields(fields: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) {
		out[name] = /Date$/.test(name) && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
	}
	return out;
}

export function jsonObjectOf(context: IExecuteFunctions, itemIndex: number, name: string): IDataObject {
	return normaliseFields(jsonObjectParameter(context, name, itemIndex, "the entity's fields"));
}

export function jsonLinesOf(context: IExecuteFunctions, itemIndex: number, name: string): IDataObject[] {
	const value = jsonParameter(context, name, itemIndex, '[]');
	if (!Array.isArray(value) || value.some((line) => !line || typeof line !== 'object' || Array.isArray(line))) {
		throw new InvalidInputError(name, `${name}: must be a JSON array of line objects (field: ${name})`);
	}
	return (value as IDataObject[]).map(normaliseFields);
}

/** One $filter comparison with the value written as the type asks: strings quoted and escaped, the rest validated. */
export function condition(field: string, operator: string, value: string, valueType: string): string {
	return odataComparison(field, operator, filterLiteral(field, value, valueType), { field: 'filters', version: 'v4', functions: ['contains', 'startswith'] });
}

function filterLiteral(field: string, value: string, valueType: string): string {
	switch (valueType) {
		case 'number':
		case 'boolean':
			return odataPlainLiteral(value, valueType, field, 'filters');
		case 'dateTime': {
			const text = value.trim();
			if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(text)) throw new InvalidInputError('filters', `filters: ${field} needs a date (2026-01-13) or date-time with its zone (field: filters)`);
			return text.length === 10 ? `${text}T00:00:00Z` : text;
		}
		case 'enum': {
			// F&O compares enum fields with qualified enum literals, not strings: NoYes'Yes' → Microsoft.Dynamics.DataEntities.NoYes'Yes'.
			const match = /^(?:Microsoft\.Dynamics\.DataEntities\.)?([A-Za-z_]\w*)'([A-Za-z_]\w*)'$/.exec(value.trim());
			if (!match) throw new InvalidInputError('filters', `filters: ${field} needs an enum value as EnumType'Member', e.g. NoYes'Yes' (field: filters)`);
			return enumLiteral(match[1], match[2]);
		}
		default:
			return odataStringLiteral(value);
	}
}

export function companyCondition(company: string | undefined): string | undefined {
	return company ? `dataAreaId eq ${odataStringLiteral(company)}` : undefined;
}

/** The line field that identifies a line across runs (Add Lines, document Create), or undefined to match on line numbers. */
export function lineReferenceFieldOf(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = String(context.getNodeParameter('lineReferenceField', itemIndex, '') ?? '').trim();
	return value ? odataPropertyName(value, 'lineReferenceField') : undefined;
}
