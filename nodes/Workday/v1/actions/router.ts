import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ISU_CREDENTIAL_NAME, REST_CREDENTIAL_NAME, workdayConnection } from '../../transport';
import type { OperationContext } from './context';
import { ISU_RESOURCES } from './descriptions';
import * as jobChangeReasonGetMany from './jobChangeReason/getMany.operation';
import * as getOrganizationsSoap from './organizationWebService/getOrganizations.operation';
import * as reportRun from './report/run.operation';
import * as supervisoryGet from './supervisoryOrganization/get.operation';
import * as supervisoryGetMany from './supervisoryOrganization/getMany.operation';
import * as timeOffBalances from './timeOff/getBalances.operation';
import * as timeOffDetails from './timeOff/getDetails.operation';
import * as workerGet from './worker/get.operation';
import * as workerGetMany from './worker/getMany.operation';
import * as workerOrganizations from './worker/getOrganizations.operation';
import * as getChanges from './workerWebService/getChanges.operation';
import * as getWorkers from './workerWebService/getWorkers.operation';

type Operation = { execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> };

const OPERATIONS: Record<string, Record<string, Operation>> = {
	worker: { get: workerGet, getMany: workerGetMany, getOrganizations: workerOrganizations },
	supervisoryOrganization: { get: supervisoryGet, getMany: supervisoryGetMany },
	timeOff: { getDetails: timeOffDetails, getBalances: timeOffBalances },
	jobChangeReason: { getMany: jobChangeReasonGetMany },
	workerWebService: { getWorkers, getChanges },
	organizationWebService: { getOrganizations: getOrganizationsSoap },
	report: { run: reportRun },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const implementation = OPERATIONS[resource]?.[operation];
	if (!implementation) throw new Error(`Workday ${resource} has no operation "${operation}"`);
	const connection = await workdayConnection(this, ISU_RESOURCES.includes(resource) ? ISU_CREDENTIAL_NAME : REST_CREDENTIAL_NAME);
	return [await implementation.execute.call(this, { connection })];
}
