/**
 * Dynamics 365 Finance & Operations transport on the connector kit: OData v4 data entities under
 * `<environment>/data/<EntitySet>`, the Entra client-credentials token from the credential, F&O's error body
 * (`{"error":{"code":"","message","innererror":{"message","type"}}}`), priority-based throttling (HTTP 429 with
 * Retry-After, honoured by the kit), server-driven paging with `Prefer: odata.maxpagesize` and
 * `@odata.nextLink` (up to 10,000 per page), company scoping (`cross-company=true` on every company-scoped read
 * and key address, so a company other than the user's default is reachable) and `$batch` with changesets.
 */
import type { IAllExecuteFunctions, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { InvalidInputError, collectRecords, odataNextLink, pathSegment, pathSegmentProblem, vendorRequest, walkPages } from '../../shared/kit';
import type { HttpFailure, RetryPolicy, VendorError, VendorProfile, VendorResponse } from '../../shared/kit';
import { ODATA_HEADERS, buildBatch, odataGuid, odataKeyPredicate, odataLinkWithin, odataMaxPageSizePrefer, pairBatchResults, parseBatchResponse, splitBatchParts } from '../../shared/kit/odata';
import type { ODataBatchPairing, ODataBatchPart } from '../../shared/kit/odata';
import { ENTITIES } from '../helpers/entities';
import type { FinanceEntity } from '../helpers/entities';

export const FINANCE_CREDENTIAL_TYPE = 'p2cDynamics365FinanceApi';

/** F&O's ceiling for server-driven paging. */
export const MAX_PAGE_SIZE = 10_000;

/** `{"error":{"code":"","message":"…","innererror":{"message":"…","type":"…"}}}`: the code is often empty. */
export function parseFinanceError(body: unknown): VendorError | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const error = (body as IDataObject).error as IDataObject | undefined;
	if (!error || typeof error !== 'object' || typeof error.message !== 'string') return undefined;
	const inner = (error.innererror ?? {}) as IDataObject;
	const innerMessage = typeof inner.message === 'string' && inner.message !== error.message ? inner.message : undefined;
	const code = typeof error.code === 'string' && error.code !== '' ? error.code : typeof inner.type === 'string' && inner.type !== '' ? inner.type : 'error';
	const fields = typeof error.target === 'string' && error.target ? [error.target] : [];
	return { code, message: innerMessage ? `${error.message} ${innerMessage}` : error.message, fields };
}

/** F&O's resource-based service protection answers 429 (with Retry-After); the request was not processed. */
export function isFinanceThrottle(failure: HttpFailure): boolean {
	return failure.status === 429;
}

export const FINANCE_PROFILE: VendorProfile = {
	name: 'Dynamics 365 Finance',
	parseError: parseFinanceError,
	isThrottle: isFinanceThrottle,
	retry: { baseDelayMs: 1_000, maxDelayMs: 30_000 },
};

export interface FinanceConnection {
	credentialType: string;
	/** `https://contoso.operations.dynamics.com/data`. */
	dataRoot: string;
}

export async function financeConnection(context: IAllExecuteFunctions): Promise<FinanceConnection> {
	const credentials = await context.getCredentials(FINANCE_CREDENTIAL_TYPE);
	const raw = String(credentials.environmentUrl ?? '').trim();
	const origin = URL.canParse(raw) ? new URL(raw).origin : undefined;
	if (!origin) throw new InvalidInputError('environmentUrl', `environmentUrl: "${raw}" is not a URL (field: environmentUrl)`);
	return { credentialType: FINANCE_CREDENTIAL_TYPE, dataRoot: `${origin}/data` };
}

export interface FinanceRequest {
	method: IHttpRequestMethods;
	/** Below the data root, e.g. `/CustomersV3(dataAreaId='usmf',CustomerAccount='C1')`; or an absolute nextLink. */
	path: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: Record<string, string>;
	correlationId?: string;
	itemIndex?: number;
	idempotent?: boolean;
	retry?: Partial<RetryPolicy>;
}

export async function financeRequest<T = IDataObject>(context: IAllExecuteFunctions, connection: FinanceConnection, request: FinanceRequest): Promise<VendorResponse<T>> {
	// An absolute path is a link F&O gave (nextLink): followed only under the data root, never elsewhere.
	const url = /^[a-z][a-z0-9+.-]*:/i.test(request.path) ? odataLinkWithin(request.path, connection.dataRoot, 'Dynamics 365 Finance') : `${connection.dataRoot}${request.path}`;
	return await vendorRequest<T>(
		context,
		FINANCE_PROFILE,
		{
			method: request.method,
			url,
			qs: request.qs,
			body: request.body as IDataObject | undefined,
			headers: { ...ODATA_HEADERS, ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(request.headers ?? {}) },
		},
		{ credentialType: connection.credentialType, correlationId: request.correlationId, itemIndex: request.itemIndex, idempotent: request.idempotent, retry: request.retry, renewTokenOn401: true },
	);
}

