/**
 * What both matrix tests set up: the sandboxes the demo starts, the n8n API simulator for the Sync Ledger, and
 * the credentials the templates bind to (every sandbox's, plus the ledger's), started once per file.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { startSandboxes } from '../../sandbox';
import type { RunningSandboxes } from '../../sandbox';
import { createN8nApiSandbox } from '../../sandbox/n8nApi';
import { sandboxCredentials } from '../../scripts/lib/sandboxes';
import type { runWorkflow } from '../helpers/harness';
import { shutdownN8nCore } from '../helpers/harness';

export interface MatrixSuite {
	readonly sandboxes: RunningSandboxes;
	readonly credentials: Record<string, ICredentialDataDecryptedObject>;
}

export function matrixSuite(): MatrixSuite {
	let sandboxes: RunningSandboxes | undefined;
	let credentials: Record<string, ICredentialDataDecryptedObject> = {};
	const n8nApi = createN8nApiSandbox();
	beforeAll(async () => {
		sandboxes = await startSandboxes(false);
		await n8nApi.start();
		credentials = {
			...Object.fromEntries((sandboxCredentials(sandboxes) as Array<{ type: string; data: ICredentialDataDecryptedObject }>).map((c) => [c.type, c.data])),
			p2cN8nApi: { baseUrl: `${n8nApi.baseUrl}/api/v1`, apiKey: n8nApi.apiKey },
		};
	}, 60_000);
	afterAll(async () => {
		await Promise.all([sandboxes?.stop(), n8nApi.stop()]);
		await shutdownN8nCore();
	});
	return {
		get sandboxes() {
			if (!sandboxes) throw new Error('the matrix sandboxes start in beforeAll');
			return sandboxes;
		},
		get credentials() {
			return credentials;
		},
	};
}

/** The items a node put on one of its outputs, over all its runs. */
export const outputItems = (result: Awaited<ReturnType<typeof runWorkflow>>, node: string, output = 0) =>
	(result.run.data.resultData.runData[node] ?? []).flatMap((r) => r.data?.main?.[output] ?? []).map((i) => i.json as Record<string, any>);
