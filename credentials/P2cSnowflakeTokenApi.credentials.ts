import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { accountUrlOf, TOKEN_TYPE_HEADER } from '../nodes/Snowflake/transport/auth';

/**
 * A Snowflake bearer token for the SQL API: a programmatic access token (PAT) generated for a user, or an OAuth
 * access token from Snowflake OAuth or an External OAuth server. The header names which one it is.
 */
export class P2cSnowflakeTokenApi implements ICredentialType {
	name = 'p2cSnowflakeTokenApi';

	displayName = 'Snowflake (Planning to Cash) Token API';

	documentationUrl = 'https://docs.snowflake.com/en/user-guide/programmatic-access-tokens';

	icon = { light: 'file:p2cSnowflake.svg', dark: 'file:p2cSnowflake.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Account Identifier',
			name: 'account',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'myorg-myaccount',
			description: 'Organization and account name (myorg-myaccount) or the account locator with its region (xy12345.us-east-1)',
		},
		{
			displayName: 'Authorization Type',
			name: 'authorizationType',
			type: 'options',
			options: [
				{ name: 'Programmatic Access Token', value: 'PROGRAMMATIC_ACCESS_TOKEN' },
				{ name: 'OAuth Access Token', value: 'OAUTH' },
			],
			default: 'PROGRAMMATIC_ACCESS_TOKEN',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The token secret (shown once when Snowflake generates a programmatic access token)',
		},
		{
			displayName: 'Account URL',
			name: 'accountUrl',
			type: 'string',
			default: '',
			placeholder: 'https://myorg-myaccount.snowflakecomputing.com',
			description: 'Leave empty for https://<account>.snowflakecomputing.com; set it for private connectivity or a local sandbox',
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const tokenType = credentials.authorizationType === 'OAUTH' ? 'OAUTH' : 'PROGRAMMATIC_ACCESS_TOKEN';
		return {
			...requestOptions,
			baseURL: requestOptions.baseURL || accountUrlOf(credentials),
			headers: { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${String(credentials.token ?? '')}`, [TOKEN_TYPE_HEADER]: tokenType },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			url: '/api/v2/statements',
			method: 'POST',
			headers: { 'User-Agent': 'n8n-nodes-planning-to-cash', 'Content-Type': 'application/json' },
			body: { statement: 'SELECT 1', timeout: 30 },
		},
	};
}
