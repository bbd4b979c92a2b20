import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * SAP S/4HANA Cloud through a communication user (HTTP Basic over TLS) of the communication arrangements the
 * flows use (SAP_COM_0308 enterprise projects, SAP_COM_0008 business partners, SAP_COM_0027 timesheets,
 * SAP_COM_0120 billing documents, SAP_COM_0057 supplier invoices, SAP_COM_0002 journal entries).
 */
export class P2cSapS4HanaCloudBasicApi implements ICredentialType {
	name = 'p2cSapS4HanaCloudBasicApi';

	displayName = 'SAP S/4HANA Cloud (Planning to Cash) Communication User API';

	documentationUrl = 'https://help.sap.com/docs/SAP_S4HANA_CLOUD/0f69f8fb28ac4bf48d2b57b9637e81fa/2b8f9e8d3ac14b3b8cbd9c32b9b9a1a5.html';

	icon = { light: 'file:p2cSap.svg', dark: 'file:p2cSap.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Host URL',
			name: 'hostUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://my123456-api.s4hana.cloud.sap',
			description: 'The -api host of the tenant (the UI host answers with a SAML logon page)',
		},
		{ displayName: 'Username', name: 'username', type: 'string', default: '', required: true, description: 'The communication user of the communication system' },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '', required: true },
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { auth: { username: '={{$credentials.username}}', password: '={{$credentials.password}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: "={{ $credentials.hostUrl.replace(/\\/+$/, '') }}",
			url: '/sap/opu/odata/sap/API_ENTERPRISE_PROJECT_SRV;v=0002/A_EnterpriseProject?$top=1&$select=Project',
			headers: { Accept: 'application/json' },
		},
	};
}
