/**
 * Create or Update by the entity's natural key (company + key fields, as F&O addresses the record) or by the
 * external reference field (the source system's id written on create). Found: updated with the fields (key
 * fields left out); absent: created. A re-run therefore updates, never duplicates. Two executions upserting
 * the same new record at the same moment: with a natural key F&O refuses the second insert (duplicate key);
 * with an external reference only the Sync Ledger's Check & Claim in front of the node covers that window.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { InvalidInputError, runPerItem } from '../../../../shared/kit';
import type { OperationContext } from '../context';
import { companyOf, jsonObjectOf } from '../context';
import { bodyFor, createOnce, findByExternalReference, findByKey, keyFromFields, keyOfRecord, patch } from './write';

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const scope = { context: this, connection: op.connection, entity: op.entity, company: companyOf(this, itemIndex, op.entity), itemIndex, correlationId };
		const matchOn = this.getNodeParameter('matchOn', itemIndex, 'key') as 'key' | 'externalReference';
		const fields = jsonObjectOf(this, itemIndex, 'jsonBody');
		const externalReference = op.entity.externalReferenceField ? String(this.getNodeParameter('externalReference', itemIndex, '') ?? '').trim() || undefined : undefined;
		let existing;
		if (matchOn === 'externalReference') {
			if (!externalReference) throw new InvalidInputError('externalReference', 'externalReference: a value is required to find the record again (field: externalReference)');
			existing = await findByExternalReference(scope, externalReference);
		} else {
			const key = keyFromFields(scope, fields);
			if (!key) throw new InvalidInputError(op.entity.key[0], `${op.entity.key.join(', ')}: the Fields must carry the ${op.entity.label.toLowerCase()}'s key to match on it (field: ${op.entity.key[0]})`);
			existing = await findByKey(scope, key);
		}
		if (!existing) return await createOnce(scope, bodyFor(scope, fields, externalReference), externalReference);
		const changes = bodyFor(scope, fields, externalReference);
		for (const field of ['dataAreaId', ...op.entity.key]) delete changes[field];
		return { ...(await patch(scope, keyOfRecord(scope, existing), changes)), created: false };
	});
}
