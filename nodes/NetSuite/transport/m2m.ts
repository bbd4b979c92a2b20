/**
 * NetSuite OAuth 2.0 client credentials (machine-to-machine): a PS256 JWT assertion signed with the private
 * key whose certificate is mapped to the integration (Setup > Integration > OAuth 2.0 Client Credentials).
 * Signed with node's crypto so the package needs no JWT library at runtime.
 */
import { constants } from 'crypto';

import { signJwt } from '../../shared/kit/jwt';

export const M2M_SCOPE = 'rest_webservices';
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** NetSuite rejects assertions whose `exp` is 60 minutes or more after `iat`. */
export const ASSERTION_LIFETIME_SECONDS = 55 * 60;

export interface AssertionInput {
	clientId: string;
	certificateId: string;
	privateKeyPem: string;
	tokenUrl: string;
	scope?: string;
	/** Seconds since the epoch; now unless given (tests). */
	issuedAt?: number;
}

export function buildClientAssertion(input: AssertionInput): string {
	const iat = input.issuedAt ?? Math.floor(Date.now() / 1000);
	const header = { typ: 'JWT', alg: 'PS256', kid: input.certificateId };
	const payload = {
		iss: input.clientId,
		scope: input.scope ?? M2M_SCOPE,
		aud: input.tokenUrl,
		iat,
		exp: iat + ASSERTION_LIFETIME_SECONDS,
	};
	return signJwt(header, payload, input.privateKeyPem, { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST });
}

export function tokenRequestBody(assertion: string): string {
	return new URLSearchParams({
		grant_type: 'client_credentials',
		client_assertion_type: CLIENT_ASSERTION_TYPE,
		client_assertion: assertion,
	}).toString();
}
