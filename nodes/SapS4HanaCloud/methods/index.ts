/**
 * From List: records of the picked resource searched by name (`substringof` on the name field, as SAP's v2 services
 * take it), 50 a page with `$skip`.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { odataStringLiteral } from '../../shared/kit/odata';
import type { SapResourceName } from '../helpers/resources';
import { resourceOf } from '../helpers/resources';
import { SAP_BASIC_CREDENTIAL_NAME, SAP_CLIENT_GRANT_CREDENTIAL_NAME, plainRecord, sapConnection, sapRequest, unwrap } from '../transport';

const PAGE = 50;

/** The field searched and shown per resource (the key is the value). */
export const NAME_FIELDS: Partial<Record<SapResourceName, string>> = {
	project: 'ProjectDescription',
	wbsElement: 'ProjectElementDescription',
	wbsBlockingFunction: 'ProjectElementUUID',
	businessPartner: 'OrganizationBPName1',
	customer: 'CustomerName',
	billingDocument: 'BillingDocument',
	supplierInvoice: 'SupplierInvoice',
};

async function searchRecords(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const resourceName = this.getNodeParameter('resource', 'project') as SapResourceName;
	const resource = resourceOf(resourceName);
	const nameField = NAME_FIELDS[resourceName] ?? resource.key[0];
	const authentication = this.getNodeParameter('authentication', 'basic') as string;
	const connection = await sapConnection(this, authentication === 'oAuth2' ? SAP_CLIENT_GRANT_CREDENTIAL_NAME : SAP_BASIC_CREDENTIAL_NAME);
	const skip = Number(paginationToken ?? 0) || 0;
	const qs: IDataObject = { $top: PAGE, $skip: skip, $select: [...new Set([...resource.key, nameField])].join(','), $orderby: nameField, $format: 'json' };
	if (filter?.trim()) qs.$filter = `substringof(${odataStringLiteral(filter.trim())},${nameField}) eq true`;
	const response = await sapRequest<IDataObject>(this, connection, { method: 'GET', service: resource.service, path: `/${resource.entitySet}`, qs });
	const rows = ((unwrap(response.body).results ?? []) as IDataObject[]).map(plainRecord);
	return {
		results: rows.map((row) => ({ name: String(row[nameField] ?? row[resource.key[0]]), value: String(row[resource.key[0]]) })),
		paginationToken: rows.length === PAGE ? String(skip + PAGE) : undefined,
	};
}

export const listSearch = { searchRecords };
