/**
 * What the two invoicing scenarios (milestone-to-invoice, time-and-materials-invoicing) share: the Certinia org's
 * records, the PSA user that edits them, and the writes each sandbox received (run 2 must send none).
 */
import { objectDef } from '../../sandbox/salesforce/schema';
import type { ScenarioContext } from '../lib/demo';
import type { Rec } from './governed';

/** Every record of a PSA object in the Certinia org. */
export function psaRecords(context: ScenarioContext, object: string): Rec[] {
	return context.sandboxes.salesforce.org.records(objectDef(object)!) as Rec[];
}

/** A user of the org, as the PMO signing off milestones or a consultant entering time. */
export function psaUser(context: ScenarioContext): string {
	const users = psaRecords(context, 'User');
	return String(users[users.length - 1].Id);
}

const writes = (requests: Array<{ method: string; path: string }>, path: RegExp) => requests.filter((r) => r.method !== 'GET' && path.test(r.path)).length;

/** Non-GET requests each sandbox of the invoicing flows received so far (token requests left out). */
export function invoicingWrites(context: ScenarioContext): { certinia: number; netsuite: number; finance: number } {
	return {
		certinia: writes(context.sandboxes.salesforce.requests, /\/(sobjects|composite)\//),
		netsuite: writes(context.sandboxes.netsuite.requests, /\/record\/v1\//),
		finance: writes(context.sandboxes.dynamicsFinance.requests, /\/data\//),
	};
}

/** The ERP's internal id of the firm's projects and their customer, by the firm's project id (NetSuite jobs). */
export function netsuiteProjects(context: ScenarioContext): Map<string, { id: string; customer: string }> {
	const jobs = context.sandboxes.netsuite.store.all('job');
	return new Map(jobs.filter((j) => typeof j.fields.externalId === 'string').map((j) => [String(j.fields.externalId), { id: String(j.id), customer: String((j.fields.parent as Rec | undefined)?.id ?? '') }]));
}
