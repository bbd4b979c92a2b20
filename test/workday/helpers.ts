/**
 * Runs the Workday node in n8n-core's WorkflowExecute (test/helpers/harness.ts) with n8n's real HTTP helpers and
 * both Workday credentials (the OAuth credential's refresh-token exchange, the ISU's UsernameToken / Basic),
 * against a Workday sandbox started for the suite; and a poll context for the trigger whose HTTP helper applies
 * the ISU credential's authenticate the same way.
 */
import axios from 'axios';
import { mockDeep } from 'jest-mock-extended';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INode, INodeParameters, IPollFunctions } from 'n8n-workflow';

import { P2cWorkdayIsuApi } from '../../credentials/P2cWorkdayIsuApi.credentials';
import { P2cWorkdayOAuth2Api } from '../../credentials/P2cWorkdayOAuth2Api.credentials';
import { Workday } from '../../nodes/Workday/Workday.node';
import { createWorkdaySandbox, workdayIsuSandboxCredentials, workdayOAuth2SandboxCredentials } from '../../sandbox/workday';
import type { WorkdaySandbox } from '../../sandbox/workday';
import { PACKAGE_NAME, runWorkflow, shutdownN8nCore } from '../helpers/harness';
import type { WorkflowJson, WorkflowRunResult } from '../helpers/harness';
import { ItemsSource } from '../helpers/sources';
import { itemsWorkflow, packageNode } from '../helpers/workflows';

export const extraTypes = { nodes: [new Workday(), new ItemsSource()], credentials: [new P2cWorkdayOAuth2Api(), new P2cWorkdayIsuApi()] };

export function workdayNode(parameters: IDataObject, options: { name?: string; continueOnFail?: boolean } = {}): INode {
	const name = options.name ?? 'Workday';
	return packageNode('workday', {
		id: `wd-${name}`,
		name,
		parameters,
		credentials: { p2cWorkdayOAuth2Api: { id: 'cred-wd-oauth', name: 'Workday OAuth' }, p2cWorkdayIsuApi: { id: 'cred-wd-isu', name: 'Workday ISU' } },
		continueOnFail: options.continueOnFail,
	});
}

export const workflow = itemsWorkflow;

export function useWorkdaySandbox(): {
	readonly sandbox: WorkdaySandbox;
	readonly baseUrl: string;
	credentials(): Record<string, ICredentialDataDecryptedObject>;
	run(json: WorkflowJson, credentials?: Record<string, ICredentialDataDecryptedObject>): Promise<WorkflowRunResult>;
} {
	let sandbox: WorkdaySandbox | undefined;
	let baseUrl = '';
	beforeAll(async () => {
		sandbox = createWorkdaySandbox({ latencyMs: 0 });
		baseUrl = await sandbox.start(0);
	});
	afterAll(async () => {
		await sandbox?.stop();
		await shutdownN8nCore();
	});
	beforeEach(() => {
		sandbox!.reset();
		sandbox!.tenant.fixedNowMs = undefined;
	});
	const credentials = () => ({
		p2cWorkdayOAuth2Api: workdayOAuth2SandboxCredentials(baseUrl) as unknown as ICredentialDataDecryptedObject,
		p2cWorkdayIsuApi: workdayIsuSandboxCredentials(baseUrl) as unknown as ICredentialDataDecryptedObject,
	});
	return {
		get sandbox() {
			return sandbox!;
		},
		get baseUrl() {
			return baseUrl;
		},
		credentials,
		run: async (json, override) => await runWorkflow(json, { credentials: override ?? credentials(), extraTypes }),
	};
}

/** An IPollFunctions whose HTTP helper applies the ISU credential (UsernameToken in SOAP envelopes), axios underneath. */
export function pollContext(options: { parameters: INodeParameters; credentials: ICredentialDataDecryptedObject; staticData: IDataObject; mode?: 'trigger' | 'manual' }) {
	const context = mockDeep<IPollFunctions>();
	context.getNodeParameter.mockImplementation(((name: string, fallback?: unknown) => options.parameters[name] ?? fallback) as never);
	context.getWorkflowStaticData.mockReturnValue(options.staticData);
	context.getMode.mockReturnValue(options.mode ?? 'trigger');
	context.getCredentials.mockImplementation((async () => options.credentials) as never);
	context.getNode.mockReturnValue({ name: 'Workday Trigger', type: `${PACKAGE_NAME}.workdayTrigger`, typeVersion: 1, parameters: {} } as never);
	context.helpers.returnJsonArray.mockImplementation(((items: IDataObject[]) => items.map((json) => ({ json }))) as never);
	context.helpers.httpRequestWithAuthentication.mockImplementation((async (_type: string, request: IHttpRequestOptions) => {
		const signed = await new P2cWorkdayIsuApi().authenticate(options.credentials, request);
		const response = await axios.request({
			method: signed.method ?? 'GET',
			url: signed.url,
			params: signed.qs,
			headers: signed.headers as Record<string, string>,
			data: signed.body,
			responseType: 'text',
			transformResponse: (data: unknown) => data,
			validateStatus: () => true,
		});
		return request.returnFullResponse ? { body: response.data, headers: response.headers, statusCode: response.status } : response.data;
	}) as never);
	return context;
}
