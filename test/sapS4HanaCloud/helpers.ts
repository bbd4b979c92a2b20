/**
 * Runs the SAP S/4HANA Cloud node in n8n-core's WorkflowExecute (test/helpers/harness.ts) with n8n's real HTTP
 * helpers and the credentials' own authenticate / preAuthentication, against the SAP sandbox.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { P2cSapS4HanaCloudBasicApi } from '../../credentials/P2cSapS4HanaCloudBasicApi.credentials';
import { P2cSapS4HanaCloudOAuth2Api } from '../../credentials/P2cSapS4HanaCloudOAuth2Api.credentials';
import { SapS4HanaCloud } from '../../nodes/SapS4HanaCloud/SapS4HanaCloud.node';
import { SAP_COMMUNICATION_PASSWORD, SAP_COMMUNICATION_USER, SAP_OAUTH_CLIENT_ID, SAP_OAUTH_CLIENT_SECRET, createSapS4HanaCloudSandbox } from '../../sandbox/sapS4HanaCloud';
import type { SapS4HanaCloudSandbox } from '../../sandbox/sapS4HanaCloud';
import { PACKAGE_NAME, runWorkflow, shutdownN8nCore } from '../helpers/harness';
import type { WorkflowJson, WorkflowRunResult } from '../helpers/harness';
import { ItemsSource } from '../helpers/sources';

export const extraTypes = { nodes: [new SapS4HanaCloud(), new ItemsSource()], credentials: [new P2cSapS4HanaCloudBasicApi(), new P2cSapS4HanaCloudOAuth2Api()] };

export function sapNode(parameters: IDataObject, options: { name?: string; continueOnFail?: boolean; oauth?: boolean } = {}): INode {
	return {
		id: `sap-${options.name ?? 'SAP'}`,
		name: options.name ?? 'SAP',
		type: `${PACKAGE_NAME}.sapS4HanaCloud`,
		typeVersion: 1,
		position: [400, 0],
		parameters: { ...(options.oauth ? { authentication: 'oAuth2' } : {}), ...parameters },
		credentials: options.oauth ? { p2cSapS4HanaCloudOAuth2Api: { id: 'cred-sap-oauth', name: 'SAP OAuth' } } : { p2cSapS4HanaCloudBasicApi: { id: 'cred-sap', name: 'SAP' } },
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

export const recordId = (value: string) => ({ __rl: true, mode: 'id', value });

/** An SAP sandbox for a suite (free port, no latency), reset before each test. */
export function useSapSandbox() {
	let sap: SapS4HanaCloudSandbox | undefined;
	beforeAll(async () => {
		sap = createSapS4HanaCloudSandbox({ latencyMs: 0 });
		await sap.start(0);
	});
	afterAll(async () => {
		await sap?.stop();
		await shutdownN8nCore();
	});
	beforeEach(async () => {
		sap!.reset();
		await sap!.seeding;
	});
	const basic = () => ({ hostUrl: sap!.baseUrl, username: SAP_COMMUNICATION_USER, password: SAP_COMMUNICATION_PASSWORD });
	const oauth = () => ({ hostUrl: sap!.baseUrl, tokenUrl: '', clientId: SAP_OAUTH_CLIENT_ID, clientSecret: SAP_OAUTH_CLIENT_SECRET, scope: '' });
	return {
		get sap() {
			return sap!;
		},
		basic,
		oauth,
		run: async (json: WorkflowJson, credentials: IDataObject = basic()): Promise<WorkflowRunResult> =>
			await runWorkflow(json, { credentials: { p2cSapS4HanaCloudBasicApi: credentials as never, p2cSapS4HanaCloudOAuth2Api: (credentials.clientId ? credentials : oauth()) as never }, extraTypes }),
	};
}
