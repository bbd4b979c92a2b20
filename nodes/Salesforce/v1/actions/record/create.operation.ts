import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment, runPerItem } from '../../../../shared/kit';
import { lineItemsOf, recordBodyOf } from '../../../helpers/body';
import type { RecordResource } from '../../../helpers/objects';
import { apiRequest, COMPOSITE_LIMIT, parseSalesforceError } from '../../../transport';
import { bodyProperties } from '../common.descriptions';
import type { OperationContext } from './context';

const lineItemProperties: INodeProperties[] = [
	{
		displayName: 'Line Items',
		name: 'lineItemsUi',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Line Item',
		default: {},
		description: 'Opportunity products created with the opportunity in one Composite call (all or none)',
		displayOptions: { show: { bodyMode: ['define', 'mapper'] } },
		options: [
			{
				displayName: 'Line Item',
				name: 'lineItem',
				values: [
					{ displayName: 'Description', name: 'description', type: 'string', default: '' },
					{ displayName: 'Price Book Entry ID', name: 'pricebookEntryId', type: 'string', default: '' },
					{ displayName: 'Product ID', name: 'product2Id', type: 'string', default: '', description: 'Used when no price book entry is given' },
					{ displayName: 'Quantity', name: 'quantity', type: 'number', default: 1 },
					{ displayName: 'Sales Price', name: 'unitPrice', type: 'string', default: '', description: 'Unit price as a decimal string, e.g. 1600.00' },
					{ displayName: 'Service Date', name: 'serviceDate', type: 'string', default: '', placeholder: '2026-12-01' },
				],
			},
		],
	},
	{
		displayName: 'Line Items (JSON)',
		name: 'lineItemsJson',
		type: 'json',
		default: '[]',
		description: 'Array of OpportunityLineItem field objects, e.g. [{"PricebookEntryId": "01u…", "Quantity": 10, "UnitPrice": 1600}]',
		displayOptions: { show: { bodyMode: ['json'] } },
	},
];

export function description(resource: RecordResource): INodeProperties[] {
	const properties = [...bodyProperties, ...(resource === 'opportunity' ? lineItemProperties : [])];
	return updateDisplayOptions({ show: { resource: [resource], operation: ['create'] } }, properties);
}

/** The Composite body creating an opportunity and its line items, linked through the referenceId. */
export function opportunityWithLineItems(apiVersion: string, opportunity: IDataObject, lineItems: IDataObject[]): IDataObject {
	return {
		allOrNone: true,
		compositeRequest: [
			{ method: 'POST', url: `/services/data/${apiVersion}/sobjects/Opportunity`, referenceId: 'newOpportunity', body: opportunity },
			...lineItems.map((item, i) => ({
				method: 'POST',
				url: `/services/data/${apiVersion}/sobjects/OpportunityLineItem`,
				referenceId: `lineItem${i + 1}`,
				body: { ...item, OpportunityId: '@{newOpportunity.id}' },
			})),
		],
	};
}

interface CompositeResult {
	body: unknown;
	httpStatusCode: number;
	referenceId: string | null;
}

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const body = recordBodyOf(this, itemIndex);
		const lineItems = op.resource === 'opportunity' ? lineItemsOf(this, itemIndex) : [];
		if (!lineItems.length) {
			const response = await apiRequest<IDataObject>(this, op.connection, { method: 'POST', path: `/sobjects/${pathSegment(op.sObject, 'resource')}`, body, correlationId, itemIndex });
			return { id: response.body.id, success: response.body.success ?? true };
		}
		if (lineItems.length > COMPOSITE_LIMIT - 1) {
			throw new Error(`lineItems: at most ${COMPOSITE_LIMIT - 1} line items can be created with an opportunity, got ${lineItems.length}`);
		}
		const response = await apiRequest<{ compositeResponse?: CompositeResult[] }>(this, op.connection, {
			method: 'POST',
			path: '/composite',
			body: opportunityWithLineItems(op.connection.apiVersion, body, lineItems),
			correlationId,
			itemIndex,
		});
		const results = response.body.compositeResponse ?? [];
		// allOrNone: the first real failure explains the rollback; the others only say PROCESSING_HALTED.
		const failures = results.filter((r) => r.httpStatusCode >= 400);
		const sent = lineItems.length + 1;
		if (!failures.length && results.length !== sent) {
			// No failure to explain it, so the outcome is unknown: the records may exist.
			const mismatch = new Error(
				`Salesforce: COMPOSITE_RESULT_MISMATCH: sent ${sent} subrequests, Salesforce answered ${results.length} results; whether the opportunity was created is unknown, look it up before sending it again`,
			);
			Object.assign(mismatch, { context: { vendorErrorCode: 'COMPOSITE_RESULT_MISMATCH', vendorErrorFields: [] } });
			throw mismatch;
		}
		if (failures.length) {
			const cause = failures.find((r) => parseSalesforceError(r.body)?.code !== 'PROCESSING_HALTED') ?? failures[0];
			const error = parseSalesforceError(cause?.body);
			const where = cause?.referenceId ? ` in ${cause.referenceId}` : '';
			const fields = error?.fields.length ? ` (field: ${error.fields.join(', ')})` : '';
			const failure = new Error(`Salesforce: ${error?.code ?? 'COMPOSITE_FAILED'}: ${error?.message ?? 'the composite request failed'}${where}${fields}; nothing was created`);
			Object.assign(failure, { context: { vendorErrorCode: error?.code ?? 'COMPOSITE_FAILED', vendorErrorFields: error?.fields ?? [] } });
			throw failure;
		}
		const ids = results.map((r) => (r.body as IDataObject).id as string);
		return { id: ids[0], success: true, lineItemIds: ids.slice(1) };
	});
}
