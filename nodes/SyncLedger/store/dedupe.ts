/**
 * Zero-setup fallback for idempotency alone: n8n's deduplication store (its database, shared by queue-mode
 * workers), reachable from community nodes. It has no read-only check and no claims, so:
 * - Check & Claim asks "processed?" by recording and at once removing the new keys (a check without a trace);
 * - Record Result records a key only once it is posted, so a crashed run re-posts (at least once; pair it with
 *   a target upsert by external id) and a posted key is skipped afterwards;
 * - concurrent executions are NOT kept apart (no in-progress state), nor are claims expired.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

const SCOPE = 'workflow' as const;

export interface DedupeOptions {
	maxEntries: number;
}

export async function dedupeCheck(context: IExecuteFunctions, keys: string[], options: DedupeOptions): Promise<Set<string>> {
	if (keys.length === 0) return new Set();
	const unique = [...new Set(keys)];
	const result = await context.helpers.checkProcessedAndRecord(unique, SCOPE, { mode: 'entries', maxEntries: options.maxEntries });
	if (result.new.length > 0) {
		await context.helpers.removeProcessed(result.new, SCOPE, { mode: 'entries', maxEntries: options.maxEntries });
	}
	return new Set(result.processed.map(String));
}

export async function dedupeRecordPosted(context: IExecuteFunctions, keys: string[], options: DedupeOptions): Promise<void> {
	if (keys.length === 0) return;
	await context.helpers.checkProcessedAndRecord([...new Set(keys)], SCOPE, { mode: 'entries', maxEntries: options.maxEntries });
}
