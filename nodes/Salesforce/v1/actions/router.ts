import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { sObjectOf } from '../../helpers/objects';
import type { RecordResource } from '../../helpers/objects';
import { salesforceConnection } from '../../transport';
import type { SalesforceAuthentication } from '../../transport';
import { RECORD_OPERATIONS } from './record/Record.resource';
import type { RecordOperation } from './record/Record.resource';
import * as org from './org/Org.resource';
import * as search from './search/Search.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as RecordResource | 'search' | 'org';
	const operation = this.getNodeParameter('operation', 0) as string;
	const authentication = this.getNodeParameter('authentication', 0, 'jwt') as SalesforceAuthentication;
	const connection = await salesforceConnection(this, authentication);

	if (resource === 'org') {
		if (operation !== 'getApiUsage') throw new Error(`Unknown operation "${operation}" for Org`);
		return [await org.getApiUsage.execute.call(this, connection)];
	}
	if (resource === 'search') {
		if (operation !== 'query') throw new Error(`Unknown operation "${operation}" for SOQL`);
		return [await search.query.execute.call(this, connection)];
	}
	const implementation = RECORD_OPERATIONS[operation as RecordOperation];
	if (!implementation) throw new Error(`Unknown operation "${operation}"`);
	return [await implementation.execute.call(this, { resource, sObject: sObjectOf(resource), connection })];
}
