/**
 * n8n 2.40.7 in queue mode on one machine, as a firm runs it: Postgres and Redis (services.ts), one main instance
 * (webhooks, API) and two workers sharing the encryption key and the user folder with the package installed. The
 * shipped template workflows-templates/approved-time-webhook-to-erp.json is imported unchanged as a user imports
 * it (its credential references bound to this deployment's credentials) and published; the NetSuite sandbox is
 * the ERP.
 *
 * The sender fires approved time entries at the webhook (default 1,600 entries, 25 % of them twice, half of those
 * pairs at the same moment so they may run on different workers: about 2,000 deliveries), a few entries NetSuite
 * refuses (an unknown employee), a few approved twice (the newer approval first; the older one is sent at the end
 * and must be stale). When 40 % is sent, one worker is killed with SIGKILL and started again. Deliveries that got
 * no final answer (the killed worker's) are delivered again once the template's claim expiry (120 s) has passed,
 * as a webhook sender retries, until every entry has a final answer.
 *
 * Asserts: every entry NetSuite accepts is one time bill (by external id) with the hours of its newest approval;
 * the refused ones are none and are parked; every delivery is answered 200 with posted, skipped, stale or
 * exception (or got no answer and its entry was delivered again and answered); the ledger agrees with NetSuite:
 * no key left claimed, every posted key's target id is its time bill, every refused key failed; a first claim's
 * row left by a killed execution only beside its key's decided row. Reports the ledger's requests to the main
 * instance per delivery (through a counting relay) and the CPU seconds of each part (cpuMeter.ts).
 *
 * `npx tsx scripts/queue-mode/workers.ts [entries]` prints a JSON summary and exits 1 on any problem. By hand
 * only: not in the queue-mode stage of `npm test` (see the README's known gaps).
 * P2C_QUEUE_SOURCE=<another checkout> packs the nodes from there (to test a given commit).
 */
import { spawn } from 'child_process';
import type { ChildProcess } from 'child_process';
import { createServer, request as httpRequest } from 'http';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { loadavg } from 'os';
import { join } from 'path';

import { DataTableStore } from '../../nodes/SyncLedger/store/dataTables';
import { LedgerStore } from '../../nodes/SyncLedger/store/ledgerStore';
import { createNetSuiteSandbox, netSuiteSandboxCredentials } from '../../sandbox/netsuite';
import { DataTablesApi, freePort, ledgerCredential, startN8nServer } from '../lib/n8nServer';
import { ensureN8n, N8nInstance, ROOT, run } from '../lib/realN8n';
import { bindTemplate } from '../lib/templates';
import type { TemplateWorkflow } from '../lib/templates';
import { fetchContext } from './claimRace';
import { startCpuMeter } from './cpuMeter';
import { packQueueModePackage } from './pack';
import { ensurePackages, n8nDatabaseEnv, n8nQueueEnv, startPostgres, startRedis } from './services';

const TEMPLATE_FILE = 'approved-time-webhook-to-erp.json';
/** A delivery not answered within this is taken as lost (its execution died with the worker). */
const ANSWER_TIMEOUT_MS = 150_000;
/** NetSuite account limit on requests in flight; each of the two workers' credential allows itself half. */
const NETSUITE_ACCOUNT_CONCURRENCY = 10;
/**
 * Executions per worker. The work is CPU-bound on the machine's cores, so more slots than deliveries in flight
 * only lengthen each execution (and a claim must outlive its execution).
 */
const WORKER_CONCURRENCY = 8;
/** Deliveries the sender keeps in flight. */
const IN_FLIGHT = 12;

/**
 * Environment of every n8n process. Successful executions are not saved (the ledger and NetSuite hold the
 * outcome; failed ones are kept), progress is not saved per node, and logs are warnings only: with these, a
 * webhook execution costs the main instance one insert and one delete instead of full execution data.
 */
const THROUGHPUT_ENV: NodeJS.ProcessEnv = {
	EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
	EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'false',
	EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false',
	EXECUTIONS_DATA_PRUNE: 'true',
	N8N_LOG_LEVEL: 'warn',
	DB_POSTGRESDB_POOL_SIZE: '20',
	N8N_METRICS: 'false',
};

interface Entry {
	externalId: string;
	employeeExternalId: string;
	projectExternalId: string;
	date: string;
	hours: string;
	notes: string;
	billable: boolean;
	approvedAt: string;
}

