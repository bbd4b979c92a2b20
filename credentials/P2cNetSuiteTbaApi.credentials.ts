import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { realmOf } from '../nodes/NetSuite/transport/account';
import { signRequestOptions } from '../nodes/NetSuite/transport/tba';

import { accountIdProperty, baseUrlProperty, concurrencyLimitProperty } from '../nodes/NetSuite/transport/credentialProperties';

/** NetSuite Token-Based Authentication (OAuth 1.0a, HMAC-SHA256): every request is signed on its own. */
export class P2cNetSuiteTbaApi implements ICredentialType {
	name = 'p2cNetSuiteTbaApi';

	displayName = 'NetSuite (Planning to Cash) Token-Based Auth API';

	documentationUrl = 'https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4247337262.html';

	icon = { light: 'file:p2cNetSuite.svg', dark: 'file:p2cNetSuite.svg' } as const;

	properties: INodeProperties[] = [
		accountIdProperty,
		{
			displayName: 'Consumer Key',
			name: 'consumerKey',
			type: 'string',
			default: '',
			description: 'The integration record’s consumer key: an identifier sent with every request, not a secret (the consumer secret is)',
			required: true,
		},
		{
			displayName: 'Consumer Secret',
			name: 'consumerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Token ID',
			name: 'tokenId',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Token Secret',
			name: 'tokenSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		baseUrlProperty,
		concurrencyLimitProperty,
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return signRequestOptions(requestOptions, {
			consumerKey: String(credentials.consumerKey ?? ''),
			consumerSecret: String(credentials.consumerSecret ?? ''),
			tokenId: String(credentials.tokenId ?? ''),
			tokenSecret: String(credentials.tokenSecret ?? ''),
			realm: realmOf(String(credentials.accountId ?? '')),
		});
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				"={{ $credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, '') : 'https://' + $credentials.accountId.trim().toLowerCase().replace(/_/g, '-') + '.suitetalk.api.netsuite.com' }}",
			url: '/services/rest/query/v1/suiteql?limit=1',
			method: 'POST',
			headers: { Prefer: 'transient' },
			body: { q: 'SELECT id FROM subsidiary' },
		},
	};
}
