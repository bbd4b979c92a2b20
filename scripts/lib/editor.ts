/**
 * The n8n editor as `npm run demo -- --ui` leaves it (and as the browser test opens it): a fresh n8n user folder
 * with the packed package installed, freshly seeded sandboxes, an owner account, the sandbox credentials and
 * the shipped templates, nothing else. Nothing a scenario ran (its copies of templates, the opportunities it
 * added) reaches this instance, because neither the user folder nor the sandboxes are shared with the story.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';

import { startSandboxes } from '../../sandbox';
import type { RunningSandboxes } from '../../sandbox';
import { json, ledgerCredential, OWNER, startN8nServer } from './n8nServer';
import type { N8nServer } from './n8nServer';
import { N8nInstance, run } from './realN8n';
import { sandboxCredentials } from './sandboxes';
import { bindTemplate, shippedTemplates } from './templates';

export interface Editor {
	url: string;
	owner: { email: string; password: string };
	sandboxes: RunningSandboxes;
	n8n: N8nInstance;
	server: N8nServer;
	/** The imported templates: file, the id the editor opens it under (/workflow/<id>), name. */
	templates: Array<{ file: string; id: string; name: string; nodes: Array<{ name: string; type: string }> }>;
	stop(): Promise<void>;
}

export async function startEditor(options: {
	binaries: { cache: string; node: string; n8n: string };
	tarball: string;
	/** The sandboxes on their documented ports (the demo), or on free ports (tests). */
	fixedSandboxPorts: boolean;
	port: number;
	brokerPort: number;
	/** Folder name under .tmp/; emptied first. */
	folder: string;
	log?: (line: string) => void;
}): Promise<Editor> {
	const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
	const sandboxes = await startSandboxes(options.fixedSandboxPorts);
	let server: N8nServer | undefined;
	const stop = async () => {
		await server?.stop();
		await sandboxes.stop();
	};
	try {
		const n8n = N8nInstance.fresh(options.binaries, options.folder);
		await n8n.installPackage(options.tarball);
		// Everything is imported before the server starts: n8n's CLI and a running server writing the same SQLite
		// file at once can fail with SQLITE_BUSY. The Sync Ledger credential gets its API key once the server is up.
		const ledger = ledgerCredential({ baseUrl: `http://127.0.0.1:${options.port}`, apiKey: 'set-once-the-server-is-up' }) as { id: string; name: string; type: string };
		const credentials = [...sandboxCredentials(sandboxes), ledger] as Array<{ id: string; name: string; type: string }>;
		await n8n.importCredentials(credentials);
		const credentialsByType = Object.fromEntries(credentials.map(({ id, name, type }) => [type, { id, name }]));
		// One `n8n import:workflow --separate` for all of them: each CLI start costs seconds.
		const folder = join(n8n.userFolder, 'templates');
		mkdirSync(folder, { recursive: true });
		const imported: Editor['templates'] = [];
		for (const { file, workflow: shipped } of shippedTemplates()) {
			const workflow = bindTemplate(file, shipped, credentialsByType);
			writeFileSync(join(folder, file), JSON.stringify(workflow));
			imported.push({ file, id: workflow.id, name: workflow.name, nodes: workflow.nodes.map(({ name, type }) => ({ name, type })) });
		}
		const result = await run(options.binaries.node, [options.binaries.n8n, 'import:workflow', '--separate', `--input=${folder}`], { env: n8n.env, quiet: true });
		if (result.code !== 0) throw new Error(`import:workflow failed: ${result.stderr.slice(-1500)}${result.stdout.slice(-1500)}`);
		log(`• editor: starting n8n on port ${options.port} (user folder .tmp/${options.folder})`);
		// A loaded machine can take minutes to boot n8n.
		server = await startN8nServer(n8n, { port: options.port, brokerPort: options.brokerPort, apiKeyLabel: 'sync-ledger-editor', timeoutMs: 480_000 });
		const update = await fetch(`${server.baseUrl}/rest/credentials/${ledger.id}`, {
			method: 'PATCH',
			headers: { 'Content-Type': 'application/json', Cookie: server.cookie },
			body: JSON.stringify({ name: ledger.name, type: ledger.type, data: (ledgerCredential(server) as { data: object }).data }),
		});
		await json(update, 'setting the Sync Ledger credential\'s API key');
		log(`• editor: imported ${imported.length} templates and ${credentials.length} credentials`);
		return { url: server.baseUrl, owner: { email: OWNER.email, password: OWNER.password }, sandboxes, n8n, server, templates: imported, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
