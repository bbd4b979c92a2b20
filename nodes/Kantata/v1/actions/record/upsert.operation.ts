/**
 * Create or Update through external references. Kantata has no idempotency header, so the record is found by
 * the external reference (service name, model, ref) it carries; if none exists it is created with that
 * reference in the same request, so the reference and the record are committed together. A create whose
 * answer is lost (connection reset, timeout, a 5xx that is not Kantata's) is never blindly resent: the
 * reference is looked up again, and only when it is still absent is the create sent again. Two executions
 * running the same upsert at the same moment can both see "absent": the Sync Ledger's Check & Claim in front
 * of the node covers that window.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, InvalidInputError, runPerItem } from '../../../../shared/kit';
import { apiRequest, recordsOf } from '../../../transport';
import type { KantataConnection } from '../../../transport';
import type { KantataResource } from '../../../helpers/resources';
import type { OperationContext } from './context';
import { jsonBodyOf } from './context';

export interface ExternalKey {
	service_name: string;
	service_model: string;
	service_model_ref: string;
}

/** The id of the record of `resource` that carries the external reference, or undefined. */
export async function findByExternalReference(
	context: IExecuteFunctions,
	connection: KantataConnection,
	resource: KantataResource,
	key: ExternalKey,
	itemIndex: number,
	correlationId: string,
): Promise<string | undefined> {
	const response = await apiRequest<IDataObject>(context, connection, {
		method: 'GET',
		path: '/external_references.json',
		qs: { service_name: key.service_name, service_model: key.service_model, service_model_refs: key.service_model_ref, subject_type: resource.model, per_page: 200 },
		correlationId,
		itemIndex,
	});
	// Checked here as well: a filter the API does not apply must not let another service's reference match.
	const matches = recordsOf(response.body).filter(
		(r) => r.service_name === key.service_name && r.service_model === key.service_model && r.service_model_ref === key.service_model_ref && r.subject_type === resource.model,
	);
	if (matches.length > 1) {
		const ids = [...new Set(matches.map((m) => String(m.subject_id)))];
		if (ids.length > 1) {
			throw new InvalidInputError('externalRef', `${key.service_name}/${key.service_model}/${key.service_model_ref} is linked to several ${resource.plural} (${ids.join(', ')}); unlink all but one (field: externalRef)`, 'DUPLICATE_EXTERNAL_REFERENCE');
		}
	}
	return matches[0] ? String(matches[0].subject_id) : undefined;
}

/** The kit's verdict on a POST whose answer never came: the write may have been committed. */
export function isLostAnswer(error: unknown): boolean {
	const verdict = (error as { context?: { retryVerdict?: unknown } }).context?.retryVerdict;
	return typeof verdict === 'string' && verdict.startsWith('not idempotent');
}

export async function execute(this: IExecuteFunctions, op: OperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const key: ExternalKey = {
			service_name: String(this.getNodeParameter('externalService', itemIndex, 'n8n') ?? '').trim(),
			service_model: String(this.getNodeParameter('externalModel', itemIndex, '') ?? '').trim(),
			service_model_ref: String(this.getNodeParameter('externalRef', itemIndex, '') ?? '').trim(),
		};
		for (const [field, value] of [['externalService', key.service_name], ['externalModel', key.service_model], ['externalRef', key.service_model_ref]]) {
			if (!value) throw new InvalidInputError(field, `${field}: a value is required to find the record again (field: ${field})`);
		}
		const updateIfFound = this.getNodeParameter('updateIfFound', itemIndex, true) as boolean;
		const body = jsonBodyOf(this, itemIndex);
		delete body.external_reference;
		const path = `/${op.resource.collection}`;
		const request = { correlationId, itemIndex };

		const existing = await findByExternalReference(this, op.connection, op.resource, key, itemIndex, correlationId);
		if (existing) {
			const changes = { ...body };
			for (const attribute of op.resource.createOnly ?? []) delete changes[attribute];
			const response = updateIfFound && Object.keys(changes).length
				? await apiRequest<IDataObject>(this, op.connection, { method: 'PUT', path: `${path}/${existing}.json`, body: { [op.resource.singular]: changes }, ...request })
				: await apiRequest<IDataObject>(this, op.connection, { method: 'GET', path: `${path}/${existing}.json`, ...request });
			return { ...recordsOf(response.body)[0], created: false, externalReference: key };
		}
		const create = async () =>
			await apiRequest<IDataObject>(this, op.connection, { method: 'POST', path: `${path}.json`, body: { [op.resource.singular]: { ...body, external_reference: key } }, ...request });
		try {
			return { ...recordsOf((await create()).body)[0], created: true, externalReference: key };
		} catch (error) {
			if (!isLostAnswer(error)) throw asNodeError(this.getNode(), error, itemIndex);
			// The create may have been committed before its answer was lost: the reference says whether it was.
			const committed = await findByExternalReference(this, op.connection, op.resource, key, itemIndex, correlationId);
			if (committed) {
				const response = await apiRequest<IDataObject>(this, op.connection, { method: 'GET', path: `${path}/${committed}.json`, ...request });
				return { ...recordsOf(response.body)[0], created: true, recoveredAfterLostAnswer: true, externalReference: key };
			}
			return { ...recordsOf((await create()).body)[0], created: true, externalReference: key };
		}
	});
}
