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
import { withRateLimit } from './rateLimiter';
import type { RateLimit } from './rateLimiter';

/** What the kit must know about a vendor to retry safely and report its errors faithfully. */
export interface VendorProfile {
	/** Display name used in error messages, e.g. "Salesforce". */
	name: string;
	/**
	 * Reduces the vendor's error body (array, envelope, problem+json …) to code, message, fields. `failure` gives
	 * the status and headers for vendors whose refusal is signalled there (SAP's `X-CSRF-Token: Required`).
	 */
	parseError(body: unknown, failure?: HttpFailure): VendorError | undefined;
	/**
	 * True when the vendor refused the request because of a rate or concurrency limit. Such a request was not
	 * processed, so it is always safe to send again, POST included. Only the vendor's explicit signals count:
	 * a 5xx whose body is not the vendor's error (empty, a proxy's HTML page, someone else's JSON) is never a
	 * throttle, whatever this says, since the request may have been processed before the answer was lost.
	 */
	isThrottle(failure: HttpFailure, vendorError: VendorError | undefined): boolean;
	/**
	 * True when the answer is the vendor's own refusal of the request even though its status reads like a lost
	 * answer (SOAP 1.1 sends every fault with HTTP 500): never retried. Unset means no such case.
	 */
	isRefusal?(failure: HttpFailure, vendorError: VendorError | undefined): boolean;
	/** The vendor's retry limits, over the kit's defaults (a request's own settings override both). */
	retry?: Partial<RetryPolicy>;
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
	/**
	 * Overall time budget of one request, from its first attempt, waits included. A retry whose wait would end
	 * beyond it is not made: the error says so, with the attempts made and the time waited.
	 */
	maxTotalMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 120_000,
	maxTotalMs: 120_000,
};

export interface VendorRequestSettings {
	credentialType: string;
	/** Shared slots per vendor account; omit for no limit. */
	concurrency?: { key: string; limit: number };
	/** Requests per second per vendor account (a token bucket); every attempt takes a token. Omit for no limit. */
	rateLimit?: { key: string; limit: RateLimit };
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
	/**
	 * The request as resent after a failed attempt, for vendors that mark a resend (Snowflake's `retry=true`
	 * beside the same `requestId`). Unset: resent unchanged.
	 */
	resendAs?: (options: IHttpRequestOptions) => IHttpRequestOptions;
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

type RetryDecision =
	| { retry: true; waitMs: number }
	/** `limited`: the failure was retryable, but the attempts, the Retry-After cap or the time budget ran out. */
	| { retry: false; why: string; limited?: 'attempts' | 'time' };

function seconds(ms: number): string {
	return `${Math.ceil(ms / 1000)} s`;
}

/** Whether the vendor may not have processed the request at all, or lost the answer, or refused its content. */
function failureKind(
	failure: HttpFailure,
	vendorError: VendorError | undefined,
	profile: VendorProfile,
): 'throttled' | 'refused' | 'lost' | 'rejected' {
	// A 5xx without the vendor's own error body came from a proxy or a crashed server, not from the vendor's
	// throttling: the request may have been processed.
	const anonymous5xx = failure.status !== undefined && failure.status >= 500 && vendorError === undefined;
	if (!anonymous5xx && profile.isThrottle(failure, vendorError)) return 'throttled';
	if (profile.isRefusal?.(failure, vendorError)) return 'rejected';
	// Refused before it reached the server: nothing can have been written.
	if (failure.networkCode === 'ECONNREFUSED') return 'refused';
	if (failure.networkCode !== undefined || (failure.status !== undefined && RETRYABLE_STATUS.has(failure.status))) return 'lost';
	return 'rejected';
}

/**
 * Decides whether a failed attempt may be sent again, and after how long. `spentMs` is the time the request
 * has taken so far, waits included; a wait that would end past the policy's time budget is not made.
 */
export function decideRetry(
	failure: HttpFailure,
	vendorError: VendorError | undefined,
	profile: VendorProfile,
	idempotent: boolean,
	attempt: number,
	policy: RetryPolicy,
	spentMs = 0,
): RetryDecision {
	const kind = failureKind(failure, vendorError, profile);
	if (kind === 'rejected') return { retry: false, why: 'not a retryable error' };
	if (kind === 'lost' && !idempotent) return { retry: false, why: 'not idempotent: the write may have been committed' };
	if (attempt >= policy.maxAttempts) return { retry: false, why: `gave up after ${attempt} attempts`, limited: 'attempts' };
	const hinted = retryAfterMs(failure.headers);
	if (hinted !== undefined && hinted > policy.maxRetryAfterMs) {
		return { retry: false, why: `the vendor asked to wait ${seconds(hinted)}, longer than the ${seconds(policy.maxRetryAfterMs)} allowed`, limited: 'time' };
	}
	const wait = hinted ?? backoffMs(attempt, policy);
	if (spentMs + wait > policy.maxTotalMs) {
		return {
			retry: false,
			why: `the next wait of ${seconds(wait)} would pass the retry budget of ${seconds(policy.maxTotalMs)} for one request`,
			limited: 'time',
		};
	}
	return { retry: true, waitMs: wait };
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
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...profile.retry, ...settings.retry };
	const method = (options.method ?? 'GET') as IHttpRequestMethods;
	const idempotent = settings.idempotent ?? IDEMPOTENT_METHODS.has(method);
	const headers: IDataObject = { Accept: 'application/json', ...(options.headers ?? {}) };
	if (settings.correlationId) headers[CORRELATION_HEADER] = settings.correlationId;
	let requestOptions: IHttpRequestOptions = {
		...options,
		method,
		headers,
		json: options.json ?? true,
		returnFullResponse: true,
		// n8n drops headers and body from the errors it throws, and the kit needs both (Retry-After, the
		// vendor's error JSON), so HTTP errors come back as responses and are classified here.
		ignoreHttpStatusErrors: settings.renewTokenOn401 ? { ignore: true, except: [401] } : true,
	};

	const sendOnce = async () =>
		(await context.helpers.httpRequestWithAuthentication.call(
			context,
			settings.credentialType,
			requestOptions,
		)) as { body: T; headers: Record<string, string>; statusCode: number };
	const rateLimit = settings.rateLimit;
	const attemptOnce = rateLimit ? async () => await withRateLimit(rateLimit.key, rateLimit.limit, sendOnce) : sendOnce;

	const started = Date.now();
	let waitedMs = 0;
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
		const vendorError = profile.parseError(failure.body, failure);
		// Waits count in full even when the clock says less (a sleep cut short must not stretch the budget).
		const spentMs = Math.max(Date.now() - started, waitedMs);
		const decision = decideRetry(failure, vendorError, profile, idempotent, attempt, policy, spentMs);
		if (!decision.retry) {
			// A wait the kit would not make is part of the error, so the user sees why it stopped retrying.
			const note = decision.limited === 'time' ? `retries stopped: ${decision.why} (${attempt} ${attempt === 1 ? 'attempt' : 'attempts'}, waited ${seconds(waitedMs)})` : undefined;
			const apiError = vendorApiError(context.getNode(), profile.name, failure, vendorError, settings.itemIndex, note);
			apiError.context.attempts = attempt;
			apiError.context.waitedMs = waitedMs;
			apiError.context.retryVerdict = decision.why;
			throw apiError;
		}
		await sleep(decision.waitMs);
		waitedMs += decision.waitMs;
		if (settings.resendAs) requestOptions = settings.resendAs(requestOptions);
	}
}
