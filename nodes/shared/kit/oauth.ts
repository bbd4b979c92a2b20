/**
 * Token endpoint failures. OAuth 2.0 (RFC 6749 §5.2) answers `{error, error_description}`; that is what a user
 * needs to fix a credential (`invalid_client: …`), so it is kept. Nothing the request carried is echoed: an
 * endpoint that repeats the assertion or secret in its description gets it redacted.
 */

const MAX_REASON_LENGTH = 500;

function parsedBody(body: unknown): Record<string, unknown> | undefined {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
	if (typeof body !== 'string' || !body.trim().startsWith('{')) return undefined;
	try {
		const parsed = JSON.parse(body) as unknown;
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * `HTTP 400 invalid_client: Invalid client credentials`, from a token endpoint's status and body. `secrets`
 * (assertion, client secret, private key) never appear in the result.
 */
export function tokenErrorReason(statusCode: number, body: unknown, secrets: Array<string | undefined> = []): string {
	const parsed = parsedBody(body);
	let reason = `HTTP ${statusCode}`;
	if (parsed && typeof parsed.error === 'string') {
		const description = typeof parsed.error_description === 'string' ? parsed.error_description.trim() : '';
		reason += ` ${parsed.error}${description ? `: ${description}` : ''}`;
	} else if (statusCode < 400) {
		reason += ': the answer carries no usable token';
	} else {
		reason += ': the answer has no OAuth error (not the token endpoint, or a proxy in between)';
	}
	for (const secret of secrets) {
		if (secret && secret.length >= 8) reason = reason.split(secret).join('[redacted]');
	}
	return reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH)}…` : reason;
}
