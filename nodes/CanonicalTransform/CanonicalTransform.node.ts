import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as fromCanonical from './actions/fromCanonical.operation';
import { router } from './actions/router';
import * as toCanonical from './actions/toCanonical.operation';
import * as validate from './actions/validate.operation';
import { readableSubtitle } from '../shared/kit/descriptions';

const toCanonicalOption = {
	name: 'To Canonical',
	value: 'toCanonical',
	description: 'Turn vendor records into canonical records with an envelope',
	action: 'Convert vendor records to canonical records',
};
const fromCanonicalOption = {
	name: 'From Canonical',
	value: 'fromCanonical',
	description: 'Render canonical records as a vendor object’s payload',
	action: 'Convert canonical records to vendor records',
};
const validateOption = {
	name: 'Validate',
	value: 'validate',
	description: 'Check canonical records against an entity’s schema',
	action: 'Validate canonical records',
};

const transformProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@tool': [false] } },
		options: [toCanonicalOption, fromCanonicalOption, validateOption],
		default: 'toCanonical',
	},
	// As an agent's tool only Validate is offered: it checks a record the agent passes in and answers on one output.
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@tool': [true] } },
		options: [validateOption],
		default: 'validate',
	},
	...toCanonical.properties,
	...fromCanonical.properties,
	...validate.properties,
];

export class CanonicalTransform implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Canonical Transform',
		name: 'canonicalTransform',
		icon: { light: 'file:canonicalTransform.svg', dark: 'file:canonicalTransform.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: readableSubtitle(transformProperties, ['operation']),
		description:
			'Translate CRM, PSA, HCM and ERP records to and from the canonical planning-to-cash model, with stable ids, idempotency keys and field-level exceptions',
		defaults: { name: 'Canonical Transform' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Valid', 'Exceptions'],
		properties: transformProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
