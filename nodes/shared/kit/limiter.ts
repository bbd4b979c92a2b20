/**
 * Concurrency limiter keyed by vendor account, shared by every node of this package in one n8n process.
 *
 * Vendors limit concurrent requests per account (NetSuite's account concurrency governance, Dataverse's 52
 * concurrent requests per user), not per node, so the semaphore lives at module scope: n8n loads this module
 * once per process and every node that imports it sees the same map. Waiting is promise-based, no timers.
 */
interface Semaphore {
	limit: number;
	active: number;
	waiting: Array<() => void>;
}

const semaphores = new Map<string, Semaphore>();

function semaphoreFor(key: string, limit: number): Semaphore {
	let semaphore = semaphores.get(key);
	if (!semaphore) {
		semaphore = { limit, active: 0, waiting: [] };
		semaphores.set(key, semaphore);
	}
	// The most recent configuration wins, so lowering a limit in the credential takes effect at once.
	semaphore.limit = Math.max(1, Math.floor(limit));
	return semaphore;
}

async function acquire(semaphore: Semaphore): Promise<void> {
	if (semaphore.active < semaphore.limit) {
		semaphore.active++;
		return;
	}
	await new Promise<void>((resolve) => semaphore.waiting.push(resolve));
}

function release(semaphore: Semaphore): void {
	const next = semaphore.waiting.shift();
	if (next && semaphore.active <= semaphore.limit) {
		// Hand the slot straight to the next waiter: `active` stays the same.
		next();
		return;
	}
	if (next) semaphore.waiting.unshift(next);
	semaphore.active = Math.max(0, semaphore.active - 1);
	while (semaphore.active < semaphore.limit && semaphore.waiting.length > 0) {
		semaphore.active++;
		semaphore.waiting.shift()!();
	}
}

/** Runs `task` once a slot for `key` is free; at most `limit` tasks per key run at the same time. */
export async function withConcurrencyLimit<T>(
	key: string,
	limit: number,
	task: () => Promise<T>,
): Promise<T> {
	const semaphore = semaphoreFor(key, limit);
	await acquire(semaphore);
	try {
		return await task();
	} finally {
		release(semaphore);
	}
}

/** Current use of a key's slots, for tests and health output. */
export function concurrencySnapshot(key: string): { active: number; waiting: number; limit: number } {
	const semaphore = semaphores.get(key);
	return semaphore
		? { active: semaphore.active, waiting: semaphore.waiting.length, limit: semaphore.limit }
		: { active: 0, waiting: 0, limit: 0 };
}

/**
 * `work` on every input with at most `limit` running at once; the results come back in input order. For
 * independent requests of one node run (reads of a store, say), not for a vendor account's shared limit.
 */
export async function mapWithConcurrency<T, R>(inputs: T[], limit: number, work: (input: T, index: number) => Promise<R>): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	let next = 0;
	const lane = async () => {
		while (next < inputs.length) {
			const index = next++;
			results[index] = await work(inputs[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(Math.max(1, Math.floor(limit)), inputs.length) }, lane));
	return results;
}
