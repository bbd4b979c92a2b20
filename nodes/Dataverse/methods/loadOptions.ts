/**
 * Column pickers for any Dataverse table, from the table's definition
 * (`EntityDefinitions(LogicalName='account')/Attributes`): display name and logical name, lookups offered as the
 * `_x_value` column a filter reads. Every Dataverse node builds its `loadOptions` from `tableColumns`.
 */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { InvalidInputError } from '../../shared/kit';
import { dataverseConnection, dataverseRequest } from '../transport';

export async function tableColumns(context: ILoadOptionsFunctions, logicalName: string, authentication: string): Promise<INodePropertyOptions[]> {
	if (!/^[a-z_][a-z0-9_]*$/.test(logicalName)) throw new InvalidInputError('resource', `resource: "${logicalName}" is not a table's logical name (field: resource)`);
	const connection = await dataverseConnection(context, authentication);
	const response = await dataverseRequest<IDataObject>(context, connection, {
		method: 'GET',
		path: `EntityDefinitions(LogicalName='${logicalName}')/Attributes`,
		qs: { $select: 'LogicalName,AttributeType,DisplayName,IsValidForRead' },
	});
	const attributes = Array.isArray(response.body.value) ? (response.body.value as IDataObject[]) : [];
	return attributes
		.filter((attribute) => attribute.IsValidForRead !== false && typeof attribute.LogicalName === 'string')
		.map((attribute) => {
			const logical = String(attribute.LogicalName);
			const value = attribute.AttributeType === 'Lookup' || attribute.AttributeType === 'Customer' || attribute.AttributeType === 'Owner' ? `_${logical}_value` : logical;
			const label = ((attribute.DisplayName as IDataObject | undefined)?.UserLocalizedLabel as IDataObject | undefined)?.Label;
			return { name: typeof label === 'string' && label !== '' ? `${label} (${value})` : value, value, description: String(attribute.AttributeType ?? '') };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}
