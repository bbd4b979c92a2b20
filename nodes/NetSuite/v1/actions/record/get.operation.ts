import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { outputProperties, runReadPerItem } from '../../../../shared/canonicalOutput';
import type { CanonicalTarget, OutputSettings } from '../../../../shared/canonicalOutput';
import { netSuiteMapperFor, toCanonical } from '../../../canonical';
import { chunk } from '../../../../shared/kit';
import { RECORD_RESOURCES, RECORD_TYPES } from '../../../helpers/recordTypes';
import type { RecordTypeInfo } from '../../../helpers/recordTypes';
import { buildSelect } from '../../../helpers/suiteql';
import { apiRequest, recordPath, suiteQlQuery } from '../../../transport';
import { recordIdLocator } from '../common.descriptions';
import { recordIdParameter } from './context';
import type { RecordOperationContext } from './context';

const properties: INodeProperties[] = [
	recordIdLocator,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Expand Sub-Resources',
				name: 'expandSubResources',
				type: 'boolean',
				default: false,
				description: 'Whether to return sublists (e.g. invoice lines) and subrecords inline instead of as links',
			},
			{
				displayName: 'Field Names or IDs',
				name: 'fields',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getRecordFields', loadOptionsDependsOn: ['resource'] },
				default: [],
				description:
					'Fields and sublists to return, from the account\'s metadata catalog; none returns all. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Simple Enum Format',
				name: 'simpleEnumFormat',
				type: 'boolean',
				default: false,
				description: 'Whether to return enumerations as their internal ID only',
			},
		],
	},
];

/** Resources whose records have a canonical mapping (project tasks come with their project, not alone). */
export const CANONICAL_RESOURCES = RECORD_RESOURCES.filter((resource) => netSuiteMapperFor(resource) !== undefined);

/** What Canonical output does differently on NetSuite reads. */
export const CANONICAL_NOTE =
	'Canonical output reads records with sub-resources expanded and enumerations as references, whatever the options say: the mapping needs the lines and the currency names. A canonical project comes with its tasks (WBS), read as project task records: one SuiteQL query and one request per task.';

export const description = [
	...updateDisplayOptions({ show: { resource: RECORD_RESOURCES, operation: ['get'] } }, properties),
	...updateDisplayOptions({ show: { resource: CANONICAL_RESOURCES, operation: ['get'] } }, outputProperties({}, CANONICAL_NOTE)),
];

export function canonicalTarget(recordType: RecordTypeInfo): CanonicalTarget {
	return { system: 'netsuite', object: recordType.restType, toCanonical };
}

/**
 * The `fields` query value from the picker's list, or from the former comma-separated text that saved
 * workflows and expressions still give; undefined (all fields) when none.
 */
export function fieldListOf(value: unknown): string | undefined {
	const entries = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
	const names = entries.flatMap((entry) => entry.split(',')).map((name) => name.trim()).filter(Boolean);
	return names.length ? names.join(',') : undefined;
}

/**
 * One record through the record service. Canonical output always expands sublists (an invoice read without
 * them would map as an invoice without lines) and keeps enumerations as `{ id, refName }` (currencies are
 * recognised by name).
 */
export async function readRecord(
	context: IExecuteFunctions,
	ctx: RecordOperationContext,
	id: string,
	request: { options: IDataObject; output: OutputSettings; itemIndex: number; correlationId: string },
): Promise<IDataObject> {
	const { options, output } = request;
	const canonical = output.mode === 'canonical';
	const response = await apiRequest<IDataObject>(context, ctx.connection, {
		method: 'GET',
		path: recordPath(ctx.recordType.restType, id),
		query: {
			expandSubResources: canonical || options.expandSubResources ? true : undefined,
			simpleEnumFormat: !canonical && options.simpleEnumFormat ? true : undefined,
			fields: fieldListOf(options.fields),
		},
		itemIndex: request.itemIndex,
		correlationId: request.correlationId,
	});
	if (!canonical || ctx.recordType.resource !== 'job') return response.body;
	// The id asked for may be `eid:<external id>`; project tasks reference the project by its internal id.
	const internalId = typeof response.body.id === 'string' || typeof response.body.id === 'number' ? String(response.body.id) : '';
	if (!internalId) throw new Error(`NetSuite answered the ${ctx.recordType.restType} ${id} without its internal id, so its project tasks cannot be read`);
	return { ...response.body, projectTasks: await readProjectTasks(context, ctx, internalId, request) };
}

/**
 * The project task records of a project. The job mapping reads them under `projectTasks` (NetSuite keeps them
 * as separate records, not a sublist of the job); without them a canonical project would have no WBS.
 */
async function readProjectTasks(
	context: IExecuteFunctions,
	ctx: RecordOperationContext,
	projectId: string,
	request: { itemIndex: number; correlationId: string },
): Promise<IDataObject[]> {
	const taskType = RECORD_TYPES.projectTask;
	const q = buildSelect({ recordType: taskType, columns: ['id'], conditions: [{ column: 'project', operator: 'equals', value: projectId }] });
	const rows = await suiteQlQuery(context, ctx.connection, q, { limit: Number.POSITIVE_INFINITY, ...request });
	const tasks: IDataObject[] = [];
	for (const ids of chunk(rows.map((row) => String(row.id)), ctx.connection.concurrency.limit)) {
		const reads = ids.map(async (taskId) => {
			const response = await apiRequest<IDataObject>(context, ctx.connection, { method: 'GET', path: recordPath(taskType.restType, taskId), ...request });
			return response.body;
		});
		tasks.push(...(await Promise.all(reads)));
	}
	return tasks;
}

export async function execute(this: IExecuteFunctions, ctx: RecordOperationContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, canonicalTarget(ctx.recordType), async ({ itemIndex, correlationId }, output) => {
		const id = recordIdParameter(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return await readRecord(this, ctx, id, { options, output, itemIndex, correlationId });
	});
}
