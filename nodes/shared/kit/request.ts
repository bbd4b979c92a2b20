import { sleep } from 'n8n-workflow';
import type {
	IAllExecuteFunctions,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { CORRELATION_HEADER } from './correlation';
import { responseFailure, toHttpFailure, vendorApiError } from './errors';
import type { HttpFailure, VendorError } from './errors';
import { withConcurrencyLimit } from './limiter';

/** What the kit must know about a vendor to retry safely and report its errors faithfully. */
export interface VendorProfile {
	/** Display name used in error messages, e.g. "Salesforce". */
	name: string;
	/** Reduces the vendor's error body (array, envelope, problem+json …) to code, message, fields. */
	parseError(body: unknown): VendorError | undefined;
	/**
	 * True when the vendor refused the request because of a rate or concurrency limit. Such a request was not
	 * processed, so it is always safe to send again, POST included.
	 */
	isThrottle(failure: HttpFailure, vendorError: VendorError | undefined): boolean;
}

export interface RetryPolicy {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	/** First backoff step; doubles each attempt, with full jitter. */
	baseDelayMs: number;
	/** Ceiling of one backoff step. */
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited for: the error is raised instead, naming the wait. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 120_000,
};

export interface VendorRequestSettings {
	credentialType: string;
	/** Shared slots per vendor account; omit for no limit. */
	concurrency?: { key: string; limit: number };
	correlationId?: string;
	/**
	 * Whether sending the request twice has the effect of sending it once (GET, PUT, upsert by external id).
	 * Only idempotent requests are retried after an answer was lost (connection reset, timeout, 5xx); a
	 * throttled or refused request is retried either way. Defaults from the method.
	 */
	idempotent?: boolean;
	itemIndex?: number;
	retry?: Partial<RetryPolicy>;
	/**
	 * For credentials that exchange a token in `preAuthentication`: let a 401 reach n8n, which then renews the
	 * cached token once and resends. Otherwise a 401 comes back as a vendor error with its body.
	 */
	renewTokenOn401?: boolean;
}

export interface VendorResponse<T = unknown> {
	body: T;
	headers: Record<string, string>;
	statusCode: number;
	/** How many attempts it took; more than 1 means the kit retried. */
	attempts: number;
}

const IDEMPOTENT_METHODS = new Set<IHttpRequestMethods>(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS' as IHttpRequestMethods]);
const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

/** Parses Retry-After: delta-seconds or an HTTP-date. */
export function retryAfterMs(headers: Record<string, string>, now: number = Date.now()): number | undefined {
	const value = headers['retry-after'];
	if (!value) return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number.parseFloat(value) * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full-jitter exponential backoff: uniform in [0, min(max, base·2^(attempt-1))]. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(random() * ceiling);
}

type RetryDecision = { retry: true; waitMs: number } | { retry: false; why: string };

/** Decides whether a failed attempt may be sent again, and after how long. */
export function decideRetry(
	failure: HttpFailure,
	vendorError: VendorError | undefined,
	profile: VendorProfile,
	idempotent: boolean,
	attempt: number,
	policy: RetryPolicy,
): RetryDecision {
	if (attempt >= policy.maxAttempts) return { retry: false, why: `gave up after ${attempt} attempts` };
	const hinted = retryAfterMs(failure.headers);
	if (hinted !== undefined && hinted > policy.maxRetryAfterMs) {
		return { retry: false, why: `the vendor asked to wait ${Math.ceil(hinted / 1000)} s, longer than allowed` };
	}
	const wait = hinted ?? backoffMs(attempt, policy);
	if (profile.isThrottle(failure, vendorError)) return { retry: true, waitMs: wait };
	// Refused before it reached the server: nothing can have been written.
	if (failure.networkCode === 'ECONNREFUSED') return { retry: true, waitMs: wait };
	const answerLost = failure.networkCode !== undefined || (failure.status !== undefined && RETRYABLE_STATUS.has(failure.status));
	if (answerLost && idempotent) return { retry: true, waitMs: wait };
	if (answerLost) return { retry: false, why: 'not idempotent: the write may have been committed' };
	return { retry: false, why: 'not a retryable error' };
}

/**
 * One authenticated vendor request through n8n's HTTP helper, with the account's concurrency slot, the
 * correlation header, retries that never duplicate a write, and vendor errors kept intact.
 */
export async function vendorRequest<T = unknown>(
	context: IAllExecuteFunctions,
	profile: VendorProfile,
	options: IHttpRequestOptions,
	settings: VendorRequestSettings,
): Promise<VendorResponse<T>> {
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...settings.retry };
	const method = (options.method ?? 'GET') as IHttpRequestMethods;
	const idempotent = settings.idempotent ?? IDEMPOTENT_METHODS.has(method);
	const headers: IDataObject = { Accept: 'application/json', ...(options.headers ?? {}) };
	if (settings.correlationId) headers[CORRELATION_HEADER] = settings.correlationId;
	const requestOptions: IHttpRequestOptions = {
		...options,
		method,
		headers,
		json: options.json ?? true,
		returnFullResponse: true,
		// n8n drops headers and body from the errors it throws, and the kit needs both (Retry-After, the
		// vendor's error JSON), so HTTP errors come back as responses and are classified here.
		ignoreHttpStatusErrors: settings.renewTokenOn401 ? { ignore: true, except: [401] } : true,
	};

	const attemptOnce = async () =>
		(await context.helpers.httpRequestWithAuthentication.call(
			context,
			settings.credentialType,
			requestOptions,
		)) as { body: T; headers: Record<string, string>; statusCode: number };

	for (let attempt = 1; ; attempt++) {
		let failure: HttpFailure;
		try {
			const response = settings.concurrency
				? await withConcurrencyLimit(settings.concurrency.key, settings.concurrency.limit, attemptOnce)
				: await attemptOnce();
			const statusCode = response.statusCode ?? 200;
			if (statusCode < 400) {
				return { body: response.body, headers: response.headers ?? {}, statusCode, attempts: attempt };
			}
			failure = responseFailure(statusCode, response.headers, response.body);
		} catch (error) {
			failure = toHttpFailure(error);
		}
		const vendorError = profile.parseError(failure.body);
		const decision = decideRetry(failure, vendorError, profile, idempotent, attempt, policy);
		if (!decision.retry) {
			const apiError = vendorApiError(context.getNode(), profile.name, failure, vendorError, settings.itemIndex);
			apiError.context.attempts = attempt;
			apiError.context.retryVerdict = decision.why;
			throw apiError;
		}
		await sleep(decision.waitMs);
	}
}
