/**
 * NetSuite account ids appear in two spellings: the OAuth realm keeps the account id form (`1234567_SB1`),
 * the REST host uses a lower-case label with `-` (`1234567-sb1.suitetalk.api.netsuite.com`). Users paste
 * either, so both are derived from whatever was entered.
 */
const ACCOUNT_ID = /^[A-Za-z0-9]+([_-][A-Za-z0-9]+)*$/;

function checked(accountId: string): string {
	const trimmed = accountId.trim();
	if (!ACCOUNT_ID.test(trimmed)) {
		throw new Error(`Invalid NetSuite account ID "${accountId}": use the id shown under Setup > Company > Company Information, e.g. 1234567 or 1234567_SB1`);
	}
	return trimmed;
}

/** OAuth 1.0a realm: upper case, `-` → `_` (`1234567-sb1` → `1234567_SB1`). */
export function realmOf(accountId: string): string {
	return checked(accountId).toUpperCase().replace(/-/g, '_');
}

/** Host label: lower case, `_` → `-` (`1234567_SB1` → `1234567-sb1`). */
export function hostLabelOf(accountId: string): string {
	return checked(accountId).toLowerCase().replace(/_/g, '-');
}

/** `https://1234567-sb1.suitetalk.api.netsuite.com`, or the override (sandbox, proxy) without a trailing slash. */
export function baseUrlOf(accountId: string, baseUrlOverride?: string): string {
	const override = (baseUrlOverride ?? '').trim();
	if (override) return override.replace(/\/+$/, '');
	return `https://${hostLabelOf(accountId)}.suitetalk.api.netsuite.com`;
}

/** Key under which all nodes of this process share the account's concurrency slots. */
export function concurrencyKeyOf(accountId: string): string {
	return `netsuite:${realmOf(accountId)}`;
}

export const M2M_GRANT_PATH = '/services/rest/auth/oauth2/v1/token';
export const RECORD_PATH = '/services/rest/record/v1';
export const SUITEQL_PATH = '/services/rest/query/v1/suiteql';
