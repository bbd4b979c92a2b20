import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as audit from './audit/Audit.resource';
import * as exception from './exception/Exception.resource';
import * as health from './health/Health.resource';
import * as ledger from './ledger/Ledger.resource';
import * as target from './target/Target.resource';

type Operation = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

const OPERATIONS: Record<string, Record<string, Operation>> = {
	ledger: { checkAndClaim: ledger.checkAndClaim.execute, recordResult: ledger.recordResult.execute, orderGuard: ledger.orderGuard.execute },
	exception: { add: exception.add.execute, list: exception.list.execute, replay: exception.replay.execute, resolve: exception.resolve.execute },
	audit: { append: audit.append.execute },
	health: { get: health.get.execute, digest: health.digest.execute, closeReadiness: health.closeReadiness.execute },
	target: { get: target.get.execute, guard: target.guard.execute, recordProbe: target.recordProbe.execute },
};

/** Operations that route items to several outputs: never run as an agent's tool, which reads only the first. */
const ROUTING_OPERATIONS = new Set(['ledger:checkAndClaim', 'ledger:recordResult', 'ledger:orderGuard', 'exception:replay', 'target:guard', 'target:recordProbe', 'health:closeReadiness']);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = OPERATIONS[resource]?.[operation];
	if (!execute) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
	if (this.getNode()?.type?.endsWith('Tool') === true && ROUTING_OPERATIONS.has(`${resource}:${operation}`)) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" routes items and cannot run as an agent's tool`);
	}
	return await execute.call(this);
}
