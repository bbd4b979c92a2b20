import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { requestOracleToken } from '../nodes/OracleFusion/transport/auth';
import type { OracleGrant } from '../nodes/OracleFusion/transport/auth';
import { authenticateWithCachedBearerToken } from '../nodes/shared/kit/bearer';
import { cachedAccessTokenProperty } from '../nodes/shared/kit/descriptions';

/**
 * Oracle Fusion Cloud through OAuth 2.0 against the OCI IAM identity domain attached to the pod: the client
 * credentials grant, or the JWT user assertion grant for a named integration user. The access token is cached on
 * the credential; n8n fetches a new one when it is empty or a request gets 401.
 */
export class P2cOracleFusionOAuth2Api implements ICredentialType {
	name = 'p2cOracleFusionOAuth2Api';

	displayName = 'Oracle Fusion (Planning to Cash) OAuth2 API';

	documentationUrl = 'https://docs.oracle.com/en/cloud/saas/financials/26d/farfa/configure_oauth.html';

	icon = { light: 'file:p2cOracle.svg', dark: 'file:p2cOracle.svg' } as const;

	properties: INodeProperties[] = [
		cachedAccessTokenProperty,
		{
			displayName: 'Host URL',
			name: 'hostUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://abcd.fa.us2.oraclecloud.com',
			description: 'The Fusion pod, without /fscmRestApi',
		},
		{
			displayName: 'Identity Domain URL',
			name: 'identityDomainUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://idcs-0123456789abcdef.identity.oraclecloud.com',
			description: 'The OCI IAM identity domain attached to the pod; tokens come from its /oauth2/v1/token',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{ name: 'Client Credentials', value: 'clientCredentials' },
				{ name: 'JWT User Assertion', value: 'jwtAssertion' },
			],
			default: 'clientCredentials',
		},
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', required: true },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '', required: true },
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'urn:opc:resource:fa:instanceid=123456urn:opc:resource:consumer::all',
			description: 'The Fusion application\'s scope, as shown in the identity domain\'s confidential application',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			description: 'The Fusion user the assertion names (its subject)',
			displayOptions: { show: { grantType: ['jwtAssertion'] } },
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			description: 'PEM private key whose certificate is imported as a trusted partner certificate of the application (RS256)',
			displayOptions: { show: { grantType: ['jwtAssertion'] } },
		},
		{
			displayName: 'Key ID',
			name: 'keyId',
			type: 'string',
			default: '',
			description: 'The certificate alias, sent as the assertion\'s kid',
			displayOptions: { show: { grantType: ['jwtAssertion'] } },
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return await requestOracleToken(this, {
			identityDomainUrl: String(credentials.identityDomainUrl ?? ''),
			grantType: (credentials.grantType as OracleGrant) ?? 'clientCredentials',
			clientId: String(credentials.clientId ?? ''),
			clientSecret: String(credentials.clientSecret ?? ''),
			scope: String(credentials.scope ?? ''),
			username: String(credentials.username ?? ''),
			privateKey: String(credentials.privateKey ?? ''),
			keyId: String(credentials.keyId ?? ''),
		});
	}

	authenticate = authenticateWithCachedBearerToken;

	test: ICredentialTestRequest = {
		request: {
			baseURL: "={{ $credentials.hostUrl.replace(/\\/+$/, '') }}",
			url: '/fscmRestApi/resources/11.13.18.05/projects?limit=1&onlyData=true&fields=ProjectId',
			headers: { 'REST-Framework-Version': '4' },
		},
	};
}
