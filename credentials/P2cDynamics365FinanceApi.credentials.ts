import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { authenticateWithCachedBearerToken } from '../nodes/shared/kit/bearer';
import { entraClientCredentialsProperties, environmentOriginExpression, environmentUrlProperty, preAuthenticateEntraClientCredentials } from '../nodes/shared/kit/entra';
import { ODATA_HEADERS } from '../nodes/shared/kit/odata';

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

	preAuthentication = preAuthenticateEntraClientCredentials;

	authenticate = authenticateWithCachedBearerToken;

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{${environmentOriginExpression('$credentials.environmentUrl')}}}`,
			url: '/data/LegalEntities?$top=1&$select=LegalEntityId',
			method: 'GET',
			headers: { ...ODATA_HEADERS },
		},
	};
}
