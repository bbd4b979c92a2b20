import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { refreshAccessToken } from '../nodes/Workday/transport/auth';
import { workdayTenantProperties } from '../nodes/Workday/transport/credentialProperties';
import { authenticateWithCachedBearerToken } from '../nodes/shared/kit/bearer';
import { cachedAccessTokenProperty } from '../nodes/shared/kit/descriptions';

/**
 * Workday REST through an API client for integrations: the OAuth 2.0 refresh-token grant at the tenant's token
 * endpoint (`/ccx/oauth2/<tenant>/token`, client id and secret as Basic). The access token is cached on the
 * credential and renewed when it is empty or a request answers 401.
 */
export class P2cWorkdayOAuth2Api implements ICredentialType {
	name = 'p2cWorkdayOAuth2Api';

	displayName = 'Workday (Planning to Cash) OAuth2 API';

	documentationUrl = 'https://github.com/n8n-nodes-planning-to-cash/n8n-nodes-planning-to-cash#workday-api-client-for-integrations-p2cworkdayoauth2api';

	icon = { light: 'file:p2cWorkday.svg', dark: 'file:p2cWorkday.svg' } as const;

	properties: INodeProperties[] = [
		cachedAccessTokenProperty,
		...workdayTenantProperties,
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', required: true },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '', required: true },
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Minted for the integration system user in Workday under Manage Refresh Tokens for Integrations',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return await refreshAccessToken(this, credentials);
	}

	authenticate = authenticateWithCachedBearerToken;

	test: ICredentialTestRequest = {
		request: {
			baseURL: "={{ ($credentials.host.startsWith('http') ? $credentials.host : 'https://' + $credentials.host).replace(/\\/+$/, '') }}",
			url: '=/ccx/api/common/v1/{{ encodeURIComponent($credentials.tenant.trim()) }}/workers',
			qs: { limit: 1 },
		},
	};
}
