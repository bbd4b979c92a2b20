/**
 * Links a vendor gives in its answers (OData `@odata.nextLink` / `@odata.deltaLink` / `__next`, Salesforce
 * `nextRecordsUrl`, REST `links[].href`) are followed with the credential attached. Every transport that follows
 * one checks it here first, so a bad or hostile answer can never send the credential to another host, or to a
 * path of the same host outside the API the connection is for.
 */

/** A link outside the connection's root: refused before any request, naming the `link` the vendor gave. */
export class LinkOutsideRootError extends Error {
	readonly context: { vendorErrorCode: string; vendorErrorFields: string[] };

	constructor(vendor: string, root: string, link: string) {
		super(`${vendor} gave a link outside its service root (${root}): ${String(link).slice(0, 200)} was not followed, so the credential was not sent there`);
		this.name = 'LinkOutsideRootError';
		this.context = { vendorErrorCode: 'LINK_OUTSIDE_SERVICE_ROOT', vendorErrorFields: [] };
	}
}

// Only used to parse path-only links and roots; never requested.
const PLACEHOLDER_ORIGIN = 'https://link-check.invalid';

function parsed(value: string, base?: string): URL | undefined {
	try {
		return new URL(value, base);
	} catch {
		return undefined;
	}
}

function isUnder(target: URL, root: URL): boolean {
	const rootPath = root.pathname.replace(/\/+$/, '');
	if (target.origin !== root.origin || target.username !== '' || target.password !== '') return false;
	return target.pathname === rootPath || target.pathname.startsWith(`${rootPath}/`);
}

/**
 * `link` if it stays under `root`, else a LinkOutsideRootError. Compared after URL parsing (dot segments,
 * encoded dots and backslashes resolved, host case folded): same origin, no user info, path equal to or below
 * the root's path.
 * - `root` an absolute URL (`https://contoso.crm.dynamics.com/api/data/v9.2`): the link must be absolute too;
 *   the parsed absolute URL is returned.
 * - `root` an absolute path (`/services/data`), for transports whose requests are relative to a host the
 *   credential holds: the link must be a path (`/…`, not `//host/…` or a URL); the parsed path and query are
 *   returned.
 */
export function linkWithin(link: string, root: string, vendor = 'The service'): string {
	const text = typeof link === 'string' ? link : '';
	const refuse = () => new LinkOutsideRootError(vendor, root, text);
	if (text === '') throw refuse();
	if (/^https?:\/\//i.test(root)) {
		const rootUrl = parsed(root);
		const target = /^https?:\/\//i.test(text) ? parsed(text) : undefined;
		if (!rootUrl || !target || !isUnder(target, rootUrl)) throw refuse();
		return target.href;
	}
	if (!root.startsWith('/') || !text.startsWith('/') || text.startsWith('//')) throw refuse();
	const rootUrl = parsed(root, PLACEHOLDER_ORIGIN);
	const target = parsed(text, PLACEHOLDER_ORIGIN);
	if (!rootUrl || !target || !isUnder(target, rootUrl)) throw refuse();
	return `${target.pathname}${target.search}`;
}
