/**
 * Audit entries for every ledger write. Payload summaries are scrubbed: any key that looks like a credential
 * (authorization, token, secret, password, private key, API key, cookie …) is replaced, at any depth, and long
 * values are cut, so the audit trail can be shown to anyone who may see the workflow.
 */

const SENSITIVE_KEY = /(authori[sz]ation|token|secret|passw(or)?d|private_?key|api_?key|cookie|credential|signature|client_?secret|session)/i;
export const REDACTED = '[redacted]';

export function isSensitiveKey(key: string): boolean {
	return SENSITIVE_KEY.test(key.replace(/[-\s]/g, '_'));
}

/** A deep copy with sensitive keys redacted; depth and string length are bounded. */
export function scrub(value: unknown, depth = 0): unknown {
	if (depth > 8) return '[truncated]';
	if (typeof value === 'string') return value.length > 500 ? `${value.slice(0, 500)}…` : value;
	if (typeof value === 'bigint') return value.toString();
	if (Array.isArray(value)) return value.slice(0, 50).map((v) => scrub(v, depth + 1));
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
			out[key] = isSensitiveKey(key) ? REDACTED : scrub(inner, depth + 1);
		}
		return out;
	}
	return value;
}

/** Scrubbed JSON, bounded in size, for a Data Table string column. */
export function summarize(value: unknown, maxLength = 2000): string {
	if (value === undefined) return '';
	const text = JSON.stringify(scrub(value));
	return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

export interface AuditEntry {
	at: string;
	correlationId: string;
	workflowId: string;
	executionId: string;
	action: string;
	target: string;
	key: string;
	before: string;
	after: string;
}

export function auditEntry(fields: {
	at: Date;
	correlationId: string;
	workflowId: string;
	executionId: string;
	action: string;
	target?: string;
	key?: string;
	before?: unknown;
	after?: unknown;
}): AuditEntry {
	return {
		at: fields.at.toISOString(),
		correlationId: fields.correlationId,
		workflowId: fields.workflowId,
		executionId: fields.executionId,
		action: fields.action,
		target: fields.target ?? '',
		key: fields.key ?? '',
		before: summarize(fields.before),
		after: summarize(fields.after),
	};
}
