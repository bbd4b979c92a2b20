import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { REST_CREDENTIAL_NAME, restRequest, workdayConnection } from '../transport';

/** Records per page of the pickers. */
export const PICKER_PAGE_SIZE = 50;

async function search(context: ILoadOptionsFunctions, path: string, filter: string | undefined, paginationToken: unknown, searchable: boolean): Promise<INodeListSearchResult> {
	const connection = await workdayConnection(context, REST_CREDENTIAL_NAME);
	const offset = Number.isInteger(Number(paginationToken)) && Number(paginationToken) > 0 ? Number(paginationToken) : 0;
	const text = (filter ?? '').trim();
	const qs: IDataObject = { limit: PICKER_PAGE_SIZE, offset };
	if (text && searchable) qs.search = text;
	const body = (await restRequest<IDataObject>(context, connection, { service: 'common', path, qs })).body;
	let data = Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
	// Collections without Workday's search are filtered here, on the page in hand.
	if (text && !searchable) data = data.filter((record) => String(record.descriptor ?? '').toLowerCase().includes(text.toLowerCase()));
	const next = offset + PICKER_PAGE_SIZE;
	return {
		results: data.map((record) => ({ name: String(record.descriptor ?? record.id), value: String(record.id), url: typeof record.href === 'string' ? record.href : undefined })),
		paginationToken: next < Number(body.total ?? 0) ? next : undefined,
	};
}

/** Workers by name (Workday's own search), paged by offset. */
export async function searchWorkers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown): Promise<INodeListSearchResult> {
	return await search(this, '/workers', filter, paginationToken, true);
}

export async function searchSupervisoryOrganizations(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown): Promise<INodeListSearchResult> {
	return await search(this, '/supervisoryOrganizations', filter, paginationToken, false);
}