/** The key of one record: `dataAreaId` first for company-scoped entities, then the entity's own key fields. */
export function recordKey(entity: FinanceEntity, company: string | undefined, values: Record<string, string | number>): Record<string, string | number> {
	const key: Record<string, string | number> = {};
	if (entity.companyScoped) {
		if (!company) throw new InvalidInputError('company', `company: ${entity.plural} belong to a company (legal entity); give its ID, e.g. usmf (field: company)`);
		key.dataAreaId = company;
	}
	for (const field of entity.key) {
		const value = values[field];
		if (value === undefined || value === '') throw new InvalidInputError(field, `${field}: the key of the ${entity.label.toLowerCase()} is required (field: ${field})`);
		key[field] = value;
	}
	for (const [field, value] of Object.entries(key)) {
		const problem = typeof value === 'string' ? pathSegmentProblem(value) : undefined;
		if (problem) throw new InvalidInputError(field, `${field}: ${JSON.stringify(value)} cannot be used in a key: ${problem} (field: ${field})`, 'INVALID_ID');
	}
	return key;
}

/** `/<EntitySet>(dataAreaId='usmf',Key='…')`: names validated, values escaped (kit odataKeyPredicate); GUID keys unquoted. */
export function recordPath(set: string, key: Record<string, string | number>): string {
	const guidKeys = (Object.values(ENTITIES) as FinanceEntity[]).find((entity) => entity.set === set)?.guidKeys ?? [];
	const typed = Object.fromEntries(Object.entries(key).map(([field, value]) => [field, guidKeys.includes(field) && typeof value === 'string' ? odataGuid(value) : value]));
	return `/${pathSegment(set, 'entitySet')}${odataKeyPredicate(typed)}`;
}

/** Company-scoped entities are read (and addressed by key) across companies, so any company is reachable. */
export function scopeQuery(entity: FinanceEntity, qs: IDataObject = {}): IDataObject {
	return entity.companyScoped ? { ...qs, 'cross-company': 'true' } : qs;
}

/**
 * Every record of a query (or up to `limit`), following `@odata.nextLink` (an absolute URL carrying the query
 * and a skip token); the page size is asked for with `Prefer: odata.maxpagesize`.
 */
export async function listAll(
	context: IAllExecuteFunctions,
	connection: FinanceConnection,
	path: string,
	qs: IDataObject,
	options: { limit?: number; correlationId?: string; itemIndex?: number; pageSize?: number } = {},
): Promise<IDataObject[]> {
	const pageSize = Math.min(MAX_PAGE_SIZE, options.pageSize ?? (options.limit && options.limit < MAX_PAGE_SIZE ? Math.max(options.limit, 1) : MAX_PAGE_SIZE));
	const headers = { Prefer: odataMaxPageSizePrefer(pageSize) };
	const pages = walkPages<IDataObject, string>(
		async (nextLink) =>
			(
				await financeRequest<IDataObject>(context, connection, nextLink
					? { method: 'GET', path: nextLink, headers, correlationId: options.correlationId, itemIndex: options.itemIndex }
					: { method: 'GET', path, qs, headers, correlationId: options.correlationId, itemIndex: options.itemIndex })
			).body,
		(page) => odataNextLink(page),
	);
	return await collectRecords(pages, (page) => (Array.isArray(page.value) ? (page.value as IDataObject[]) : []), options.limit);
}

/**
 * Sends parts as `$batch` requests of at most 1,000 parts (changesets kept whole), with
 * `Prefer: odata.continue-on-error` so a failure outside a changeset does not stop the rest, and pairs every
 * part's answer back to it (kit pairBatchResults: by Content-ID in changesets, by position outside). A batch
 * whose answer is lost is not resent here (its writes may have been committed): the caller decides.
 */
export async function sendBatch(
	context: IAllExecuteFunctions,
	connection: FinanceConnection,
	parts: ODataBatchPart[],
	options: { correlationId?: string; itemIndex?: number } = {},
): Promise<ODataBatchPairing[]> {
	const out: ODataBatchPairing[] = [];
	// The kit packs parts into batches of at most 1,000 without splitting a changeset.
	for (const batch of splitBatchParts(parts)) {
		// Part URLs absolute under the data root, as Microsoft's $batch examples write them; `$n` references stay.
		const built = buildBatch(batch.parts, { serviceRoot: connection.dataRoot });
		const response = await vendorRequest<string>(
			context,
			FINANCE_PROFILE,
			{
				method: 'POST',
				url: `${connection.dataRoot}/$batch`,
				body: built.body,
				json: false,
				headers: { ...ODATA_HEADERS, 'Content-Type': built.contentType, Prefer: 'odata.continue-on-error' },
			},
			{ credentialType: connection.credentialType, correlationId: options.correlationId, itemIndex: options.itemIndex, idempotent: false, renewTokenOn401: true },
		);
		const contentType = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
		for (const pairing of pairBatchResults(batch.parts, parseBatchResponse(String(contentType), String(response.body)))) {
			out.push({ ...pairing, part: batch.parts[pairing.index], index: batch.indices[pairing.index] });
		}
	}
	return out.sort((a, b) => a.index - b.index);
}