type Outcome = 'posted' | 'skipped' | 'stale' | 'exception';
interface Answer {
	externalId: string;
	approvedAt: string;
	/** undefined: no answer (timed out, connection lost) */
	outcome?: Outcome;
	status?: number;
	retry?: boolean;
	body?: string;
}

/** The firm's approved time, in the webhook's shape; `refused` ones name an employee NetSuite does not have. */
function firmEntries(count: number, random: () => number): { entries: Entry[]; refused: Set<string>; edited: Map<string, Entry> } {
	const employees = ['EMP-0001', 'EMP-0002', 'EMP-0003'];
	const projects = ['SF-006A000101', 'SF-006A000102'];
	const refused = new Set<string>();
	const edited = new Map<string, Entry>();
	const entries = Array.from({ length: count }, (_, i): Entry => {
		const externalId = `QM-TE-${100001 + i}`;
		const roll = random();
		if (roll < 0.01) refused.add(externalId);
		const day = String(5 + (i % 20)).padStart(2, '0');
		const entry: Entry = {
			externalId,
			employeeExternalId: refused.has(externalId) ? 'EMP-9999' : employees[i % employees.length],
			projectExternalId: projects[i % projects.length],
			date: `2026-02-${day}`,
			hours: (1 + (i % 16) / 4).toString(),
			notes: `Queue-mode entry ${i}`,
			billable: i % 7 !== 0,
			approvedAt: `2026-02-${day}T17:00:00Z`,
		};
		// 2 %: approved, changed and approved again; the newer approval is delivered first, the older one last.
		if (!refused.has(externalId) && roll > 0.98) {
			edited.set(externalId, entry);
			return { ...entry, hours: (Number(entry.hours) + 0.25).toString(), approvedAt: `2026-02-${day}T18:30:00Z` };
		}
		return entry;
	});
	return { entries, refused, edited };
}

/** Posts one delivery; an answer is a 200 whose JSON names an outcome, anything else is none. */
async function deliver(url: string, entry: Entry): Promise<Answer> {
	const answer: Answer = { externalId: entry.externalId, approvedAt: entry.approvedAt };
	try {
		const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(entry), signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
		const text = await response.text();
		answer.status = response.status;
		answer.body = text.slice(0, 500);
		const body = JSON.parse(text) as { outcome?: string; retry?: boolean };
		if (response.status === 200 && ['posted', 'skipped', 'stale', 'exception'].includes(String(body.outcome))) {
			answer.outcome = body.outcome as Outcome;
			answer.retry = body.retry === true;
		}
	} catch {
		// no answer: timed out, or the connection was lost
	}
	return answer;
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function inParallel<T>(items: T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, items.length) }, async () => {
			while (next < items.length) {
				const index = next++;
				await task(items[index], index);
			}
		}),
	);
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Worker {
	child: ChildProcess;
	healthPort: number;
	log: () => string;
}

/**
 * Waits until each worker's health endpoint says it is ready: database, Redis, and taking jobs. A worker boots in
 * about 15 s on a quiet machine and took over 5 minutes on a 2-core one at load 20.
 */
async function waitForWorkersReady(workers: Worker[], timeoutMs = 600_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	const ready = async (worker: Worker) => {
		try {
			return (await fetch(`http://127.0.0.1:${worker.healthPort}/healthz/readiness`, { signal: AbortSignal.timeout(2_000) })).ok;
		} catch {
			return false;
		}
	};
	for (;;) {
		if ((await Promise.all(workers.map(ready))).every(Boolean)) return;
		const dead = workers.find((w) => w.child.exitCode !== null);
		if (dead || Date.now() > until) throw new Error(`a worker did not start:\n${workers.map((w) => w.log().slice(-1500)).join('\n---\n')}`);
		await wait(250);
	}
}

/**
 * Forwards the Sync Ledger's requests to the main instance's public API and counts them by method and path shape,
 * so the run reports what each delivery costs the main instance (the credential's Base URL points here).
 */
