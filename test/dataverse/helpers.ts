/**
 * An Entra sandbox and a Dataverse sandbox for a suite (free ports, no latency unless asked), reset and re-seeded
 * before each test; the Sales node run in n8n-core's WorkflowExecute with the client-credentials credential
 * (its preAuthentication asks the Entra sandbox for a token scoped to the environment); a poll context for the
 * trigger whose HTTP helper goes through the credential the same way.
 */
import axios from 'axios';
import { mockDeep } from 'jest-mock-extended';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INode, INodeParameters, IPollFunctions } from 'n8n-workflow';

import { P2cDataverseClientCredentialsApi } from '../../credentials/P2cDataverseClientCredentialsApi.credentials';
import { createDataverseSandbox } from '../../sandbox/dataverse';
import type { DataverseSandbox, DataverseSandboxOptions } from '../../sandbox/dataverse';
import { createEntraSandbox, entraSandboxClientCredentials } from '../../sandbox/entra';
import type { EntraSandbox } from '../../sandbox/entra';
import { PACKAGE_NAME, runWorkflow, shutdownN8nCore } from '../helpers/harness';
import type { WorkflowJson, WorkflowRunResult } from '../helpers/harness';
import { ItemsSource } from '../helpers/sources';
import { itemsWorkflow, packageNode } from '../helpers/workflows';
import { entraSandboxAppToken } from '../helpers/entra';

export const CREDENTIAL_TYPE = 'p2cDataverseClientCredentialsApi';
export const extraTypes = { nodes: [new ItemsSource()] };

export function salesNode(parameters: IDataObject, options: { name?: string; continueOnFail?: boolean } = {}): INode {
	const name = options.name ?? 'Sales';
	return packageNode('dynamics365Sales', {
		id: `dv-${name}`,
		name,
		parameters: { authentication: 'clientCredentials', ...parameters },
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-dv', name: 'Dataverse' } },
		continueOnFail: options.continueOnFail,
	});
}

export const workflow = itemsWorkflow;

export interface DataverseSuite {
	readonly entra: EntraSandbox;
	readonly sandbox: DataverseSandbox;
	readonly baseUrl: string;
	credentials(): Record<string, ICredentialDataDecryptedObject>;
	run(json: WorkflowJson): Promise<WorkflowRunResult>;
	/** A bearer token for direct requests (admin-side checks). */
	token(): Promise<string>;
}

export function useDataverseSandbox(options: DataverseSandboxOptions = {}): DataverseSuite {
	let entra: EntraSandbox | undefined;
	let sandbox: DataverseSandbox | undefined;
	let baseUrl = '';
	beforeAll(async () => {
		entra = createEntraSandbox();
		await entra.start(0);
		sandbox = createDataverseSandbox({ latencyMs: 0, ...options });
		baseUrl = await sandbox.start(0);
	});
	afterAll(async () => {
		await sandbox?.stop();
		await entra?.stop();
		await shutdownN8nCore();
	});
	beforeEach(async () => {
		await sandbox!.resetAndSeed();
	});
	const credentials = () => ({ [CREDENTIAL_TYPE]: entraSandboxClientCredentials(entra!.baseUrl, baseUrl) as unknown as ICredentialDataDecryptedObject });
	return {
		get entra() {
			return entra!;
		},
		get sandbox() {
			return sandbox!;
		},
		get baseUrl() {
			return baseUrl;
		},
		credentials,
		run: async (json) => await runWorkflow(json, { credentials: credentials(), extraTypes }),
		token: async () => await entraSandboxAppToken(entra!.baseUrl, baseUrl),
	};
}

/** An IPollFunctions whose HTTP helper authenticates like the client-credentials credential (a fresh token). */
export function pollContext(suite: DataverseSuite, options: { parameters: INodeParameters; staticData: IDataObject; mode?: 'trigger' | 'manual'; credentials?: IDataObject }) {
	const context = mockDeep<IPollFunctions>();
	const credentials = { ...suite.credentials()[CREDENTIAL_TYPE], ...(options.credentials ?? {}) };
	let token: string | undefined;
	context.getNodeParameter.mockImplementation(((name: string, fallback?: unknown) => options.parameters[name] ?? fallback) as never);
	context.getWorkflowStaticData.mockReturnValue(options.staticData);
	context.getMode.mockReturnValue(options.mode ?? 'trigger');
	context.getNode.mockReturnValue({ name: 'Trigger', type: `${PACKAGE_NAME}.dynamics365SalesTrigger`, typeVersion: 1, position: [0, 0], parameters: {}, id: 't' } as INode);
	context.getCredentials.mockImplementation((async () => credentials) as never);
	context.helpers.returnJsonArray.mockImplementation(((items: IDataObject[]) => items.map((json) => ({ json }))) as never);
	context.helpers.httpRequestWithAuthentication.mockImplementation((async (_type: string, request: IHttpRequestOptions) => {
		token ??= await suite.token();
		const response = await axios.request({
			method: request.method ?? 'GET',
			url: request.url,
			params: request.qs,
			headers: { ...(request.headers as Record<string, string>), Authorization: `Bearer ${token}` },
			data: request.body,
			validateStatus: () => true,
		});
		return request.returnFullResponse ? { body: response.data, headers: response.headers, statusCode: response.status } : response.data;
	}) as never);
	return context;
}

export const CREDENTIAL_CLASS = P2cDataverseClientCredentialsApi;
