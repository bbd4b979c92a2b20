import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { canonicalJson } from '../../../../lib/canonical';
import { requestIdFor } from '../../transport';
import type { Binding, ExecuteOptions, SnowflakeConnection } from '../../transport';

export interface SnowflakeOperationContext {
	connection: SnowflakeConnection;
	/** How long to wait for a statement in progress before cancelling it, in seconds. */
	waitSeconds: number;
	/** Submit with async=true and poll. */
	async: boolean;
	/** Statement timeout Snowflake enforces, in seconds (0 = its maximum). */
	timeout?: number;
}

/**
 * The requestId of one submit: the same for the same execution, node, unit of work and statement, so a resend
 * (the kit's retry, or n8n's Retry On Fail running the node again in the execution) never runs it twice; a new
 * execution gets new ids, so a nightly run always runs.
 */
export function submitRequestId(context: IExecuteFunctions, unit: string, statement: string, bindings: Record<string, Binding> | undefined): string {
	const execution = String(context.getExecutionId() ?? '');
	return requestIdFor(`${execution}|${context.getNode().name}|${unit}|${statement}|${canonicalJson(bindings ?? {})}`);
}

export function executeOptions(op: SnowflakeOperationContext, requestId: string, extra: Partial<ExecuteOptions> = {}): ExecuteOptions {
	return { requestId, async: op.async, waitSeconds: op.waitSeconds, allPartitions: true, ...extra };
}

export const statementContextProperties: INodeProperties[] = [
	{
		displayName: 'Database',
		name: 'database',
		type: 'string',
		default: '',
		placeholder: 'ANALYTICS',
		description: "Database to run in (case-sensitive, as SHOW DATABASES lists it); empty uses the user's DEFAULT_NAMESPACE",
	},
	{
		displayName: 'Schema',
		name: 'schema',
		type: 'string',
		default: '',
		placeholder: 'PLANNING_TO_CASH',
		description: "Schema to run in (case-sensitive); empty uses the user's default",
	},
	{
		displayName: 'Statement Options',
		name: 'statementOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Role', name: 'role', type: 'string', default: '', description: "Role to use (case-sensitive); empty uses the user's DEFAULT_ROLE" },
			{ displayName: 'Run Asynchronously', name: 'async', type: 'boolean', default: false, description: 'Whether to submit with async=true and poll for the result, rather than wait up to 45 s for it' },
			{
				displayName: 'Statement Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: "Seconds Snowflake may run a statement before it cancels it; 0 leaves the account's STATEMENT_TIMEOUT_IN_SECONDS",
			},
			{
				displayName: 'Wait Up To (Seconds)',
				name: 'waitSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 600,
				description: 'How long the node polls a statement still running; after that it cancels the statement and fails the item',
			},
			{ displayName: 'Warehouse', name: 'warehouse', type: 'string', default: '', description: "Warehouse to use (case-sensitive); empty uses the user's DEFAULT_WAREHOUSE" },
		],
	},
];
