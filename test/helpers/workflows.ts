/**
 * The workflow the node suites run: Manual Trigger → the test items source emitting the items → each node in
 * turn; and a node of this package placed in it with its credentials.
 */
import type { IDataObject, INode, INodeCredentials, INodeParameters } from 'n8n-workflow';

import { PACKAGE_NAME } from './harness';
import type { WorkflowJson } from './harness';

/** Start → Items (`testItemsSource` emitting `items`) → `nodes`, each connected to the next on its first output. */
export function itemsWorkflow(items: IDataObject[], ...nodes: INode[]): WorkflowJson {
	const all: INode[] = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'items', name: 'Items', type: `${PACKAGE_NAME}.testItemsSource`, typeVersion: 1, position: [200, 0], parameters: { items: JSON.stringify(items) } },
		...nodes,
	];
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i < all.length - 1; i++) connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	return { nodes: all, connections };
}

/** A version-1 node of this package (`type` without the package prefix); Continue On Fail when asked. */
export function packageNode(
	type: string,
	node: { id: string; name: string; parameters: IDataObject; credentials: INodeCredentials; continueOnFail?: boolean },
): INode {
	return {
		id: node.id,
		name: node.name,
		type: `${PACKAGE_NAME}.${type}`,
		typeVersion: 1,
		position: [400, 0],
		parameters: node.parameters as INodeParameters,
		credentials: node.credentials,
		...(node.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
}
