/**
 * The shipped templates bind to a user's own credentials in a real n8n, without re-picking.
 *
 * A user of this n8n has none of the neutral credential names the templates reference (the demo's sandbox
 * credentials are named otherwise). Through n8n's public API, the way the editor's import and save reach the same
 * services: each shipped template is created as it is (its references stay unbound: nothing of that name
 * exists), the user then creates one credential per type under the name the template shows, and saving the
 * workflow binds every node. A template imported with the CLI after that binds on import.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import type { Scenario } from '../lib/demo';
import { createApiKey, json } from '../lib/n8nServer';
import type { N8nServer } from '../lib/n8nServer';
import { ROOT } from '../lib/realN8n';
import { sandboxCredentials } from '../lib/sandboxes';
import { neutralCredentialName, shippedTemplates } from '../lib/templates';
import type { CredentialReference, TemplateWorkflow } from '../lib/templates';

const SCOPES = ['workflow:create', 'workflow:read', 'workflow:update', 'workflow:delete', 'credential:create', 'credential:delete'];

class PublicApi {
	constructor(
		private readonly server: Pick<N8nServer, 'baseUrl'>,
		private readonly apiKey: string,
	) {}

	async call(method: string, path: string, body?: unknown): Promise<any> {
		const response = await fetch(`${this.server.baseUrl}/api/v1${path}`, {
			method,
			headers: { 'X-N8N-API-KEY': this.apiKey, 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return await json(response, `${method} /api/v1${path}`);
	}
}

/** The fields the public API accepts for a workflow. */
function payload(workflow: TemplateWorkflow): object {
	return { name: workflow.name, nodes: workflow.nodes, connections: workflow.connections, settings: workflow.settings ?? {} };
}

/** Every credential reference of a stored workflow, as `node: type → id`. */
function references(workflow: TemplateWorkflow): Array<{ node: string; type: string; reference: CredentialReference; disabled: boolean }> {
	return workflow.nodes.flatMap((node) =>
		Object.entries(node.credentials ?? {}).map(([type, reference]) => ({ node: node.name, type, reference, disabled: (node as { disabled?: boolean }).disabled === true })));
}

/**
 * n8n 2.40 binds the credentials of enabled nodes only. The live triggers ship disabled (so the editor's Execute
 * workflow runs Run now); they must keep their reference by the credential's name, to be picked when enabled.
 */
function bindingProblem(file: string, node: string, type: string, reference: CredentialReference, disabled: boolean, bound: string | undefined): string | undefined {
	if (disabled) return reference.id === bound || (reference.id === null && typeof reference.name === 'string' && reference.name.length > 0) ? undefined : `${file} / ${node} (disabled): ${type} → ${JSON.stringify(reference)}`;
	return reference.id === bound ? undefined : `${file} / ${node}: ${type} → ${String(reference.id)}`;
}

function credentialDisplayNames(): Map<string, string> {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { credentials: string[] } };
	const names = new Map<string, string>();
	for (const path of pkg.n8n.credentials) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const module = require(join(ROOT, path)) as Record<string, new () => { name: string; displayName: string }>;
		const credential = new (Object.values(module).find((v) => typeof v === 'function')!)();
		names.set(credential.name, credential.displayName);
	}
	return names;
}

export const templateBinding: Scenario = {
	name: 'template-binding',
	async run(context) {
		const { checks, n8n, sandboxes, server } = context;
		const api = new PublicApi(server, await createApiKey(server.baseUrl, server.cookie, `template-binding-${Date.now()}`, SCOPES));
		const templates = shippedTemplates();
		const displayNames = credentialDisplayNames();

		// 1. Import every template before the user has credentials of those names: nothing binds to the demo's.
		const created: Array<{ file: string; id: string }> = [];
		for (const { file, workflow } of templates) {
			const stored = (await api.call('POST', '/workflows', payload(workflow))) as TemplateWorkflow & { id: string };
			created.push({ file, id: stored.id });
		}
		const unboundAtFirst = await Promise.all(created.map(async ({ id }) => references((await api.call('GET', `/workflows/${id}`)) as TemplateWorkflow)));
		checks.check(
			'templates imported into an n8n without credentials of their names keep unbound references (no demo credential is picked)',
			unboundAtFirst.flat().length > 0 && unboundAtFirst.flat().every((r) => r.reference.id === null),
			unboundAtFirst.flat().filter((r) => r.reference.id !== null),
		);

		// 2. The user creates one credential per type the templates use, under the name the template shows.
		const types = [...new Set(templates.flatMap((t) => references(t.workflow).map((r) => r.type)))];
		const demoData = new Map(
			[...sandboxCredentials(sandboxes), { type: 'p2cN8nApi', data: { baseUrl: `${server.baseUrl}/api/v1`, apiKey: 'not-used-by-this-check' } }].map((c) => {
				const { type, data } = c as { type: string; data: Record<string, unknown> };
				// The public API refuses hidden fields (the cached token and instance URL start empty anyway).
				return [type, Object.fromEntries(Object.entries(data).filter(([, value]) => value !== ''))] as const;
			}),
		);
		const userCredentials = new Map<string, string>();
		for (const type of types) {
			const body = { name: neutralCredentialName(displayNames.get(type)!), type, data: demoData.get(type) };
			const credential = (await api.call('POST', '/credentials', body)) as { id: string };
			userCredentials.set(type, credential.id);
		}

		// 3. Saving each workflow (what the editor does) binds every node; so does a CLI import from now on.
		const unbound: string[] = [];
		for (const { file, id } of created) {
			const stored = (await api.call('GET', `/workflows/${id}`)) as TemplateWorkflow;
			const saved = (await api.call('PUT', `/workflows/${id}`, payload(stored))) as TemplateWorkflow;
			for (const { node, type, reference, disabled } of references(saved)) {
				const problem = bindingProblem(file, node, type, reference, disabled, userCredentials.get(type));
				if (problem) unbound.push(problem);
			}
		}
		checks.check('after one credential per type is created, saving binds every enabled node of every template to it (a disabled live trigger keeps its reference by name)', unbound.length === 0, unbound);

		const cliUnbound: string[] = [];
		for (const [i, { file, workflow }] of templates.entries()) {
			const id = `p2cBindCheck${i}`;
			await n8n.importWorkflow({ ...workflow, id, name: `${workflow.name} (CLI import check)` });
			const stored = (await api.call('GET', `/workflows/${id}`)) as TemplateWorkflow;
			for (const { node, type, reference, disabled } of references(stored)) {
				const problem = bindingProblem(file, node, type, reference, disabled, userCredentials.get(type));
				if (problem) cliUnbound.push(problem);
			}
		}
		checks.check('a template imported with n8n import:workflow binds every enabled node to the credential of its type on import (a disabled live trigger keeps its reference by name)', cliUnbound.length === 0, cliUnbound);

		// Leave the demo's n8n as it was: the check's workflows and credentials go again.
		for (const { id } of created) await api.call('DELETE', `/workflows/${id}`);
		for (const i of templates.keys()) await api.call('DELETE', `/workflows/p2cBindCheck${i}`);
		for (const id of userCredentials.values()) await api.call('DELETE', `/credentials/${id}`);
		return { templates: templates.length, credentialTypes: types.length, nodesBound: unboundAtFirst.flat().length };
	},
};
