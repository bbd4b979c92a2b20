/**
 * Workflow-test fixtures: a runner with a distinct execution id per run (concurrent runs must be told apart, as in
 * n8n), a small ERP posting target with upsert by external id, and a poster node that can crash midway.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { mock } from 'jest-mock-extended';
import { NodeHelpers, NodeOperationError, Workflow } from 'n8n-workflow';
import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	INodeExecutionData,
	IConnections,
} from 'n8n-workflow';

import { P2cN8nApi } from '../../credentials/P2cN8nApi.credentials';
import { Reconcile } from '../../nodes/Reconcile/Reconcile.node';
import { runPerItem, vendorRequest } from '../../nodes/shared/kit';
import type { VendorProfile } from '../../nodes/shared/kit';
import { SyncLedger } from '../../nodes/SyncLedger/SyncLedger.node';
import { SandboxServer } from '../../sandbox/core/server';
import { createN8nApiSandbox } from '../../sandbox/n8nApi';
import { PACKAGE_NAME, shutdownN8nCore, TestCredentialsHelper } from '../helpers/harness';

export const T = (name: string) => `${PACKAGE_NAME}.${name}`;

/** The ERP: PUT /records/:externalId creates or updates (an upsert by external id). */
export function createErpSandbox() {
	let records = new Map<string, { id: string; externalId: string; body: IDataObject; writes: number }>();
	let nextId = 1;
	const server = new SandboxServer({
		name: 'erp',
		reset: () => {
			records = new Map();
			nextId = 1;
		},
		snapshot: () => ({ records: [...records.values()] }),
	});
	server.route('PUT', '/records/:externalId', (req) => {
		if (req.headers.authorization !== 'Bearer erp-token') return { status: 401, body: { message: 'unauthorized' } };
		const body = (req.body ?? {}) as IDataObject;
		if (body.projectCode === '') return { status: 400, body: { code: 'INVALID_FLD_VALUE', message: 'Project code is empty', field: 'projectCode' } };
		const existing = records.get(req.params.externalId);
		if (existing) {
			existing.body = body;
			existing.writes++;
			return { status: 200, body: { id: existing.id, externalId: existing.externalId, created: false } };
		}
		const record = { id: `R-${nextId++}`, externalId: req.params.externalId, body, writes: 1 };
		records.set(record.externalId, record);
		return { status: 201, body: { id: record.id, externalId: record.externalId, created: true } };
	});
	return Object.assign(server, { records: () => [...records.values()] });
}

export class ErpTestApi implements ICredentialType {
	name = 'erpTestApi';
	displayName = 'ERP Test API';
	properties = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string' as const, default: '' },
		{ displayName: 'Token', name: 'token', type: 'string' as const, typeOptions: { password: true }, default: '' },
	];
	authenticate = { type: 'generic' as const, properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } } };
}

const erpProfile: VendorProfile = {
	name: 'ERP',
	parseError: (body) => {
		const b = body as IDataObject | undefined;
		return typeof b?.code === 'string' ? { code: b.code, message: String(b.message), fields: b.field ? [String(b.field)] : [] } : undefined;
	},
	isThrottle: (failure) => failure.status === 429,
};

/** Posts each item by external id; `crashAfter` kills the node after that many postings (a killed batch). */
export class ErpPoster implements INodeType {
	description = {
		displayName: 'ERP Poster',
		name: 'erpPoster',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'ERP Poster' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'erpTestApi', required: true }],
		properties: [{ displayName: 'Crash After', name: 'crashAfter', type: 'number', default: -1 }],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials('erpTestApi');
		const crashAfter = this.getNodeParameter('crashAfter', 0, -1) as number;
		let posted = 0;
		return [
			await runPerItem(this, async ({ item, itemIndex, correlationId }) => {
				if (crashAfter >= 0 && posted >= crashAfter) throw new NodeOperationError(this.getNode(), 'worker killed (simulated)');
				const json = item.json;
				const response = await vendorRequest<IDataObject>(
					this,
					erpProfile,
					{ method: 'PUT', url: `${credentials.baseUrl as string}/records/${encodeURIComponent(String(json.externalId))}`, body: { hours: json.hours, projectCode: json.projectCode } },
					{ credentialType: 'erpTestApi', correlationId, itemIndex, retry: { baseDelayMs: 5, maxDelayMs: 20 } },
				);
				posted++;
				return response.body;
			}),
		];
	}
}

/** A start node that emits the given items (n8n calls execute with its own `this`). */
export function startWith(items: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Start',
			name: 'startItems',
			group: ['trigger'],
			version: 1,
			description: '',
			defaults: { name: 'Start' },
			inputs: [],
			outputs: ['main'],
			properties: [],
		} as unknown as INodeTypeDescription,
		async execute() {
			return [items.map((json) => ({ json }))];
		},
	};
}

