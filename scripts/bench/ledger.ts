/**
 * Benchmark (not a test): the Sync Ledger's own cost per 1,000 items, as requests to n8n's Data Table API and as
 * time at a given API latency. `npm run bench -- ledger [latencyMs]` (default 5 ms, a local n8n's answer time).
 *
 * A posting run of 1,000 new keys: Check & Claim (claimMany), Record Result (recordMany; 10 % failures), the
 * failures parked (addExceptions), audit flushed once per node run as the nodes do. The store is the in-memory row
 * store of the ledger's tests, each request held for the latency, so the figure is the ledger's requests and
 * round trips, not a database's speed. For comparison, the same results recorded one after another (recordResult
 * per item, as Record Result did before issue 14).
 */
import * as os from 'os';

import { LedgerStore } from '../../nodes/SyncLedger/store/ledgerStore';
import { MemoryRowStore } from '../../test/governance/memoryStore';

const LATENCY_MS = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 5);
const ITEMS = 1000;

function load(): string {
	return os.loadavg().map((value) => value.toFixed(2)).join(' ');
}

async function run(mode: 'batched' | 'one by one'): Promise<{ requests: number; ms: number; phases: Record<string, { requests: number; ms: number }> }> {
	const rows = new MemoryRowStore(() => new Promise((resolve) => setTimeout(resolve, LATENCY_MS)));
	const ledger = new LedgerStore(rows, 'p2c_', { workflowId: 'bench', executionId: `bench-${mode}`, now: () => new Date() });
	await ledger.open();
	const keys = Array.from({ length: ITEMS }, (_, i) => `erp:timebill:TE-${i}`);
	const phases: Record<string, { requests: number; ms: number }> = {};
	const phase = async (name: string, work: () => Promise<unknown>) => {
		const before = rows.requests;
		const started = process.hrtime.bigint();
		await work();
		phases[name] = { requests: rows.requests - before, ms: Number(process.hrtime.bigint() - started) / 1e6 };
	};
	let claims = new Map<string, { row: { claimToken: string } }>();
	await phase('claim', async () => {
		claims = await ledger.claimMany(keys.map((key) => ({ key, allowFailed: false, correlationId: 'bench' })), 900);
		await ledger.flushAudit();
	});
	const results = keys.map((key, i) => ({
		key,
		claimToken: claims.get(key)!.row.claimToken,
		correlationId: 'bench',
		result: i % 10 === 9 ? { kind: 'failed' as const, error: 'INVALID_FLD_VALUE', retryable: false, at: new Date(), targetSystem: 'erp' } : { kind: 'posted' as const, targetSystem: 'erp', targetId: `R-${i}`, at: new Date() },
	}));
	await phase('record', async () => {
		if (mode === 'batched') await ledger.recordMany(results);
		else for (const { key, result, ...options } of results) await ledger.recordResult(key, result, options);
		await ledger.flushAudit();
	});
	const failed = results.filter((r) => r.result.kind === 'failed');
	await phase('park', async () => {
		const list = failed.map((r) => ({ key: r.key, reason: 'INVALID_FLD_VALUE', domain: 'finance' as const, correlationId: 'bench', payload: { key: r.key } }));
		if (mode === 'batched') await ledger.addExceptions(list);
		else for (const fields of list) await ledger.addException(fields);
		await ledger.flushAudit();
	});
	const requests = Object.values(phases).reduce((total, p) => total + p.requests, 0);
	const ms = Object.values(phases).reduce((total, p) => total + p.ms, 0);
	return { requests, ms, phases };
}

async function main(): Promise<void> {
	const cpus = os.cpus();
	process.stdout.write(`machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, node ${process.version}; API latency ${LATENCY_MS} ms per request\n`);
	for (const mode of ['batched', 'one by one'] as const) {
		const { requests, ms, phases } = await run(mode);
		const detail = Object.entries(phases)
			.map(([name, p]) => `${name} ${p.requests} req ${(p.ms / 1000).toFixed(2)} s`)
			.join(', ');
		process.stdout.write(`ledger ${mode}: ${ITEMS} items, ${requests} requests, ${(ms / 1000).toFixed(2)} s (${detail}); load ${load()}\n`);
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
