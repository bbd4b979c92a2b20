/**
 * Benchmark (not a test): approved time entries posted into each ERP sandbox in a real n8n, side by side.
 * `npm run bench -- posting [--entries N] [--erp netsuite,oracleFusion,…] [--latency ms] [--skip-default] [--ours-only]`
 *
 * Per ERP, with the latency injected on every vendor call and the vendor's concurrency limit enforced by its sandbox:
 *  (a) ours: Code (the entries) → Sync Ledger Check & Claim → our ERP node → Record Result;
 *  (b) the same posting with n8n's built-in HTTP Request node, one record per request: its default settings (no
 *      batching: every request at once), then its Batching option at the vendor's concurrency per batch, the
 *      interval just over the latency;
 *  (c) the physical minimum: ceil(entries ÷ batch size) calls in waves of the allowed concurrency × latency.
 * Calls and errors come from the sandbox's request log, "posted exactly once" from the sandbox's records, wall
 * time from n8n's run data (first node after the source starts → last node ends; n8n's start-up is left out).
 */
import * as os from 'os';

import { startSandboxes } from '../../sandbox';
import type { RunningSandboxes } from '../../sandbox';
import { freePort, ledgerCredential, startN8nServer } from '../lib/n8nServer';
import type { N8nServer } from '../lib/n8nServer';
import { ensureN8n, N8nInstance, packPackage } from '../lib/realN8n';
import type { ExecutionJson } from '../lib/realN8n';
import { sandboxCredentials } from '../lib/sandboxes';
import { builtInWorkflow, ERPS, oursWorkflow } from './lib/postingErps';
import type { Batching, Credentials, ErpBench, ErpName, Workflow } from './lib/postingErps';
import { physicalMinimum, postingTable, ratio } from './lib/postingMath';
import type { PostingRow } from './lib/postingMath';

interface Options {
	entries: number;
	latencyMs: number;
	erps: ErpName[];
	skipDefault: boolean;
	/** Only our flow (to measure a change to it; the built-in rows do not move). */
	oursOnly: boolean;
}

function parseOptions(argv: string[]): Options {
	const value = (flag: string) => {
		const index = argv.indexOf(flag);
		return index >= 0 ? argv[index + 1] : undefined;
	};
	const entries = Number(value('--entries') ?? 10_000);
	const latencyMs = Number(value('--latency') ?? 50);
	const erps = (value('--erp') ?? ERPS.map((e) => e.name).join(',')).split(',') as ErpName[];
	if (!Number.isInteger(entries) || entries < 1) throw new Error(`--entries must be a positive whole number, got ${value('--entries')}`);
	if (!Number.isInteger(latencyMs) || latencyMs < 0) throw new Error(`--latency must be a whole number of ms, got ${value('--latency')}`);
	const unknown = erps.filter((name) => !ERPS.some((e) => e.name === name));
	if (unknown.length) throw new Error(`--erp: unknown ${unknown.join(', ')} (known: ${ERPS.map((e) => e.name).join(', ')})`);
	return { entries, latencyMs, erps, skipDefault: argv.includes('--skip-default'), oursOnly: argv.includes('--ours-only') };
}

const load = () => os.loadavg().map((v) => v.toFixed(2)).join(' ');
const log = (line: string) => process.stderr.write(`${line}\n`);

const LEDGER_NODES = ['Check & Claim', 'Record Result'];

interface RunData {
	startTime?: number;
	executionTime?: number;
}

/** First start after the source to the last end, and the time inside the given nodes, from n8n's run data. */
export function timesOf(execution: ExecutionJson | undefined, vendorNodes: string[]): { wallSeconds: number; vendorNodeSeconds: number; ledgerSeconds: number; perNode: Record<string, number> } {
	const runData = (execution?.data?.resultData?.runData ?? {}) as unknown as Record<string, RunData[]>;
	let start = Infinity;
	let end = -Infinity;
	let vendorMs = 0;
	let ledgerMs = 0;
	const perNode: Record<string, number> = {};
	for (const [name, runs] of Object.entries(runData)) {
		for (const run of runs) {
			if (run.startTime === undefined || run.executionTime === undefined) continue;
			perNode[name] = (perNode[name] ?? 0) + run.executionTime / 1000;
			if (vendorNodes.includes(name)) vendorMs += run.executionTime;
			if (LEDGER_NODES.includes(name)) ledgerMs += run.executionTime;
			if (name === 'Run' || name === 'Generate') continue;
			start = Math.min(start, run.startTime);
			end = Math.max(end, run.startTime + run.executionTime);
		}
	}
	return { wallSeconds: end > start ? (end - start) / 1000 : NaN, vendorNodeSeconds: vendorMs / 1000, ledgerSeconds: ledgerMs / 1000, perNode };
}

