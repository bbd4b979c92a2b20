import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { cachedAccessTokenProperty } from '../nodes/shared/kit/descriptions';
import { COUPA_DEFAULT_SCOPES, renewAtFor, requestCoupaToken, tokenIsDue } from '../nodes/Coupa/transport/auth';

/**
 * Coupa OAuth 2.0 / OpenID Connect client with the client credentials grant (Setup → Integrations → OAuth2/OpenID
 * Connect Clients). The token is requested with the client's scopes and cached on the credential; Coupa's tokens
 * live 24 hours and Coupa advises renewing them after about 20, so once that time has passed the request goes
 * out without the stale token, Coupa answers 401 and n8n renews the token once and resends.
 */
export class P2cCoupaOAuth2Api implements ICredentialType {
	name = 'p2cCoupaOAuth2Api';

	displayName = 'Coupa (Planning to Cash) OAuth2 API';

	documentationUrl = 'https://compass.coupa.com/en-us/products/core-platform/integration-playbooks-and-resources/integration-knowledge-articles/oauth-2.0-getting-started-with-coupa-api';

	icon = { light: 'file:p2cCoupa.svg', dark: 'file:p2cCoupa.svg' } as const;

	properties: INodeProperties[] = [
		cachedAccessTokenProperty,
		{
			displayName: 'Renew After',
			name: 'renewAfter',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Instance URL',
			name: 'instanceUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://mycompany.coupahost.com',
			description: 'Your Coupa instance (customers: …coupahost.com, partner and demo instances: …coupacloud.com)',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Scopes',
			name: 'scopes',
			type: 'string',
			default: COUPA_DEFAULT_SCOPES.join(' '),
			description: 'Space-separated scopes the client was granted (service.object.right, listed at /oauth2/scopes); a request outside them is refused by Coupa with 403',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const issuedAt = Date.now();
		const { accessToken, expiresIn } = await requestCoupaToken(this, credentials);
		return { accessToken, renewAfter: new Date(renewAtFor(issuedAt, expiresIn)).toISOString() };
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
		// A token past its renewal time is not sent: Coupa's 401 makes n8n renew it once before it expires.
		if (!tokenIsDue(credentials.renewAfter, Date.now())) headers.Authorization = `Bearer ${String(credentials.accessToken ?? '')}`;
		return { ...requestOptions, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: "={{ String($credentials.instanceUrl).trim().replace(/\\/+$/, '') }}",
			url: '/api/currencies?limit=1&fields=["id","code"]',
			method: 'GET',
			headers: { Accept: 'application/json' },
		},
	};
}
