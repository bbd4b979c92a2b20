import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

/** Stands in for the Manual Trigger and emits the given items, so a probe node gets test input. */
export function startNodeEmitting(items: object[]): INodeType {
	return {
		description: {
			displayName: 'Start',
			name: 'startItems',
			group: ['trigger'],
			version: 1,
			description: '',
			defaults: { name: 'Start' },
			inputs: [],
			outputs: ['main'],
			properties: [],
		} as unknown as INodeTypeDescription,
		// n8n calls execute with its own context as `this`, so the items come from the closure.
		async execute() {
			return [items.map((json) => ({ json: json as Record<string, never> }))];
		},
	};
}
