import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { accountUrlOf, DEFAULT_JWT_LIFETIME_SECONDS, keyPairJwt, MAX_JWT_LIFETIME_SECONDS, TOKEN_TYPE_HEADER } from '../nodes/Snowflake/transport/auth';

/**
 * Snowflake key-pair authentication for the SQL API: every request carries a short-lived JWT signed with the
 * user's private key (RS256). Register the public key on the user first (`ALTER USER … SET RSA_PUBLIC_KEY = '…'`).
 */
export class P2cSnowflakeKeyPairApi implements ICredentialType {
	name = 'p2cSnowflakeKeyPairApi';

	displayName = 'Snowflake (Planning to Cash) Key Pair API';

	documentationUrl = 'https://docs.snowflake.com/en/developer-guide/sql-api/authenticating';

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
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
			description: 'The Snowflake user whose RSA_PUBLIC_KEY matches the private key below (a service user is best)',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			required: true,
			description: 'PEM private key (-----BEGIN PRIVATE KEY----- or an encrypted key with its passphrase below)',
		},
		{
			displayName: 'Private Key Passphrase',
			name: 'passphrase',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for an encrypted private key (-----BEGIN ENCRYPTED PRIVATE KEY-----)',
		},
		{
			displayName: 'Token Lifetime (Seconds)',
			name: 'lifetimeSeconds',
			type: 'number',
			typeOptions: { minValue: 30, maxValue: MAX_JWT_LIFETIME_SECONDS },
			default: DEFAULT_JWT_LIFETIME_SECONDS,
			description: 'How long each signed token is valid; Snowflake accepts at most one hour',
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
		const token = keyPairJwt({
			account: String(credentials.account ?? ''),
			user: String(credentials.user ?? ''),
			privateKey: String(credentials.privateKey ?? ''),
			passphrase: String(credentials.passphrase ?? ''),
			lifetimeSeconds: Number(credentials.lifetimeSeconds ?? DEFAULT_JWT_LIFETIME_SECONDS),
		});
		return {
			...requestOptions,
			baseURL: requestOptions.baseURL || accountUrlOf(credentials),
			headers: { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${token}`, [TOKEN_TYPE_HEADER]: 'KEYPAIR_JWT' },
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
