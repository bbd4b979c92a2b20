/**
 * Test helpers for the Salesforce connector: run the node in-process through n8n-core (the lead's harness)
 * against the sandbox or nock, and a poll context for the trigger in trigger mode (the engine only polls
 * in manual mode).
 */
import axios from 'axios';
import { mockDeep } from 'jest-mock-extended';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INodeParameters, IPollFunctions } from 'n8n-workflow';

import { P2cSalesforceClientCredentialsApi } from '../../credentials/P2cSalesforceClientCredentialsApi.credentials';
import { P2cSalesforceJwtApi } from '../../credentials/P2cSalesforceJwtApi.credentials';
import { Salesforce } from '../../nodes/Salesforce/Salesforce.node';
import { SalesforceTrigger } from '../../nodes/Salesforce/SalesforceTrigger.node';
import { runWorkflow } from '../helpers/harness';
import type { WorkflowRunResult } from '../helpers/harness';
import { startEmitting } from '../helpers/sources';

export const PACKAGE = 'n8n-nodes-planning-to-cash';
export const credentialTypes = [new P2cSalesforceJwtApi(), new P2cSalesforceClientCredentialsApi()];

export interface NodeRun {
	parameters: INodeParameters;
	items?: IDataObject[];
	credentials: ICredentialDataDecryptedObject;
	credentialType?: 'p2cSalesforceJwtApi' | 'p2cSalesforceClientCredentialsApi';
	continueOnFail?: boolean;
}

/** Runs Start → Salesforce once; `credentials` is updated in place with what preAuthentication cached. */
export async function runSalesforceNode(run: NodeRun): Promise<WorkflowRunResult> {
	const credentialType = run.credentialType ?? 'p2cSalesforceJwtApi';
	const workflow = {
		nodes: [
			{ id: '1', name: 'Start', type: `${PACKAGE}.salesforceTestStart`, typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
			{
				id: '2',
				name: 'Salesforce',
				type: `${PACKAGE}.salesforce`,
				typeVersion: 1,
				position: [200, 0] as [number, number],
				parameters: { authentication: credentialType === 'p2cSalesforceJwtApi' ? 'jwt' : 'clientCredentials', ...run.parameters },
				credentials: { [credentialType]: { id: 'c1', name: 'Salesforce' } },
				continueOnFail: run.continueOnFail ?? false,
			},
		],
		connections: { Start: { main: [[{ node: 'Salesforce', type: 'main' as const, index: 0 }]] } },
	};
	const result = await runWorkflow(workflow, {
		credentials: { [credentialType]: run.credentials },
		extraTypes: { nodes: [new Salesforce(), new SalesforceTrigger(), startEmitting('salesforceTestStart', run.items ?? [{}])], credentials: credentialTypes },
		startNode: 'Start',
	});
	// Keep the token the run cached, as n8n stores it on the credential.
	Object.assign(run.credentials, result.credentials.store[credentialType] ?? {});
	return result;
}

/**
 * An IPollFunctions whose HTTP helper works like n8n's: preAuthentication when the token is empty or a
 * request got 401, the credential's authenticate, axios underneath, `ignoreHttpStatusErrors` honoured.
 */
export function pollContext(options: {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	staticData: IDataObject;
	mode?: 'trigger' | 'manual';
}) {
	const jwt = new P2cSalesforceJwtApi();
	const credentials = options.credentials;
	const httpRequest = async (request: IHttpRequestOptions) => {
		const response = await axios.request({
			method: request.method ?? 'GET',
			baseURL: request.baseURL,
			url: request.url,
			params: request.qs,
			headers: request.headers as Record<string, string>,
			data: request.body,
			validateStatus: () => true,
		});
		const ignore = request.ignoreHttpStatusErrors;
		const except = typeof ignore === 'object' && ignore ? ((ignore as { except?: number[] }).except ?? []) : [];
		if (response.status >= 400 && (!ignore || except.includes(response.status))) {
			throw Object.assign(new Error(`Request failed with status code ${response.status}`), { response });
		}
		return request.returnFullResponse ? { body: response.data, headers: response.headers, statusCode: response.status } : response.data;
	};
	const helpers = { helpers: { httpRequest } } as never;
	const context = mockDeep<IPollFunctions>();
	context.getNodeParameter.mockImplementation(((name: string, fallback?: unknown) => options.parameters[name] ?? fallback) as never);
	context.getWorkflowStaticData.mockReturnValue(options.staticData);
	context.getMode.mockReturnValue(options.mode ?? 'trigger');
	context.getCredentials.mockImplementation((async () => credentials) as never);
	context.helpers.returnJsonArray.mockImplementation(((items: IDataObject[]) => items.map((json) => ({ json }))) as never);
	context.helpers.httpRequestWithAuthentication.mockImplementation((async (_type: string, request: IHttpRequestOptions) => {
		const send = async () => httpRequest((await jwt.authenticate(credentials, { ...request })) as IHttpRequestOptions);
		if (!credentials.accessToken) Object.assign(credentials, await jwt.preAuthentication.call(helpers, credentials));
		try {
			return await send();
		} catch (error) {
			if ((error as { response?: { status: number } }).response?.status !== 401) throw error;
			Object.assign(credentials, await jwt.preAuthentication.call(helpers, credentials));
			return await send();
		}
	}) as never);
	return context;
}
