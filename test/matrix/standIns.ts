/**
 * Stand-ins for the n8n-nodes-base nodes the canonical templates use between our nodes, so a template runs
 * in-process in n8n-core (test/helpers/harness.ts) like the Microsoft templates do: Code (Run Once for All
 * Items: the node's JavaScript with n8n's own data proxy for `$input`, `$('…')`, `$json` and `DateTime`) and If
 * (its conditions' left values, resolved by n8n, routed true / false). The real n8n run (scripts/scenarios) is
 * where the real nodes execute; these keep the quick check honest to the same code.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { PACKAGE_NAME } from '../helpers/harness';
import type { WorkflowJson } from '../helpers/harness';

const base = (name: string, outputs: string[], properties: INodeTypeDescription['properties']) =>
	({ displayName: name, name, group: ['transform'], version: [1, 2, 2.2], description: '', defaults: { name }, inputs: ['main'], outputs, properties }) as unknown as INodeTypeDescription;

export class CodeStandIn implements INodeType {
	description = base('codeStandIn', ['main'], [{ displayName: 'Code', name: 'jsCode', type: 'string', default: '' }]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const code = this.getNodeParameter('jsCode', 0) as string;
		const proxy = this.getWorkflowDataProxy(0) as unknown as Record<string, unknown>;
		const run = new Function('$input', '$', '$json', 'DateTime', '$execution', `return (async () => {\n${code}\n})();`) as (...args: unknown[]) => Promise<unknown>;
		const result = (await run(proxy.$input, proxy.$, proxy.$json, proxy.DateTime, proxy.$execution)) as Array<INodeExecutionData | IDataObject>;
		return [result.map((entry, index) => ('json' in entry && typeof entry.json === 'object' ? (entry as INodeExecutionData) : { json: entry as IDataObject, pairedItem: { item: index } }))];
	}
}

export class IfStandIn implements INodeType {
	description = base('ifStandIn', ['main', 'main'], [
		{ displayName: 'Conditions', name: 'conditions', type: 'json', default: {} },
		{ displayName: 'Options', name: 'options', type: 'json', default: {} },
	]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const routed: INodeExecutionData[][] = [[], []];
		items.forEach((item, index) => {
			const conditions = this.getNodeParameter('conditions', index) as { conditions: Array<{ leftValue: unknown; operator: { operation: string } }> };
			const ok = conditions.conditions.every((c) => (c.operator.operation === 'true' ? c.leftValue === true : c.leftValue === false));
			routed[ok ? 0 : 1].push({ ...item, pairedItem: { item: index } });
		});
		return routed;
	}
}

/** Set (3.4, manual mode): each item becomes the assignments' values, resolved by n8n for that item. */
export class SetStandIn implements INodeType {
	description = base('setStandIn', ['main'], [
		{ displayName: 'Mode', name: 'mode', type: 'string', default: 'manual' },
		{ displayName: 'Assignments', name: 'assignments', type: 'json', default: {} },
		{ displayName: 'Options', name: 'options', type: 'json', default: {} },
	]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_item, index) => {
				const { assignments } = this.getNodeParameter('assignments', index) as { assignments: Array<{ name: string; value: unknown }> };
				return { json: Object.fromEntries(assignments.map((a) => [a.name, a.value])) as IDataObject, pairedItem: { item: index } };
			}),
		];
	}
}

/** Split Out (1) with Selected Other Fields: one item per element of the field, under the field's name. */
export class SplitOutStandIn implements INodeType {
	description = base('splitOutStandIn', ['main'], [
		{ displayName: 'Field', name: 'fieldToSplitOut', type: 'string', default: '' },
		{ displayName: 'Include', name: 'include', type: 'string', default: '' },
		{ displayName: 'Fields', name: 'fieldsToInclude', type: 'string', default: '' },
		{ displayName: 'Options', name: 'options', type: 'json', default: {} },
	]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().flatMap((item, index) => {
				const field = this.getNodeParameter('fieldToSplitOut', index) as string;
				const others = (this.getNodeParameter('fieldsToInclude', index) as string).split(',').map((f) => f.trim()).filter(Boolean);
				const values = item.json[field];
				return (Array.isArray(values) ? values : []).map((value) => ({ json: { [field]: value, ...Object.fromEntries(others.map((f) => [f, item.json[f]])) } as IDataObject, pairedItem: { item: index } }));
			}),
		];
	}
}

const STAND_INS: Record<string, string> = { 'n8n-nodes-base.code': 'codeStandIn', 'n8n-nodes-base.if': 'ifStandIn', 'n8n-nodes-base.set': 'setStandIn', 'n8n-nodes-base.splitOut': 'splitOutStandIn' };

/** The workflow with Code, If, Set and Split Out on the stand-ins and sticky notes dropped (layout only). */
export function withStandIns(workflow: { nodes: unknown[]; connections: unknown }): WorkflowJson {
	const nodes = (workflow.nodes as Array<Record<string, unknown>>)
		.filter((node) => node.type !== 'n8n-nodes-base.stickyNote')
		.map((node) => (STAND_INS[String(node.type)] ? { ...node, type: `${PACKAGE_NAME}.${STAND_INS[String(node.type)]}` } : node));
	return { nodes, connections: workflow.connections } as unknown as WorkflowJson;
}

export const standInTypes = { nodes: [new CodeStandIn(), new IfStandIn(), new SetStandIn(), new SplitOutStandIn()] };
