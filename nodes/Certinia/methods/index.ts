/**
 * Pickers of the Certinia nodes, filled from the org's describe of the resource's pse__ object (so a customer's
 * own fields appear) and from SOQL for records. The Salesforce platform pieces are the Salesforce node's.
 */
import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { describeFields } from '../../Salesforce/helpers/describe';
import type { FieldInfo } from '../../Salesforce/helpers/describe';
import { buildSoql } from '../../Salesforce/helpers/soql';
import type { SoqlCondition } from '../../Salesforce/helpers/soql';
import { isRequiredOnCreate, mapperTypeOf } from '../../Salesforce/methods/resourceMapping';
import { queryAll, salesforceConnection } from '../../Salesforce/transport';
import type { SalesforceAuthentication } from '../../Salesforce/transport';
import { resourceInfo } from '../helpers/objects';
import { TRIGGER_EVENTS } from '../helpers/events';

const PAGE = 100;
const MAX_OFFSET = 2000;
const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The picker's resource; the trigger's event names its object. */
function resourceOf(context: ILoadOptionsFunctions): string {
	const event = String(context.getNodeParameter('event', '') ?? '');
	if (event && TRIGGER_EVENTS[event as keyof typeof TRIGGER_EVENTS]) return TRIGGER_EVENTS[event as keyof typeof TRIGGER_EVENTS].resource;
	return String(context.getNodeParameter('resource', '') ?? '');
}

async function connectionOf(context: ILoadOptionsFunctions) {
	return await salesforceConnection(context, context.getNodeParameter('authentication', 'jwt') as SalesforceAuthentication);
}

async function fieldsOf(context: ILoadOptionsFunctions): Promise<FieldInfo[]> {
	return await describeFields(context, await connectionOf(context), resourceInfo(resourceOf(context)).sObject);
}

function toOptions(fields: FieldInfo[]): INodePropertyOptions[] {
	return fields.map((f) => ({ name: `${f.label} (${f.name})`, value: f.name, description: f.type })).sort((a, b) => a.name.localeCompare(b.name));
}

export async function getFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const fields = await fieldsOf(this);
	const related = fields
		.filter((f) => f.relationshipName)
		.map((f) => ({ name: `${f.label} › Name (${f.relationshipName}.Name)`, value: `${f.relationshipName}.Name`, description: 'Name of the related record' }));
	return [...toOptions(fields), ...related.sort((a, b) => a.name.localeCompare(b.name))];
}

export async function getWritableFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const operation = this.getNodeParameter('operation', '') as string;
	return toOptions((await fieldsOf(this)).filter((f) => (operation === 'update' ? f.updateable : f.createable || f.updateable)));
}

export async function searchExternalIdFields(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const wanted = (filter ?? '').toLowerCase();
	return {
		results: (await fieldsOf(this))
			.filter((f) => f.externalId || f.name === 'Id')
			.filter((f) => !wanted || f.name.toLowerCase().includes(wanted) || f.label.toLowerCase().includes(wanted))
			.map((f) => ({ name: `${f.label} (${f.name})`, value: f.name })),
	};
}

/** Records by name (escaped LIKE, or the exact id), sorted, paged with LIMIT/OFFSET. */
export async function searchRecords(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown): Promise<INodeListSearchResult> {
	const info = resourceInfo(resourceOf(this));
	const connection = await connectionOf(this);
	const text = (filter ?? '').trim();
	const conditions: SoqlCondition[] = text ? [{ field: info.nameField, operator: 'contains', value: text, type: 'string' }] : [];
	if (ID.test(text)) conditions.push({ field: 'Id', operator: 'equal', value: text, type: 'id' });
	const token = Number(paginationToken ?? 0);
	const offset = Number.isInteger(token) && token > 0 && token <= MAX_OFFSET ? token : 0;
	const soql =
		buildSoql({
			object: info.sObject,
			fields: ['Id', info.nameField],
			conditions,
			match: 'any',
			where: info.baseConditions,
			orderBy: [
				{ field: info.nameField, direction: 'ASC' },
				{ field: 'Id', direction: 'ASC' },
			],
			limit: PAGE + 1,
		}) + (offset ? ` OFFSET ${offset}` : '');
	const records = await queryAll(this, connection, soql, { limit: PAGE + 1 });
	const credentials = await this.getCredentials(connection.credentialType);
	const instanceUrl = typeof credentials.instanceUrl === 'string' ? credentials.instanceUrl.replace(/\/+$/, '') : '';
	return {
		results: records.slice(0, PAGE).map((record) => {
			const id = String(record.Id);
			return { name: String(record[info.nameField] ?? id), value: id, ...(instanceUrl ? { url: `${instanceUrl}/lightning/r/${info.sObject}/${id}/view` } : {}) };
		}),
		paginationToken: records.length > PAGE && offset + PAGE <= MAX_OFFSET ? offset + PAGE : undefined,
	};
}

export async function getMappingColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const operation = this.getNodeParameter('operation', 'create') as string;
	const writable = (f: FieldInfo) => (operation === 'create' ? f.createable : operation === 'update' ? f.updateable : f.createable || f.updateable);
	return {
		fields: (await fieldsOf(this))
			.filter((f) => writable(f) && f.type !== 'address' && f.type !== 'location')
			.map((f): ResourceMapperField => {
				const type = mapperTypeOf(f.type);
				return {
					id: f.name,
					displayName: `${f.label} (${f.name})`,
					required: operation === 'create' && isRequiredOnCreate(f),
					defaultMatch: false,
					canBeUsedToMatch: false,
					display: true,
					type,
					...(type === 'options' ? { options: f.picklistValues.map((p) => ({ name: p.label, value: p.value })) } : {}),
				};
			}),
		emptyFieldsNotice: 'This object has no fields this operation can set',
	};
}

export const listSearch = { searchExternalIdFields, searchRecords };
export const loadOptions = { getFields, getWritableFields };
export const resourceMapping = { getMappingColumns };
