import type { IDataObject } from 'n8n-workflow';

/**
 * Walks a paged vendor collection. `fetchPage` gets the cursor the previous page yielded (undefined for the
 * first); `nextCursor` reads the cursor out of a page, undefined when it was the last. A cursor that repeats
 * is treated as the end, so a vendor bug cannot loop the workflow forever.
 */
export async function* walkPages<TPage, TCursor>(
	fetchPage: (cursor: TCursor | undefined) => Promise<TPage>,
	nextCursor: (page: TPage) => TCursor | undefined,
	maxPages = Number.POSITIVE_INFINITY,
): AsyncGenerator<TPage> {
	let cursor: TCursor | undefined;
	const seen = new Set<string>();
	for (let pageCount = 0; pageCount < maxPages; pageCount++) {
		const page = await fetchPage(cursor);
		yield page;
		cursor = nextCursor(page);
		if (cursor === undefined) return;
		const key = JSON.stringify(cursor);
		if (seen.has(key)) return;
		seen.add(key);
	}
}

/** Collects the records of every page, stopping once `limit` records are in hand. */
export async function collectRecords<TPage, TRecord>(
	pages: AsyncGenerator<TPage>,
	recordsOf: (page: TPage) => TRecord[],
	limit = Number.POSITIVE_INFINITY,
): Promise<TRecord[]> {
	const out: TRecord[] = [];
	for await (const page of pages) {
		for (const record of recordsOf(page)) {
			if (out.length >= limit) return out;
			out.push(record);
		}
		if (out.length >= limit) return out;
	}
	return out;
}

/** Salesforce query: `done` + `nextRecordsUrl` (a path relative to the instance). */
export function salesforceNextRecordsUrl(page: IDataObject): string | undefined {
	return page.done === false && typeof page.nextRecordsUrl === 'string' ? page.nextRecordsUrl : undefined;
}

/** OData v4 `@odata.nextLink`, OData v2 `d.__next` (absolute URLs). */
export function odataNextLink(page: IDataObject): string | undefined {
	const v4 = page['@odata.nextLink'];
	if (typeof v4 === 'string') return v4;
	const v2 = (page.d as IDataObject | undefined)?.__next;
	return typeof v2 === 'string' ? v2 : undefined;
}

/** hasMore/offset/links style (NetSuite REST and SuiteQL): the next offset, or the `next` link when given. */
export function hasMoreNextOffset(page: IDataObject): { offset: number; href?: string } | undefined {
	if (page.hasMore !== true) return undefined;
	const links = Array.isArray(page.links) ? (page.links as IDataObject[]) : [];
	const next = links.find((link) => link.rel === 'next');
	const offset = Number(page.offset ?? 0) + Number(page.count ?? 0);
	return { offset, href: typeof next?.href === 'string' ? next.href : undefined };
}

/** page/per_page style (Kantata OX): `meta.page_number` of `meta.page_count`. */
export function nextPageNumber(page: IDataObject): number | undefined {
	const meta = (page.meta ?? {}) as IDataObject;
	const current = Number(meta.page_number ?? 1);
	const count = Number(meta.page_count ?? 1);
	return current < count ? current + 1 : undefined;
}
