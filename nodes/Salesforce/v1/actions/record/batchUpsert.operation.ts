import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';

import { asNodeError, correlationIdOf, pathSegment, sendInBatches, tagWithItem } from '../../../../shared/kit';
import type { BatchEntry } from '../../../../shared/kit';
import { recordBodyOf } from '../../../helpers/body';
import type { RecordResource } from '../../../helpers/objects';
import { apiRequest, COLLECTION_LIMIT } from '../../../transport';
import { bodyProperties, externalIdFieldProperty } from '../common.descriptions';
import type { OperationContext } from './context';
import { externalIdFieldOf, externalIdValueProperty } from './upsert.operation';

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'All or None',
			name: 'allOrNone',
			type: 'boolean',
			default: false,
			description: 'Whether one failed record rolls back the other records of its batch of 200',
		},
	],
};

export function description(resource: RecordResource): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [resource], operation: ['batchUpsert'] } }, [
		externalIdFieldProperty,
		externalIdValueProperty,
		...bodyProperties,
		options,
	]);
}

/** One record's result from sObject Collections. */
export interface CollectionResult {
	id?: string | null;
	success: boolean;
	created?: boolean;
	errors?: Array<{ statusCode?: string; message?: string; fields?: string[] }>;
}

/** Failure of one record: Salesforce's first error code, all messages, the fields they name. */
function describeFailure(result: CollectionResult): { code: string; message: string; fields: string[] } {
	const errors = result.errors ?? [];
	return {
		code: errors[0]?.statusCode ?? 'UNKNOWN_ERROR',
		message: errors.map((e) => e.message).filter(Boolean).join(' | ') || 'the record was not saved',
		fields: [...new Set(errors.flatMap((e) => e.fields ?? []))],
	};
}

/**
 * Upserts every input item through sObject Collections, 200 records per call, and pairs each per-record
 * result with the item it came from. Items that cannot be sent (no external id, bad body) fail on their own.
 */
export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const out: Array<INodeExecutionData | undefined> = new Array(items.length);
	const field = externalIdFieldOf(this, 0);
	const allOrNone = ((this.getNodeParameter('options', 0, {}) as IDataObject).allOrNone as boolean) ?? false;
	const entries: Array<BatchEntry<IDataObject>> = [];
	const failures: Array<{ itemIndex: number; error: Error & { context?: IDataObject } }> = [];

	const fail = (itemIndex: number, code: string, message: string, fields: string[]) => {
		const error = new NodeApiError(this.getNode(), { message, code, fields } as unknown as JsonObject, {
			message: `Salesforce: ${code}: ${message}${fields.length ? ` (field: ${fields.join(', ')})` : ''}`,
			itemIndex,
		});
		error.context.vendorErrorCode = code;
		error.context.vendorErrorFields = fields;
		failures.push({ itemIndex, error });
		out[itemIndex] = {
			json: { success: false, error: error.message, code, fields, correlationId: correlationIdOf(items[itemIndex]) },
			pairedItem: { item: itemIndex },
		};
	};

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			if (externalIdFieldOf(this, itemIndex) !== field) throw new Error('externalIdField must be the same for every item of a batch upsert');
			const value = String(this.getNodeParameter('externalIdValue', itemIndex, '') ?? '').trim();
			if (!value) throw new Error(`externalIdValue: a value for ${field} is required`);
			const body = recordBodyOf(this, itemIndex);
			for (const key of Object.keys(body)) if (key.toLowerCase() === field.toLowerCase() || key === 'Id') delete body[key];
			entries.push({ itemIndex, value: { attributes: { type: op.sObject }, ...body, [field]: value } });
		} catch (error) {
			fail(itemIndex, 'INVALID_INPUT', (error as Error).message, [field]);
		}
	}

	const outcomes = await sendInBatches(entries, COLLECTION_LIMIT, async (records, batchIndex) => {
		const first = entries[batchIndex * COLLECTION_LIMIT];
		try {
			const response = await apiRequest<CollectionResult[]>(this, op.connection, {
				method: 'PATCH',
				path: `/composite/sobjects/${pathSegment(op.sObject, 'resource')}/${pathSegment(field, 'externalIdField')}`,
				body: { allOrNone, records } as IDataObject,
				correlationId: correlationIdOf(items[first.itemIndex]),
				itemIndex: first.itemIndex,
				idempotent: true,
			});
			return Array.isArray(response.body) ? response.body : [];
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, first.itemIndex);
			// The whole call failed (limit, session …): every record of the batch fails with its reason.
			const context = ((error as { context?: IDataObject }).context ?? {}) as IDataObject;
			const statusCode = String(context.vendorErrorCode ?? 'REQUEST_FAILED');
			const message = String(context.vendorErrorMessage ?? (error as Error).message);
			return records.map(() => ({ success: false, errors: [{ statusCode, message, fields: (context.vendorErrorFields as string[]) ?? [] }] }));
		}
	});

	for (const { itemIndex, value, result, error } of outcomes) {
		if (error) {
			fail(itemIndex, error.context.vendorErrorCode, error.message, []);
		} else if (result.success) {
			out[itemIndex] = {
				json: {
					id: result.id ?? null,
					created: result.created === true,
					success: true,
					externalIdField: field,
					externalId: value[field] as string,
					correlationId: correlationIdOf(items[itemIndex]),
				},
				pairedItem: { item: itemIndex },
			};
		} else {
			const failure = describeFailure(result);
			fail(itemIndex, failure.code, failure.message, failure.fields);
		}
	}

	if (failures.length && !this.continueOnFail()) {
		const first = failures.sort((a, b) => a.itemIndex - b.itemIndex)[0];
		throw tagWithItem(this, first.error, first.itemIndex);
	}
	return out.filter((item): item is INodeExecutionData => item !== undefined);
}
