/**
 * The main job: vendor sandboxes + a real n8n with this package installed + every template scenario, ending
 * in one JSON summary line. `npm run demo` (fixed sandbox ports), `-- --ci` (free ports, exit code is the
 * verdict), `-- --ui` (afterwards open n8n's editor on localhost:5678: a clean instance with the templates and
 * the sandbox credentials only, see ./editor.ts; `--editor-only` skips the story).
 */
import { existsSync, readFileSync, rmSync } from 'fs';
import { join } from 'path';

import { startSandboxes } from '../../sandbox';
import type { RunningSandboxes } from '../../sandbox';
import { scenarios } from '../scenarios';
import { CheckList } from './checks';
import { startEditor } from './editor';
import { faultLines, ledgerVerdict, storyLines } from './story';
import type { Incident, LedgerVerdict, ScenarioRun } from './story';
import type { Editor } from './editor';
import { DataTablesApi, freePort, ledgerCredential, startN8nServer } from './n8nServer';
import type { N8nServer } from './n8nServer';
import { cliExitAnomalies, ensureN8n, N8nInstance, packPackage, PACKAGE_NAME, ROOT } from './realN8n';
import { sandboxCredentials } from './sandboxes';
import { onInterrupt } from './shutdown';
import { bindTemplate, shippedTemplates } from './templates';
import type { CredentialReference, TemplateWorkflow } from './templates';

export interface ScenarioContext {
	n8n: N8nInstance;
	sandboxes: RunningSandboxes;
	checks: CheckList;
	/** The running `n8n start` whose public API holds the Sync Ledger's Data Tables. */
	server: N8nServer;
	/** That server's Data Tables, as a user sees them. */
	dataTables: DataTablesApi;
	/** The demo's credential of each type, which its copies of the templates are bound to. */
	credentialsByType: Record<string, CredentialReference>;
}

export interface Scenario {
	name: string;
	/** Counts for the summary (records created, items per output …). */
	run(context: ScenarioContext): Promise<Record<string, unknown>>;
}

export interface DemoSummary {
	ok: boolean;
	n8nVersion: string;
	nodesDeclared: number;
	nodesLoaded: number;
	scenarios: Record<string, Record<string, unknown>>;
	checks: CheckList['checks'];
	/** `n8n execute` processes that printed an error-free execution but exited non-zero (n8n CLI, not the workflow). */
	n8nCliExitAnomalies: typeof cliExitAnomalies;
	/** The month as told (see ./story.ts): a line per step, then the faults met and the ledger's verdict. */
	story: string[];
	faults: { met: Record<string, number>; lost: string[]; doubled: string[]; ledgerKeys: number };
	seconds: number;
}

/** Node type names the package declares, read from the built classes. */
function declaredNodeTypes(): string[] {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
	return pkg.n8n.nodes.map((path) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const module = require(join(ROOT, path)) as Record<string, new () => { description: { name: string } }>;
		const NodeClass = Object.values(module).find((v) => typeof v === 'function')!;
		return `${PACKAGE_NAME}.${new NodeClass().description.name}`;
	});
}

/** The shipped templates as the demo imports them: under their demo ids, bound to the sandbox credentials. */
export function templates(credentialsByType: Record<string, CredentialReference> = {}): Array<{ file: string; workflow: TemplateWorkflow & { id: string } }> {
	return shippedTemplates().map(({ file, workflow }) => ({ file, workflow: bindTemplate(file, workflow, credentialsByType, { bindCredentials: Object.keys(credentialsByType).length > 0 }) }));
}

let packed: Promise<string> | undefined;
/** The package tarball: P2C_TARBALL when the caller packed it already (npm test's browser stage), else packed once per process. */
function packedTarball(): Promise<string> {
	const given = process.env.P2C_TARBALL;
	if (given && existsSync(given)) return Promise.resolve(given);
	packed ??= packPackage();
	return packed;
}

/**
 * `--ui`: the editor on a clean user folder and clean sandboxes (fixed ports, or free ones with --ci), its owner
 * login printed; resolves once it is up. It runs until Ctrl-C / SIGTERM (scripts/lib/shutdown.ts stops it).
 * The port is 5678 unless P2C_EDITOR_PORT says otherwise (0: a free port).
 */
export async function openEditor(options: { ci: boolean }): Promise<Editor> {
	const binaries = await ensureN8n();
	const tarball = await packedTarball();
	const requestedPort = Number(process.env.P2C_EDITOR_PORT ?? 5678);
	const port = requestedPort > 0 ? requestedPort : await freePort();
	// Interrupted while it starts, the n8n processes are ended by the shutdown handlers; the sandboxes die with us.
	const editor = await startEditor({
		binaries,
		tarball,
		fixedSandboxPorts: !options.ci,
		port,
		brokerPort: await freePort(),
		folder: options.ci ? `n8n-editor-${process.pid}` : 'n8n-editor',
	});
	onInterrupt(() => editor.stop());
	process.stderr.write(
		[
			`• n8n editor: ${editor.url.replace('127.0.0.1', 'localhost')} (Ctrl-C stops n8n and the sandboxes)`,
			`  log in as ${editor.owner.email} / ${editor.owner.password}`,
			`  ${editor.templates.length} templates, credentials bound to the sandboxes: ${editor.sandboxes.all.map((s) => `${s.options.name} ${s.baseUrl}`).join(', ')}`,
			'',
		].join('\n'),
	);
	return editor;
}

