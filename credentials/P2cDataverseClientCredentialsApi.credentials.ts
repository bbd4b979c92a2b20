import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { authenticateWithCachedBearerToken } from '../nodes/shared/kit/bearer';
import { dataverseConnectionProperties, entraClientCredentialsProperties, environmentOriginExpression, preAuthenticateEntraClientCredentials } from '../nodes/shared/kit/entra';
import { ODATA_HEADERS } from '../nodes/shared/kit/odata';

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

	preAuthentication = preAuthenticateEntraClientCredentials;

	authenticate = authenticateWithCachedBearerToken;

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{${environmentOriginExpression('$credentials.environmentUrl')}}}`,
			url: '={{"/api/data/v" + ($credentials.apiVersion || "9.2") + "/WhoAmI"}}',
			method: 'GET',
			headers: { ...ODATA_HEADERS },
		},
	};
}
