/**
 * Runs the Dynamics 365 Finance node in n8n-core's WorkflowExecute (test/helpers/harness.ts) with n8n's real
 * HTTP helpers and the credential's bearer `authenticate`; against nock or the F&O sandbox.
 */
import axios from 'axios';
import type { IDataObject, INode } from 'n8n-workflow';

import { P2cDynamics365FinanceApi } from '../../credentials/P2cDynamics365FinanceApi.credentials';
import { Dynamics365Finance } from '../../nodes/Dynamics365Finance/Dynamics365Finance.node';
import { createDynamicsFinanceSandbox } from '../../sandbox/dynamicsFinance';
import type { DynamicsFinanceSandbox } from '../../sandbox/dynamicsFinance';
import { ENTRA_SANDBOX_CLIENT_ID, ENTRA_SANDBOX_CLIENT_SECRET, ENTRA_SANDBOX_TENANT_ID, createEntraSandbox, entraSandboxClientCredentials } from '../../sandbox/entra';
import type { EntraSandbox } from '../../sandbox/entra';
import { PACKAGE_NAME, runWorkflow, shutdownN8nCore } from '../helpers/harness';
import type { WorkflowJson, WorkflowRunResult } from '../helpers/harness';
import { ItemsSource } from '../helpers/sources';

export const extraTypes = { nodes: [new Dynamics365Finance(), new ItemsSource()], credentials: [new P2cDynamics365FinanceApi()] };

export function financeNode(parameters: IDataObject, options: { name?: string; continueOnFail?: boolean } = {}): INode {
	return {
		id: `fo-${options.name ?? 'Finance'}`,
		name: options.name ?? 'Finance',
		type: `${PACKAGE_NAME}.dynamics365Finance`,
		typeVersion: 1,
		position: [400, 0],
		parameters,
		credentials: { p2cDynamics365FinanceApi: { id: 'cred-fo', name: 'Finance' } },
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

export async function runWith(credentials: IDataObject, json: WorkflowJson): Promise<WorkflowRunResult> {
	return await runWorkflow(json, { credentials: { p2cDynamics365FinanceApi: credentials as never }, extraTypes });
}

export const recordId = (value: string) => ({ __rl: true, mode: 'id', value });

/** An Entra sandbox and an F&O sandbox for a suite (free ports, no latency), reset before each test. */
export function useFinanceSandbox() {
	let entra: EntraSandbox | undefined;
	let finance: DynamicsFinanceSandbox | undefined;
	beforeAll(async () => {
		entra = createEntraSandbox();
		await entra.start(0);
		finance = createDynamicsFinanceSandbox({ latencyMs: 0 });
		await finance.start(0);
	});
	afterAll(async () => {
		await finance?.stop();
		await entra?.stop();
		await shutdownN8nCore();
	});
	beforeEach(async () => {
		finance!.reset();
		await finance!.seeding;
	});
	const credentials = () => entraSandboxClientCredentials(entra!.baseUrl, finance!.baseUrl);
	return {
		get finance() {
			return finance!;
		},
		get entra() {
			return entra!;
		},
		credentials,
		run: async (json: WorkflowJson) => await runWith(credentials(), json),
		/** A bearer token for the F&O sandbox, from the Entra sandbox's token endpoint. */
		async token(): Promise<string> {
			const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: ENTRA_SANDBOX_CLIENT_ID, client_secret: ENTRA_SANDBOX_CLIENT_SECRET, scope: `${finance!.baseUrl}/.default` });
			const response = await axios.post(`${entra!.baseUrl}/${ENTRA_SANDBOX_TENANT_ID}/oauth2/v2.0/token`, form.toString(), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
			return String(response.data.access_token);
		},
	};
}