export async function runDemo(options: { ci: boolean; only?: string[] }): Promise<DemoSummary> {
	options.only ??= process.env.P2C_SCENARIOS ? process.env.P2C_SCENARIOS.split(',') : undefined;
	const started = Date.now();
	const checks = new CheckList();
	const results: Record<string, Record<string, unknown>> = {};
	const runs: ScenarioRun[] = [];
	let verdict: LedgerVerdict = { tables: 0, keys: 0, posted: 0, lost: [], doubled: [] };
	process.stderr.write('• installing or reusing the real n8n in the cache\n');
	const binaries = await ensureN8n();
	process.stderr.write('• building and packing the package\n');
	const tarball = await packedTarball();
	const sandboxes = await startSandboxes(!options.ci);
	const forgetSandboxes = onInterrupt(() => sandboxes.stop());
	process.stderr.write(`• sandboxes: ${sandboxes.all.map((s) => `${s.options.name} ${s.baseUrl}`).join(', ')}\n`);
	const n8n = N8nInstance.fresh(binaries, options.ci ? `n8n-e2e-${process.pid}` : 'n8n-demo');
	let nodesLoaded = 0;
	const declared = declaredNodeTypes();
	let server: N8nServer | undefined;
	// A demo interrupted from outside still stops its server (a normal end or a failure goes through `finally`).
	const forgetServer = onInterrupt(async () => server?.stop());
	try {
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
		const notBuilt = [...pkg.n8n.nodes, ...pkg.n8n.credentials].filter((path) => !existsSync(join(ROOT, path)));
		checks.check('npm run build puts every declared node and credential into dist', notBuilt.length === 0, { notBuilt });
		await n8n.installPackage(tarball);
		process.stderr.write('• n8n: listing loaded node types\n');
		const loaded = new Set(await n8n.loadedNodeTypes());
		const missing = declared.filter((type) => !loaded.has(type));
		nodesLoaded = declared.length - missing.length;
		checks.check(`every declared node loads in n8n as ${PACKAGE_NAME}.<name>`, missing.length === 0, { missing });
		// The Sync Ledger keeps its tables in n8n's Data Tables through n8n's public API: a real `n8n start` runs
		// meanwhile, and the `n8n execute` processes of the scenarios reach it with the p2cN8nApi credential.
		process.stderr.write('• n8n: starting the server for the Sync Ledger (public API, Data Tables)\n');
		server = await startN8nServer(n8n, { port: await freePort(), brokerPort: await freePort(), apiKeyLabel: 'sync-ledger-demo' });
		const dataTables = new DataTablesApi(server);
		const demoCredentials = [...sandboxCredentials(sandboxes), ledgerCredential(server)] as Array<{ id: string; name: string; type: string }>;
		await n8n.importCredentials(demoCredentials);
		const credentialsByType = Object.fromEntries(demoCredentials.map(({ id, name, type }) => [type, { id, name }]));
		for (const { file, workflow } of templates(credentialsByType)) {
			await n8n.importWorkflow(workflow);
			process.stderr.write(`• imported template ${file} (${workflow.id})\n`);
		}
		for (const scenario of scenarios) {
			if (options.only && !options.only.includes(scenario.name)) continue;
			process.stderr.write(`• scenario ${scenario.name}\n`);
			const firstCheck = checks.checks.length;
			for (const sandbox of sandboxes.all) sandbox.incidentLabel = scenario.name;
			try {
				results[scenario.name] = await scenario.run({ n8n, sandboxes, checks, server, dataTables, credentialsByType });
			} catch (error) {
				checks.check(`${scenario.name} ran`, false, (error as Error).message);
			}
			runs.push({ name: scenario.name, result: results[scenario.name], checks: checks.checks.slice(firstCheck) });
		}
		// The month's end: every ledger the templates kept, read as a user would in the Data Tables.
		const ledgers = (await dataTables.tables()).filter((table) => table.name.endsWith('ledger'));
		verdict = ledgerVerdict(await Promise.all(ledgers.map(async (table) => (await dataTables.rows(table.name)) as Array<Record<string, unknown>>)));
		checks.check('after the month no ledger key is posted to two different target records (nothing doubled)', verdict.doubled.length === 0, verdict.doubled.slice(0, 20));
		checks.check('after the month no ledger key is left claimed without a result (nothing lost)', verdict.lost.length === 0, verdict.lost.slice(0, 20));
	} catch (error) {
		checks.check('demo set-up', false, (error as Error).message);
	} finally {
		// Never leave the server running, whatever happened above (the --ui editor starts its own).
		await server?.stop();
		forgetServer();
	}
	const incidents: Incident[] = sandboxes.all.flatMap((sandbox) => sandbox.incidents.map((incident) => ({ sandbox: sandbox.options.name, kind: incident.kind, label: incident.label })));
	const met: Record<string, number> = {};
	for (const incident of incidents) met[incident.kind] = (met[incident.kind] ?? 0) + 1;
	const summary: DemoSummary = {
		ok: checks.ok,
		n8nVersion: binaries.cache.replace(/.*n8n-/, ''),
		nodesDeclared: declared.length,
		nodesLoaded,
		scenarios: results,
		checks: checks.checks,
		n8nCliExitAnomalies: cliExitAnomalies,
		story: [...storyLines(runs), ...faultLines(incidents, verdict)],
		faults: { met, lost: verdict.lost, doubled: verdict.doubled, ledgerKeys: verdict.keys },
		seconds: Math.round((Date.now() - started) / 1000),
	};
	await sandboxes.stop();
	forgetSandboxes();
	// A CI run's n8n folder (~80 MB) is of no use afterwards; the demo's stays for `--ui` and inspection.
	if (options.ci) rmSync(n8n.userFolder, { recursive: true, force: true });
	return summary;
}
