import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { dataverseConnectionProperties, entraAuthorityProperties, environmentOriginExpression } from '../nodes/shared/kit/entra';

/**
 * Microsoft Dataverse as a signed-in user (Entra ID authorization code with a refresh token), on n8n's own
 * OAuth2 credential. For what application users are refused, chiefly Project Operations' schedule APIs, which
 * need a user with a Project Operations licence.
 */
export class P2cDataverseOAuth2Api implements ICredentialType {
	name = 'p2cDataverseOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Microsoft Dataverse (Authorization Code) OAuth2 API';

	documentationUrl = 'https://learn.microsoft.com/en-us/power-apps/developer/data-platform/authenticate-oauth';

	icon = { light: 'file:p2cMicrosoft.svg', dark: 'file:p2cMicrosoft.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName:
				"Project Operations' schedule APIs (WBS tasks, buckets, dependencies, assignments) may refuse application users: they run as a user with a Project Operations licence. Sign in here as such a user. The app registration needs the Dynamics CRM user_impersonation delegated permission and this n8n OAuth redirect URL.",
			name: 'licensingNotice',
			type: 'notice',
			default: '',
		},
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		...entraAuthorityProperties(),
		...dataverseConnectionProperties(),
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '={{$self["authorityHost"].replace(/\\/+$/, "")}}/{{$self["tenantId"]}}/oauth2/v2.0/authorize',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{$self["authorityHost"].replace(/\\/+$/, "")}}/{{$self["tenantId"]}}/oauth2/v2.0/token',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: `={{${environmentOriginExpression('$self["environmentUrl"]')}}}/user_impersonation offline_access`,
		},
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: 'response_mode=query' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{${environmentOriginExpression('$credentials.environmentUrl')}}}`,
			url: '={{"/api/data/v" + ($credentials.apiVersion || "9.2") + "/WhoAmI"}}',
			method: 'GET',
			headers: { 'OData-MaxVersion': '4.0', 'OData-Version': '4.0', Accept: 'application/json' },
		},
	};
}
