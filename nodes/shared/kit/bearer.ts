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
