/**
 * Runs the NetSuite node in n8n-core's real WorkflowExecute (test/helpers/harness.ts) with n8n's real HTTP
 * helpers, so requests are signed by the credential's `authenticate` and token exchange goes through
 * `preAuthentication` exactly as in n8n.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, INode } from 'n8n-workflow';

import axios from 'axios';
import { mockDeep } from 'jest-mock-extended';

import { P2cNetSuiteOAuth2Api } from '../../credentials/P2cNetSuiteOAuth2Api.credentials';
import { P2cNetSuiteTbaApi } from '../../credentials/P2cNetSuiteTbaApi.credentials';
import { NetSuite } from '../../nodes/NetSuite/NetSuite.node';
import { createNetSuiteSandbox, netSuiteSandboxCredentials } from '../../sandbox/netsuite';
import type { NetSuiteSandbox } from '../../sandbox/netsuite';
import { PACKAGE_NAME, runWorkflow, shutdownN8nCore } from '../helpers/harness';
import type { WorkflowJson, WorkflowRunResult } from '../helpers/harness';
import { ItemsSource } from '../helpers/sources';

export const extraTypes = {
	nodes: [new NetSuite(), new ItemsSource()],
	credentials: [new P2cNetSuiteTbaApi(), new P2cNetSuiteOAuth2Api()],
};

export type NetSuiteAuth = 'tba' | 'oAuth2';

const CREDENTIAL_TYPE: Record<NetSuiteAuth, string> = { tba: 'p2cNetSuiteTbaApi', oAuth2: 'p2cNetSuiteOAuth2Api' };

export function netSuiteNode(parameters: IDataObject, options: { auth?: NetSuiteAuth; name?: string; continueOnFail?: boolean } = {}): INode {
	const auth = options.auth ?? 'tba';
	return {
		id: `ns-${options.name ?? 'NetSuite'}`,
		name: options.name ?? 'NetSuite',
		type: `${PACKAGE_NAME}.netSuite`,
		typeVersion: 1,
		position: [400, 0],
		parameters: { authentication: auth, ...parameters },
		credentials: { [CREDENTIAL_TYPE[auth]]: { id: `cred-${auth}`, name: `NetSuite ${auth}` } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	} as INode;
}

/** Manual Trigger → Items Source → the given NetSuite nodes in a chain. */
export function workflow(items: IDataObject[], ...nodes: INode[]): WorkflowJson {
	const all: INode[] = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'items', name: 'Items', type: `${PACKAGE_NAME}.testItemsSource`, typeVersion: 1, position: [200, 0], parameters: { items: JSON.stringify(items) } },
		...nodes,
	];
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes: all, connections };
}

export async function run(
	json: WorkflowJson,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): Promise<WorkflowRunResult> {
	return await runWorkflow(json, { credentials, extraTypes });
}

/**
 * A NetSuite sandbox for the suite: started before it, reset before each test, stopped (with n8n-core's
 * timers) after it. `tba()` gives the node its TBA credential for the sandbox.
 */
export function useNetSuiteSandbox(): { readonly sandbox: NetSuiteSandbox; readonly baseUrl: string; tba(): { p2cNetSuiteTbaApi: ICredentialDataDecryptedObject } } {
	let sandbox: NetSuiteSandbox | undefined;
	let baseUrl = '';
	beforeAll(async () => {
		sandbox = createNetSuiteSandbox();
		baseUrl = await sandbox.start(0);
	});
	afterAll(async () => {
		await sandbox?.stop();
		await shutdownN8nCore();
	});
	beforeEach(() => sandbox!.reset());
	return {
		get sandbox() {
			return sandbox!;
		},
		get baseUrl() {
			return baseUrl;
		},
		tba: () => ({ p2cNetSuiteTbaApi: netSuiteSandboxCredentials(baseUrl) as unknown as ICredentialDataDecryptedObject }),
	};
}

/** A load-options context for the node's methods, whose HTTP helper signs with the TBA credential as n8n does. */
export function loadOptionsContext(baseUrl: string, parameters: IDataObject): ILoadOptionsFunctions {
	const credentials = netSuiteSandboxCredentials(baseUrl);
	const mock = mockDeep<ILoadOptionsFunctions>();
	mock.getNodeParameter.mockImplementation(((name: string, fallback?: unknown) => ({ authentication: 'tba', ...parameters })[name] ?? fallback) as never);
	mock.getCredentials.mockResolvedValue(credentials as never);
	mock.helpers.httpRequestWithAuthentication.mockImplementation((async (_type: string, options: IHttpRequestOptions) => {
		const signed = await new P2cNetSuiteTbaApi().authenticate(credentials, options);
		const response = await axios({ method: signed.method, url: signed.url, headers: signed.headers as never, data: signed.body, validateStatus: () => true });
		return { body: response.data, headers: response.headers, statusCode: response.status };
	}) as never);
	return mock;
}
