/**
 * The importable templates against the node descriptions they were written for: a renamed parameter, a removed
 * option or a bumped version breaks this test instead of a user's import. Also the shape n8n's editor expects of
 * an importable file: UUID node ids, no two nodes on top of each other, and credentials referenced by a neutral
 * name with no id, so n8n binds each to the user's own credential of that type (by name and type) on import.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { NodeHelpers } from 'n8n-workflow';
import type { INode, INodeParameters, INodeProperties, INodeType, INodeTypeDescription, IVersionedNodeType } from 'n8n-workflow';

import { neutralCredentialName } from '../../scripts/lib/templates';

const PACKAGE_NAME = 'n8n-nodes-planning-to-cash';

const ROOT = join(__dirname, '..', '..');
const TEMPLATE_DIR = join(ROOT, 'workflows-templates');

interface TemplateNode extends INode {
	credentials?: Record<string, { id: string | null; name: string }>;
}
interface Template {
	file: string;
	workflow: { id?: string; name: string; nodes: TemplateNode[]; connections: Record<string, unknown> };
}

const templates: Template[] = readdirSync(TEMPLATE_DIR)
	.filter((f) => f.endsWith('.json'))
	.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(TEMPLATE_DIR, file), 'utf8')) }));

const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };

function loadClass<T>(distPath: string): T {
	const source = join(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const module = require(source) as Record<string, new () => T>;
	const Exported = Object.values(module).find((value) => typeof value === 'function')!;
	return new Exported();
}

/** The description n8n uses for a node at a version, whether the class is versioned or plain. */
function describeNode(node: INodeType | IVersionedNodeType, version: number): INodeTypeDescription {
	if ('nodeVersions' in node) return (node as IVersionedNodeType).getNodeType(version).description;
	return (node as INodeType).description;
}

const ourNodes = new Map<string, INodeType | IVersionedNodeType>();
for (const path of packageJson.n8n.nodes) {
	const node = loadClass<INodeType | IVersionedNodeType>(path);
	ourNodes.set(`${PACKAGE_NAME}.${node.description.name}`, node);
}
const credentialDisplayNames = new Map<string, string>();
for (const path of packageJson.n8n.credentials) {
	const credential = loadClass<{ name: string; displayName: string }>(path);
	credentialDisplayNames.set(credential.name, credential.displayName);
}

/** n8n-nodes-base nodes the templates may use, at the versions n8n 2.x ships. */
const BUILT_IN_VERSIONS: Record<string, number[]> = {
	'n8n-nodes-base.manualTrigger': [1],
	'n8n-nodes-base.code': [2],
	'n8n-nodes-base.noOp': [1],
	'n8n-nodes-base.stickyNote': [1],
	'n8n-nodes-base.if': [2, 2.2],
	'n8n-nodes-base.merge': [3],
	'n8n-nodes-base.set': [3.4],
	'n8n-nodes-base.splitInBatches': [3],
	'n8n-nodes-base.splitOut': [1],
	'n8n-nodes-base.scheduleTrigger': [1.2],
	'n8n-nodes-base.executeWorkflowTrigger': [1.1],
	'n8n-nodes-base.webhook': [2.1],
	'n8n-nodes-base.respondToWebhook': [1.5],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Every problem with one value against its property: unknown option, unknown collection key. */
function valueProblems(property: INodeProperties, value: unknown, path: string): string[] {
	if (typeof value === 'string' && value.startsWith('=')) return []; // an expression: checked at run time
	if (property.type === 'multiOptions' && !Array.isArray(value)) return [`${path}: a list is expected (the picker's shape), not ${JSON.stringify(value)}`];
	if (property.type === 'resourceLocator') {
		const locator = value as { __rl?: boolean; mode?: string } | null;
		const modes = (property.modes ?? []).map((m) => m.name);
		if (!locator || locator.__rl !== true || !modes.includes(String(locator.mode))) return [`${path}: a resource locator with a mode of ${modes.join(', ')} is expected`];
		return [];
	}
	if (property.type === 'options' && property.options) {
		const allowed = (property.options as Array<{ value: unknown }>).map((o) => o.value);
		if (property.typeOptions?.loadOptionsMethod) return [];
		return allowed.includes(value as never) ? [] : [`${path}: "${String(value)}" is not one of ${allowed.join(', ')}`];
	}
	if (property.type === 'multiOptions' && property.options && Array.isArray(value) && !property.typeOptions?.loadOptionsMethod) {
		const allowed = (property.options as Array<{ value: unknown }>).map((o) => o.value);
		return value.filter((v) => !allowed.includes(v as never)).map((v) => `${path}: "${String(v)}" is not one of ${allowed.join(', ')}`);
	}
	if (property.type === 'collection' && value && typeof value === 'object') {
		const children = property.options as INodeProperties[];
		return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
			const childProperty = children.find((c) => c.name === key);
			return childProperty ? valueProblems(childProperty, child, `${path}.${key}`) : [`${path}.${key}: no such option`];
		});
	}
	if (property.type === 'fixedCollection' && value && typeof value === 'object') {
		const groups = property.options as Array<{ name: string; values: INodeProperties[] }>;
		return Object.entries(value as Record<string, unknown>).flatMap(([key, entries]) => {
			const group = groups.find((g) => g.name === key);
			if (!group) return [`${path}.${key}: no such group`];
			const list = Array.isArray(entries) ? entries : [entries];
			return list.flatMap((entry: Record<string, unknown>, i) =>
				Object.entries(entry ?? {}).flatMap(([field, fieldValue]) => {
					const fieldProperty = group.values.find((v) => v.name === field);
					return fieldProperty ? valueProblems(fieldProperty, fieldValue, `${path}.${key}[${i}].${field}`) : [`${path}.${key}[${i}].${field}: no such field`];
				}),
			);
		});
	}
	return [];
}

