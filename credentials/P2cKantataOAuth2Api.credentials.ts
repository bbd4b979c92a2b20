import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Kantata OX OAuth 2.0 authorization code, on n8n's own OAuth2 credential: an account admin registers an
 * application in Kantata, n8n's "Connect" button sends the user through Kantata's consent page, and the
 * bearer token it gets back is sent on every request. Kantata tokens do not expire and come without a
 * refresh token; deauthorizing the application in Kantata revokes them.
 */
export class P2cKantataOAuth2Api implements ICredentialType {
	name = 'p2cKantataOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Kantata OX (Planning to Cash) OAuth2 API';

	documentationUrl = 'https://developer.kantata.com/';

	icon = { light: 'file:p2cKantata.svg', dark: 'file:p2cKantata.svg' } as const;

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			default: 'https://app.mavenlink.com/oauth/authorize',
			required: true,
			description: "Kantata's consent page; change it only for a Kantata test host",
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: 'https://app.mavenlink.com/oauth/token',
			required: true,
		},
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.mavenlink.com/api/v1',
			required: true,
			description: 'Kantata OX API v1, ending in /api/v1',
		},
	];

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl.replace(/\\/$/, "")}}', url: '/users/me.json' },
	};
}
