import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { requestSapToken } from '../nodes/SapS4HanaCloud/transport/auth';
import { authenticateWithCachedBearerToken } from '../nodes/shared/kit/bearer';
import { cachedAccessTokenProperty } from '../nodes/shared/kit/descriptions';

/**
 * SAP S/4HANA Cloud through OAuth 2.0 client credentials, where the communication arrangement's inbound
 * communication offers OAuth 2.0 for the communication user (token from the tenant's `/sap/bc/sec/oauth2/token`).
 * The access token is cached on the credential; n8n fetches a new one when it is empty or a request gets 401.
 */
export class P2cSapS4HanaCloudOAuth2Api implements ICredentialType {
	name = 'p2cSapS4HanaCloudOAuth2Api';

	displayName = 'SAP S/4HANA Cloud (Planning to Cash) OAuth2 API';

	documentationUrl = 'https://help.sap.com/docs/SAP_S4HANA_CLOUD/0f69f8fb28ac4bf48d2b57b9637e81fa/4f8d3b5b3e0d4bd59e2ac5b0a7d5b2ef.html';

	icon = { light: 'file:p2cSap.svg', dark: 'file:p2cSap.svg' } as const;

	properties: INodeProperties[] = [
		cachedAccessTokenProperty,
		{
			displayName: 'API Host URL',
			name: 'hostUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://my123456-api.s4hana.cloud.sap',
			description: 'The -api host of the tenant',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			placeholder: 'https://my123456-api.s4hana.cloud.sap/sap/bc/sec/oauth2/token',
			description: 'Leave empty for the tenant\'s own token endpoint (/sap/bc/sec/oauth2/token on the API host)',
		},
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', required: true, description: 'The OAuth 2.0 client of the communication system (the communication user)' },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '', required: true },
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '', description: 'Space-separated scopes, if the arrangement asks for them (e.g. API_ENTERPRISE_PROJECT_SRV_0002)' },
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return await requestSapToken(this, {
			hostUrl: String(credentials.hostUrl ?? ''),
			tokenUrl: String(credentials.tokenUrl ?? ''),
			clientId: String(credentials.clientId ?? ''),
			clientSecret: String(credentials.clientSecret ?? ''),
			scope: String(credentials.scope ?? ''),
		});
	}

	authenticate = authenticateWithCachedBearerToken;

	test: ICredentialTestRequest = {
		request: {
			baseURL: "={{ $credentials.hostUrl.replace(/\\/+$/, '') }}",
			url: '/sap/opu/odata/sap/API_ENTERPRISE_PROJECT_SRV;v=0002/A_EnterpriseProject?$top=1&$select=Project',
			headers: { Accept: 'application/json' },
		},
	};
}
