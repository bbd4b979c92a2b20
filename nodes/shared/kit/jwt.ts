/**
 * Signed JWT client assertions for the vendors' token exchanges (Salesforce JWT bearer RS256, NetSuite M2M PS256),
 * built with node's crypto so the package needs no JWT library at run time.
 */
import { sign } from 'crypto';
import type { SignPrivateKeyInput } from 'crypto';

/** PEMs pasted into a single-line field lose their line breaks (to spaces or a literal "\n"); restore them. */
export function normalisePem(pem: string): string {
	const text = pem.replace(/\\n/g, '\n').trim();
	const match = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
	if (!match) return text;
	const lines = match[2].replace(/\s+/g, '').match(/.{1,64}/g) ?? [];
	return `-----BEGIN ${match[1]}-----\n${lines.join('\n')}\n-----END ${match[1]}-----\n`;
}

function base64url(value: string | Buffer): string {
	return Buffer.from(value).toString('base64url');
}

/** `header.payload.signature`, signed over SHA-256 with the private key (padding per the algorithm's options). */
export function signJwt(
	header: Record<string, unknown>,
	payload: Record<string, unknown>,
	privateKeyPem: string,
	keyOptions: Omit<SignPrivateKeyInput, 'key'> = {},
): string {
	const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
	const signature = sign('sha256', Buffer.from(signingInput), { key: normalisePem(privateKeyPem), ...keyOptions });
	return `${signingInput}.${base64url(signature)}`;
}
