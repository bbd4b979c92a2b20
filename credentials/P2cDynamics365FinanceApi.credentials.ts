import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { entraClientCredentialsProperties, entraScope, environmentOriginExpression, environmentUrlProperty, requestEntraToken } from '../nodes/shared/kit/entra';

/**
 * Dynamics 365 Finance & Operations (Finance, Supply Chain, Project Operations ERP) OData data entities:
 * Entra ID client credentials with a client secret or a certificate, token scoped to the environment URL
 * and cached on the credential; renewed when the cache is empty or a request answers 401.
 */
export class P2cDynamics365FinanceApi implements ICredentialType {
	name = 'p2cDynamics365FinanceApi';

	displayName = 'Microsoft Dynamics 365 Finance (Client Credentials) API';

	documentationUrl = 'https://learn.microsoft.com/en-us/dynamics365/fin-ops-core/dev-itpro/data-entities/services-home-page';

	icon = { light: 'file:p2cMicrosoft.svg', dark: 'file:p2cMicrosoft.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName:
				'Register an app in Microsoft Entra ID with a client secret or a certificate, then map its client ID to a Finance user with the roles the flows need (System administration → Setup → Microsoft Entra applications).',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		...entraClientCredentialsProperties(),
		environmentUrlProperty('https://contoso.operations.dynamics.com', 'The Finance & Operations environment URL (the address of its web client); the token is scoped to it'),
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
			url: '/data/LegalEntities?$top=1&$select=LegalEntityId',
			method: 'GET',
			headers: { 'OData-MaxVersion': '4.0', 'OData-Version': '4.0', Accept: 'application/json' },
		},
	};
}
