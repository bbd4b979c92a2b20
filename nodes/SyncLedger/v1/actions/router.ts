import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as audit from './audit/Audit.resource';
import * as exception from './exception/Exception.resource';
import * as health from './health/Health.resource';
import * as ledger from './ledger/Ledger.resource';
import * as target from './target/Target.resource';

type Operation = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

const OPERATIONS: Record<string, Record<string, Operation>> = {
	ledger: { checkAndClaim: ledger.checkAndClaim.execute, recordResult: ledger.recordResult.execute, orderGuard: ledger.orderGuard.execute, prune: ledger.prune.execute },
	exception: { add: exception.add.execute, list: exception.list.execute, replay: exception.replay.execute, resolve: exception.resolve.execute },
	audit: { append: audit.append.execute },
	health: { get: health.get.execute, digest: health.digest.execute, closeReadiness: health.closeReadiness.execute },
	target: { get: target.get.execute, guard: target.guard.execute, recordProbe: target.recordProbe.execute },
};

const ROUTES_ITEMS = 'routes items';
/**
 * Operations an agent's tool never runs: those routing items to several outputs (a tool reads only the first) and
 * those deleting what the ledger knows (run from a workflow someone set up, never chosen by an agent).
 */
const NOT_AS_TOOL: Record<string, string> = {
	'ledger:checkAndClaim': ROUTES_ITEMS,
	'ledger:recordResult': ROUTES_ITEMS,
	'ledger:orderGuard': ROUTES_ITEMS,
	'exception:replay': ROUTES_ITEMS,
	'target:guard': ROUTES_ITEMS,
	'target:recordProbe': ROUTES_ITEMS,
	'health:closeReadiness': ROUTES_ITEMS,
	'ledger:prune': 'deletes ledger rows',
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = OPERATIONS[resource]?.[operation];
	if (!execute) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
	const notAsTool = NOT_AS_TOOL[`${resource}:${operation}`];
	if (this.getNode()?.type?.endsWith('Tool') === true && notAsTool) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" ${notAsTool} and cannot run as an agent's tool`);
	}
	return await execute.call(this);
}
