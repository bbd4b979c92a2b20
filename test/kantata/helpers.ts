/**
 * Runs the Kantata node in n8n-core's WorkflowExecute (test/helpers/harness.ts) with n8n's real HTTP helpers
 * and the token credential's `authenticate`, against a Kantata sandbox started for the suite; and a poll
 * context for the trigger whose HTTP helper sends the bearer token the same way.
 */
import axios from 'axios';
import { mockDeep } from 'jest-mock-extended';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INode, INodeParameters, IPollFunctions } from 'n8n-workflow';

import { P2cKantataOAuth2Api } from '../../credentials/P2cKantataOAuth2Api.credentials';
import { P2cKantataTokenApi } from '../../credentials/P2cKantataTokenApi.credentials';
import { Kantata } from '../../nodes/Kantata/Kantata.node';
import { createKantataSandbox, kantataSandboxCredentials } from '../../sandbox/kantata';
import type { KantataSandbox } from '../../sandbox/kantata';
import { PACKAGE_NAME, runWorkflow, shutdownN8nCore } from '../helpers/harness';
import type { WorkflowJson, WorkflowRunResult } from '../helpers/harness';
import { ItemsSource } from '../helpers/sources';

export const extraTypes = { nodes: [new Kantata(), new ItemsSource()], credentials: [new P2cKantataTokenApi(), new P2cKantataOAuth2Api()] };

export function kantataNode(parameters: IDataObject, options: { name?: string; continueOnFail?: boolean } = {}): INode {
	return {
		id: `kt-${options.name ?? 'Kantata'}`,
		name: options.name ?? 'Kantata',
		type: `${PACKAGE_NAME}.kantata`,
		typeVersion: 1,
		position: [400, 0],
		parameters: { authentication: 'token', ...parameters },
		credentials: { p2cKantataTokenApi: { id: 'cred-kt', name: 'Kantata token' } },
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

export function useKantataSandbox(): { readonly sandbox: KantataSandbox; readonly baseUrl: string; credentials(): Record<string, ICredentialDataDecryptedObject>; run(json: WorkflowJson): Promise<WorkflowRunResult> } {
	let sandbox: KantataSandbox | undefined;
	let baseUrl = '';
	beforeAll(async () => {
		sandbox = createKantataSandbox({ latencyMs: 0 });
		baseUrl = await sandbox.start(0);
	});
	afterAll(async () => {
		await sandbox?.stop();
		await shutdownN8nCore();
	});
	beforeEach(() => sandbox!.reset());
	const credentials = () => ({ p2cKantataTokenApi: kantataSandboxCredentials(baseUrl) as unknown as ICredentialDataDecryptedObject });
	return {
		get sandbox() {
			return sandbox!;
		},
		get baseUrl() {
			return baseUrl;
		},
		credentials,
		run: async (json) => await runWorkflow(json, { credentials: credentials(), extraTypes }),
	};
}

/** An IPollFunctions whose HTTP helper sends the token credential's bearer header, axios underneath. */
export function pollContext(options: { parameters: INodeParameters; credentials: ICredentialDataDecryptedObject; staticData: IDataObject; mode?: 'trigger' | 'manual' }) {
	const context = mockDeep<IPollFunctions>();
	context.getNodeParameter.mockImplementation(((name: string, fallback?: unknown) => options.parameters[name] ?? fallback) as never);
	context.getWorkflowStaticData.mockReturnValue(options.staticData);
	context.getMode.mockReturnValue(options.mode ?? 'trigger');
	context.getCredentials.mockImplementation((async () => options.credentials) as never);
	context.helpers.returnJsonArray.mockImplementation(((items: IDataObject[]) => items.map((json) => ({ json }))) as never);
	context.helpers.httpRequestWithAuthentication.mockImplementation((async (_type: string, request: IHttpRequestOptions) => {
		const response = await axios.request({
			method: request.method ?? 'GET',
			url: request.url,
			params: request.qs,
			headers: { ...(request.headers as Record<string, string>), Authorization: `Bearer ${String(options.credentials.accessToken)}` },
			data: request.body,
			validateStatus: () => true,
		});
		return request.returnFullResponse ? { body: response.data, headers: response.headers, statusCode: response.status } : response.data;
	}) as never);
	return context;
}
