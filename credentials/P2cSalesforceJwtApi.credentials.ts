import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import {
	buildJwtAssertion,
	JWT_BEARER_GRANT,
	jwtAudienceOf,
	loginUrlOf,
	requestToken,
	LOGIN_GRANT_PATH,
} from '../nodes/Salesforce/transport/auth';

import { apiVersionProperty, instanceUrlProperty } from '../nodes/Salesforce/transport/credentialProperties';
import { authenticateWithCachedBearerTokenAt } from '../nodes/shared/kit/bearer';
import { cachedAccessTokenProperty } from '../nodes/shared/kit/descriptions';

/**
 * Salesforce OAuth 2.0 JWT bearer flow. The signed assertion is exchanged once for a session that is cached
 * on the credential with the instance URL; n8n exchanges a new one when the cache is empty or a request gets
 * 401 (Salesforce issues no refresh token in this flow).
 */
export class P2cSalesforceJwtApi implements ICredentialType {
	name = 'p2cSalesforceJwtApi';

	displayName = 'Salesforce (Planning to Cash) JWT API';

	documentationUrl = 'https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_jwt_flow.htm';

	icon = { light: 'file:p2cSalesforce.svg', dark: 'file:p2cSalesforce.svg' } as const;

	properties: INodeProperties[] = [
		cachedAccessTokenProperty,
		instanceUrlProperty,
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production (login.salesforce.com)', value: 'production' },
				{ name: 'Sandbox (test.salesforce.com)', value: 'sandbox' },
				{ name: 'Custom Login URL', value: 'custom' },
			],
			default: 'production',
		},
		{
			displayName: 'Login URL',
			name: 'loginUrl',
			type: 'string',
			default: '',
			placeholder: 'https://mycompany.my.salesforce.com',
			description: 'Where the token request goes, e.g. an Experience Cloud site, a proxy or a local sandbox (http://127.0.0.1:4010)',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Consumer Key',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'Consumer key of the connected app or external client app',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'Salesforce username of the pre-authorized integration user',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			required: true,
			description: 'PEM private key of the certificate uploaded to the app (-----BEGIN PRIVATE KEY----- …)',
		},
		{
			displayName: 'My Domain URL',
			name: 'myDomainUrl',
			type: 'string',
			default: '',
			placeholder: 'https://mycompany.my.salesforce.com',
			description: "Used as the assertion's audience when set (required by orgs created from Spring '26); otherwise the login URL is",
		},
		apiVersionProperty,
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const assertion = buildJwtAssertion({
			clientId: String(credentials.clientId ?? ''),
			username: String(credentials.username ?? ''),
			audience: jwtAudienceOf(credentials),
			privateKeyPem: String(credentials.privateKey ?? ''),
		});
		return await requestToken(this, `${loginUrlOf(credentials)}${LOGIN_GRANT_PATH}`, { grant_type: JWT_BEARER_GRANT, assertion });
	}

	// Node requests are relative to the instance; the credential test brings its own base URL.
	authenticate = authenticateWithCachedBearerTokenAt('instanceUrl');

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				"={{ $credentials.myDomainUrl ? $credentials.myDomainUrl.replace(/\\/+$/, '') : ($credentials.environment === 'custom' ? $credentials.loginUrl.replace(/\\/+$/, '') : ($credentials.environment === 'sandbox' ? 'https://test.salesforce.com' : 'https://login.salesforce.com')) }}",
			url: '/services/oauth2/userinfo',
			method: 'GET',
		},
	};
}
