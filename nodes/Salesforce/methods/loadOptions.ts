import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { describeFields } from '../helpers/describe';
import type { FieldInfo } from '../helpers/describe';
import { sObjectOf } from '../helpers/objects';
import { salesforceConnection } from '../transport';
import type { SalesforceAuthentication } from '../transport';

async function fieldsOfResource(context: ILoadOptionsFunctions): Promise<FieldInfo[]> {
	const connection = await salesforceConnection(context, context.getNodeParameter('authentication', 'jwt') as SalesforceAuthentication);
	return await describeFields(context, connection, sObjectOf(context.getNodeParameter('resource') as string));
}

function toOptions(fields: FieldInfo[]): INodePropertyOptions[] {
	return fields
		.map((f) => ({ name: `${f.label} (${f.name})`, value: f.name, description: f.type }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Every field of the resource's object, for conditions. */
export async function getFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return toOptions(await fieldsOfResource(this));
}

/** Fields a create or update may set. */
export async function getWritableFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const operation = this.getNodeParameter('operation') as string;
	const fields = await fieldsOfResource(this);
	return toOptions(fields.filter((f) => (operation === 'update' ? f.updateable : f.createable || f.updateable)));
}
