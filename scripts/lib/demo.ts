/**
 * The main job: vendor sandboxes + a real n8n with this package installed + every template scenario, ending
 * in one JSON summary line. `npm run demo` (fixed sandbox ports), `-- --ci` (free ports, exit code is the
 * verdict), `-- --ui` (afterwards keep n8n's editor open on localhost:5678 with everything imported).
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { startSandboxes } from '../../sandbox';
import type { RunningSandboxes } from '../../sandbox';
import { scenarios } from '../scenarios';
import { CheckList } from './checks';
import { ensureN8n, N8nInstance, packPackage, PACKAGE_NAME, ROOT, run } from './realN8n';
import { sandboxCredentials } from './sandboxes';

export interface ScenarioContext {
	n8n: N8nInstance;
	sandboxes: RunningSandboxes;
	checks: CheckList;
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

export function templates(): Array<{ file: string; workflow: { id: string; name: string } }> {
	const dir = join(ROOT, 'workflows-templates');
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(dir, file), 'utf8')) }));
}

export async function runDemo(options: { ci: boolean; ui: boolean; only?: string[] }): Promise<DemoSummary> {
	options.only ??= process.env.P2C_SCENARIOS ? process.env.P2C_SCENARIOS.split(',') : undefined;
	const started = Date.now();
	const checks = new CheckList();
	const results: Record<string, Record<string, unknown>> = {};
	process.stderr.write('• installing or reusing the real n8n in the cache\n');
	const binaries = await ensureN8n();
	process.stderr.write('• building and packing the package\n');
	const tarball = await packPackage();
	const sandboxes = await startSandboxes(!options.ci);
	process.stderr.write(`• sandboxes: ${sandboxes.all.map((s) => `${s.options.name} ${s.baseUrl}`).join(', ')}\n`);
	const n8n = N8nInstance.fresh(binaries, options.ci ? `n8n-e2e-${process.pid}` : 'n8n-demo');
	let nodesLoaded = 0;
	const declared = declaredNodeTypes();
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
		await n8n.importCredentials(sandboxCredentials(sandboxes));
		for (const { file, workflow } of templates()) {
			await n8n.importWorkflow(workflow);
			process.stderr.write(`• imported template ${file} (${workflow.id})\n`);
		}
		for (const scenario of scenarios) {
			if (options.only && !options.only.includes(scenario.name)) continue;
			process.stderr.write(`• scenario ${scenario.name}\n`);
			try {
				results[scenario.name] = await scenario.run({ n8n, sandboxes, checks });
			} catch (error) {
				checks.check(`${scenario.name} ran`, false, (error as Error).message);
			}
		}
	} catch (error) {
		checks.check('demo set-up', false, (error as Error).message);
	}
	const summary: DemoSummary = {
		ok: checks.ok,
		n8nVersion: binaries.cache.replace(/.*n8n-/, ''),
		nodesDeclared: declared.length,
		nodesLoaded,
		scenarios: results,
		checks: checks.checks,
		seconds: Math.round((Date.now() - started) / 1000),
	};
	if (options.ui) {
		process.stderr.write('• n8n editor on http://localhost:5678 with the templates and sandbox credentials (Ctrl-C stops)\n');
		await run(binaries.node, [binaries.n8n, 'start'], { env: { ...n8n.env, N8N_PORT: '5678' } });
	}
	await sandboxes.stop();
	return summary;
}
