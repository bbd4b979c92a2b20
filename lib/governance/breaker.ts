/**
 * Target health: a circuit breaker per target system (an ERP, an HCM), kept beside the ledger. Posting results
 * trip it: after N consecutive failures where the target did not answer (5xx, time-outs, refused connections,
 * throttling the retries could not outlast), it opens, and a guard parks every further item for the drain
 * instead of sending it. Any answer from the target (a posting, or a record it refused on its merits) resets the
 * count and closes it; a probe the drain sends closes it too. Vendor-neutral: it reads the error code the kit puts
 * on every failed item (`HTTP_503`, `ECONNREFUSED` …) and the message.
 */

export type BreakerStatus = 'closed' | 'open';

export interface BreakerState {
	target: string;
	state: BreakerStatus;
	/** Failures in a row where the target did not answer, since its last answer. */
	consecutiveFailures: number;
	openedAt: string | null;
	lastError: string | null;
	lastFailureAt: string | null;
	lastSuccessAt: string | null;
	lastProbeAt: string | null;
}

export function closedBreaker(target: string): BreakerState {
	return { target, state: 'closed', consecutiveFailures: 0, openedAt: null, lastError: null, lastFailureAt: null, lastSuccessAt: null, lastProbeAt: null };
}

const NETWORK_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH'];
const UNAVAILABLE_CODE = new RegExp(`^(HTTP_(5\\d\\d|429|408)|${NETWORK_CODES.join('|')})$`);
const UNAVAILABLE_MESSAGE = new RegExp(`\\b(${NETWORK_CODES.join('|')}|HTTP_(5\\d\\d|429|408)|status code (5\\d\\d|429|408)|timed? ?out|socket hang up)\\b`, 'i');

/**
 * Whether a failure says the target did not answer (an outage or throttling beyond the retry budget) rather than
 * refusing the record: a field error is an answer, so it never counts.
 */
export function isTargetUnavailable(code: unknown, message: unknown): boolean {
	const codeText = typeof code === 'string' ? code.trim() : '';
	if (codeText && UNAVAILABLE_CODE.test(codeText)) return true;
	if (codeText && codeText !== 'UNKNOWN') return false;
	return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
}

/** One posting result as the breaker sees it, in the order the items were recorded. */
export type TargetOutcome = { kind: 'answered' } | { kind: 'unavailable'; error: string };

export interface BreakerStep {
	state: BreakerState;
	/** Index of the outcome that opened the breaker in this batch, if one did. */
	trippedAt?: number;
}

/**
 * Applies results in order. `threshold` failures in a row open the breaker; an answer closes it and resets the
 * count. A batch sent before the breaker opened may still bring answers; the last outcome wins.
 */
export function applyOutcomes(previous: BreakerState, outcomes: TargetOutcome[], threshold: number, now: Date): BreakerStep {
	if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError(`the breaker needs a threshold of at least 1 failure, got ${threshold}`);
	const state: BreakerState = { ...previous };
	let trippedAt: number | undefined;
	outcomes.forEach((outcome, index) => {
		if (outcome.kind === 'answered') {
			Object.assign(state, { state: 'closed', consecutiveFailures: 0, openedAt: null, lastSuccessAt: now.toISOString() });
			return;
		}
		state.consecutiveFailures += 1;
		state.lastError = outcome.error.slice(0, 1000);
		state.lastFailureAt = now.toISOString();
		if (state.state === 'closed' && state.consecutiveFailures >= threshold) {
			state.state = 'open';
			state.openedAt = now.toISOString();
			trippedAt = index;
		}
	});
	return { state, trippedAt };
}

/** After a probe: an answer closes the breaker; no answer keeps it as it was, with the probe's error. */
export function applyProbe(previous: BreakerState, answered: boolean, error: string, now: Date): BreakerState {
	if (answered) return { ...previous, state: 'closed', consecutiveFailures: 0, openedAt: null, lastSuccessAt: now.toISOString(), lastProbeAt: now.toISOString() };
	return { ...previous, lastError: (error || 'the probe got no answer').slice(0, 1000), lastFailureAt: now.toISOString(), lastProbeAt: now.toISOString() };
}

/** The exception owner of items parked while a target is down: the drain replays exactly these. */
export function drainOwner(target: string): string {
	return `Outage drain (${target})`;
}

/** Why an item was not sent: the target, since when, and what it last said. */
export function openReason(state: BreakerState): string {
	const failures = `${state.consecutiveFailures} consecutive failure${state.consecutiveFailures === 1 ? '' : 's'}`;
	return `${state.target} is not answering (breaker open since ${state.openedAt ?? 'unknown'} after ${failures}; last: ${state.lastError ?? 'no error recorded'}): not sent, parked for the drain (retryable)`;
}