/** Emits the items in its `items` parameter (a JSON array), e.g. a PSA or ERP extract. */
export class EmitItems implements INodeType {
	description = {
		displayName: 'Emit Items',
		name: 'emitItems',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Emit Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'string', default: '[]' }],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}

export interface GovernedRun {
	error?: string;
	output(node: string, index?: number): IDataObject[];
}

/** Runs a workflow the way the harness does, but with the given execution id. */
export async function runAs(
	executionId: string,
	workflowJson: { nodes: INode[]; connections: IConnections },
	start: INodeType,
	credentials: Record<string, IDataObject>,
): Promise<GovernedRun> {
	const types = new Map<string, INodeType | IVersionedNodeType>([
		[T('syncLedger'), new SyncLedger()],
		[T('reconcile'), new Reconcile()],
		[T('erpPoster'), new ErpPoster()],
		[T('emitItems'), new EmitItems()],
		[T('startItems'), start],
	]);
	const nodeTypes = {
		getByName: (name: string) => types.get(name)!,
		getByNameAndVersion: (name: string, version?: number) => NodeHelpers.getVersionedNodeType(types.get(name)!, version),
		getKnownTypes: () => ({}),
	} as INodeTypes;
	const workflow = new Workflow({ id: 'wf-governed', name: 'governed', nodes: workflowJson.nodes, connections: workflowJson.connections, nodeTypes, active: false, settings: { executionOrder: 'v1' } });
	const additionalData = mock<IWorkflowExecuteAdditionalData>();
	Object.assign(additionalData, {
		executionId,
		currentNodeParameters: undefined,
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		credentialsHelper: new TestCredentialsHelper(credentials as never, [new P2cN8nApi(), new ErpTestApi()]),
		hooks: new ExecutionLifecycleHooks('manual', executionId, workflowJson as unknown as IWorkflowBase),
	});
	const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: workflow.getNode('Start')! } as never);
	const runData = run.data.resultData.runData;
	return {
		error: run.data.resultData.error?.message,
		output(node: string, index = 0) {
			const runs = runData[node];
			if (!runs?.length) return [];
			return ((runs[runs.length - 1].data?.main?.[index] ?? []) as INodeExecutionData[]).map((item) => item.json);
		},
	};
}

let position = 0;
export function node(name: string, type: string, parameters: IDataObject, extra: Partial<INode> = {}): INode {
	position += 200;
	const credentials: INode['credentials'] =
		type === 'syncLedger' ? { p2cN8nApi: { id: 'n1', name: 'n8n API' } } : type === 'erpPoster' ? { erpTestApi: { id: 'e1', name: 'ERP' } } : undefined;
	return { id: name, name, type: T(type), typeVersion: 1, position: [position, 0], parameters, credentials, ...extra } as INode;
}

/** Record Result on the claim a node named 'Claim' handed out, posting to the test ERP; `extra` sets the rest. */
export function recordResultParameters(extra: IDataObject): IDataObject {
	const claim = "$('Claim').item.json.ledger";
	return {
		operation: 'recordResult',
		store: 'dataTable',
		idempotencyKey: `={{ ${claim}.key }}`,
		claimToken: `={{ ${claim}.claimToken }}`,
		targetSystem: 'erp',
		targetId: '={{ $json.id }}',
		errorMessage: '={{ $json.error }}',
		...extra,
	};
}

export function connect(edges: Array<[from: string, output: number, to: string, input?: number]>): IConnections {
	const connections: IConnections = {};
	for (const [from, output, to, input = 0] of edges) {
		const main = ((connections[from] ??= { main: [] }).main ??= []);
		while (main.length <= output) main.push([]);
		main[output]!.push({ node: to, type: 'main', index: input });
	}
	return connections;
}

/**
 * A suite's n8n Data Tables API simulator and ERP sandbox: started once, reset before each test, stopped after;
 * `credentials` (filled once they listen) are what the ledger and ERP nodes need.
 */
export function ledgerSuite() {
	const n8nApi = createN8nApiSandbox();
	const erp = createErpSandbox();
	const credentials: Record<string, IDataObject> = {};
	beforeAll(async () => {
		await n8nApi.start();
		await erp.start();
		credentials.p2cN8nApi = { baseUrl: `${n8nApi.baseUrl}/api/v1`, apiKey: n8nApi.apiKey };
		credentials.erpTestApi = { baseUrl: erp.baseUrl, token: 'erp-token' };
	});
	beforeEach(() => {
		n8nApi.reset();
		erp.reset();
	});
	afterAll(async () => {
		await n8nApi.stop();
		await erp.stop();
		await shutdownN8nCore();
	});
	return { n8nApi, erp, credentials };
}
