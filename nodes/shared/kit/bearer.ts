import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * `authenticate` of a token-exchange credential: the access token its `preAuthentication` cached on the
 * credential (`cachedAccessTokenProperty`) sent as `Authorization: Bearer …`, the request's other headers kept.
 */
export async function authenticateWithCachedBearerToken(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return {
		...requestOptions,
		headers: { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${String(credentials.accessToken ?? '')}` },
	};
}

/**
 * The same for a credential whose token exchange also returns where the API lives (Salesforce's `instance_url`,
 * cached in `baseUrlField`): requests without their own base URL (the node's, relative) are sent there.
 */
export function authenticateWithCachedBearerTokenAt(baseUrlField: string) {
	return async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => ({
		...(await authenticateWithCachedBearerToken(credentials, requestOptions)),
		baseURL: requestOptions.baseURL || String(credentials[baseUrlField] ?? '') || undefined,
	});
}
