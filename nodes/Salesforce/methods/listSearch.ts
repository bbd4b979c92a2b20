import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { sObjectOf } from '../helpers/objects';
import type { RecordResource } from '../helpers/objects';
import { buildSoql } from '../helpers/soql';
import type { SoqlCondition } from '../helpers/soql';
import { queryAll } from '../transport';
import { connectionOf, fieldsOfResource, resourceOf } from './resource';

/** Records per page of the record picker. */
export const RECORD_PAGE_SIZE = 100;
/** Salesforce refuses an OFFSET above 2,000; past it the picker asks the user to search instead. */
export const MAX_SOQL_OFFSET = 2000;

/** The field a record is known by: contracts have no Name, their number is what people quote. */
export const NAME_FIELDS: Record<RecordResource, string> = { account: 'Name', opportunity: 'Name', contract: 'ContractNumber' };

const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** Fields marked "External ID" on the resource's object, from describe. */
export async function searchExternalIdFields(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const fields = await fieldsOfResource(this);
	const wanted = (filter ?? '').toLowerCase();
	return {
		results: fields
			.filter((f) => f.externalId || f.name === 'Id')
			.filter((f) => !wanted || f.name.toLowerCase().includes(wanted) || f.label.toLowerCase().includes(wanted))
			.map((f) => ({ name: `${f.label} (${f.name})`, value: f.name })),
	};
}

function offsetOf(paginationToken: unknown): number {
	const offset = Number(paginationToken ?? 0);
	return Number.isInteger(offset) && offset > 0 && offset <= MAX_SOQL_OFFSET ? offset : 0;
}

/**
 * Records of the resource's object for the record picker: searched by name (the text escaped into a LIKE
 * pattern, or an exact id when the text is one), sorted by name, paged with LIMIT/OFFSET.
 */
export async function searchRecords(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown): Promise<INodeListSearchResult> {
	const resource = resourceOf(this);
	const sObject = sObjectOf(resource);
	const nameField = NAME_FIELDS[resource];
	const connection = await connectionOf(this);
	const text = (filter ?? '').trim();
	const conditions: SoqlCondition[] = text ? [{ field: nameField, operator: 'contains', value: text, type: 'string' }] : [];
	if (ID.test(text)) conditions.push({ field: 'Id', operator: 'equal', value: text, type: 'id' });
	const offset = offsetOf(paginationToken);
	// One record more than a page tells whether another page follows.
	const soql =
		buildSoql({
			object: sObject,
			fields: ['Id', nameField],
			conditions,
			match: 'any',
			orderBy: [
				{ field: nameField, direction: 'ASC' },
				{ field: 'Id', direction: 'ASC' },
			],
			limit: RECORD_PAGE_SIZE + 1,
		}) + (offset ? ` OFFSET ${offset}` : '');
	const records = await queryAll(this, connection, soql, { limit: RECORD_PAGE_SIZE + 1 });
	const credentials = await this.getCredentials(connection.credentialType);
	const instanceUrl = typeof credentials.instanceUrl === 'string' ? credentials.instanceUrl.replace(/\/+$/, '') : '';
	const results: INodeListSearchItems[] = records.slice(0, RECORD_PAGE_SIZE).map((record) => {
		const id = String(record.Id);
		const name = record[nameField] === null || record[nameField] === undefined ? id : String(record[nameField]);
		return { name, value: id, ...(instanceUrl ? { url: `${instanceUrl}/lightning/r/${sObject}/${id}/view` } : {}) };
	});
	const next = offset + RECORD_PAGE_SIZE;
	return { results, paginationToken: records.length > RECORD_PAGE_SIZE && next <= MAX_SOQL_OFFSET ? next : undefined };
}
