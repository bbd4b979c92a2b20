import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { dataverseConnectionProperties, entraClientCredentialsProperties, entraScope, environmentOriginExpression, requestEntraToken } from '../nodes/shared/kit/entra';

/**
 * Microsoft Dataverse (Dynamics 365 Sales, Project Operations) server-to-server: Entra ID client credentials
 * with a client secret or a certificate, token scoped to the environment URL and cached on the credential.
 * Entra issues no refresh token in this flow; n8n asks for a new token when the cache is empty or a request
 * answers 401.
 */
export class P2cDataverseClientCredentialsApi implements ICredentialType {
	name = 'p2cDataverseClientCredentialsApi';

	displayName = 'Microsoft Dataverse (Client Credentials) API';

	documentationUrl = 'https://learn.microsoft.com/en-us/power-apps/developer/data-platform/use-single-tenant-server-server-authentication';

	icon = { light: 'file:p2cMicrosoft.svg', dark: 'file:p2cMicrosoft.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName:
				'Register an app in Microsoft Entra ID, give it a client secret or a certificate, then add it to the environment as an Application User with a security role (Power Platform admin center → Settings → Users + permissions → Application users). Project schedule APIs may refuse application users: use the Microsoft Dataverse (Authorization Code) credential with a licensed user for them.',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		...entraClientCredentialsProperties(),
		...dataverseConnectionProperties(),
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const { accessToken } = await requestEntraToken(this, credentials, entraScope(String(credentials.environmentUrl ?? '')));
		return { accessToken };
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${String(credentials.accessToken ?? '')}` },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{${environmentOriginExpression('$credentials.environmentUrl')}}}`,
			url: '={{"/api/data/v" + ($credentials.apiVersion || "9.2") + "/WhoAmI"}}',
			method: 'GET',
			headers: { 'OData-MaxVersion': '4.0', 'OData-Version': '4.0', Accept: 'application/json' },
		},
	};
}
