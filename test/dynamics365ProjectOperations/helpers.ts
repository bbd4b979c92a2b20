/**
 * The Dataverse sandbox with the Project Operations module and the Entra sandbox that issues its tokens, for
 * the module's HTTP tests and the node's in-process runs (n8n-core's WorkflowExecute, test/helpers/harness.ts).
 */
import axios from 'axios';
import type { IDataObject, INode } from 'n8n-workflow';

import { P2cDataverseClientCredentialsApi } from '../../credentials/P2cDataverseClientCredentialsApi.credentials';
import { Dynamics365ProjectOperations } from '../../nodes/Dynamics365ProjectOperations/Dynamics365ProjectOperations.node';
import { DATAVERSE_API_ROOT, createDataverseSandbox } from '../../sandbox/dataverse';
import type { DataverseSandbox } from '../../sandbox/dataverse';
import { projectOperationsModule } from '../../sandbox/dataverse/projectOperations';
import type { ProjectOperationsModule } from '../../sandbox/dataverse/projectOperations';
import { ENTRA_SANDBOX_CLIENT_ID, ENTRA_SANDBOX_CLIENT_SECRET, ENTRA_SANDBOX_TENANT_ID, createEntraSandbox, entraSandboxClientCredentials } from '../../sandbox/entra';
import type { EntraSandbox } from '../../sandbox/entra';
import { PACKAGE_NAME, runWorkflow, shutdownN8nCore } from '../helpers/harness';
import type { WorkflowJson, WorkflowRunResult } from '../helpers/harness';
import { ItemsSource } from '../helpers/sources';

export const extraTypes = { nodes: [new Dynamics365ProjectOperations(), new ItemsSource()], credentials: [new P2cDataverseClientCredentialsApi()] };

export interface ProjectOperationsSandbox {
	entra: EntraSandbox;
	dataverse: DataverseSandbox;
	module: ProjectOperationsModule;
	/** The Web API root, `http://127.0.0.1:<port>/api/data/v9.2`. */
	url: string;
	appToken: string;
	userToken: string;
}

async function token(entra: EntraSandbox, form: Record<string, string>): Promise<string> {
	const response = await axios.post(`${entra.baseUrl}/${ENTRA_SANDBOX_TENANT_ID}/oauth2/v2.0/token`, new URLSearchParams(form).toString(), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	return String(response.data.access_token);
}

/** Starts both sandboxes for a suite (free ports, no latency) and resets the Dataverse one before each test. */
export function useProjectOperationsSandbox(): ProjectOperationsSandbox {
	const state = {} as ProjectOperationsSandbox;
	beforeAll(async () => {
		state.entra = createEntraSandbox();
		await state.entra.start(0);
		state.module = projectOperationsModule({ executionDelayMs: 60_000 });
		state.dataverse = createDataverseSandbox({ latencyMs: 0, modules: [state.module.register] });
		await state.dataverse.start(0);
		await state.dataverse.ready;
		state.url = `${state.dataverse.baseUrl}${DATAVERSE_API_ROOT}`;
		const scope = `${state.dataverse.baseUrl}/.default`;
		state.appToken = await token(state.entra, { grant_type: 'client_credentials', client_id: ENTRA_SANDBOX_CLIENT_ID, client_secret: ENTRA_SANDBOX_CLIENT_SECRET, scope });
		state.userToken = await token(state.entra, { grant_type: 'refresh_token', client_id: ENTRA_SANDBOX_CLIENT_ID, client_secret: ENTRA_SANDBOX_CLIENT_SECRET, refresh_token: state.entra.issueUserRefreshToken(state.dataverse.baseUrl), scope });
	});
	afterAll(async () => {
		await state.dataverse?.stop();
		await state.entra?.stop();
		await shutdownN8nCore();
	});
	beforeEach(async () => await state.dataverse.resetAndSeed());
	return state;
}

export async function call(sandbox: ProjectOperationsSandbox, method: string, path: string, body?: unknown, bearer = sandbox.userToken): Promise<{ status: number; body: any; headers: Headers }> {
	const response = await fetch(`${sandbox.url}/${path}`, {
		method,
		headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', Accept: 'application/json', 'OData-Version': '4.0' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

export function poNode(parameters: IDataObject, options: { name?: string; continueOnFail?: boolean } = {}): INode {
	return {
		id: `po-${options.name ?? 'ProjectOperations'}`,
		name: options.name ?? 'Project Operations',
		type: `${PACKAGE_NAME}.dynamics365ProjectOperations`,
		typeVersion: 1,
		position: [400, 0],
		parameters: { authentication: 'clientCredentials', ...parameters },
		credentials: { p2cDataverseClientCredentialsApi: { id: 'cred-dv', name: 'Dataverse' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	} as INode;
}

export function workflow(items: IDataObject[], ...nodes: INode[]): WorkflowJson {
	const all: INode[] = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'items', name: 'Items', type: `${PACKAGE_NAME}.testItemsSource`, typeVersion: 1, position: [200, 0], parameters: { items: JSON.stringify(items) } },
		...nodes,
	];
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i < all.length - 1; i++) connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	return { nodes: all, connections };
}

export async function runNode(sandbox: ProjectOperationsSandbox, json: WorkflowJson): Promise<WorkflowRunResult> {
	const credentials = entraSandboxClientCredentials(sandbox.entra.baseUrl, sandbox.dataverse.baseUrl);
	return await runWorkflow(json, { credentials: { p2cDataverseClientCredentialsApi: credentials as never }, extraTypes });
}

export const locator = (value: string) => ({ __rl: true, mode: 'id', value });
