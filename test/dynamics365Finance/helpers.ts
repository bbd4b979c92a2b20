/**
 * Runs the Dynamics 365 Finance node in n8n-core's WorkflowExecute (test/helpers/harness.ts) with n8n's real
 * HTTP helpers and the credential's bearer `authenticate`; against nock or the F&O sandbox.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { P2cDynamics365FinanceApi } from '../../credentials/P2cDynamics365FinanceApi.credentials';
import { Dynamics365Finance } from '../../nodes/Dynamics365Finance/Dynamics365Finance.node';
import { createDynamicsFinanceSandbox } from '../../sandbox/dynamicsFinance';
import type { DynamicsFinanceSandbox } from '../../sandbox/dynamicsFinance';
import { createEntraSandbox, entraSandboxClientCredentials } from '../../sandbox/entra';
import type { EntraSandbox } from '../../sandbox/entra';
import { runWorkflow, shutdownN8nCore } from '../helpers/harness';
import type { WorkflowJson, WorkflowRunResult } from '../helpers/harness';
import { ItemsSource } from '../helpers/sources';
import { itemsWorkflow, packageNode } from '../helpers/workflows';
import { entraSandboxAppToken } from '../helpers/entra';

export const extraTypes = { nodes: [new Dynamics365Finance(), new ItemsSource()], credentials: [new P2cDynamics365FinanceApi()] };

export function financeNode(parameters: IDataObject, options: { name?: string; continueOnFail?: boolean } = {}): INode {
	const name = options.name ?? 'Finance';
	return packageNode('dynamics365Finance', {
		id: `fo-${name}`,
		name,
		parameters,
		credentials: { p2cDynamics365FinanceApi: { id: 'cred-fo', name: 'Finance' } },
		continueOnFail: options.continueOnFail,
	});
}

export const workflow = itemsWorkflow;

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
		token: async (): Promise<string> => await entraSandboxAppToken(entra!.baseUrl, finance!.baseUrl),
	};
}
