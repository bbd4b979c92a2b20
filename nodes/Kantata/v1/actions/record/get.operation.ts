import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runReadPerItem } from '../../../../shared/canonicalOutput';
import { toCanonical } from '../../../canonical';
import { apiRequest, listAll, recordsOf } from '../../../transport';
import type { KantataConnection } from '../../../transport';
import type { OperationContext } from './context';
import { readQuery, recordIdOf } from './context';
import { collectionsOf } from './getMany.operation';

/** A workspace read for Canonical output carries its stories, the project's WBS. */
export async function withStories(context: IExecuteFunctions, connection: KantataConnection, workspaces: IDataObject[], itemIndex: number, correlationId: string): Promise<IDataObject[]> {
	if (!workspaces.length) return workspaces;
	const ids = workspaces.map((w) => String(w.id));
	const stories = await listAll(context, connection, '/stories.json', { workspace_id: ids.join(',') }, { itemIndex, correlationId });
	return workspaces.map((workspace) => ({ ...workspace, stories: stories.filter((s) => String(s.workspace_id) === String(workspace.id)) }));
}

export function canonicalTarget(op: OperationContext) {
	return { system: 'kantata', object: op.resource.canonicalObject ?? op.resource.singular, toCanonical };
}

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runReadPerItem(this, canonicalTarget(op), async ({ itemIndex, correlationId }, output) => {
		const id = recordIdOf(this, itemIndex);
		const { qs, includes } = readQuery(this, itemIndex, 'get', output.mode === 'canonical' ? (op.resource.canonicalIncludes ?? []) : []);
		const response = await apiRequest<IDataObject>(this, op.connection, { method: 'GET', path: `/${op.resource.collection}/${id}.json`, qs, correlationId, itemIndex });
		const records = recordsOf(response.body, collectionsOf(includes));
		if (!records.length) throw new Error(`Kantata returned no ${op.resource.singular} ${id}`);
		if (output.mode === 'canonical' && op.resourceName === 'workspace') return await withStories(this, op.connection, records, itemIndex, correlationId);
		return records[0];
	});
}
