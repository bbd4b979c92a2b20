/**
 * Kantata OX transport on the connector kit: the vendor profile (`{errors:[{type, message, field}]}`, 429 as
 * the only throttle signal, with no Retry-After, so the kit's full-jitter backoff decides the wait), paths
 * under the credential's API base URL, the `count` / `results` / keyed-hash envelope read in `results` order,
 * and `page` / `per_page` paging (at most 200 per page) followed through `meta`.
 */
import type { IAllExecuteFunctions, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { collectRecords, nextPageNumber, vendorRequest, walkPages } from '../../shared/kit';
import type { HttpFailure, RetryPolicy, VendorError, VendorProfile, VendorResponse } from '../../shared/kit';

export type KantataAuthentication = 'token' | 'oAuth2';

export function credentialTypeOf(authentication: KantataAuthentication): string {
	return authentication === 'oAuth2' ? 'p2cKantataOAuth2Api' : 'p2cKantataTokenApi';
}

/** Kantata's page size ceiling. */
export const MAX_PER_PAGE = 200;

/** `{"errors":[{"type":"validation","message":"…","field":"title"}]}`; types oauth, system, validation. */
export function parseKantataError(body: unknown): VendorError | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const errors = (body as IDataObject).errors;
	if (!Array.isArray(errors) || errors.length === 0) return undefined;
	const entries = (errors as IDataObject[]).filter((e) => e && typeof e === 'object' && typeof e.message === 'string');
	if (!entries.length) return undefined;
	return {
		code: String(entries[0].type ?? 'error'),
		message: entries.map((e) => String(e.message)).join(' | '),
		fields: [...new Set(entries.map((e) => e.field).filter((f): f is string => typeof f === 'string'))],
	};
}

/** Kantata throttles with 429 and nothing else; the request was not processed, so it is safe to resend. */
export function isKantataThrottle(failure: HttpFailure): boolean {
	return failure.status === 429;
}

export const KANTATA_PROFILE: VendorProfile = {
	name: 'Kantata',
	parseError: parseKantataError,
	isThrottle: isKantataThrottle,
	// "Retry after a small delay": start at 1 s and back off with full jitter.
	retry: { baseDelayMs: 1_000, maxDelayMs: 30_000 },
};

export interface KantataConnection {
	credentialType: string;
	baseUrl: string;
}

export async function kantataConnection(context: IAllExecuteFunctions, authentication: KantataAuthentication): Promise<KantataConnection> {
	const credentialType = credentialTypeOf(authentication);
	const credentials = await context.getCredentials(credentialType);
	const baseUrl = String(credentials.baseUrl ?? 'https://api.mavenlink.com/api/v1').trim().replace(/\/+$/, '');
	return { credentialType, baseUrl };
}

export interface RequestOptions {
	method: IHttpRequestMethods;
	/** Path below the API base URL, e.g. `/time_entries.json`; every user value in it through `pathSegment`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	correlationId?: string;
	itemIndex?: number;
	idempotent?: boolean;
	retry?: Partial<RetryPolicy>;
}

export async function apiRequest<T = IDataObject>(context: IAllExecuteFunctions, connection: KantataConnection, options: RequestOptions): Promise<VendorResponse<T>> {
	return await vendorRequest<T>(
		context,
		KANTATA_PROFILE,
		{
			method: options.method,
			url: `${connection.baseUrl}${options.path}`,
			qs: options.qs,
			body: options.body,
			headers: options.body !== undefined ? { 'Content-Type': 'application/json' } : {},
		},
		{ credentialType: connection.credentialType, correlationId: options.correlationId, itemIndex: options.itemIndex, idempotent: options.idempotent, retry: options.retry },
	);
}

/** Associations the envelope carried beside the primary records: collection → id → record. */
export type Included = Record<string, Record<string, IDataObject>>;

/**
 * The primary records of an envelope, in `results` order (never the hash's key order). Records an `include`
 * brought are attached to the record that references them (by its `…_id` / `…_ids` fields) under `included`.
 */
export function recordsOf(page: IDataObject, includedCollections: string[] = []): IDataObject[] {
	const results = Array.isArray(page.results) ? (page.results as IDataObject[]) : [];
	return results.map((pointer) => {
		const hash = (page[String(pointer.key)] ?? {}) as Record<string, IDataObject>;
		const record = { ...(hash[String(pointer.id)] ?? { id: String(pointer.id) }) };
		if (includedCollections.length) {
			const included: Record<string, IDataObject[]> = {};
			for (const collection of includedCollections) {
				const other = (page[collection] ?? {}) as Record<string, IDataObject>;
				const ids = new Set<string>();
				for (const [field, value] of Object.entries(record)) {
					if (!/_ids?$/.test(field) || value === null || value === undefined) continue;
					for (const id of Array.isArray(value) ? value : [value]) ids.add(String(id));
				}
				const found = [...ids].filter((id) => other[id]).map((id) => other[id]);
				if (found.length) included[collection] = found;
			}
			if (Object.keys(included).length) record.included = included;
		}
		return record;
	});
}

/** Every record of a list (or up to `limit`), 200 per page, following `meta.page_number` / `page_count`. */
export async function listAll(
	context: IAllExecuteFunctions,
	connection: KantataConnection,
	path: string,
	qs: IDataObject,
	options: { limit?: number; correlationId?: string; itemIndex?: number; includedCollections?: string[] } = {},
): Promise<IDataObject[]> {
	const perPage = Math.min(MAX_PER_PAGE, options.limit && options.limit < MAX_PER_PAGE ? Math.max(options.limit, 1) : MAX_PER_PAGE);
	const pages = walkPages<IDataObject, number>(
		async (page) => (await apiRequest<IDataObject>(context, connection, { method: 'GET', path, qs: { ...qs, page: page ?? 1, per_page: perPage }, correlationId: options.correlationId, itemIndex: options.itemIndex })).body,
		(page) => (recordsOf(page).length === 0 ? undefined : nextPageNumber(page)),
	);
	return await collectRecords(pages, (page) => recordsOf(page, options.includedCollections), options.limit);
}
