import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { requestToken, LOGIN_GRANT_PATH, trimmedUrl } from '../nodes/Salesforce/transport/auth';

import { apiVersionProperty, instanceUrlProperty } from '../nodes/Salesforce/transport/credentialProperties';
import { authenticateWithCachedBearerTokenAt } from '../nodes/shared/kit/bearer';
import { cachedAccessTokenProperty } from '../nodes/shared/kit/descriptions';

/**
 * Salesforce OAuth 2.0 client credentials flow. Salesforce only serves it on the org's My Domain host (not
 * login.salesforce.com / test.salesforce.com). The session runs as the app's "Run As" user and is cached on the
 * credential with the instance URL; n8n requests a new one when the cache is empty or a request gets 401.
 */
export class P2cSalesforceClientCredentialsApi implements ICredentialType {
	name = 'p2cSalesforceClientCredentialsApi';

	displayName = 'Salesforce (Planning to Cash) Client Credentials API';

	documentationUrl = 'https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_client_credentials_flow.htm';

	icon = { light: 'file:p2cSalesforce.svg', dark: 'file:p2cSalesforce.svg' } as const;

	properties: INodeProperties[] = [
		cachedAccessTokenProperty,
		instanceUrlProperty,
		{
			displayName: 'My Domain URL',
			name: 'myDomainUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://mycompany.my.salesforce.com',
			description:
				'Your org\'s My Domain login URL (sandbox: https://mycompany--uat.sandbox.my.salesforce.com). A proxy or local sandbox URL works too.',
		},
		{
			displayName: 'Consumer Key',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Consumer Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		apiVersionProperty,
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return await requestToken(this, `${trimmedUrl(credentials.myDomainUrl)}${LOGIN_GRANT_PATH}`, {
			grant_type: 'client_credentials',
			client_id: String(credentials.clientId ?? ''),
			client_secret: String(credentials.clientSecret ?? ''),
		});
	}

	// Node requests are relative to the instance; the credential test brings its own base URL.
	authenticate = authenticateWithCachedBearerTokenAt('instanceUrl');

	test: ICredentialTestRequest = {
		request: {
			baseURL: "={{ $credentials.myDomainUrl.replace(/\\/+$/, '') }}",
			url: '/services/oauth2/userinfo',
			method: 'GET',
		},
	};
}
