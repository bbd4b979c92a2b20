import { NodeOperationError } from 'n8n-workflow';
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { describeFields } from '../helpers/describe';
import type { FieldInfo } from '../helpers/describe';
import { RESOURCES, sObjectOf } from '../helpers/objects';
import type { RecordResource } from '../helpers/objects';
import { salesforceConnection } from '../transport';
import type { SalesforceAuthentication, SalesforceConnection } from '../transport';

/**
 * The resource a picker works on. The trigger's "Opportunity Reached Stage" event hides its Object parameter:
 * it always watches opportunities.
 */
export function resourceOf(context: ILoadOptionsFunctions): RecordResource {
	if (context.getNodeParameter('event', '') === 'opportunityStage') return 'opportunity';
	const resource = String(context.getNodeParameter('resource', '') ?? '');
	if (!Object.prototype.hasOwnProperty.call(RESOURCES, resource)) {
		throw new NodeOperationError(context.getNode(), `Records can be picked for accounts, contracts and opportunities, not for "${resource}"`);
	}
	return resource as RecordResource;
}

export async function connectionOf(context: ILoadOptionsFunctions): Promise<SalesforceConnection> {
	return await salesforceConnection(context, context.getNodeParameter('authentication', 'jwt') as SalesforceAuthentication);
}

/** Describe of the picker's object: its fields with type, flags and picklist values. */
export async function fieldsOfResource(context: ILoadOptionsFunctions, resource: RecordResource = resourceOf(context)): Promise<FieldInfo[]> {
	return await describeFields(context, await connectionOf(context), sObjectOf(resource));
}
