/**
 * Benchmark (not a test): the Sync Ledger's own cost per 1,000 items (`--items N` for another count), as requests
 * to n8n's Data Table API and time. A posting run of that many new keys: Check & Claim (claimMany), Record Result
 * (recordMany; 10 % failures), the failures parked (addExceptions), audit flushed once per node run, as the nodes do.
 *
 *   npm run bench -- ledger [latencyMs]   the recorded API cost: the ledger's tests' in-memory row store, each
 *                                         request held for the latency (default 5 ms, a local n8n's answer time), so
 *                                         the figure is the ledger's requests and round trips, not a database's.
 *   npm run bench -- ledger n8n           in process against a real n8n 2.40.7 (SQLite, started here), through its
 *                                         public Data Table API with the node's own store code (DataTableStore).
 *
 * The script uses only LedgerStore's public methods, so the same file measures an older commit's ledger (run it
 * from a worktree of that commit) for a before/after under the same load.
 */
import { mkdirSync, rmSync } from 'fs';
import * as os from 'os';
import { join } from 'path';

import { DataTableStore } from '../../nodes/SyncLedger/store/dataTables';
import type { RowStore } from '../../nodes/SyncLedger/store/dataTables';
import { LedgerStore } from '../../nodes/SyncLedger/store/ledgerStore';
import { MemoryRowStore } from '../../test/governance/memoryStore';
import { freePort, startN8nServer } from '../lib/n8nServer';
import { ensureN8n, N8nInstance, ROOT } from '../lib/realN8n';
import { fetchContext } from '../queue-mode/claimRace';

const args = process.argv.slice(2);
const REAL = args.includes('n8n');
const itemsFlag = args.indexOf('--items');
const ITEMS = itemsFlag >= 0 ? Number(args[itemsFlag + 1]) : 1000;
const LATENCY_MS = Number(args.find((arg, index) => /^\d+$/.test(arg) && index !== itemsFlag + 1) ?? 5);

function load(): string {
	return os.loadavg().map((value) => value.toFixed(2)).join(' ');
}

type Phases = Record<string, { requests: number; ms: number }>;

/** One posting run of ITEMS new keys on `rows`; `requests()` counts the requests sent so far. */
async function run(rows: RowStore, requests: () => number, prefix: string): Promise<{ requests: number; ms: number; phases: Phases }> {
	const ledger = new LedgerStore(rows, prefix, { workflowId: 'bench', executionId: `bench-${prefix}`, now: () => new Date() });
	await ledger.open();
	const keys = Array.from({ length: ITEMS }, (_, i) => `erp:timebill:TE-${i}`);
	const phases: Phases = {};
	const phase = async (name: string, work: () => Promise<unknown>) => {
		const before = requests();
		const started = process.hrtime.bigint();
		await work();
		phases[name] = { requests: requests() - before, ms: Number(process.hrtime.bigint() - started) / 1e6 };
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
		const outcomes = await ledger.recordMany(results);
		const refused = outcomes.filter((o) => o.status === 'rejected');
		if (refused.length > 0) throw new Error(`${refused.length} results not recorded: ${String((refused[0] as PromiseRejectedResult).reason)}`);
		await ledger.flushAudit();
	});
	const failed = results.filter((r) => r.result.kind === 'failed');
	await phase('park', async () => {
		await ledger.addExceptions(failed.map((r) => ({ key: r.key, reason: 'INVALID_FLD_VALUE', domain: 'finance' as const, correlationId: 'bench', payload: { key: r.key } })));
		await ledger.flushAudit();
	});
	const total = Object.values(phases).reduce((sum, p) => ({ requests: sum.requests + p.requests, ms: sum.ms + p.ms }), { requests: 0, ms: 0 });
	return { ...total, phases };
}

function report(label: string, figures: { requests: number; ms: number; phases: Phases }): void {
	const detail = Object.entries(figures.phases)
		.map(([name, p]) => `${name} ${p.requests} req ${(p.ms / 1000).toFixed(2)} s`)
		.join(', ');
	process.stdout.write(`${label}: ${ITEMS} items, ${figures.requests} requests, ${(figures.ms / 1000).toFixed(2)} s (${detail}); load ${load()}\n`);
}

async function inMemory(): Promise<void> {
	process.stdout.write(`recorded API cost: in-memory row store, ${LATENCY_MS} ms per request\n`);
	const rows = new MemoryRowStore(() => new Promise((resolve) => setTimeout(resolve, LATENCY_MS)));
	report('ledger (recorded API cost)', await run(rows, () => rows.requests, 'p2c_'));
}

async function againstN8n(): Promise<void> {
	const work = join(ROOT, '.tmp', 'bench-ledger');
	rmSync(work, { recursive: true, force: true });
	mkdirSync(join(work, 'n8n', '.n8n', 'nodes'), { recursive: true });
	const instance = new N8nInstance(await ensureN8n(), join(work, 'n8n'));
	const server = await startN8nServer(instance, { port: await freePort(), brokerPort: await freePort() });
	try {
		process.stdout.write(`real n8n 2.40.7 (SQLite) at ${server.baseUrl}, public Data Table API\n`);
		const context = fetchContext(server.apiKey);
		let sent = 0;
		const helpers = context.helpers as unknown as { httpRequestWithAuthentication: (...call: unknown[]) => Promise<unknown> };
		const send = helpers.httpRequestWithAuthentication;
		// Time per kind of request (method and path with ids and query left out), to see where the ledger's time goes.
		const byKind = new Map<string, { requests: number; ms: number }>();
		helpers.httpRequestWithAuthentication = async (...call: unknown[]) => {
			sent++;
			const options = call[1] as { method?: string; url?: string } | undefined;
			const kind = `${options?.method ?? 'GET'} ${String(options?.url ?? '').replace(/^.*\/api\/v1/, '').replace(/\?.*$/, '').replace(/\/data-tables\/[^/]+/, '/data-tables/:id')}`;
			const started = process.hrtime.bigint();
			try {
				return await send(...call);
			} finally {
				const figure = byKind.get(kind) ?? { requests: 0, ms: 0 };
				figure.requests++;
				figure.ms += Number(process.hrtime.bigint() - started) / 1e6;
				byKind.set(kind, figure);
				if (process.env.P2C_BENCH_TRACE) process.stderr.write(`${kind} ${JSON.stringify((options as { body?: { data?: unknown[] } })?.body?.data?.length ?? '')} ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)} ms\n`);
			}
		};
		const rows = new DataTableStore(context, `${server.baseUrl}/api/v1`);
		// A first run warms n8n up (tables created, code paths loaded); the second, on fresh tables, is the figure.
		await run(rows, () => sent, 'warm_');
		byKind.clear();
		report('ledger (real n8n)', await run(rows, () => sent, 'p2c_'));
		for (const [kind, figure] of [...byKind].sort((a, b) => b[1].ms - a[1].ms)) {
			process.stdout.write(`  ${kind}: ${figure.requests} requests, ${(figure.ms / 1000).toFixed(2)} s, ${(figure.ms / figure.requests).toFixed(1)} ms each\n`);
		}
	} finally {
		await server.stop();
		rmSync(work, { recursive: true, force: true });
	}
}

async function main(): Promise<void> {
	const cpus = os.cpus();
	process.stdout.write(`machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, node ${process.version}; load ${load()}\n`);
	await (REAL ? againstN8n() : inMemory());
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
