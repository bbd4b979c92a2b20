import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlOf, M2M_GRANT_PATH } from '../nodes/NetSuite/transport/account';
import { buildClientAssertion, tokenRequestBody } from '../nodes/NetSuite/transport/m2m';

import { accountIdProperty, baseUrlProperty, concurrencyLimitProperty } from '../nodes/NetSuite/transport/credentialProperties';
import { authenticateWithCachedBearerToken } from '../nodes/shared/kit/bearer';
import { cachedAccessTokenProperty } from '../nodes/shared/kit/descriptions';
import { tokenErrorReason } from '../nodes/shared/kit/oauth';

/**
 * NetSuite OAuth 2.0 client credentials (machine-to-machine). The access token is fetched once with a PS256
 * JWT assertion and cached on the credential; n8n fetches a new one when it is empty or a request gets 401.
 */
export class P2cNetSuiteOAuth2Api implements ICredentialType {
	name = 'p2cNetSuiteOAuth2Api';

	displayName = 'NetSuite (Planning to Cash) OAuth2 Client Credentials API';

	documentationUrl = 'https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162686838198.html';

	icon = { light: 'file:p2cNetSuite.svg', dark: 'file:p2cNetSuite.svg' } as const;

	properties: INodeProperties[] = [
		cachedAccessTokenProperty,
		accountIdProperty,
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'Client ID of the integration record',
		},
		{
			displayName: 'Certificate ID',
			name: 'certificateId',
			type: 'string',
			default: '',
			required: true,
			description: 'Certificate ID shown in the OAuth 2.0 Client Credentials (M2M) Setup mapping; sent as the JWT "kid"',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			required: true,
			description: 'PEM private key whose certificate was uploaded to the mapping (RSA, signed with PS256)',
		},
		baseUrlProperty,
		concurrencyLimitProperty,
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const tokenUrl = `${baseUrlOf(String(credentials.accountId ?? ''), String(credentials.baseUrl ?? ''))}${M2M_GRANT_PATH}`;
		const assertion = buildClientAssertion({
			clientId: String(credentials.clientId ?? ''),
			certificateId: String(credentials.certificateId ?? ''),
			privateKeyPem: String(credentials.privateKey ?? ''),
			tokenUrl,
		});
		// The answer is read in full, also on 4xx: n8n's thrown error would drop NetSuite's error_description.
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: tokenUrl,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: tokenRequestBody(assertion),
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number; body: unknown };
		const body = (response.body ?? {}) as IDataObject;
		if (response.statusCode >= 400 || typeof body.access_token !== 'string') {
			const reason = tokenErrorReason(response.statusCode, response.body, [assertion, String(credentials.privateKey ?? '')]);
			throw new Error(`NetSuite token request to ${tokenUrl} failed: ${reason}`);
		}
		return { accessToken: body.access_token };
	}

	authenticate = authenticateWithCachedBearerToken;

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
