/**
 * The package as the queue-mode deployment installs it: the nodes its posting template uses (Sync Ledger and
 * NetSuite) with their credentials, compiled from this checkout into a private folder and packed with npm, so
 * the test neither waits for nor collides with a full `npm run build` of `dist/` (other jobs may be building it).
 * Same package name and node type names as the published package.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';

import { ROOT, run } from '../lib/realN8n';

const NODES = ['SyncLedger', 'NetSuite'];
const CREDENTIALS = ['P2cN8nApi', 'P2cNetSuiteTbaApi', 'P2cNetSuiteOAuth2Api'];
const CREDENTIAL_ICONS = ['p2cN8nApi.svg', 'p2cNetSuite.svg'];

/** `source`: the checkout to compile (default this one; another worktree to test a given commit). */
export async function packQueueModePackage(source = process.env.P2C_QUEUE_SOURCE || ROOT): Promise<string> {
	const out = join(ROOT, '.tmp', 'queue-mode-pkg');
	rmSync(out, { recursive: true, force: true });
	mkdirSync(out, { recursive: true });
	const tsconfig = {
		extends: join(source, 'tsconfig.json'),
		compilerOptions: { rootDir: source, outDir: join(out, 'dist'), declaration: false, sourceMap: false },
		include: [],
		files: [...NODES.map((n) => join(source, 'nodes', n, `${n}.node.ts`)), ...CREDENTIALS.map((c) => join(source, 'credentials', `${c}.credentials.ts`))],
	};
	writeFileSync(join(out, 'tsconfig.json'), JSON.stringify(tsconfig));
	const tsc = await run('npx', ['tsc', '-p', join(out, 'tsconfig.json')], { quiet: true });
	if (tsc.code !== 0) throw new Error(`tsc: ${tsc.stdout.slice(-3000)}${tsc.stderr.slice(-1000)}`);
	// Icons and codex files, as the build's asset step copies them.
	for (const node of NODES) cpSync(join(source, 'nodes', node), join(out, 'dist', 'nodes', node), { recursive: true, filter: (f) => !f.endsWith('.ts') });
	for (const icon of CREDENTIAL_ICONS) cpSync(join(source, 'credentials', icon), join(out, 'dist', 'credentials', icon));
	writeFileSync(
		join(out, 'package.json'),
		JSON.stringify({
			name: 'n8n-nodes-planning-to-cash',
			version: '0.0.0-queue-mode',
			files: ['dist'],
			n8n: {
				n8nNodesApiVersion: 1,
				nodes: NODES.map((n) => `dist/nodes/${n}/${n}.node.js`),
				credentials: CREDENTIALS.map((c) => `dist/credentials/${c}.credentials.js`),
			},
			peerDependencies: { 'n8n-workflow': '*' },
		}),
	);
	const packed = await run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', out], { cwd: out, quiet: true });
	if (packed.code !== 0) throw new Error(`npm pack: ${packed.stderr}`);
	return join(out, packed.stdout.trim().split('\n').pop()!);
}
