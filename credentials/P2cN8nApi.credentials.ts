import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * An n8n public-API key, used by the Sync Ledger to keep its ledger, exception queue and audit trail in n8n Data
 * Tables. A credential of this package (not n8n's built-in n8nApi) because community nodes may only reference
 * their own credentials; the shape is the same: base URL of the public API and a key sent as X-N8N-API-KEY.
 */
export class P2cN8nApi implements ICredentialType {
	name = 'p2cN8nApi';

	displayName = 'Sync Ledger N8n API';

	documentationUrl = 'https://docs.n8n.io/api/authentication/';

	icon = { light: 'file:p2cN8nApi.svg', dark: 'file:p2cN8nApi.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Create it in n8n under Settings > n8n API with the scopes dataTable:create/read/list/update and dataTableRow:create/read/update/delete/upsert',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://localhost:5678/api/v1',
			required: true,
			placeholder: 'https://n8n.example.com/api/v1',
			description: "The public API of this n8n instance, ending in /api/v1 (in queue mode, the main instance's URL)",
		},
	];

	authenticate = {
		type: 'generic' as const,
		properties: { headers: { 'X-N8N-API-KEY': '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl.replace(/\\/$/, "")}}', url: '/data-tables', qs: { limit: 1 } },
	};
}