/** Parameters the template sets that the node would not show (misspelt, renamed or hidden by displayOptions). */
function parameterProblems(description: INodeTypeDescription, node: TemplateNode): string[] {
	const parameters = node.parameters as INodeParameters;
	const shown = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
	const problems: string[] = [];
	for (const [key, value] of Object.entries(parameters)) {
		if (!(key in shown)) {
			problems.push(`${key}: not a parameter the node shows with these settings`);
			continue;
		}
		const candidates = description.properties.filter((p) => p.name === key);
		const property =
			candidates.find((p) => NodeHelpers.displayParameter(parameters, p, node, description)) ?? candidates[0];
		problems.push(...valueProblems(property, value, key));
	}
	return problems;
}

describe.each(templates)('template $file', ({ workflow }) => {
	it('uses only node types and versions that exist, with parameters the node descriptions define', () => {
		const problems: string[] = [];
		for (const node of workflow.nodes) {
			const ours = ourNodes.get(node.type);
			if (ours) {
				const versions = 'nodeVersions' in ours ? Object.keys((ours as IVersionedNodeType).nodeVersions).map(Number) : [ours.description.version].flat();
				if (!versions.includes(node.typeVersion)) {
					problems.push(`${node.name}: ${node.type} has no version ${node.typeVersion}`);
					continue;
				}
				problems.push(...parameterProblems(describeNode(ours, node.typeVersion), node).map((p) => `${node.name}: ${p}`));
			} else if (node.type.startsWith(`${PACKAGE_NAME}.`)) {
				problems.push(`${node.name}: ${node.type} is not a node this package declares`);
			} else if (!BUILT_IN_VERSIONS[node.type]?.includes(node.typeVersion)) {
				problems.push(`${node.name}: built-in ${node.type} v${node.typeVersion} is not in the list the templates are checked against`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('references credentials the node accepts, by a neutral name and no id', () => {
		const problems: string[] = [];
		for (const node of workflow.nodes) {
			const ours = ourNodes.get(node.type);
			for (const [type, reference] of Object.entries(node.credentials ?? {})) {
				const accepted = ours ? (describeNode(ours, node.typeVersion).credentials ?? []).map((c) => c.name) : [];
				if (!accepted.includes(type)) problems.push(`${node.name}: does not accept credential type ${type}`);
				if (reference.id !== null) problems.push(`${node.name}: credential ${type} carries an id (${reference.id})`);
				const displayName = credentialDisplayNames.get(type);
				if (!displayName) problems.push(`${node.name}: ${type} is not a credential this package declares`);
				else if (reference.name !== neutralCredentialName(displayName)) problems.push(`${node.name}: credential ${type} is named "${reference.name}"`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('has UUID node ids, unique names and no nodes on top of each other, and connections between existing nodes', () => {
		const ids = workflow.nodes.map((n) => n.id);
		expect(ids.filter((id) => !UUID.test(id))).toEqual([]);
		expect(new Set(ids).size).toBe(ids.length);
		const names = workflow.nodes.map((n) => n.name);
		expect(new Set(names).size).toBe(names.length);
		// n8n's canvas nodes are 100 × 100 (sticky notes are backgrounds and may sit behind nodes).
		const placed = workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
		const overlaps: string[] = [];
		for (let i = 0; i < placed.length; i++) {
			for (let j = i + 1; j < placed.length; j++) {
				const [ax, ay] = placed[i].position;
				const [bx, by] = placed[j].position;
				if (Math.abs(ax - bx) < 120 && Math.abs(ay - by) < 120) overlaps.push(`${placed[i].name} / ${placed[j].name}`);
			}
		}
		expect(overlaps).toEqual([]);
		const unknown = Object.entries(workflow.connections).flatMap(([from, outputs]) => [
			...(names.includes(from) ? [] : [from]),
			...Object.values(outputs as Record<string, Array<Array<{ node: string }> | null>>)
				.flat(2)
				.filter((c): c is { node: string } => !!c && !names.includes(c.node))
				.map((c) => c.node),
		]);
		expect(unknown).toEqual([]);
	});

	it('carries no workflow id (n8n assigns one on import)', () => {
		expect(workflow.id).toBeUndefined();
	});
});
