import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { snowflakeConnection } from '../../transport';
import type { SnowflakeAuthentication } from '../../transport';
import type { SnowflakeOperationContext } from './common';
import * as loadKpis from './kpi/load.operation';
import * as replicate from './record/replicate.operation';
import * as cancel from './statement/cancel.operation';
import * as executeStatement from './statement/execute.operation';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const options = this.getNodeParameter('statementOptions', 0, {}) as IDataObject;
	const connection = await snowflakeConnection(this, this.getNodeParameter('authentication', 0, 'keyPair') as SnowflakeAuthentication, {
		database: this.getNodeParameter('database', 0, '') as string,
		schema: this.getNodeParameter('schema', 0, '') as string,
		warehouse: options.warehouse as string | undefined,
		role: options.role as string | undefined,
	});
	const timeout = Number(options.timeout ?? 0);
	const op: SnowflakeOperationContext = {
		connection,
		async: options.async === true,
		waitSeconds: Math.max(1, Number(options.waitSeconds ?? 600)),
		...(timeout > 0 ? { timeout } : {}),
	};
	switch (`${resource}.${operation}`) {
		case 'statement.execute':
			return [await executeStatement.execute.call(this, op)];
		case 'statement.cancel':
			return [await cancel.execute.call(this, op)];
		case 'canonicalRecord.replicate':
			return [await replicate.execute.call(this, op)];
		case 'kpi.load':
			return [await loadKpis.execute.call(this, op)];
		default:
			throw new NodeOperationError(this.getNode(), `Snowflake has no operation "${operation}" on "${resource}"`);
	}
}
