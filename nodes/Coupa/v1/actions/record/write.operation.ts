/** Create, Update and Mark Exported: one request per item, Coupa's answer (or the id) as the output. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { ERP_NUMBER_FIELD } from '../../../canonical';
import { apiRequest, recordsOf } from '../../../transport';
import type { OperationContext } from './context';
import { jsonBodyOf, recordIdOf, writeQuery } from './context';

function answerOf(body: unknown, id?: string): IDataObject {
	const [record] = recordsOf(body);
	return record ?? (id ? { id: Number(id) } : {});
}

export async function create(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const body = jsonBodyOf(this, itemIndex);
		// POST is not idempotent in Coupa: a create whose answer was lost is not resent (the kit's default for POST).
		const response = await apiRequest(this, op.connection, { method: 'POST', path: `/${op.resource.path}`, body, qs: writeQuery(this, itemIndex), correlationId, itemIndex });
		return answerOf(response.body);
	});
}

export async function update(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdOf(this, itemIndex);
		const response = await apiRequest(this, op.connection, { method: 'PUT', path: `/${op.resource.path}/${id}`, body: jsonBodyOf(this, itemIndex), qs: writeQuery(this, itemIndex), correlationId, itemIndex });
		return answerOf(response.body, id);
	});
}

/** The body of Mark Exported: `exported`, when, and the ERP's number where the resource keeps it. */
export function markExportedBody(op: OperationContext, erpNumber: string, customField: string, nowIso: string): IDataObject {
	const body: IDataObject = { exported: true, 'last-exported-at': nowIso };
	if (!erpNumber) return body;
	if (op.resource.erpNumberAttribute) body[op.resource.erpNumberAttribute] = erpNumber;
	else body['custom-fields'] = { [customField || ERP_NUMBER_FIELD]: erpNumber };
	return body;
}

export async function markExported(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = recordIdOf(this, itemIndex);
		const erpNumber = String(this.getNodeParameter('erpDocumentNumber', itemIndex, '') ?? '').trim();
		const customField = String(this.getNodeParameter('erpNumberField', itemIndex, ERP_NUMBER_FIELD) ?? '').trim();
		if (customField && !/^[a-z][a-z0-9_-]*$/i.test(customField)) {
			throw Object.assign(new Error(`erpNumberField: "${customField}" is not a custom field name (field: erpNumberField)`), { context: { vendorErrorCode: 'INVALID_INPUT', vendorErrorFields: ['erpNumberField'] } });
		}
		// PUT of the same values is idempotent: a lost answer is resent safely.
		const body = markExportedBody(op, erpNumber, customField, new Date().toISOString());
		const response = await apiRequest(this, op.connection, { method: 'PUT', path: `/${op.resource.path}/${id}`, body, qs: writeQuery(this, itemIndex), correlationId, itemIndex });
		return answerOf(response.body, id);
	});
}
