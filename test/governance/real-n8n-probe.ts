/**
 * Runs the Sync Ledger in a real n8n 2.40.7 (not a jest test: `npx tsx test/governance/real-n8n-probe.ts`).
 * Packs only the governance nodes into a throwaway package named like ours, starts `n8n start` with
 * scripts/lib/n8nServer.ts, imports the ledger credential and workflows with the CLI while the server runs,
 * executes them with `n8n execute --id` (separate processes on the same user folder) and reads the ledger's
 * Data Tables back through the server's public API. Prints a JSON report; stops everything it started.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';

import { createErpSandbox } from './fixtures';
import { ledgerCredential, startN8nServer } from '../../scripts/lib/n8nServer';
import { ensureN8n, N8nInstance, nodeOutput, ROOT, run } from '../../scripts/lib/realN8n';

const PKG = join(ROOT, '.tmp', 'gov-pkg');

export async function packGovernance(): Promise<string> {
	rmSync(PKG, { recursive: true, force: true });
	mkdirSync(PKG, { recursive: true });
	const tsconfig = {
		extends: join(ROOT, 'tsconfig.json'),
		compilerOptions: { rootDir: ROOT, outDir: join(PKG, 'dist'), declaration: false, sourceMap: false },
		include: [],
		files: [
			join(ROOT, 'credentials/P2cN8nApi.credentials.ts'),
			join(ROOT, 'nodes/SyncLedger/SyncLedger.node.ts'),
			join(ROOT, 'nodes/Reconcile/Reconcile.node.ts'),
		],
	};
	writeFileSync(join(PKG, 'tsconfig.json'), JSON.stringify(tsconfig));
	const tsc = await run('npx', ['tsc', '-p', join(PKG, 'tsconfig.json')], { quiet: true });
	if (tsc.code !== 0) throw new Error(`tsc: ${tsc.stdout}${tsc.stderr}`);
	for (const [from, to] of [
		['nodes/SyncLedger', 'dist/nodes/SyncLedger'],
		['nodes/Reconcile', 'dist/nodes/Reconcile'],
		['credentials/p2cN8nApi.svg', 'dist/credentials/p2cN8nApi.svg'],
	]) {
		cpSync(join(ROOT, from), join(PKG, to), { recursive: true, filter: (f) => !f.endsWith('.ts') });
	}
	writeFileSync(
		join(PKG, 'package.json'),
		JSON.stringify({
			name: 'n8n-nodes-planning-to-cash',
			version: '0.0.0-governance-probe',
			main: 'index.js',
			files: ['dist'],
			n8n: {
				n8nNodesApiVersion: 1,
				nodes: ['dist/nodes/SyncLedger/SyncLedger.node.js', 'dist/nodes/Reconcile/Reconcile.node.js'],
				credentials: ['dist/credentials/P2cN8nApi.credentials.js'],
			},
			peerDependencies: { 'n8n-workflow': '*' },
		}),
	);
	const packed = await run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', PKG], { cwd: PKG, quiet: true });
	if (packed.code !== 0) throw new Error(packed.stderr);
	return join(PKG, packed.stdout.trim().split('\n').pop()!);
}

const P = 'n8n-nodes-planning-to-cash';
const CRED = { p2cN8nApi: { id: 'p2cN8nLedgerApi1', name: 'n8n API (Sync Ledger)' } };

function postingWorkflow(id: string, erpUrl: string, items: object[]) {
	const ledger = { resource: 'ledger', tablePrefix: 'p2c_' };
	return {
		id,
		name: `Sync Ledger probe ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'a', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'b', name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0], parameters: { jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));` } },
			{ id: 'c', name: 'Claim', type: `${P}.syncLedger`, typeVersion: 1, position: [400, 0], credentials: CRED, parameters: { ...ledger, operation: 'checkAndClaim', store: 'dataTable', idempotencyKey: '={{ $json.idempotencyKey }}' } },
			{
				id: 'd',
				name: 'Post',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [600, 0],
				onError: 'continueRegularOutput',
				parameters: { method: 'PUT', url: `=${erpUrl}/records/{{ $json.externalId }}`, sendHeaders: true, headerParameters: { parameters: [{ name: 'Authorization', value: 'Bearer erp-token' }] }, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify({ hours: $json.hours, projectCode: $json.projectCode }) }}', options: {} },
			},
			{
				id: 'e',
				name: 'Record',
				type: `${P}.syncLedger`,
				typeVersion: 1,
				position: [800, 0],
				credentials: CRED,
				parameters: { ...ledger, operation: 'recordResult', store: 'dataTable', idempotencyKey: "={{ $('Claim').item.json.ledger.key }}", claimToken: "={{ $('Claim').item.json.ledger.claimToken }}", targetSystem: 'erp', targetId: '={{ $json.id }}', errorMessage: '={{ $json.error ? JSON.stringify($json.error) : "" }}', retryable: false },
			},
			{ id: 'f', name: 'Park', type: `${P}.syncLedger`, typeVersion: 1, position: [1000, 100], credentials: CRED, parameters: { resource: 'exception', operation: 'add', tablePrefix: 'p2c_', idempotencyKey: '={{ $json.ledger.key }}', reason: '={{ $json.reason }}', domain: 'finance', payload: "={{ $('Claim').item.json }}" } },
		],
		connections: {
			Manual: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Claim', type: 'main', index: 0 }]] },
			Claim: { main: [[{ node: 'Post', type: 'main', index: 0 }], [], []] },
			Post: { main: [[{ node: 'Record', type: 'main', index: 0 }]] },
			Record: { main: [[], [{ node: 'Park', type: 'main', index: 0 }]] },
		},
	};
}

/** The same flow on n8n's deduplication store (no credential, no Data Tables). */
function dedupeWorkflow(id: string, erpUrl: string, items: object[]) {
	const workflow = postingWorkflow(id, erpUrl, items) as any;
	workflow.name = `Sync Ledger dedupe probe ${id}`;
	workflow.nodes = workflow.nodes
		.filter((n: any) => n.name !== 'Park')
		.map((n: any) => {
			if (n.name !== 'Claim' && n.name !== 'Record') return n;
			const { credentials: _credentials, ...rest } = n;
			return { ...rest, parameters: { ...n.parameters, store: 'deduplication' } };
		});
	workflow.connections.Record = { main: [[], []] };
	return workflow;
}