async function countingRelay(target: string): Promise<{ baseUrl: string; counts: Record<string, number>; total: () => number; stop: () => Promise<void> }> {
	const counts: Record<string, number> = {};
	const upstream = new URL(target);
	const server = createServer((req, res) => {
		const shape = `${req.method} ${(req.url ?? '').split('?')[0].replace(/\/data-tables\/[^/]+/, '/data-tables/:id')}`;
		counts[shape] = (counts[shape] ?? 0) + 1;
		const forward = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		forward.on('error', () => res.destroy());
		req.pipe(forward);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as { port: number };
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		counts,
		total: () => Object.values(counts).reduce((a, b) => a + b, 0),
		stop: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

export interface QueueModeOptions {
	entries?: number;
	duplicateShare?: number;
	inFlight?: number;
	/** Progress lines on stderr. */
	log?: (line: string) => void;
}

export async function queueModeRun(options: QueueModeOptions = {}) {
	const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
	const started = Date.now();
	const seconds = (from: number) => Math.round((Date.now() - from) / 100) / 10;
	await ensurePackages();
	const work = join(ROOT, '.tmp', 'queue-mode');
	rmSync(work, { recursive: true, force: true });
	mkdirSync(join(work, 'n8n', '.n8n', 'nodes'), { recursive: true });
	const stops: Array<() => Promise<void>> = [];
	const workers: ChildProcess[] = [];
	/** Each n8n process's output, written to .tmp/queue-mode/<name>.log at the end. */
	const logs: Array<[string, () => string]> = [];
	// Stopped from outside (a timeout, Ctrl-C): the services and n8n processes go with it.
	const onSignal = () => {
		for (const child of workers) child.kill('SIGKILL');
		void Promise.all(stops.map(async (stop) => await stop().catch(() => undefined))).then(() => process.exit(1));
	};
	process.once('SIGTERM', onSignal);
	process.once('SIGINT', onSignal);
	try {
		const [tarball, binaries] = await Promise.all([packQueueModePackage(), ensureN8n()]);
		const postgresDir = join('/tmp', `p2c-queue-pg-${process.pid}`);
		const postgres = await startPostgres(postgresDir, await freePort());
		stops.push(postgres.stop);
		const redisDir = join('/tmp', `p2c-queue-redis-${process.pid}`);
		const redis = await startRedis(redisDir, await freePort());
		stops.push(redis.stop);
		const netsuite = createNetSuiteSandbox({ concurrencyLimit: NETSUITE_ACCOUNT_CONCURRENCY });
		await netsuite.start(0, '127.0.0.1');
		stops.push(async () => await netsuite.stop());

		const instance = new N8nInstance(binaries, join(work, 'n8n'), { ...n8nDatabaseEnv(postgres.port), ...n8nQueueEnv(redis.port), ...THROUGHPUT_ENV });
		await instance.installPackage(tarball);
		const ledgerCredentialRef = { id: 'p2cQueueLedger1', name: 'n8n API (Sync Ledger)' };
		const netsuiteCredential = { id: 'p2cQueueNetSuite1', name: 'NetSuite sandbox (TBA)', type: 'p2cNetSuiteTbaApi', data: netSuiteSandboxCredentials(netsuite.baseUrl, NETSUITE_ACCOUNT_CONCURRENCY / 2) };
		const shipped = JSON.parse(readFileSync(join(ROOT, 'workflows-templates', TEMPLATE_FILE), 'utf8')) as TemplateWorkflow;
		const workflow = bindTemplate(TEMPLATE_FILE, shipped, { p2cN8nApi: ledgerCredentialRef, p2cNetSuiteTbaApi: { id: netsuiteCredential.id, name: netsuiteCredential.name } });
		const claim = workflow.nodes.find((n) => n.name === 'Check & Claim');
		if (!claim) throw new Error(`${TEMPLATE_FILE} has no Check & Claim node`);
		// The template's claim expiry (120 s; the template is imported unchanged): the sender delivers again what got no
		// answer once the killed worker's claims have expired. It must exceed the slowest execution (claim to Record
		// Result) on a loaded machine, or a slow execution's result is refused after another took its claim.
		const claimExpirySeconds = Number(claim.parameters.claimExpirySeconds ?? 900);
		await instance.importWorkflow(workflow);
		const published = await run(instance.binaries.node, [instance.binaries.n8n, 'publish:workflow', `--id=${workflow.id}`], { env: instance.env, quiet: true, timeoutMs: 180_000 });
		if (published.code !== 0) throw new Error(`publish:workflow failed: ${published.stderr.slice(-1000)}`);
		const startWorker = async (): Promise<Worker> => {
			const healthPort = await freePort();
			const env = { ...instance.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort) };
			const child = spawn(instance.binaries.node, [instance.binaries.n8n, 'worker', `--concurrency=${WORKER_CONCURRENCY}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
			let output = '';
			child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
			child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
			workers.push(child);
			logs.push([`worker-${workers.length}`, () => output]);
			return { child, healthPort, log: () => output };
		};
		// The workers boot while the main instance does (the database is migrated by the imports above).
		const w1 = await startWorker();
		const w2 = await startWorker();
		const server = await startN8nServer(instance, { port: await freePort(), brokerPort: await freePort(), timeoutMs: 300_000 });
		stops.unshift(server.stop);
		logs.push(['main', server.log]);
		const relay = await countingRelay(server.baseUrl);
		stops.push(relay.stop);
		await instance.importCredentials([{ ...ledgerCredential({ baseUrl: relay.baseUrl, apiKey: server.apiKey }, ledgerCredentialRef.id), name: ledgerCredentialRef.name }, netsuiteCredential]);
		await waitForWorkersReady([w1, w2]);
		const setupSeconds = seconds(started);
		log(`queue mode up in ${setupSeconds} s (main ${server.baseUrl}, 2 workers x ${WORKER_CONCURRENCY})`);

		// The deliveries.
		let seed = 7;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const { entries, refused, edited } = firmEntries(options.entries ?? 1600, random);
		const duplicateShare = options.duplicateShare ?? 0.25;
		const groups: Entry[][] = [];
		for (const entry of entries) {
			const roll = random();
			if (roll < duplicateShare / 2) groups.push([entry, entry]);
			else if (roll < duplicateShare) groups.push([entry], [entry]);
			else groups.push([entry]);
		}
		for (let i = groups.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[groups[i], groups[j]] = [groups[j], groups[i]];
		}
		const url = `${server.baseUrl}/webhook/approved-time`;
		const answers: Answer[] = [];
		const send = async (entry: Entry) => {
			answers.push(await deliver(url, entry));
		};
		let killedAt = 0;
		let restart: Promise<unknown> = Promise.resolve();
		const pidIn = (file: string) => Number(readFileSync(file, 'utf8').split('\n')[0]);
		const postmaster = pidIn(join(postgresDir, 'data', 'postmaster.pid'));
		const redisPid = pidIn(join(redisDir, 'redis.pid'));
		const cpu = startCpuMeter((p, ours) => {
			if (p.pid === postmaster || p.ppid === postmaster) return 'postgres';
			if (p.pid === redisPid) return 'redis';
			if (!ours) return undefined;
			if (/\bn8n start\b/.test(p.command)) return 'main';
			if (/\bn8n worker\b/.test(p.command)) return 'workers';
			return 'taskRunners';
		});
		const mainStarted = Date.now();
		await inParallel(groups, options.inFlight ?? IN_FLIGHT, async (group, index) => {
			if (!killedAt && index >= groups.length * 0.4) {
				killedAt = Date.now();
				w1.child.kill('SIGKILL');
				log(`worker 1 killed (SIGKILL) after ${index} of ${groups.length} deliveries were sent`);
				restart = (async () => {
					await wait(3_000);
					await waitForWorkersReady([await startWorker()]);
					log('worker 1 started again');
				})().catch((error: unknown) => error);
			}
			await Promise.all(group.map(send));
		});
		const restarted = await restart;
		const mainSeconds = seconds(mainStarted);
		const cpuSeconds = cpu.stop();
		if (restarted instanceof Error) throw restarted;
		const mainDeliveries = answers.length;
		log(`${mainDeliveries} deliveries in ${mainSeconds} s (${Math.round((mainDeliveries / mainSeconds) * 10) / 10} executions/s)`);

		// A sender delivers again what got no final answer: nothing, or an answer asking to retry later.
		const latest = new Map(entries.map((e) => [e.externalId, e]));
		const finalAnswer = (id: string) => answers.some((a) => a.externalId === id && a.approvedAt === latest.get(id)!.approvedAt && a.outcome !== undefined && !a.retry);
		let redeliveryRounds = 0;
		let redelivered = 0;
		while (redeliveryRounds < 3) {
			const pending = entries.filter((e) => !finalAnswer(e.externalId));
			if (pending.length === 0) break;
			redeliveryRounds++;
			const readyAt = Math.max(killedAt, Date.now() - (redeliveryRounds > 1 ? 0 : claimExpirySeconds * 1000)) + (claimExpirySeconds + 3) * 1000;
			await wait(Math.max(0, readyAt - Date.now()));
			redelivered += pending.length;
			log(`re-delivery round ${redeliveryRounds}: ${pending.length} entries without a final answer`);
			await inParallel(pending, 8, send);
		}
		// The older approvals of the edited entries, after the newer ones were posted: each must be stale.
		const staleAnswers: Answer[] = [];
		await inParallel([...edited.values()], 8, async (entry) => {
			const answer = await deliver(url, entry);
			answers.push(answer);
			staleAnswers.push(answer);
		});

		// What NetSuite, the ledger and the answers say.
		const timeBills = netsuite.store.all('timeBill').filter((r) => String(r.fields.externalId ?? '').startsWith('QM-TE-'));
		const billsByExternalId = new Map<string, typeof timeBills>();
		for (const bill of timeBills) billsByExternalId.set(String(bill.fields.externalId), [...(billsByExternalId.get(String(bill.fields.externalId)) ?? []), bill]);
		const writes = new Map<string, number>();
		for (const request of netsuite.requests) {
			const match = /\/timeBill\/eid:(.+)$/.exec(request.path);
			if (request.method === 'PUT' && match && request.status < 300) writes.set(decodeURIComponent(match[1]), (writes.get(decodeURIComponent(match[1])) ?? 0) + 1);
		}
		// The ledger as the Sync Ledger itself reads it (its own store code over the public API), and its raw rows.
		const ledger = await new LedgerStore(new DataTableStore(fetchContext(server.apiKey), `${server.baseUrl}/api/v1`), 'p2c_', { workflowId: 'check', executionId: '', now: () => new Date() }).snapshot();
		const rawLedger = await new DataTablesApi(server).rows('p2c_ledger');
		const claims = new Map<string, Array<(typeof ledger.ledger)[number]>>();
		for (const row of ledger.ledger) claims.set(String(row.key), [...(claims.get(String(row.key)) ?? []), row]);
		const exceptionRows = ledger.exceptions;
		const keyOf = (entry: Entry) => `netsuite:timeBill:${entry.externalId}@${entry.approvedAt}`;
		const noAnswer = answers.filter((a) => a.outcome === undefined);

		const problems: Record<string, string[]> = {
			notOneTimeBill: [],
			wrongHours: [],
			refusedButPosted: [],
			notFinallyAnswered: [],
			refusedNotException: [],
			olderApprovalNotStale: [],
			claimLeftOpen: [],
			ledgerDisagrees: [],
			refusedNotParked: [],
			writtenAgainWithoutLostDelivery: [],
		};
		for (const entry of entries) {
			const id = entry.externalId;
			const bills = billsByExternalId.get(id) ?? [];
			const rows = claims.get(keyOf(entry)) ?? [];
			if (!finalAnswer(id)) problems.notFinallyAnswered.push(id);
			if (refused.has(id)) {
				if (bills.length > 0) problems.refusedButPosted.push(id);
				if (!answers.some((a) => a.externalId === id && a.outcome === 'exception')) problems.refusedNotException.push(id);
				if (rows.length !== 1 || rows[0].status !== 'failed') problems.ledgerDisagrees.push(`${id}: ${rows.map((r) => r.status).join(',') || 'no claim row'}`);
				if (!exceptionRows.some((r) => r.key === keyOf(entry))) problems.refusedNotParked.push(id);
				continue;
			}
			if (bills.length !== 1) {
				problems.notOneTimeBill.push(`${id}: ${bills.length}`);
				continue;
			}
			if (String(bills[0].fields.hours) !== entry.hours) problems.wrongHours.push(`${id}: ${String(bills[0].fields.hours)} instead of ${entry.hours}`);
			if (rows.length !== 1 || rows[0].status !== 'posted' || String(rows[0].targetId) !== String(bills[0].id)) {
				problems.ledgerDisagrees.push(`${id}: ${rows.map((r) => `${r.status}→${r.targetId}`).join(',') || 'no claim row'} vs time bill ${bills[0].id}`);
			}
			const lost = noAnswer.some((a) => a.externalId === id);
			if ((writes.get(id) ?? 0) > 1 && !lost) problems.writtenAgainWithoutLostDelivery.push(`${id}: ${writes.get(id)} writes`);
		}
		for (const answer of staleAnswers) if (answer.outcome !== 'stale') problems.olderApprovalNotStale.push(`${answer.externalId}: ${answer.outcome ?? 'no answer'} ${answer.body ?? ''}`);
		for (const row of ledger.ledger.filter((r) => !['posted', 'failed'].includes(String(r.status)))) problems.claimLeftOpen.push(`${row.key}: ${row.status}`);
		// A first claim's `settling` row left behind by a claimer killed between insert and confirm: no claim (every
		// reader ignores it after the expiry, the next Check & Claim of the key deletes it), so it may stay only beside
		// the key's decided row, and only the killed worker's executions can have left one.
		const abandoned = rawLedger.filter((r) => r.status === 'settling');
		const decided = new Set(ledger.ledger.filter((r) => ['posted', 'failed'].includes(String(r.status))).map((r) => String(r.key)));
		for (const row of abandoned) if (!decided.has(String(row.key))) problems.claimLeftOpen.push(`${row.key}: settling (row ${row.id}) and no decided row`);
		if (abandoned.length > WORKER_CONCURRENCY) problems.claimLeftOpen.push(`${abandoned.length} settling rows, more than the killed worker ran at once (${WORKER_CONCURRENCY})`);
		const strayBills = timeBills.filter((b) => !latest.has(String(b.fields.externalId)));

		const outcomes: Record<string, number> = {};
		for (const answer of answers) outcomes[answer.outcome ?? 'noAnswer'] = (outcomes[answer.outcome ?? 'noAnswer'] ?? 0) + 1;
		const ok = Object.values(problems).every((list) => list.length === 0) && strayBills.length === 0 && answers.every((a) => a.outcome !== undefined || finalAnswer(a.externalId));
		const summary = {
			entries: entries.length,
			deliveries: answers.length,
			duplicates: groups.flat().length - entries.length,
			concurrentDuplicatePairs: groups.filter((g) => g.length === 2).length,
			refusedByNetSuite: refused.size,
			approvedTwice: edited.size,
			outcomes,
			killedWorkerAfterSeconds: Math.round((killedAt - mainStarted) / 1000),
			redeliveryRounds,
			redelivered,
			timeBills: timeBills.length,
			strayTimeBills: strayBills.length,
			netsuiteWrites: [...writes.values()].reduce((a, b) => a + b, 0),
			netsuiteConcurrency: { limit: NETSUITE_ACCOUNT_CONCURRENCY, maxInFlight: netsuite.maxInFlight, rejections: netsuite.concurrencyRejections },
			ledgerClaimRows: [...claims.values()].flat().length,
			abandonedSettlingRows: abandoned.length,
			exceptionsParked: exceptionRows.length,
			executionsPerSecond: Math.round((mainDeliveries / mainSeconds) * 10) / 10,
			// CPU seconds per part while the first round of deliveries ran (the restarted worker's boot included), and
			// per delivery: what the deployment costs whatever the machine's load.
			cpuSeconds,
			cpuMillisecondsPerDelivery: Object.fromEntries(Object.entries(cpuSeconds).map(([part, s]) => [part, Math.round((s * 1000) / mainDeliveries)])),
			loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
			// What the deliveries cost the main instance's public API (the ledger's requests, through the relay).
			ledgerApiRequests: { total: relay.total(), perDelivery: Math.round((relay.total() / answers.length) * 10) / 10, byShape: relay.counts },
			seconds: { setup: setupSeconds, deliveries: mainSeconds, total: seconds(started) },
			answerExamples: Object.fromEntries(Object.keys(outcomes).map((o) => [o, answers.filter((a) => (a.outcome ?? 'noAnswer') === o).slice(0, 2).map((a) => ({ status: a.status, body: a.body }))])),
			problems: Object.fromEntries(Object.entries(problems).map(([name, list]) => [name, { count: list.length, examples: list.slice(0, 5) }])),
		};
		return { ok, summary };
	} finally {
		for (const [name, text] of logs) writeFileSync(join(work, `${name}.log`), text());
		process.off('SIGTERM', onSignal);
		process.off('SIGINT', onSignal);
		for (const child of workers) child.kill('SIGKILL');
		for (const stop of stops) await stop().catch(() => undefined);
	}
}

if (require.main === module) {
	const entries = Number(process.argv[2] ?? 1600);
	queueModeRun({ entries })
		.then(({ ok, summary }) => {
			console.log(JSON.stringify(summary, null, 2));
			process.exit(ok ? 0 : 1);
		})
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
}
