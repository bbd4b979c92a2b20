/**
 * Test helpers for the Certinia connector: run the node in-process through n8n-core against the Salesforce
 * sandbox (which carries the pse__ objects), and the Salesforce tests' poll context for the trigger.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { Certinia } from '../../nodes/Certinia/Certinia.node';
import { CertiniaTrigger } from '../../nodes/Certinia/CertiniaTrigger.node';
import { createSalesforceSandbox, salesforceSandboxCredentials } from '../../sandbox/salesforce';
import type { SalesforceSandbox } from '../../sandbox/salesforce';
import { runWorkflow, shutdownN8nCore } from '../helpers/harness';
import type { WorkflowRunResult } from '../helpers/harness';
import { startEmitting } from '../helpers/sources';
import { credentialTypes, PACKAGE } from '../salesforce/helpers';

export { pollContext } from '../salesforce/helpers';

/**
 * One Salesforce sandbox (which serves Certinia's pse__ objects) for the describe block that calls it: started
 * once, reseeded before each test with fresh credentials, stopped with n8n-core at the end.
 */
export function useCertiniaSandbox(): { sandbox: SalesforceSandbox; credentials: ICredentialDataDecryptedObject } {
	const suite = {} as { sandbox: SalesforceSandbox; baseUrl: string; credentials: ICredentialDataDecryptedObject };
	beforeAll(async () => {
		suite.sandbox = createSalesforceSandbox({ latencyMs: 0 });
		suite.baseUrl = await suite.sandbox.start(0);
	});
	beforeEach(() => {
		suite.sandbox.reset();
		suite.credentials = salesforceSandboxCredentials(suite.baseUrl);
	});
	afterAll(async () => {
		await suite.sandbox.stop();
		await shutdownN8nCore();
	});
	return suite;
}

export interface CertiniaRun {
	parameters: INodeParameters;
	items?: IDataObject[];
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
}

/** Runs Start → Certinia once over the JWT credential; the credential keeps the token the run cached. */
export async function runCertiniaNode(run: CertiniaRun): Promise<WorkflowRunResult> {
	const credentialType = 'p2cSalesforceJwtApi';
	const workflow = {
		nodes: [
			{ id: '1', name: 'Start', type: `${PACKAGE}.certiniaTestStart`, typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
			{
				id: '2',
				name: 'Certinia',
				type: `${PACKAGE}.certinia`,
				typeVersion: 1,
				position: [200, 0] as [number, number],
				parameters: { authentication: 'jwt', ...run.parameters },
				credentials: { [credentialType]: { id: 'c1', name: 'Salesforce' } },
				continueOnFail: run.continueOnFail ?? false,
			},
		],
		connections: { Start: { main: [[{ node: 'Certinia', type: 'main' as const, index: 0 }]] } },
	};
	const result = await runWorkflow(workflow, {
		credentials: { [credentialType]: run.credentials },
		extraTypes: { nodes: [new Certinia(), new CertiniaTrigger(), startEmitting('certiniaTestStart', run.items ?? [{}])], credentials: credentialTypes },
		startNode: 'Start',
	});
	Object.assign(run.credentials, result.credentials.store[credentialType] ?? {});
	return result;
}
