/**
 * Request-rate limiter keyed by vendor account (a token bucket), shared by every node of this package in one n8n
 * process. Vendors such as Coupa limit requests per second with a burst allowance rather than requests in
 * flight, which the concurrency limiter (limiter.ts) cannot express. A request reserves a token; when none is
 * left it waits, with n8n's `sleep`, until its reserved token has been refilled. Reservations are taken in
 * call order, so waiting requests go out in the order they asked, none starves.
 */
import { sleep } from 'n8n-workflow';

export interface RateLimit {
	/** Tokens refilled per second: the sustained request rate. */
	perSecond: number;
	/** Bucket size: how many requests may go out at once after a quiet spell. */
	burst: number;
}

export interface TokenBucket {
	/** Tokens available; negative while requests are waiting for tokens they reserved. */
	tokens: number;
	/** When `tokens` was last brought up to date, in ms. */
	updatedMs: number;
}

/**
 * Reserves one token at `nowMs` and says how long to wait before sending (0: send now). Pure: the bucket is
 * updated in place, nothing else is touched.
 */
export function reserveToken(bucket: TokenBucket, limit: RateLimit, nowMs: number): number {
	const elapsedMs = Math.max(0, nowMs - bucket.updatedMs);
	bucket.tokens = Math.min(limit.burst, bucket.tokens + (elapsedMs * limit.perSecond) / 1000);
	bucket.updatedMs = Math.max(bucket.updatedMs, nowMs);
	bucket.tokens -= 1;
	if (bucket.tokens >= 0) return 0;
	return Math.ceil((-bucket.tokens * 1000) / limit.perSecond);
}

const buckets = new Map<string, TokenBucket>();

/**
 * Added to every wait: timers may fire a millisecond early and the vendor's clock starts when the request
 * arrives, so a request sent exactly on its refill time can land just before it. The margin does not add up
 * across requests (each reservation is placed on the bucket's own clock), so the sustained rate is unchanged.
 */
export const RATE_WAIT_MARGIN_MS = 5;

function checkedLimit(limit: RateLimit): RateLimit {
	const perSecond = Number(limit.perSecond);
	const burst = Math.floor(Number(limit.burst));
	if (!(perSecond > 0) || !(burst >= 1)) throw new RangeError(`a rate limit needs perSecond > 0 and burst >= 1, got ${JSON.stringify(limit)}`);
	return { perSecond, burst };
}

/** Runs `task` once `key`'s bucket has a token for it: at most `burst` at once, `perSecond` sustained. */
export async function withRateLimit<T>(key: string, limit: RateLimit, task: () => Promise<T>, now: () => number = Date.now): Promise<T> {
	const checked = checkedLimit(limit);
	let bucket = buckets.get(key);
	if (!bucket) {
		bucket = { tokens: checked.burst, updatedMs: now() };
		buckets.set(key, bucket);
	}
	const waitMs = reserveToken(bucket, checked, now());
	if (waitMs > 0) await sleep(waitMs + RATE_WAIT_MARGIN_MS);
	return await task();
}

/** Forgets every bucket (tests). */
export function resetRateLimits(): void {
	buckets.clear();
}
