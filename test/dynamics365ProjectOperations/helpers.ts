/**
 * The Dataverse sandbox suite (test/dataverse/helpers.ts: Entra and Dataverse sandboxes, reset and re-seeded
 * before each test) with the Project Operations module plugged in; the Project Operations node run in
 * n8n-core's WorkflowExecute with the client-credentials credential; direct requests as the app or as the
 * licensed sandbox user.
 */
import axios from 'axios';
import type { IDataObject, INode } from 'n8n-workflow';

import { Dynamics365ProjectOperations } from '../../nodes/Dynamics365ProjectOperations/Dynamics365ProjectOperations.node';
import { DATAVERSE_API_ROOT } from '../../sandbox/dataverse';
import { projectOperationsModule } from '../../sandbox/dataverse/projectOperations';
import type { ProjectOperationsModule } from '../../sandbox/dataverse/projectOperations';
import { ENTRA_SANDBOX_CLIENT_ID, ENTRA_SANDBOX_CLIENT_SECRET, ENTRA_SANDBOX_TENANT_ID } from '../../sandbox/entra';
import { CREDENTIAL_CLASS, CREDENTIAL_TYPE, useDataverseSandbox } from '../dataverse/helpers';
import type { DataverseSuite } from '../dataverse/helpers';
import { runWorkflow } from '../helpers/harness';
import type { WorkflowJson, WorkflowRunResult } from '../helpers/harness';
import { ItemsSource } from '../helpers/sources';
import { itemsWorkflow, packageNode } from '../helpers/workflows';
import { entraSandboxAppToken } from '../helpers/entra';

export const extraTypes = { nodes: [new Dynamics365ProjectOperations(), new ItemsSource()], credentials: [new CREDENTIAL_CLASS()] };

export interface ProjectOperationsSuite {
	suite: DataverseSuite;
	module: ProjectOperationsModule;
	/** The Web API root, `http://127.0.0.1:<port>/api/data/v9.2`. */
	readonly url: string;
	appToken(): Promise<string>;
	userToken(): Promise<string>;
	run(json: WorkflowJson): Promise<WorkflowRunResult>;
	records(set: string): IDataObject[];
}

/** The licensed sandbox user's token (refresh-token grant, as the OAuth2 credential gets it). */
async function userTokenFor(suite: DataverseSuite): Promise<string> {
	const form = { grant_type: 'refresh_token', client_id: ENTRA_SANDBOX_CLIENT_ID, client_secret: ENTRA_SANDBOX_CLIENT_SECRET, refresh_token: suite.entra.issueUserRefreshToken(suite.baseUrl), scope: `${suite.baseUrl}/.default` };
	const response = await axios.post(`${suite.entra.baseUrl}/${ENTRA_SANDBOX_TENANT_ID}/oauth2/v2.0/token`, new URLSearchParams(form).toString(), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	return String(response.data.access_token);
}

export function useProjectOperationsSandbox(): ProjectOperationsSuite {
	// Operation sets wait to be flushed unless a test shortens the delay.
	const module = projectOperationsModule({ executionDelayMs: 60_000 });
	const suite = useDataverseSandbox({ modules: [module.register] });
	return {
		suite,
		module,
		get url() {
			return `${suite.baseUrl}${DATAVERSE_API_ROOT}`;
		},
		appToken: async () => await entraSandboxAppToken(suite.entra.baseUrl, suite.baseUrl),
		userToken: async () => await userTokenFor(suite),
		run: async (json) => await runWorkflow(json, { credentials: suite.credentials(), extraTypes }),
		records: (set) => suite.sandbox.service.records(set) as IDataObject[],
	};
}

export async function call(sandbox: ProjectOperationsSuite, method: string, path: string, body?: unknown, bearer?: string): Promise<{ status: number; body: any }> {
	const response = await fetch(`${sandbox.url}/${path}`, {
		method,
		headers: { Authorization: `Bearer ${bearer ?? (await sandbox.userToken())}`, 'Content-Type': 'application/json', Accept: 'application/json', 'OData-Version': '4.0' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export function poNode(parameters: IDataObject, options: { name?: string; continueOnFail?: boolean } = {}): INode {
	return packageNode('dynamics365ProjectOperations', {
		id: `po-${options.name ?? 'ProjectOperations'}`,
		name: options.name ?? 'Project Operations',
		parameters: { authentication: 'clientCredentials', ...parameters },
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-dv', name: 'Dataverse' } },
		continueOnFail: options.continueOnFail,
	});
}

export const workflow = itemsWorkflow;

export const locator = (value: string) => ({ __rl: true, mode: 'id', value });
