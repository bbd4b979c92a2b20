import { NodeOperationError } from 'n8n-workflow';
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { FieldInfo } from '../helpers/describe';
import { fieldsOfResource } from './resource';

function toOptions(fields: FieldInfo[]): INodePropertyOptions[] {
	return fields
		.map((f) => ({ name: `${f.label} (${f.name})`, value: f.name, description: f.type }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Every field of the resource's object, for conditions, sorting and the fields to return, plus the name of each
 * lookup's related record (`Account.Name`), which SOQL reads in the same query.
 */
export async function getFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const fields = await fieldsOfResource(this);
	const relatedNames = fields
		.filter((f) => f.relationshipName)
		.map((f) => ({ name: `${f.label.replace(/ ID$/, '')} › Name (${f.relationshipName}.Name)`, value: `${f.relationshipName}.Name`, description: 'Name of the related record' }));
	return [...toOptions(fields), ...relatedNames.sort((a, b) => a.name.localeCompare(b.name))];
}

/** Fields a create or update may set. */
export async function getWritableFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const operation = this.getNodeParameter('operation', '') as string;
	const fields = await fieldsOfResource(this);
	return toOptions(fields.filter((f) => (operation === 'update' ? f.updateable : f.createable || f.updateable)));
}

/** The org's active Opportunity stages (StageName picklist), in the org's sales-process order. */
export async function getOpportunityStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const stageName = (await fieldsOfResource(this, 'opportunity')).find((f) => f.name === 'StageName');
	if (!stageName?.picklistValues.length) {
		throw new NodeOperationError(this.getNode(), 'Opportunity.StageName has no active picklist values in this org', {
			description: 'Check the Stage picklist under Setup > Object Manager > Opportunity > Fields',
		});
	}
	return stageName.picklistValues.map((p) => ({ name: p.label, value: p.value }));
}
