/**
 * n8n 2.40.7 in queue mode on one machine: Postgres and Redis (services.ts), one main instance (webhooks, API) and
 * two workers sharing the encryption key and the user folder with the package installed, a webhook-triggered
 * posting flow (Check & Claim → PUT to an ERP → Record Result) published, deliveries fired at it.
 * `npx tsx scripts/queue-mode/workers.ts` — by hand, not part of `npm test` yet: its last run (400 entries, 529
 * deliveries, a worker killed and restarted) put every entry in the ERP exactly once, but a delivery the ledger
 * skipped is answered non-200 (the flow ends without an item) and is counted as undelivered, and one entry posted
 * just before the kill stayed `claimed` in the ledger; see the README's known gaps.
 */
import { spawn } from 'child_process';
import type { ChildProcess } from 'child_process';
import { randomUUID } from 'crypto';
import { mkdirSync, rmSync } from 'fs';
import { join } from 'path';

import { DataTablesApi, freePort, ledgerCredential, startN8nServer } from '../lib/n8nServer';
import { ensureN8n, N8nInstance, ROOT, run } from '../lib/realN8n';
import { createErpSandbox } from '../../test/governance/fixtures';
import { packGovernance } from '../../test/governance/real-n8n-probe';
import { ensurePackages, n8nDatabaseEnv, n8nQueueEnv, startPostgres, startRedis } from './services';

const P = 'n8n-nodes-planning-to-cash';
/** Short, so a delivery whose worker was killed after its claim can be delivered again within the run. */
const CLAIM_EXPIRY_SECONDS = 20;
const CRED = { p2cN8nApi: { id: 'p2cN8nLedgerApi1', name: 'n8n API (Sync Ledger)' } };

function webhookPostingWorkflow(id: string, erpUrl: string) {
	const ledger = { resource: 'ledger', tablePrefix: 'p2c_' };
	return {
		id,
		name: 'Queue-mode webhook posting',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: randomUUID(), parameters: { httpMethod: 'POST', path: 'approved-time', responseMode: 'lastNode', options: {} } },
			{ id: randomUUID(), name: 'Claim', type: `${P}.syncLedger`, typeVersion: 1, position: [200, 0], credentials: CRED, parameters: { ...ledger, operation: 'checkAndClaim', store: 'dataTable', idempotencyKey: '={{ $json.body.externalId }}', claimExpirySeconds: CLAIM_EXPIRY_SECONDS } },
			{
				id: randomUUID(),
				name: 'Post',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [400, 0],
				onError: 'continueRegularOutput',
				parameters: { method: 'PUT', url: `=${erpUrl}/records/{{ $('Webhook').item.json.body.externalId }}`, sendHeaders: true, headerParameters: { parameters: [{ name: 'Authorization', value: 'Bearer erp-token' }] }, sendBody: true, specifyBody: 'json', jsonBody: "={{ JSON.stringify({ hours: $('Webhook').item.json.body.hours, projectCode: 'P-1' }) }}", options: {} },
			},
			{ id: randomUUID(), name: 'Record', type: `${P}.syncLedger`, typeVersion: 1, position: [600, 0], credentials: CRED, parameters: { ...ledger, operation: 'recordResult', store: 'dataTable', idempotencyKey: "={{ $('Claim').item.json.ledger.key }}", claimToken: "={{ $('Claim').item.json.ledger.claimToken }}", targetSystem: 'erp', targetId: '={{ $json.id }}', errorMessage: '={{ $json.error ? JSON.stringify($json.error) : "" }}', retryable: false } },
		],
		connections: {
			Webhook: { main: [[{ node: 'Claim', type: 'main', index: 0 }]] },
			Claim: { main: [[{ node: 'Post', type: 'main', index: 0 }], [], []] },
			Post: { main: [[{ node: 'Record', type: 'main', index: 0 }]] },
		},
	};
}


