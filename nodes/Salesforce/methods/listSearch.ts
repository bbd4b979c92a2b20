import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { describeFields } from '../helpers/describe';
import { sObjectOf } from '../helpers/objects';
import { salesforceConnection } from '../transport';
import type { SalesforceAuthentication } from '../transport';

/** Fields marked "External ID" on the resource's object, from describe. */
export async function searchExternalIdFields(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const connection = await salesforceConnection(this, this.getNodeParameter('authentication', 'jwt') as SalesforceAuthentication);
	const fields = await describeFields(this, connection, sObjectOf(this.getNodeParameter('resource') as string));
	const wanted = (filter ?? '').toLowerCase();
	return {
		results: fields
			.filter((f) => f.externalId || f.name === 'Id')
			.filter((f) => !wanted || f.name.toLowerCase().includes(wanted) || f.label.toLowerCase().includes(wanted))
			.map((f) => ({ name: `${f.label} (${f.name})`, value: f.name }) as IDataObject as { name: string; value: string }),
	};
}
