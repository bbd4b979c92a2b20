/**
 * Dataverse service protection, per user (an application user counts like any other): at most 52 requests in
 * flight, 6,000 requests and 1,200,000 ms of combined execution time per 5-minute sliding window. A request over
 * a limit is answered 429 with `Retry-After` (seconds) and the limit's code:
 *
 *   0x80072326  Number of concurrent requests exceeded the limit of 52.
 *   0x80072322  Number of requests exceeded the limit of 6000 over time window of 300 seconds.
 *   0x80072321  Combined execution time of incoming requests exceeded limit of 1,200,000 milliseconds over time window of 300 seconds.
 *
 * Answers under the limits carry `x-ms-ratelimit-burst-remaining-xrm-requests` and
 * `x-ms-ratelimit-time-remaining-xrm-requests`. Limits and the window are settings, so tests can reach them.
 */
import { DATAVERSE_CODES } from './dialect';

export interface ProtectionSettings {
	concurrencyLimit: number;
	requestLimit: number;
	executionTimeLimitMs: number;
	windowSeconds: number;
	/** Retry-After of a concurrency refusal (a slot frees up quickly). */
	concurrencyRetryAfterSeconds: number;
}

export const DEFAULT_PROTECTION: ProtectionSettings = {
	concurrencyLimit: 52,
	requestLimit: 6000,
	executionTimeLimitMs: 1_200_000,
	windowSeconds: 300,
	concurrencyRetryAfterSeconds: 1,
};

interface UserUsage {
	inFlight: number;
	maxInFlight: number;
	/** Start times of requests in the window. */
	requests: number[];
	/** Completed requests' end time and duration, in the window. */
	executions: Array<{ at: number; ms: number }>;
}

export interface Refusal {
	status: 429;
	code: string;
	message: string;
	retryAfterSeconds: number;
}

export class ServiceProtection {
	settings: ProtectionSettings = { ...DEFAULT_PROTECTION };
	private users = new Map<string, UserUsage>();
	readonly rejections: Record<string, number> = {};

	constructor(private readonly nowMs: () => number = () => Date.now()) {}

	reset(): void {
		this.users = new Map();
		for (const code of Object.keys(this.rejections)) delete this.rejections[code];
	}

	/** Validates and applies settings; returns a problem, or undefined. */
	apply(changes: Partial<Record<keyof ProtectionSettings, unknown>>): string | undefined {
		const next = { ...this.settings };
		for (const [name, value] of Object.entries(changes)) {
			if (!(name in DEFAULT_PROTECTION)) continue;
			if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) return `${name} must be a positive integer, got ${JSON.stringify(value)}`;
			next[name as keyof ProtectionSettings] = value;
		}
		this.settings = next;
		return undefined;
	}

	private usage(user: string): UserUsage {
		let usage = this.users.get(user);
		if (!usage) {
			usage = { inFlight: 0, maxInFlight: 0, requests: [], executions: [] };
			this.users.set(user, usage);
		}
		const since = this.nowMs() - this.settings.windowSeconds * 1000;
		usage.requests = usage.requests.filter((at) => at > since);
		usage.executions = usage.executions.filter((entry) => entry.at > since);
		return usage;
	}

	/** The most requests one user had in flight at once. */
	maxInFlight(user?: string): number {
		if (user) return this.users.get(user)?.maxInFlight ?? 0;
		return Math.max(0, ...[...this.users.values()].map((usage) => usage.maxInFlight));
	}

	private refuse(code: string, message: string, retryAfterSeconds: number): Refusal {
		this.rejections[code] = (this.rejections[code] ?? 0) + 1;
		return { status: 429, code, message, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) };
	}

	/**
	 * Admits a request of `user`, or refuses it. An admitted request holds a slot until `release` is called with
	 * the headers to add to its answer.
	 */
	admit(user: string): { refusal: Refusal } | { release: () => Record<string, string> } {
		const now = this.nowMs();
		const usage = this.usage(user);
		const { settings } = this;
		const windowMs = settings.windowSeconds * 1000;
		if (usage.requests.length >= settings.requestLimit) {
			const wait = (usage.requests[0] + windowMs - now) / 1000;
			return { refusal: this.refuse(DATAVERSE_CODES.requestCount, `Number of requests exceeded the limit of ${settings.requestLimit} over time window of ${settings.windowSeconds} seconds.`, wait) };
		}
		const executed = usage.executions.reduce((sum, entry) => sum + entry.ms, 0);
		if (executed >= settings.executionTimeLimitMs) {
			const wait = (usage.executions[0].at + windowMs - now) / 1000;
			return {
				refusal: this.refuse(
					DATAVERSE_CODES.executionTime,
					`Combined execution time of incoming requests exceeded limit of ${settings.executionTimeLimitMs.toLocaleString('en-US')} milliseconds over time window of ${settings.windowSeconds} seconds.`,
					wait,
				),
			};
		}
		if (usage.inFlight >= settings.concurrencyLimit) {
			return { refusal: this.refuse(DATAVERSE_CODES.concurrency, `Number of concurrent requests exceeded the limit of ${settings.concurrencyLimit}.`, settings.concurrencyRetryAfterSeconds) };
		}
		usage.requests.push(now);
		usage.inFlight++;
		usage.maxInFlight = Math.max(usage.maxInFlight, usage.inFlight);
		const started = now;
		let released = false;
		return {
			release: () => {
				if (!released) {
					released = true;
					usage.inFlight--;
					usage.executions.push({ at: this.nowMs(), ms: Math.max(0, this.nowMs() - started) });
				}
				const current = this.usage(user);
				return {
					'x-ms-ratelimit-burst-remaining-xrm-requests': String(Math.max(0, settings.requestLimit - current.requests.length)),
					'x-ms-ratelimit-time-remaining-xrm-requests': String(Math.max(0, settings.executionTimeLimitMs - current.executions.reduce((sum, entry) => sum + entry.ms, 0))),
				};
			},
		};
	}
}
