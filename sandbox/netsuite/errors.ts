/** NetSuite's problem+json error bodies (nsError), as the REST record and query services send them. */
import type { SandboxResponse } from '../core/server';

export const ERROR_CONTENT_TYPE = 'application/vnd.oracle.resource+json; type=error; charset=UTF-8';

const TYPES: Record<number, { type: string; title: string }> = {
	400: { type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1', title: 'Bad Request' },
	401: { type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2', title: 'Unauthorized' },
	403: { type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.4', title: 'Forbidden' },
	404: { type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5', title: 'Not Found' },
	405: { type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.6', title: 'Method Not Allowed' },
	429: { type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.30', title: 'Too Many Requests' },
	500: { type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.1', title: 'Internal Server Error' },
};

export interface ErrorDetail {
	detail: string;
	'o:errorCode': string;
	'o:errorPath'?: string;
	'o:errorQueryParam'?: string;
	'o:errorHeader'?: string;
	'o:errorUrl'?: string;
}

export function problem(status: number, details: ErrorDetail | ErrorDetail[], headers: Record<string, string> = {}): SandboxResponse {
	const { type, title } = TYPES[status] ?? TYPES[400];
	return {
		status,
		headers: { 'Content-Type': ERROR_CONTENT_TYPE, ...headers },
		body: { type, title, status, 'o:errorDetails': Array.isArray(details) ? details : [details] },
	};
}

/** A failed record operation: NetSuite prefixes the detail with "Error while accessing a resource." */
export class RecordError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly path?: string,
		readonly extra: Partial<ErrorDetail> = {},
	) {
		super(message);
	}

	toResponse(): SandboxResponse {
		return problem(this.status, {
			detail: this.message,
			'o:errorCode': this.code,
			...(this.path ? { 'o:errorPath': this.path } : {}),
			...this.extra,
		});
	}
}

export const INVALID_LOGIN_DETAIL =
	'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.';

export function invalidLogin(): SandboxResponse {
	return problem(401, { detail: INVALID_LOGIN_DETAIL, 'o:errorCode': 'INVALID_LOGIN' });
}
