/**
 * The parameters a table-per-resource Dataverse node (Dynamics 365 Sales, Project Operations) builds from its
 * table list: the per-table Operation pickers (on the kit's), the record locator, Get By, ETag, Return Record and
 * the $batch notice. Each node keeps only its own operations' wording.
 */
import type { INodeProperties } from 'n8n-workflow';

import { article, operationPickerProperty, recordLocator } from '../shared/kit';
import type { OperationLabel } from '../shared/kit';
import { DATAVERSE_RECORD_URL_REGEX, GUID_REGEX } from './methods/listSearch';

export interface DescribedTable<Operation extends string> {
	label: string;
	plural: string;
	operations: Operation[];
}

/**
 * One Operation picker per table (Get by default); `describe` gives an operation's description on a table
 * (undefined for the plain action, e.g. "Get many accounts").
 */
export function tableOperationProperties<Name extends string, Operation extends string>(
	tables: Record<Name, DescribedTable<Operation>>,
	labels: Record<Operation, OperationLabel>,
	describe: (name: Name, table: DescribedTable<Operation>, operation: Operation) => string | undefined,
): INodeProperties[] {
	return (Object.keys(tables) as Name[]).map((name) => {
		const table = tables[name];
		return operationPickerProperty({
			resource: name,
			operations: table.operations,
			labels,
			target: { one: `${article(table.label)} ${table.label.toLowerCase()}`, many: table.plural },
			describe: (operation) => describe(name, table, operation),
			default: 'get',
		});
	});
}

/** displayOptions showing a parameter for these operations (and, when given, only these tables). */
export function showFor<Operation extends string, Name extends string>(operations: Operation[], resources?: Name[]) {
	return { show: { operation: operations, ...(resources ? { resource: resources } : {}) } };
}

/** The `recordId` locator for a Dataverse record: From List, by record page URL (`etn=<exampleTable>` as the placeholder) or by GUID. */
export function dataverseRecordLocator(description: string, exampleTable: string, searchListMethod?: string): INodeProperties {
	return recordLocator({
		description,
		urlRegex: DATAVERSE_RECORD_URL_REGEX,
		urlPlaceholder: `https://contoso.crm.dynamics.com/main.aspx?etn=${exampleTable}&id=00000000-0000-0000-0000-000000000000&pagetype=entityrecord`,
		urlError: 'Not a Dataverse record URL (…/main.aspx?etn=…&id=<GUID>)',
		idRegex: GUID_REGEX,
		idPlaceholder: '00000000-0000-0000-0000-000000000000',
		idError: 'A Dataverse record ID is a GUID',
		searchListMethod,
	});
}

/** Get By: the record (locator) or an alternate key defined on the table (`keyExample` names one). */
export function getByProperty(keyExample: string): INodeProperties {
	return {
		displayName: 'Get By',
		name: 'getBy',
		type: 'options',
		options: [
			{ name: 'Record', value: 'id', description: 'Picked from a list, by URL or by ID' },
			{ name: 'Alternate Key', value: 'alternateKey', description: `A key defined on the table, e.g. ${keyExample}` },
		],
		default: 'id',
		displayOptions: showFor(['get']),
	};
}

/** The optimistic-concurrency ETag for the operations that change a record. */
export function etagProperty(operations: string[]): INodeProperties {
	return {
		displayName: 'ETag',
		name: 'etag',
		type: 'string',
		default: '',
		placeholder: 'W/"1234567"',
		description: 'The @odata.etag of the record as it was read. When given, the change is applied only if nobody changed the record since; otherwise it is refused as stale.',
		displayOptions: showFor(operations),
	};
}

export function returnRecordProperty(operations: string[], description: string): INodeProperties {
	return {
		displayName: 'Return Record',
		name: 'returnRecord',
		type: 'boolean',
		default: true,
		description,
		displayOptions: showFor(operations),
	};
}

/** What a batch operation does with the items, shown on the batch operations. */
export function batchNotice(operations: string[]): INodeProperties {
	return {
		displayName: 'Every input item becomes one request of a $batch (1,000 per batch), each in its own changeset, so one bad record fails alone; its error names the field Dataverse named.',
		name: 'batchNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor(operations),
	};
}
