/**
 * Runs the Oracle Fusion node in n8n-core's WorkflowExecute (test/helpers/harness.ts) with n8n's real HTTP
 * helpers and the credentials' own authenticate / preAuthentication, against an Oracle sandbox started for the suite.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import { P2cOracleFusionBasicApi } from '../../credentials/P2cOracleFusionBasicApi.credentials';
import { P2cOracleFusionOAuth2Api } from '../../credentials/P2cOracleFusionOAuth2Api.credentials';
import { OracleFusion } from '../../nodes/OracleFusion/OracleFusion.node';
import { createOracleFusionSandbox, oracleSandboxCredentials, oracleSandboxOAuth2Credentials } from '../../sandbox/oracleFusion';
import type { OracleFusionSandbox } from '../../sandbox/oracleFusion';
import { runWorkflow, shutdownN8nCore } from '../helpers/harness';
import type { WorkflowJson, WorkflowRunResult } from '../helpers/harness';
import { ItemsSource } from '../helpers/sources';
import { itemsWorkflow, packageNode } from '../helpers/workflows';

export const extraTypes = { nodes: [new OracleFusion(), new ItemsSource()], credentials: [new P2cOracleFusionBasicApi(), new P2cOracleFusionOAuth2Api()] };

export function oracleNode(parameters: IDataObject, options: { name?: string; continueOnFail?: boolean; authentication?: 'basic' | 'oAuth2' } = {}): INode {
	const authentication = options.authentication ?? 'basic';
	const name = options.name ?? 'Oracle';
	return packageNode('oracleFusion', {
		id: `of-${name}`,
		name,
		parameters: { authentication, ...parameters },
		credentials: authentication === 'basic' ? { p2cOracleFusionBasicApi: { id: 'cred-ob', name: 'Oracle basic' } } : { p2cOracleFusionOAuth2Api: { id: 'cred-oo', name: 'Oracle OAuth2' } },
		continueOnFail: options.continueOnFail,
	});
}

export const workflow = itemsWorkflow;

export function useOracleSandbox(options: { jobPolls?: number } = {}): {
	readonly sandbox: OracleFusionSandbox;
	readonly baseUrl: string;
	credentials(grant?: 'clientCredentials' | 'jwtAssertion'): Record<string, ICredentialDataDecryptedObject>;
	run(json: WorkflowJson, credentials?: Record<string, ICredentialDataDecryptedObject>): Promise<WorkflowRunResult>;
} {
	let sandbox: OracleFusionSandbox | undefined;
	let baseUrl = '';
	beforeAll(async () => {
		sandbox = createOracleFusionSandbox({ latencyMs: 0, jobPolls: options.jobPolls });
		baseUrl = await sandbox.start(0);
	});
	afterAll(async () => {
		await sandbox?.stop();
		await shutdownN8nCore();
	});
	beforeEach(() => sandbox!.reset());
	const credentials = (grant: 'clientCredentials' | 'jwtAssertion' = 'clientCredentials') => ({
		p2cOracleFusionBasicApi: oracleSandboxCredentials(baseUrl) as unknown as ICredentialDataDecryptedObject,
		p2cOracleFusionOAuth2Api: oracleSandboxOAuth2Credentials(baseUrl, grant) as unknown as ICredentialDataDecryptedObject,
	});
	return {
		get sandbox() {
			return sandbox!;
		},
		get baseUrl() {
			return baseUrl;
		},
		credentials,
		run: async (json, given) => await runWorkflow(json, { credentials: given ?? credentials(), extraTypes }),
	};
}
