import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Outputs } from './common';
import { forAgentTool, isAgentTool } from './common';
import * as fromCanonical from './fromCanonical.operation';
import * as toCanonical from './toCanonical.operation';
import * as validate from './validate.operation';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as string;
	let outputs: Outputs;
	switch (operation) {
		case 'fromCanonical':
			outputs = fromCanonical.execute.call(this, items);
			break;
		case 'validate':
			outputs = validate.execute.call(this, items);
			break;
		default:
			outputs = toCanonical.execute.call(this, items);
	}
	return isAgentTool(this) ? forAgentTool(outputs) : outputs;
}
