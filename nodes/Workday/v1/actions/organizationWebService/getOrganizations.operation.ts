import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { InvalidInputError, runPerItem } from '../../../../shared/kit';
import { xmlToJson } from '../../../../shared/kit/xml';
import { getOrganizationsRequest, ORGANIZATION_TYPES } from '../../../helpers/soapRequests';
import { DEFAULT_SOAP_COUNT, soapList } from '../../../transport';
import type { OperationContext } from '../context';
import { limitOf } from '../context';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const types = this.getNodeParameter('organizationTypes', itemIndex, []) as string[];
		const unknown = types.find((type) => !(ORGANIZATION_TYPES as readonly string[]).includes(type));
		if (!types.length || unknown) throw new InvalidInputError('organizationTypes', `organizationTypes: pick Company, Cost_Center or Supervisory${unknown ? ` (got ${JSON.stringify(unknown)})` : ''} (field: organizationTypes)`);
		const includeInactive = this.getNodeParameter('includeInactive', itemIndex, false) as boolean;
		const asOfEntryDateTime = new Date().toISOString();
		const organizations = await soapList(this, op.connection, 'Human_Resources', (page) => getOrganizationsRequest({ types, includeInactive, asOfEntryDateTime, page, count: DEFAULT_SOAP_COUNT, version: op.connection.version }), 'Organization', { limit: limitOf(this, itemIndex), itemIndex, correlationId });
		return organizations.map((organization) => xmlToJson(organization) as IDataObject);
	});
}
