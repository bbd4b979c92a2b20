/**
 * Runs workflow JSON in-process with n8n-core's WorkflowExecute, the way n8n runs it, minus the database.
 * Node and credential types are loaded from the TypeScript sources listed (as dist paths) in package.json, so
 * a workflow test exercises exactly what the package declares. The credentials helper mirrors n8n's own:
 * function and generic `authenticate`, and `preAuthentication` for credentials with an `expirable` field.
 */
import { join } from 'path';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { mock } from 'jest-mock-extended';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	IConnections,
	IWorkflowBase,
} from 'n8n-workflow';

const ROOT = join(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-planning-to-cash';

function sourceOf(distPath: string): string {
	return join(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

function loadExported<T>(distPath: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const module = require(sourceOf(distPath)) as Record<string, new () => T>;
	const Exported = Object.values(module).find((value) => typeof value === 'function');
	if (!Exported) throw new Error(`${distPath} exports no class`);
	return new Exported();
}

/** Minimal stand-ins for the n8n-nodes-base nodes our templates use as entry points. */
class ManualTriggerStandIn implements INodeType {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: '',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: any) {
		return [[{ json: {} }]];
	}
}

class NoOpStandIn implements INodeType {
	description = { ...new ManualTriggerStandIn().description, name: 'noOp', group: ['organization'], inputs: ['main'] } as unknown as INodeType['description'];
	async execute(this: any) {
		return [this.getInputData()];
	}
}

let cachedTypes: { nodes: Map<string, INodeType | IVersionedNodeType>; credentials: Map<string, ICredentialType> } | undefined;

export function packageTypes() {
	if (cachedTypes) return cachedTypes;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const pkg = require(join(ROOT, 'package.json')) as { n8n: { nodes: string[]; credentials: string[] } };
	const nodes = new Map<string, INodeType | IVersionedNodeType>();
	for (const path of pkg.n8n.nodes) {
		const type = loadExported<INodeType | IVersionedNodeType>(path);
		nodes.set(`${PACKAGE_NAME}.${type.description.name}`, type);
	}
	nodes.set('n8n-nodes-base.manualTrigger', new ManualTriggerStandIn());
	nodes.set('n8n-nodes-base.noOp', new NoOpStandIn());
	const credentials = new Map<string, ICredentialType>();
	for (const path of pkg.n8n.credentials) {
		const type = loadExported<ICredentialType>(path);
		credentials.set(type.name, type);
	}
	cachedTypes = { nodes, credentials };
	return cachedTypes;
}

/** Types a test adds beside the package's own (probe nodes and credentials). */
export interface ExtraTypes {
	nodes?: Array<INodeType | IVersionedNodeType>;
	credentials?: ICredentialType[];
}

function nodeTypes(extra: ExtraTypes = {}): INodeTypes {
	const { nodes } = packageTypes();
	const extraNodes = new Map((extra.nodes ?? []).map((type) => [`${PACKAGE_NAME}.${type.description.name}`, type]));
	const get = (name: string) => {
		const type = extraNodes.get(name) ?? nodes.get(name);
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	};
	return {
		getByName: get,
		getByNameAndVersion: (name: string, version?: number) => NodeHelpers.getVersionedNodeType(get(name), version),
		getKnownTypes: () => ({}),
	} as INodeTypes;
}

function resolveCredentialExpressions(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof value === 'string') {
		const text = value.startsWith('=') ? value.slice(1) : value;
		return text.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_m, key: string) => String(credentials[key] ?? ''));
	}
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveCredentialExpressions(v, credentials)]));
	}
	return value;
}

/** Mirrors n8n's CredentialsHelper for what nodes can observe. `store` holds credentials as updated. */
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly preAuthenticationCalls: string[] = [];

	constructor(
		readonly store: Record<string, ICredentialDataDecryptedObject>,
		private readonly extraTypes: ICredentialType[] = [],
	) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = this.extraTypes.find((t) => t.name === name) ?? packageTypes().credentials.get(name);
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(name: string): string[] {
		return this.type(name).extends ?? [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		const properties = resolveCredentialExpressions(authenticate.properties, credentials) as IDataObject;
		const out = { ...requestOptions } as IDataObject;
		for (const key of ['headers', 'qs', 'body', 'auth'] as const) {
			if (properties[key]) out[key] = { ...((out[key] as IDataObject) ?? {}), ...(properties[key] as IDataObject) };
		}
		return out as unknown as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) return undefined;
		this.preAuthenticationCalls.push(typeName);
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output?.[expirable.name] === undefined) return undefined;
		Object.assign(credentials, output);
		if (node.credentials?.[typeName]) this.store[typeName] = { ...credentials };
		return credentials;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by nodes');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.store[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		const defaults = Object.fromEntries(
			this.type(type)
				.properties.filter((p) => p.default !== undefined)
				.map((p) => [p.name, p.default]),
		);
		return { ...defaults, ...data } as ICredentialDataDecryptedObject;
	}

	async updateCredentials(_n: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.store[type] = { ...data };
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return this.type(type).properties;
	}
}

export interface WorkflowJson {
	nodes: INode[];
	connections: IConnections;
	name?: string;
	pinData?: unknown;
}

export interface WorkflowRunResult {
	run: IRun;
	credentials: TestCredentialsHelper;
	staticData: IDataObject;
	/** Items a node emitted on one of its outputs in its last run (json only). */
	output(nodeName: string, outputIndex?: number): IDataObject[];
	/** Error message if the execution failed. */
	error?: string;
}

/** Executes the workflow from its Manual Trigger (or `startNode`). */
export async function runWorkflow(
	workflowJson: WorkflowJson,
	options: {
		credentials?: Record<string, ICredentialDataDecryptedObject>;
		staticData?: IDataObject;
		startNode?: string;
		extraTypes?: ExtraTypes;
	} = {},
): Promise<WorkflowRunResult> {
	const workflow = new Workflow({
		id: 'wf-test',
		name: workflowJson.name ?? 'test',
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		nodeTypes: nodeTypes(options.extraTypes),
		active: false,
		staticData: options.staticData ?? {},
		settings: { executionOrder: 'v1' },
	});
	const credentials = new TestCredentialsHelper({ ...(options.credentials ?? {}) }, options.extraTypes?.credentials);
	const additionalData = mock<IWorkflowExecuteAdditionalData>();
	Object.assign(additionalData, {
		executionId: 'exec-test',
		currentNodeParameters: undefined,
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		credentialsHelper: credentials,
		hooks: new ExecutionLifecycleHooks('manual', 'exec-test', workflowJson as unknown as IWorkflowBase),
	});
	const start =
		options.startNode ??
		workflowJson.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')?.name ??
		workflowJson.nodes[0].name;
	const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: workflow.getNode(start)! } as any);
	const runData = run.data.resultData.runData;
	return {
		run,
		credentials,
		staticData: workflow.staticData as IDataObject,
		error: run.data.resultData.error?.message,
		output(nodeName: string, outputIndex = 0) {
			const runs = runData[nodeName];
			if (!runs?.length) return [];
			const main = runs[runs.length - 1].data?.main ?? [];
			return ((main[outputIndex] ?? []) as INodeExecutionData[]).map((item) => item.json);
		},
	};
}

/** jest hangs on n8n-core's SSH client manager interval unless it is shut down. */
export async function shutdownN8nCore(): Promise<void> {
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Container } = require('@n8n/di');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
		Container.get(SSHClientsManager).onShutdown();
	} catch {
		// Older or newer n8n-core without the manager: nothing to stop.
	}
}
