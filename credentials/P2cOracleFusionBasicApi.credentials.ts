import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Oracle Fusion Cloud with HTTP Basic over TLS: a Fusion user's name and password. For test pods and
 * development; production integrations use the OAuth 2.0 credential.
 */
export class P2cOracleFusionBasicApi implements ICredentialType {
	name = 'p2cOracleFusionBasicApi';

	displayName = 'Oracle Fusion (Planning to Cash) Basic Auth API';

	documentationUrl = 'https://docs.oracle.com/en/cloud/saas/applications-common/26b/farca/Authentication.html';

	icon = { light: 'file:p2cOracle.svg', dark: 'file:p2cOracle.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Host URL',
			name: 'hostUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://abcd-test.fa.us2.oraclecloud.com',
			description: 'The Fusion pod, without /fscmRestApi',
		},
		{ displayName: 'Username', name: 'username', type: 'string', default: '', required: true },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '', required: true },
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { auth: { username: '={{$credentials.username}}', password: '={{$credentials.password}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: "={{ $credentials.hostUrl.replace(/\\/+$/, '') }}",
			url: '/fscmRestApi/resources/11.13.18.05/projects?limit=1&onlyData=true&fields=ProjectId',
			headers: { 'REST-Framework-Version': '4' },
		},
	};
}
