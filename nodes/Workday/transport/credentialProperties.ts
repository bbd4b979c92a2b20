import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_WEB_SERVICE_VERSION } from './index';

/** Fields both Workday credentials have: where the tenant lives, its name, and the Web Services version. */
export const workdayTenantProperties: INodeProperties[] = [
	{
		displayName: 'Host',
		name: 'host',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://wd2-impl-services1.workday.com',
		description: "The tenant's web services host (Workday shows it in the endpoints of Public Web Services and View API Clients)",
	},
	{
		displayName: 'Tenant',
		name: 'tenant',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'acme_impl1',
	},
	{
		displayName: 'Web Service Version',
		name: 'webServiceVersion',
		type: 'string',
		default: DEFAULT_WEB_SERVICE_VERSION,
		description: 'Workday Web Services (SOAP) version in every SOAP URL, e.g. v42.0',
	},
];
