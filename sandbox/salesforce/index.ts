/**
 * Salesforce sandbox: a local org speaking the REST API our nodes use, with Salesforce's OAuth endpoints
 * (JWT bearer verified with jsonwebtoken, client credentials), error arrays, query paging, upsert by external
 * id, sObject Collections, Composite, the daily API allocation and Sforce-Limit-Info.
 *
 *   const sandbox = createSalesforceSandbox();
 *   const baseUrl = await sandbox.start(SALESFORCE_SANDBOX_PORT);
 *   const credentials = salesforceSandboxCredentials(baseUrl); // data for a p2cSalesforceJwtApi credential
 */
import { DEFAULT_VENDOR_LATENCY_MS, SandboxServer } from '../core/server';
import { tokenEndpoint, userInfoEndpoint } from './auth';
import { SANDBOX_JWT_PRIVATE_KEY, SANDBOX_JWT_PUBLIC_KEY, UNREGISTERED_PRIVATE_KEY } from './keys';
import { SalesforceOrg } from './org';
import type { OrgOptions } from './org';
import { PSA_OBJECT_NAMES } from './certinia/objects';
import { seedPsa } from './certinia/seed';
import { SalesforceRestApi } from './rest';
import { objectDef } from './schema';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_CONSUMER_KEY, SANDBOX_USERNAME, seedOrg } from './seed';

export const SALESFORCE_SANDBOX_PORT = 4010;
export const SALESFORCE_SANDBOX_API_VERSION = 'v62.0';
export {
	SANDBOX_CLIENT_ID as SALESFORCE_SANDBOX_CLIENT_ID,
	SANDBOX_CLIENT_SECRET as SALESFORCE_SANDBOX_CLIENT_SECRET,
	SANDBOX_CONSUMER_KEY as SALESFORCE_SANDBOX_CONSUMER_KEY,
	SANDBOX_JWT_PRIVATE_KEY as SALESFORCE_SANDBOX_PRIVATE_KEY,
	SANDBOX_JWT_PUBLIC_KEY as SALESFORCE_SANDBOX_PUBLIC_KEY,
	SANDBOX_USERNAME as SALESFORCE_SANDBOX_USERNAME,
	UNREGISTERED_PRIVATE_KEY as SALESFORCE_UNREGISTERED_PRIVATE_KEY,
};
export { SalesforceOrg, RecordError, formatDatetime } from './org';
export { runSoql, parseSoql, SoqlError } from './soql';
export { makeId, to18, isValidId, canonicalId } from './ids';

export interface SalesforceSandboxOptions extends OrgOptions {
	/** Extra audiences accepted in JWT assertions (the sandbox's own base URL and login.salesforce.com always are). */
	audiences?: string[];
	/** Longest JWT assertion lifetime accepted, in seconds (default 300). */
	maxAssertionSeconds?: number;
	/** Start empty instead of with the Brightline Consulting seed (users and connected apps are always seeded). */
	empty?: boolean;
	/** Time every request spends in flight, in ms. Default DEFAULT_VENDOR_LATENCY_MS (15 ms); 0 answers at once. */
	latencyMs?: number;
}

/** The sandbox server, with its org exposed for in-process tests (API allocation, clock, sessions). */
export class SalesforceSandbox extends SandboxServer {
	constructor(
		readonly org: SalesforceOrg,
		reset: () => void,
		latencyMs = DEFAULT_VENDOR_LATENCY_MS,
	) {
		super({ name: 'salesforce', reset, snapshot: () => org.snapshot(), latencyMs });
	}
}

export function createSalesforceSandbox(options: SalesforceSandboxOptions = {}): SalesforceSandbox {
	const org = new SalesforceOrg(options);
	const reset = () => {
		const limit = org.apiDailyLimit;
		org.clear();
		seedOrg(org);
		// Certinia PSA's pse__ records (the firm's projects, people, time and expenses); seeding is not API traffic.
		seedPsa(org, String(org.userByUsername(SANDBOX_USERNAME)!.Id));
		org.apiUsage = 0;
		org.apiDailyLimit = limit;
		if (options.empty) {
			for (const name of [...PSA_OBJECT_NAMES, 'Contract', 'OpportunityLineItem', 'Opportunity', 'Account']) {
				org.table(objectDef(name)!).clear();
			}
		}
	};
	const sandbox = new SalesforceSandbox(org, reset, options.latencyMs);
	reset();
	const settings = {
		audiences: () => [sandbox.baseUrl, 'https://login.salesforce.com', ...(options.audiences ?? [])].map((a) => a.replace(/\/$/, '')),
		instanceUrl: () => sandbox.baseUrl,
		maxAssertionSeconds: options.maxAssertionSeconds ?? 300,
	};
	sandbox.route('POST', '/services/oauth2/token', tokenEndpoint(org, settings));
	sandbox.route('GET', '/services/oauth2/userinfo', userInfoEndpoint(org, settings));
	sandbox.route('GET', '/services/data', () => ({
		status: 200,
		body: [58, 59, 60, 61, 62].map((v) => ({ label: `Release ${v}`, url: `/services/data/v${v}.0`, version: `${v}.0` })),
	}));
	new SalesforceRestApi(org, () => sandbox.baseUrl).mount(sandbox);
	return sandbox;
}

/** Credential data for `p2cSalesforceJwtApi` pointing at a running sandbox. */
export function salesforceSandboxCredentials(baseUrl: string): Record<string, string> {
	return {
		environment: 'custom',
		loginUrl: baseUrl,
		myDomainUrl: '',
		clientId: SANDBOX_CONSUMER_KEY,
		username: SANDBOX_USERNAME,
		privateKey: SANDBOX_JWT_PRIVATE_KEY,
		apiVersion: SALESFORCE_SANDBOX_API_VERSION,
	};
}

/** Credential data for `p2cSalesforceClientCredentialsApi` pointing at a running sandbox. */
export function salesforceSandboxClientCredentials(baseUrl: string): Record<string, string> {
	return {
		myDomainUrl: baseUrl,
		clientId: SANDBOX_CLIENT_ID,
		clientSecret: SANDBOX_CLIENT_SECRET,
		apiVersion: SALESFORCE_SANDBOX_API_VERSION,
	};
}