function executionTimes(execution: any, node: string): number[] {
	return (execution?.data?.resultData?.runData?.[node] ?? []).map((run: { executionTime: number }) => run.executionTime);
}

function replayWorkflow(id: string, erpUrl: string) {
	const posting = postingWorkflow('x', erpUrl, []);
	const keep = posting.nodes.filter((n) => ['Claim', 'Post', 'Record'].includes(n.name));
	return {
		id,
		name: `Sync Ledger replay ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'a', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'g', name: 'Open', type: `${P}.syncLedger`, typeVersion: 1, position: [200, 0], credentials: CRED, parameters: { resource: 'exception', operation: 'list', status: 'open', domain: 'all', limit: 50, tablePrefix: 'p2c_' } },
			{ id: 'h', name: 'Replay', type: `${P}.syncLedger`, typeVersion: 1, position: [300, 0], credentials: CRED, parameters: { resource: 'exception', operation: 'replay', exceptionId: '={{ $json.id }}', tablePrefix: 'p2c_' } },
			...keep,
			{ id: 'i', name: 'Resolve', type: `${P}.syncLedger`, typeVersion: 1, position: [1000, 0], credentials: CRED, parameters: { resource: 'exception', operation: 'resolve', exceptionId: "={{ $('Replay').item.json.replay.exceptionId }}", resolution: 'replayed after edit', tablePrefix: 'p2c_' } },
		],
		connections: {
			Manual: { main: [[{ node: 'Open', type: 'main', index: 0 }]] },
			Open: { main: [[{ node: 'Replay', type: 'main', index: 0 }]] },
			Replay: { main: [[{ node: 'Claim', type: 'main', index: 0 }], []] },
			Claim: { main: [[{ node: 'Post', type: 'main', index: 0 }], [], []] },
			Post: { main: [[{ node: 'Record', type: 'main', index: 0 }]] },
			Record: { main: [[{ node: 'Resolve', type: 'main', index: 0 }], []] },
		},
	};
}

async function main() {
	const report: Record<string, unknown> = {};
	const binaries = await ensureN8n();
	const tarball = await packGovernance();
	const instance = N8nInstance.fresh(binaries, 'gov-e2e');
	await instance.installPackage(tarball);
	const erp = createErpSandbox();
	await erp.start();
	const server = await startN8nServer(instance, { port: 5792 });
	const api = async (path: string, init: RequestInit = {}) => {
		const response = await fetch(`${server.baseUrl}/api/v1${path}`, { ...init, headers: { 'X-N8N-API-KEY': server.apiKey, 'Content-Type': 'application/json', ...(init.headers ?? {}) } });
		return { status: response.status, body: (await response.json().catch(() => null)) as any };
	};
	const tableRows = async (name: string) => {
		const tables = await api(`/data-tables?filter=${encodeURIComponent(JSON.stringify({ name }))}`);
		const table = tables.body?.data?.[0];
		if (!table) return { id: undefined, rows: [] as any[] };
		return { id: table.id as string, rows: ((await api(`/data-tables/${table.id}/rows?limit=250`)).body?.data ?? []) as any[] };
	};
	try {
		const t0 = Date.now();
		await instance.importCredentials([ledgerCredential(server)]);
		const items = [0, 1, 2].map((i) => ({ idempotencyKey: `erp:timebill:TE-${i}`, externalId: `TE-${i}`, hours: 8, projectCode: i === 2 ? '' : 'P-100' }));
		await instance.importWorkflow(postingWorkflow('govPost01', erp.baseUrl, items));
		await instance.importWorkflow(replayWorkflow('govReplay01', erp.baseUrl));
		report.importWhileServerUpMs = Date.now() - t0;

		const firstStarted = Date.now();
		const first = await instance.execute('govPost01');
		report.firstExecuteMs = Date.now() - firstStarted;
		report.firstExecute = {
			ok: first.ok,
			error: first.data?.data.resultData.error?.message,
			claimNew: nodeOutput(first.data, 'Claim', 0).length,
			posted: nodeOutput(first.data, 'Record', 0).length,
			failed: nodeOutput(first.data, 'Record', 1).length,
			parked: nodeOutput(first.data, 'Park', 0).length,
			tail: first.ok ? undefined : first.output.slice(-1500),
		};
		const second = await instance.execute('govPost01');
		report.secondExecute = { ok: second.ok, alreadyDone: nodeOutput(second.data, 'Claim', 1).length, inProgressOrParked: nodeOutput(second.data, 'Claim', 2).length, claimNew: nodeOutput(second.data, 'Claim', 0).length };

		const ledger = await tableRows('p2c_ledger');
		const exceptions = await tableRows('p2c_exceptions');
		const audit = await tableRows('p2c_audit');
		report.tablesVisibleThroughServer = {
			ledger: ledger.rows.map((r) => ({ key: r.key, status: r.status, targetId: r.targetId })),
			exceptions: exceptions.rows.map((r) => ({ id: r.id, key: r.key, status: r.status, owner: r.owner })),
			auditActions: audit.rows.map((r) => r.action),
			apiKeyInTables: JSON.stringify([ledger, exceptions, audit]).includes(server.apiKey),
		};
		// A finance user edits the parked payload (what the Data Table UI does, here through the same API).
		const parked = exceptions.rows[0];
		if (parked) {
			const payload = JSON.parse(parked.payload);
			const edited = await api(`/data-tables/${exceptions.id}/rows/update`, {
				method: 'PATCH',
				body: JSON.stringify({ filter: { type: 'and', filters: [{ columnName: 'id', condition: 'eq', value: parked.id }] }, data: { payload: JSON.stringify({ ...payload, projectCode: 'P-200' }) } }),
			});
			report.editStatus = edited.status;
		}
		const replay = await instance.execute('govReplay01');
		report.replayExecute = { ok: replay.ok, error: replay.data?.data.resultData.error?.message, replayed: nodeOutput(replay.data, 'Replay', 0).length, posted: nodeOutput(replay.data, 'Record', 0).length, resolved: nodeOutput(replay.data, 'Resolve', 0).map((j) => j.exception) };
		const replayAgain = await instance.execute('govReplay01');
		report.secondReplay = { ok: replayAgain.ok, replayed: nodeOutput(replayAgain.data, 'Replay', 0).length };
		report.erp = erp.records().map((r) => ({ externalId: r.externalId, writes: r.writes, projectCode: r.body.projectCode }));
		report.erpPuts = erp.requests.filter((r) => r.method === 'PUT').length;
		report.ledgerAfterReplay = (await tableRows('p2c_ledger')).rows.map((r) => ({ key: r.key, status: r.status, attempts: r.attempts }));

		// Two `n8n execute` processes at once over the same batch (both against the running server's API).
		const fresh = [3, 4, 5, 6].map((i) => ({ idempotencyKey: `erp:timebill:TE-${i}`, externalId: `TE-${i}`, hours: 1, projectCode: 'P' }));
		await instance.importWorkflow(postingWorkflow('govPost02', erp.baseUrl, fresh));
		const putsBefore = erp.requests.filter((r) => r.method === 'PUT').length;
		// Each `n8n execute` starts a task broker; concurrent ones need their own ports.
		const twin = new N8nInstance(binaries, instance.userFolder, { N8N_RUNNERS_BROKER_PORT: String(17000 + (process.pid % 1000)) });
		const started = Date.now();
		const [a, b] = await Promise.all([instance.execute('govPost02'), twin.execute('govPost02')]);
		report.concurrentExecutesMs = Date.now() - started;
		report.concurrentExecutes = {
			ok: [a.ok, b.ok],
			errors: [a.data?.data.resultData.error?.message, b.data?.data.resultData.error?.message, a.ok ? undefined : a.output.slice(-800), b.ok ? undefined : b.output.slice(-800)],
			posted: [nodeOutput(a.data, 'Record', 0).length, nodeOutput(b.data, 'Record', 0).length],
			skipped: [nodeOutput(a.data, 'Claim', 2).length + nodeOutput(a.data, 'Claim', 1).length, nodeOutput(b.data, 'Claim', 2).length + nodeOutput(b.data, 'Claim', 1).length],
			erpPuts: erp.requests.filter((r) => r.method === 'PUT').length - putsBefore,
		};

		// n8n's deduplication store as the zero-setup fallback.
		const dedupeItems = [7, 8].map((i) => ({ idempotencyKey: `erp:timebill:TE-${i}`, externalId: `TE-${i}`, hours: 1, projectCode: 'P' }));
		await instance.importWorkflow(dedupeWorkflow('govDedupe01', erp.baseUrl, dedupeItems));
		const d1 = await instance.execute('govDedupe01');
		const d2 = await instance.execute('govDedupe01');
		report.dedupeStore = {
			ok: [d1.ok, d2.ok],
			error: d1.ok ? undefined : d1.output.slice(-1200),
			first: { new: nodeOutput(d1.data, 'Claim', 0).length, posted: nodeOutput(d1.data, 'Record', 0).length },
			second: { new: nodeOutput(d2.data, 'Claim', 0).length, alreadyDone: nodeOutput(d2.data, 'Claim', 1).length },
		};

		// Cost of the Data Table ledger: a batch of 50 new keys, then the same batch again (all already done).
		const batch = Array.from({ length: 50 }, (_, i) => ({ idempotencyKey: `erp:timebill:B-${i}`, externalId: `B-${i}`, hours: 1, projectCode: 'P' }));
		await instance.importWorkflow(postingWorkflow('govBatch50', erp.baseUrl, batch));
		const b1 = await instance.execute('govBatch50');
		const b2 = await instance.execute('govBatch50');
		report.batch50 = {
			ok: [b1.ok, b2.ok],
			firstRun: { claimMs: executionTimes(b1.data, 'Claim'), recordMs: executionTimes(b1.data, 'Record'), postMs: executionTimes(b1.data, 'Post'), posted: nodeOutput(b1.data, 'Record', 0).length },
			secondRun: { claimMs: executionTimes(b2.data, 'Claim'), alreadyDone: nodeOutput(b2.data, 'Claim', 1).length },
		};
	} finally {
		await server.stop();
		await erp.stop();
	}
	process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${(error as Error).stack}\n`);
		process.exit(1);
	});
}