/** Waits until each worker has printed that it is ready (or gives up after two minutes). */
async function waitForWorkers(workers: Array<{ log: () => string }>): Promise<void> {
	const until = Date.now() + 120_000;
	while (workers.some((w) => !w.log().includes('n8n worker is now ready'))) {
		if (Date.now() > until) throw new Error(`a worker did not start:\n${workers.map((w) => w.log().slice(-1500)).join('\n---\n')}`);
		await new Promise((r) => setTimeout(r, 500));
	}
}

type Outcome = 'posted' | 'skipped' | 'stale' | 'exception' | 'undelivered';

/** What one delivery's response says happened (the webhook answers with the last node's item). */
function outcomeOf(status: number, body: any): Outcome | 'unclassified' {
	if (status !== 200) return 'undelivered';
	if (body?.ledger?.status === 'posted' && body?.ledger?.recorded) return 'posted';
	const outcome = body?.ledger?.outcome;
	if (outcome === 'alreadyDone' || outcome === 'inProgressElsewhere') return 'skipped';
	if (outcome === 'stale') return 'stale';
	if (body?.ledger?.status === 'failed' || body?.error) return 'exception';
	return 'unclassified';
}

/**
 * Fires `entries` approved time entries at the webhook, a share of them twice (half of those at the same moment,
 * so they may run on different workers), `inFlight` at a time; calls `midRun` once 40% are sent. Deliveries the
 * deployment did not answer (the killed worker's) are sent again after the claim expiry, as a webhook sender
 * retries, until every entry has been answered as posted or skipped (three rounds at most).
 */
async function deliver(url: string, options: { entries?: number; duplicateShare?: number; inFlight?: number }, midRun: () => Promise<void>) {
	const entryCount = options.entries ?? 400;
	const entries = Array.from({ length: entryCount }, (_, i) => `TE-${100001 + i}`);
	let seed = 7;
	const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
	const deliveries: Array<string[]> = [];
	for (const id of entries) {
		const roll = random();
		if (roll < (options.duplicateShare ?? 0.3) / 2) deliveries.push([id, id]);
		else if (roll < (options.duplicateShare ?? 0.3)) deliveries.push([id], [id]);
		else deliveries.push([id]);
	}
	for (let i = deliveries.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
	}
	const outcomes: Record<string, number> = {};
	const answered = new Set<string>();
	const send = async (id: string): Promise<void> => {
		let outcome: Outcome | 'unclassified';
		try {
			const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ externalId: id, hours: '7.5' }), signal: AbortSignal.timeout(90_000) });
			const text = await response.text();
			let body: unknown;
			try {
				body = JSON.parse(text);
			} catch {
				body = undefined;
			}
			outcome = outcomeOf(response.status, body);
		} catch {
			outcome = 'undelivered';
		}
		outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
		if (outcome === 'posted' || outcome === 'skipped') answered.add(id);
	};
	const started = Date.now();
	let next = 0;
	let killed = false;
	const total = deliveries.length;
	await Promise.all(
		Array.from({ length: options.inFlight ?? 16 }, async () => {
			while (next < total) {
				const group = deliveries[next++];
				if (!killed && next >= total * 0.4) {
					killed = true;
					void midRun();
				}
				await Promise.all(group.map(send));
			}
		}),
	);
	let retryRounds = 0;
	for (; retryRounds < 3 && entries.some((id) => !answered.has(id)); retryRounds++) {
		await new Promise((r) => setTimeout(r, (CLAIM_EXPIRY_SECONDS + 2) * 1000));
		const retry = entries.filter((id) => !answered.has(id));
		let k = 0;
		await Promise.all(Array.from({ length: 8 }, async () => {
			while (k < retry.length) await send(retry[k++]);
		}));
	}
	return {
		entries,
		summary: { entries: entryCount, deliveries: deliveries.flat().length, concurrentDuplicatePairs: deliveries.filter((d) => d.length === 2).length, outcomes, unclassified: outcomes.unclassified ?? 0, retryRounds, seconds: (Date.now() - started) / 1000 },
	};
}

