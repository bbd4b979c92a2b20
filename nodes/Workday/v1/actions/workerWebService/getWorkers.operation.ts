import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runReadPerItem } from '../../../../shared/canonicalOutput';
import { InvalidInputError } from '../../../../shared/kit';
import { dateOnly, getWorkersRequest, instant, RESOURCE_RESPONSE_GROUP, workerJson } from '../../../helpers/soapRequests';
import type { GetWorkersInput } from '../../../helpers/soapRequests';
import { DEFAULT_SOAP_COUNT, soapList } from '../../../transport';
import type { OperationContext } from '../context';
import { limitOf, today, WORKER_TARGET } from '../context';

/** What the parameters ask Get_Workers for, pages aside. */
export function workersInput(context: IExecuteFunctions, itemIndex: number, version: string): Omit<GetWorkersInput, 'page' | 'asOfEntryDateTime'> {
	const selection = context.getNodeParameter('selection', itemIndex, 'ids') as 'ids' | 'changed' | 'all';
	const options = context.getNodeParameter('workerOptions', itemIndex, {}) as IDataObject;
	const input: Omit<GetWorkersInput, 'page' | 'asOfEntryDateTime'> = {
		version,
		count: options.count === undefined ? DEFAULT_SOAP_COUNT : Number(options.count),
		asOfEffectiveDate: options.asOfEffectiveDate ? dateOnly(options.asOfEffectiveDate, 'asOfEffectiveDate') : today(),
		excludeInactive: options.excludeInactive === true,
		responseGroup: { ...RESOURCE_RESPONSE_GROUP, managementChain: options.managementChain === true || undefined, transactionLog: options.transactionLog === true || undefined },
	};
	if (selection === 'ids') {
		const ids = String(context.getNodeParameter('employeeIds', itemIndex, '') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
		if (!ids.length) throw new InvalidInputError('employeeIds', 'employeeIds: give at least one Employee_ID (field: employeeIds)');
		input.references = ids.map((id) => ['Employee_ID', id]);
	} else if (selection === 'changed') {
		input.updatedFrom = instant(context.getNodeParameter('updatedFrom', itemIndex, ''), 'updatedFrom');
		const through = context.getNodeParameter('updatedThrough', itemIndex, '') as string;
		input.updatedThrough = through ? instant(through, 'updatedThrough') : new Date().toISOString();
		if (Date.parse(input.updatedFrom) > Date.parse(input.updatedThrough)) throw new InvalidInputError('updatedFrom', 'updatedFrom: must be on or before updatedThrough (field: updatedFrom)');
	}
	return input;
}

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, WORKER_TARGET, async ({ itemIndex, correlationId }) => {
		const input = workersInput(this, itemIndex, op.connection.version);
		// One entry moment for every page: the pages are one snapshot even while Workday changes.
		const asOfEntryDateTime = input.updatedThrough ?? new Date().toISOString();
		const workers = await soapList(this, op.connection, 'Human_Resources', (page) => getWorkersRequest({ ...input, page, asOfEntryDateTime }), 'Worker', { limit: limitOf(this, itemIndex), itemIndex, correlationId });
		return workers.map((worker) => workerJson(worker, input.asOfEffectiveDate));
	});
}
