/**
 * Runs the Coupa node in n8n-core's WorkflowExecute (test/helpers/harness.ts) with n8n's real HTTP helpers and
 * the credential's preAuthentication / authenticate, against a Coupa sandbox started for the suite; and a poll
 * context for the trigger whose HTTP helper takes a token from the sandbox once and sends it as n8n would.
 */
import axios from 'axios';
import { mockDeep } from 'jest-mock-extended';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INode, INodeParameters, IPollFunctions } from 'n8n-workflow';

import { P2cCoupaOAuth2Api } from '../../credentials/P2cCoupaOAuth2Api.credentials';
import { Coupa } from '../../nodes/Coupa/Coupa.node';
import { createCoupaSandbox, coupaSandboxCredentials } from '../../sandbox/coupa';
import type { CoupaSandbox } from '../../sandbox/coupa';
import { PACKAGE_NAME, runWorkflow, shutdownN8nCore } from '../helpers/harness';
import type { WorkflowJson, WorkflowRunResult } from '../helpers/harness';
import { ItemsSource } from '../helpers/sources';

export const extraTypes = { nodes: [new Coupa(), new ItemsSource()], credentials: [new P2cCoupaOAuth2Api()] };

export function coupaNode(parameters: IDataObject, options: { name?: string; continueOnFail?: boolean } = {}): INode {
	return {
		id: `cp-${options.name ?? 'Coupa'}`,
		name: options.name ?? 'Coupa',
		type: `${PACKAGE_NAME}.coupa`,
		typeVersion: 1,
		position: [400, 0],
		parameters,
		credentials: { p2cCoupaOAuth2Api: { id: 'cred-cp', name: 'Coupa sandbox' } },
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

export function useCoupaSandbox(): {
	readonly sandbox: CoupaSandbox;
	readonly baseUrl: string;
	credentials(overrides?: IDataObject): Record<string, ICredentialDataDecryptedObject>;
	run(json: WorkflowJson, credentialOverrides?: IDataObject): Promise<WorkflowRunResult>;
} {
	let sandbox: CoupaSandbox | undefined;
	let baseUrl = '';
	beforeAll(async () => {
		sandbox = createCoupaSandbox({ latencyMs: 0 });
		baseUrl = await sandbox.start(0);
	});
	afterAll(async () => {
		await sandbox?.stop();
		await shutdownN8nCore();
	});
	beforeEach(() => sandbox!.reset());
	const credentials = (overrides: IDataObject = {}) => ({ p2cCoupaOAuth2Api: { ...coupaSandboxCredentials(baseUrl), ...overrides } as unknown as ICredentialDataDecryptedObject });
	return {
		get sandbox() {
			return sandbox!;
		},
		get baseUrl() {
			return baseUrl;
		},
		credentials,
		run: async (json, overrides) => await runWorkflow(json, { credentials: credentials(overrides), extraTypes }),
	};
}

/** An IPollFunctions whose HTTP helper sends a sandbox token as the credential would, axios underneath. */
export function pollContext(options: { parameters: INodeParameters; credentials: ICredentialDataDecryptedObject; staticData: IDataObject; mode?: 'trigger' | 'manual'; token: string }) {
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
			headers: { ...(request.headers as Record<string, string>), Authorization: `Bearer ${options.token}` },
			data: request.body,
			validateStatus: () => true,
		});
		return request.returnFullResponse ? { body: response.data, headers: response.headers, statusCode: response.status } : response.data;
	}) as never);
	return context;
}