/** Built-in variants: default settings, and batches of the vendor's concurrency every latency + 20 %. */
function builtInVariants(erp: ErpBench, latencyMs: number, skipDefault: boolean): Array<{ variant: string; batching?: Batching }> {
	const interval = Math.max(1, Math.ceil(latencyMs * 1.2));
	return [
		...(skipDefault ? [] : [{ variant: 'built-in HTTP Request, default' }]),
		{ variant: `built-in HTTP Request, batching ${erp.limits.concurrency} per ${interval} ms`, batching: { batchSize: erp.limits.concurrency, batchIntervalMs: interval } },
	];
}

async function runVariant(
	n8n: N8nInstance,
	sandboxes: RunningSandboxes,
	erp: ErpBench,
	variant: string,
	build: (generatorSource: string, prefix: string) => { workflow: Workflow; vendorNodes: string[] },
	options: Options,
	runTag: string,
): Promise<Omit<PostingRow, 'minimum'>> {
	const prefix = `${runTag}-${variant.replace(/[^a-z0-9]+/gi, '').slice(0, 24)}-`;
	const { workflow, vendorNodes } = build(erp.generator(sandboxes, options.entries, prefix), prefix);
	await n8n.importWorkflow(workflow);
	const sandbox = erp.sandbox(sandboxes);
	const logStart = sandbox.requests.length;
	log(`• ${erp.label}: ${variant} (${options.entries} entries; load ${load()})`);
	// 10,000 items one request at a time can take many minutes on a loaded machine.
	const result = await n8n.execute(workflow.id, 45 * 60_000);
	const calls = sandbox.requests.slice(logStart);
	if (!result.data) log(`  n8n printed no execution: ${result.output.slice(-1500)}`);
	else if (!result.ok) log(`  the execution ended with an error: ${String(result.data.data.resultData.error?.message ?? '').slice(0, 500)}`);
	for (const [name, runs] of Object.entries(result.data?.data?.resultData?.runData ?? {})) {
		const failed = runs.find((run) => run.error);
		const firstItem = runs[0]?.data?.main?.[0]?.[0]?.json as { error?: unknown } | undefined;
		if (failed) log(`  node ${name} failed: ${failed.error!.message.slice(0, 300)}`);
		else if (firstItem?.error) log(`  node ${name}, first item: ${JSON.stringify(firstItem).slice(0, 400)}`);
	}
	const references = erp.postedReferences(sandboxes, prefix);
	const counts = new Map<string, number>();
	for (const reference of references) counts.set(reference, (counts.get(reference) ?? 0) + 1);
	const times = timesOf(result.data, vendorNodes);
	const row = {
		erp: erp.label,
		variant,
		entries: options.entries,
		calls: calls.length,
		wallSeconds: times.wallSeconds,
		vendorNodeSeconds: times.vendorNodeSeconds,
		...(variant === 'ours' ? { ledgerSeconds: times.ledgerSeconds } : {}),
		postedOnce: [...counts.values()].filter((n) => n === 1).length,
		duplicates: [...counts.values()].filter((n) => n > 1).length,
		errors: calls.filter((c) => c.status >= 400 || c.status === 0).length,
	};
	const statuses = Object.entries(calls.reduce<Record<string, number>>((by, c) => ((by[c.status] = (by[c.status] ?? 0) + 1), by), {}))
		.map(([status, n]) => `${status}×${n}`)
		.join(' ');
	log(`  ${row.calls} calls (${statuses}), ${row.wallSeconds.toFixed(1)} s, ${row.postedOnce} posted once, ${row.duplicates} duplicated; load ${load()}`);
	log(`  node times: ${Object.entries(times.perNode).map(([name, seconds]) => `${name} ${seconds.toFixed(2)} s`).join(', ')}`);
	return row;
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const cpus = os.cpus();
	const machine = `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, bench node ${process.version}`;
	const loadBefore = load();
	const started = Date.now();
	log(`• machine: ${machine}; load before ${loadBefore}`);
	const binaries = await ensureN8n();
	log('• building and packing the package');
	const tarball = await packPackage();
	const sandboxes = await startSandboxes(false);
	const n8n = N8nInstance.fresh(binaries, `n8n-bench-posting-${process.pid}`);
	// 10,000 items through several nodes: room for the run data n8n execute prints, and for the task runner.
	// P2C_N8N_PROF=<dir>: every n8n process writes a CPU profile there (how the expression cost was found).
	const profile = process.env.P2C_N8N_PROF ? ` --cpu-prof --cpu-prof-dir=${process.env.P2C_N8N_PROF}` : '';
	Object.assign(n8n.env, { NODE_OPTIONS: `--max-old-space-size=8192${profile}`, N8N_RUNNERS_MAX_PAYLOAD: String(1024 * 1024 * 1024) });
	let server: N8nServer | undefined;
	const rows: PostingRow[] = [];
	try {
		await n8n.installPackage(tarball);
		log('• starting n8n (the Sync Ledger keeps its tables in its Data Tables)');
		server = await startN8nServer(n8n, { port: await freePort(), brokerPort: await freePort(), apiKeyLabel: 'sync-ledger-bench', timeoutMs: 600_000 });
		const credentialList = [...sandboxCredentials(sandboxes), ledgerCredential(server)] as Array<{ id: string; name: string; type: string }>;
		await n8n.importCredentials(credentialList);
		const credentials: Credentials = Object.fromEntries(credentialList.map(({ id, name, type }) => [type, { id, name }]));
		const runTag = `B${Date.now().toString(36)}`;
		for (const erp of ERPS.filter((e) => options.erps.includes(e.name))) {
			erp.configure(sandboxes, options.latencyMs);
			const minimum = physicalMinimum(options.entries, { ...erp.limits, latencyMs: options.latencyMs });
			// A run that fails (n8n's own API timing out under load, say) is reported and the others still run.
			const attempt = async <T>(what: string, work: () => Promise<T>): Promise<T | undefined> => {
				try {
					return await work();
				} catch (error) {
					log(`  ${erp.label}, ${what}: did not run to the end: ${(error as Error).message.slice(0, 300)}`);
					return undefined;
				}
			};
			// A ledger of its own per ERP: n8n's Data Tables have no index, so a read scans the table, and each ERP
			// should start from the same empty ledger (what a ledger's size costs is said in the README).
			const ledgerPrefix = `p2cbench_${erp.name}_`;
			const ours = await attempt('ours', async () => await runVariant(n8n, sandboxes, erp, 'ours', (source) => oursWorkflow(erp, `benchOurs${erp.name}`.slice(0, 16), source, credentials, ledgerPrefix), options, runTag));
			if (ours) rows.push({ ...ours, minimum });
			for (const { variant, batching } of options.oursOnly ? [] : builtInVariants(erp, options.latencyMs, options.skipDefault)) {
				const id = `bench${batching ? 'B' : 'D'}${erp.name}`.slice(0, 16);
				const row = await attempt(variant, async () => await runVariant(n8n, sandboxes, erp, variant, (source) => builtInWorkflow(erp, sandboxes, id, variant, source, credentials, batching), options, runTag));
				if (row) rows.push({ ...row, minimum, versusOurs: { time: ratio(row.wallSeconds, ours?.wallSeconds), calls: ratio(row.calls, ours?.calls) } });
			}
		}
	} finally {
		await server?.stop();
		await sandboxes.stop();
	}
	process.stdout.write(`\n${postingTable(rows)}\n\n`);
	for (const erp of ERPS.filter((e) => options.erps.includes(e.name))) process.stdout.write(`- ${erp.limitsNote}\n`);
	process.stdout.write(
		`\n${options.entries.toLocaleString('en-US')} approved time entries per flow, ${options.latencyMs} ms on every vendor call; machine: ${machine}; load average before ${loadBefore}, after ${load()}; ${Math.round((Date.now() - started) / 1000)} s in all.\n`,
	);
}

if (require.main === module || process.argv[1]?.endsWith('bench.ts')) {
	main().catch((error: Error) => {
		process.stderr.write(`${error.stack ?? error.message}\n`);
		process.exit(1);
	});
}
