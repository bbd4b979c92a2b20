/**
 * Runs the Dynamics 365 Finance node in n8n-core's WorkflowExecute (test/helpers/harness.ts) with n8n's real
 * HTTP helpers and the credential's bearer `authenticate`; against nock or the F&O sandbox.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { P2cDynamics365FinanceApi } from '../../credentials/P2cDynamics365FinanceApi.credentials';
import { Dynamics365Finance } from '../../nodes/Dynamics365Finance/Dynamics365Finance.node';
import { PACKAGE_NAME, runWorkflow } from '../helpers/harness';
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
