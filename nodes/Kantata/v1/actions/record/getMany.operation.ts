import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runReadPerItem } from '../../../../shared/canonicalOutput';
import { listAll } from '../../../transport';
import type { OperationContext } from './context';
import { readQuery } from './context';
import { canonicalTarget, withStories } from './get.operation';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, canonicalTarget(op), async ({ itemIndex, correlationId }, output) => {
		const { qs, includes } = readQuery(this, itemIndex, 'getMany', output.mode === 'canonical' ? (op.resource.canonicalIncludes ?? []) : []);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const records = await listAll(this, op.connection, `/${op.resource.collection}.json`, qs, { limit, correlationId, itemIndex, includedCollections: includes.length ? collectionsOf(includes) : [] });
		if (output.mode === 'canonical' && op.resourceName === 'workspace') return await withStories(this, op.connection, records, itemIndex, correlationId);
		return records;
	});
}

/** Include names are association names; the envelope keys their records by collection. */
const ASSOCIATION_COLLECTIONS: Record<string, string> = {
	creator: 'users',
	user: 'users',
	approvers: 'users',
	workspace: 'workspaces',
	story: 'stories',
	parent: 'stories',
	resource: 'workspace_resources',
	workspace_resource: 'workspace_resources',
};

export function collectionsOf(includes: string[]): string[] {
	return [...new Set(includes.map((name) => ASSOCIATION_COLLECTIONS[name] ?? name))];
}
