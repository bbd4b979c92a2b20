/**
 * Runs the Snowflake node in n8n-core's WorkflowExecute (test/helpers/harness.ts) with n8n's real HTTP helpers
 * and the key-pair credential's `authenticate` (a JWT signed per request), against a Snowflake sandbox started
 * once for the suite (its engine, a WASM Postgres, takes seconds to start) and reset before each test.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import { P2cSnowflakeKeyPairApi } from '../../credentials/P2cSnowflakeKeyPairApi.credentials';
import { P2cSnowflakeTokenApi } from '../../credentials/P2cSnowflakeTokenApi.credentials';
import { Snowflake } from '../../nodes/Snowflake/Snowflake.node';
import { createSnowflakeSandbox, snowflakeSandboxKeyPairCredentials, snowflakeSandboxTokenCredentials } from '../../sandbox/snowflake';
import type { SnowflakeSandbox } from '../../sandbox/snowflake';
import { PACKAGE_NAME, runWorkflow, shutdownN8nCore } from '../helpers/harness';
import type { WorkflowJson, WorkflowRunResult } from '../helpers/harness';
import { ItemsSource } from '../helpers/sources';
import { itemsWorkflow } from '../helpers/workflows';

// The warehouse is a WASM Postgres in a worker thread: on a loaded machine a statement can take seconds.
jest.setTimeout(120_000);

export const extraTypes = { nodes: [new Snowflake(), new ItemsSource()], credentials: [new P2cSnowflakeKeyPairApi(), new P2cSnowflakeTokenApi()] };

export function snowflakeNode(parameters: IDataObject, options: { name?: string; continueOnFail?: boolean; authentication?: 'keyPair' | 'token' } = {}): INode {
	const authentication = options.authentication ?? 'keyPair';
	return {
		id: `sf-${options.name ?? 'Snowflake'}`,
		name: options.name ?? 'Snowflake',
		type: `${PACKAGE_NAME}.snowflake`,
		typeVersion: 1,
		position: [400, 0],
		parameters: { authentication, database: 'P2C_ANALYTICS', schema: 'REPLICATION', ...parameters },
		credentials: authentication === 'keyPair' ? { p2cSnowflakeKeyPairApi: { id: 'cred-sf', name: 'Snowflake key pair' } } : { p2cSnowflakeTokenApi: { id: 'cred-sf-token', name: 'Snowflake token' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	} as INode;
}

export const workflow = (items: IDataObject[], ...nodes: INode[]): WorkflowJson => itemsWorkflow(items, ...nodes);

export interface SnowflakeSuite {
	readonly sandbox: SnowflakeSandbox;
	readonly baseUrl: string;
	run(json: WorkflowJson): Promise<WorkflowRunResult>;
	/** The statements the sandbox received (POST bodies), in order. */
	submitted(): Array<{ statement: string; bindings?: Record<string, { type: string; value: string | null }>; query: URLSearchParams }>;
}

export function useSnowflakeSandbox(): SnowflakeSuite {
	let sandbox: SnowflakeSandbox | undefined;
	let baseUrl = '';
	beforeAll(async () => {
		sandbox = createSnowflakeSandbox({ latencyMs: 0 });
		baseUrl = await sandbox.start(0);
		await sandbox.whenReady();
	}, 300_000);
	afterAll(async () => {
		await sandbox?.stop();
		await shutdownN8nCore();
	});
	beforeEach(async () => {
		sandbox!.reset();
		await sandbox!.whenReady();
	}, 120_000);
	const credentials = (): Record<string, ICredentialDataDecryptedObject> => ({
		p2cSnowflakeKeyPairApi: snowflakeSandboxKeyPairCredentials(baseUrl) as unknown as ICredentialDataDecryptedObject,
		p2cSnowflakeTokenApi: snowflakeSandboxTokenCredentials(baseUrl) as unknown as ICredentialDataDecryptedObject,
	});
	return {
		get sandbox() {
			return sandbox!;
		},
		get baseUrl() {
			return baseUrl;
		},
		run: async (json) => await runWorkflow(json, { credentials: credentials(), extraTypes }),
		submitted: () =>
			sandbox!.requests
				.filter((r) => r.method === 'POST' && r.path === '/api/v2/statements')
				.map((r) => ({ ...(r.body as { statement: string; bindings?: Record<string, { type: string; value: string | null }> }), query: new URLSearchParams(r.query) })),
	};
}
