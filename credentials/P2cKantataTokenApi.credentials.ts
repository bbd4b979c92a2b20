import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A Kantata OX bearer token generated for a user (the personal access token an account admin creates for a
 * backend integration, or a token obtained from an OAuth application). Kantata tokens do not expire; revoke
 * the token in Kantata to cut access.
 */
export class P2cKantataTokenApi implements ICredentialType {
	name = 'p2cKantataTokenApi';

	displayName = 'Kantata OX (Planning to Cash) Token API';

	documentationUrl = 'https://developer.kantata.com/';

	icon = { light: 'file:p2cKantata.svg', dark: 'file:p2cKantata.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The bearer token of the integration user',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.mavenlink.com/api/v1',
			required: true,
			description: 'Kantata OX API v1, ending in /api/v1',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl.replace(/\\/$/, "")}}', url: '/users/me.json' },
	};
}