export async function queueModeRun(options: { entries?: number; duplicateShare?: number; inFlight?: number } = {}) {
	await ensurePackages();
	const work = join(ROOT, '.tmp', 'queue-mode');
	rmSync(work, { recursive: true, force: true });
	mkdirSync(join(work, 'n8n', '.n8n', 'nodes'), { recursive: true });
	const stops: Array<() => Promise<void>> = [];
	const workers: ChildProcess[] = [];
	try {
		const postgres = await startPostgres(join('/tmp', `p2c-queue-pg-${process.pid}`), await freePort());
		stops.push(postgres.stop);
		const redis = await startRedis(join('/tmp', `p2c-queue-redis-${process.pid}`), await freePort());
		stops.push(redis.stop);
		const erp = createErpSandbox();
		await erp.start(0, '127.0.0.1');
		stops.push(async () => await erp.stop());
		const instance = new N8nInstance(await ensureN8n(), join(work, 'n8n'), { ...n8nDatabaseEnv(postgres.port), ...n8nQueueEnv(redis.port) });
		await instance.installPackage(await packGovernance());
		const workflow = webhookPostingWorkflow('queueWebhookPost1', erp.baseUrl);
		await instance.importWorkflow(workflow);
		const published = await run(instance.binaries.node, [instance.binaries.n8n, 'publish:workflow', `--id=${workflow.id}`], { env: instance.env, quiet: true, timeoutMs: 180_000 });
		if (published.code !== 0) throw new Error(`publish:workflow failed: ${published.stderr.slice(-1000)}`);
		const server = await startN8nServer(instance, { port: await freePort(), brokerPort: await freePort() });
		stops.unshift(server.stop);
		await instance.importCredentials([ledgerCredential(server)]);
		const startWorker = async () => {
			const env = { ...instance.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), QUEUE_HEALTH_CHECK_PORT: String(await freePort()) };
			const child = spawn(instance.binaries.node, [instance.binaries.n8n, 'worker', '--concurrency=10'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
			let log = '';
			child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
			child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
			workers.push(child);
			return { child, log: () => log };
		};
		const w1 = await startWorker();
		const w2 = await startWorker();
		await waitForWorkers([w1, w2]);
		const report = await deliver(`${server.baseUrl}/webhook/approved-time`, options, async () => {
			// Mid-run: one worker killed without warning, started again a few seconds later.
			w1.child.kill('SIGKILL');
			await new Promise((r) => setTimeout(r, 3_000));
			const again = await startWorker();
			await waitForWorkers([again]);
		});
		const records = erp.records();
		const ledgerRows = (await new DataTablesApi(server).rows('p2c_ledger')).filter((row) => row.kind === 'claim');
		const byKey = new Map(ledgerRows.map((row) => [String(row.key), row]));
		const missing = report.entries.filter((id) => !records.some((r) => r.externalId === id));
		const written = records.filter((r) => r.writes !== 1).map((r) => ({ externalId: r.externalId, writes: r.writes }));
		const ledgerDisagrees = records.filter((r) => byKey.get(r.externalId)?.status !== 'posted' || byKey.get(r.externalId)?.targetId !== r.id).map((r) => r.externalId);
		const summary = { ...report.summary, erpRecords: records.length, missing: missing.length, postedMoreThanOnce: written.length, ledgerRows: ledgerRows.length, ledgerDisagrees: ledgerDisagrees.length, examples: { missing: missing.slice(0, 5), written: written.slice(0, 5), ledgerDisagrees: ledgerDisagrees.slice(0, 5) } };
		const ok = missing.length === 0 && written.length === 0 && ledgerDisagrees.length === 0 && records.length === report.entries.length && report.summary.unclassified === 0;
		return { ok, summary };
	} finally {
		for (const child of workers) child.kill('SIGKILL');
		for (const stop of stops) await stop().catch(() => undefined);
	}
}

if (require.main === module) {
	queueModeRun()
		.then(({ ok, summary }) => {
			console.log(JSON.stringify(summary, null, 2));
			process.exit(ok ? 0 : 1);
		})
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
}
