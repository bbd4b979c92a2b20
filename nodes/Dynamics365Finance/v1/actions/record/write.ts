/**
 * Writes shared by Create, Update and Create or Update: the body in the company (dataAreaId) with the
 * resource's fixed fields, finding a record by key or by external reference, and a create that survives a lost
 * answer. F&O has no idempotency key, so a POST whose answer was lost is never blindly resent: the record is
 * looked up again by its key or external reference, and only when it is still absent is the create sent again.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InvalidInputError, asNodeError } from '../../../../shared/kit';
import { odataAnd, odataStringLiteral } from '../../../../shared/kit/odata';
import { fixedConditions, fixedValues } from '../../../helpers/entities';
import type { FinanceEntity } from '../../../helpers/entities';
import { financeRequest, listAll, recordKey, recordPath, scopeQuery } from '../../../transport';
import type { FinanceConnection } from '../../../transport';
import { companyCondition } from '../context';

export interface WriteScope {
	context: IExecuteFunctions;
	connection: FinanceConnection;
	entity: FinanceEntity;
	company: string | undefined;
	itemIndex: number;
	correlationId: string;
}

export function bodyFor(scope: WriteScope, fields: IDataObject, externalReference?: string): IDataObject {
	const body: IDataObject = { ...fields, ...fixedValues(scope.entity) };
	if (scope.entity.companyScoped) {
		if (body.dataAreaId !== undefined && String(body.dataAreaId).toLowerCase() !== scope.company) {
			throw new InvalidInputError('dataAreaId', `dataAreaId: the fields say ${String(body.dataAreaId)} but Company is ${scope.company}; the record is written to Company (field: dataAreaId)`);
		}
		body.dataAreaId = scope.company;
	}
	if (externalReference) body[scope.entity.externalReferenceField!] = externalReference;
	return body;
}

/** The record's key from its fields, when the fields carry it (natural-key entities). */
export function keyFromFields(scope: WriteScope, fields: IDataObject): Record<string, string | number> | undefined {
	if (scope.entity.key.some((field) => fields[field] === undefined || fields[field] === '')) return undefined;
	return recordKey(scope.entity, scope.company, Object.fromEntries(scope.entity.key.map((field) => [field, fields[field] as string | number])));
}

export function keyOfRecord(scope: WriteScope, record: IDataObject): Record<string, string | number> {
	return recordKey(scope.entity, scope.entity.companyScoped ? String(record.dataAreaId ?? scope.company) : undefined, Object.fromEntries(scope.entity.key.map((field) => [field, record[field] as string | number])));
}

export async function findByKey(scope: WriteScope, key: Record<string, string | number>): Promise<IDataObject | undefined> {
	try {
		return (await financeRequest<IDataObject>(scope.context, scope.connection, { method: 'GET', path: recordPath(scope.entity.set, key), qs: scopeQuery(scope.entity), correlationId: scope.correlationId, itemIndex: scope.itemIndex })).body;
	} catch (error) {
		if ((error as { httpCode?: string }).httpCode === '404') return undefined;
		throw asNodeError(scope.context.getNode(), error, scope.itemIndex);
	}
}

/** The record of this company carrying the external reference; several is an error naming them. */
export async function findByExternalReference(scope: WriteScope, externalReference: string): Promise<IDataObject | undefined> {
	const field = scope.entity.externalReferenceField!;
	const filter = odataAnd(companyCondition(scope.company), `${field} eq ${odataStringLiteral(externalReference)}`, ...fixedConditions(scope.entity));
	const found = await listAll(scope.context, scope.connection, `/${scope.entity.set}`, scopeQuery(scope.entity, { $filter: filter }), { limit: 2, correlationId: scope.correlationId, itemIndex: scope.itemIndex });
	if (found.length > 1) {
		const keys = found.map((record) => scope.entity.key.map((k) => String(record[k])).join('/'));
		throw new InvalidInputError('externalReference', `externalReference: ${externalReference} is on several ${scope.entity.plural} (${keys.join(', ')}) in ${scope.company}; clear it on all but one (field: externalReference)`, 'DUPLICATE_EXTERNAL_REFERENCE');
	}
	return found[0];
}

/** The kit's verdict on a POST whose answer never came: the write may have been committed. */
export function isLostAnswer(error: unknown): boolean {
	const verdict = (error as { context?: { retryVerdict?: unknown } }).context?.retryVerdict;
	return typeof verdict === 'string' && verdict.startsWith('not idempotent');
}

/**
 * POST the record; after a lost answer, look for it by key or external reference and send again only when it
 * is not there. Without either, a lost answer is an error for the Sync Ledger to resolve, never a duplicate.
 */
export async function createOnce(scope: WriteScope, body: IDataObject, externalReference?: string): Promise<IDataObject> {
	const create = async () => (await financeRequest<IDataObject>(scope.context, scope.connection, { method: 'POST', path: `/${scope.entity.set}`, body, correlationId: scope.correlationId, itemIndex: scope.itemIndex })).body;
	try {
		return { ...(await create()), created: true };
	} catch (error) {
		if (!isLostAnswer(error)) throw asNodeError(scope.context.getNode(), error, scope.itemIndex);
		const key = keyFromFields(scope, body);
		const committed = key ? await findByKey(scope, key) : externalReference ? await findByExternalReference(scope, externalReference) : undefined;
		if (committed) return { ...committed, created: true, recoveredAfterLostAnswer: true };
		if (!key && !externalReference) throw asNodeError(scope.context.getNode(), error, scope.itemIndex);
		return { ...(await create()), created: true };
	}
}

export async function patch(scope: WriteScope, key: Record<string, string | number>, changes: IDataObject): Promise<IDataObject> {
	const path = recordPath(scope.entity.set, key);
	// PATCH by key is idempotent: the same changes twice leave the record as once.
	await financeRequest(scope.context, scope.connection, { method: 'PATCH', path, qs: scopeQuery(scope.entity), body: changes, headers: { 'If-Match': '*' }, idempotent: true, correlationId: scope.correlationId, itemIndex: scope.itemIndex });
	return (await financeRequest<IDataObject>(scope.context, scope.connection, { method: 'GET', path, qs: scopeQuery(scope.entity), correlationId: scope.correlationId, itemIndex: scope.itemIndex })).body;
}
