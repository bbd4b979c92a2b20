/**
 * The importable templates as shipped, and how the demo binds them to its sandbox credentials.
 *
 * A shipped template names each credential by its type's display name, with no id: on import (CLI, public API,
 * or saving in the editor) n8n binds a reference with no id to the one credential of that type and name in the
 * project. The demo does not rename its sandbox credentials to match; it maps each reference by type at import
 * time, so a user's own credentials are never shadowed by demo ones.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

const TEMPLATE_DIR = join(__dirname, '..', '..', 'workflows-templates');

/** The ids the demo imports each template under (scenarios run `n8n execute --id=<id>`). */
export const TEMPLATE_IDS: Record<string, string> = {
	'worker-sync.json': 'p2cWorkerSync1',
	'termination-conflicts.json': 'p2cTerminationConflicts1',
	'opportunity-to-project.json': 'p2cOppToProject1',
	'revenue-schedule.json': 'p2cRevSchedule01',
	'exception-replay.json': 'p2cExceptionReplay1',
	'time-reconciliation.json': 'p2cTimeReconcile1',
	'time-reconciliation-kantata.json': 'p2cTimeReconcileKt1',
	'opportunity-to-kantata-project.json': 'p2cOppToKantata1',
	'opportunity-to-certinia-project.json': 'p2cOppToCertinia1',
	'psa-costs-to-oracle.json': 'p2cPsaCostsOracle1',
	'revenue-schedule-oracle.json': 'p2cRevScheduleOracle1',
	'd365-won-opportunity-to-project.json': 'p2cD365WonToProject1',
	'd365-approved-time-to-finance-journals.json': 'p2cD365ApprovedToFin1',
	'psa-time-expenses-to-sap.json': 'p2cPsaTimeToSap1',
	'revenue-schedule-sap.json': 'p2cRevScheduleSap1',
	'approved-time-to-erp.json': 'p2cApprovedTimeToErp1',
	'coupa-subcontractor-invoice-to-erp.json': 'p2cCoupaInvoiceErp1',
	'approved-time-webhook-to-erp.json': 'p2cApprovedTimeWebhook1',
	'analytics-replication-snowflake.json': 'p2cSnowflakeReplication1',
	'staffing-to-forecast.json': 'p2cStaffingForecast1',
	'change-order.json': 'p2cChangeOrder1',
	'milestone-to-invoice.json': 'p2cMilestoneInvoice1',
	'time-and-materials-invoicing.json': 'p2cTmInvoicing1',
	'invoice-payment-status.json': 'p2cInvoicePaymentStatus1',
	'approved-expenses-to-erp.json': 'p2cApprovedExpensesErp1',
	'revenue-schedule-to-erp.json': 'p2cRevenueToErp1',
	'erp-outage-drain.json': 'p2cErpOutageDrain1',
	'health-digest.json': 'p2cHealthDigest1',
	'month-end-close-readiness.json': 'p2cCloseReadiness1',
	'psa-erp-reconciliation.json': 'p2cPsaErpRecon1',
	'won-deal-to-project.json': 'p2cWonDealToProject1',
};

export type CredentialReference = { id: string | null; name: string };

export interface TemplateWorkflow {
	id?: string;
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; credentials?: Record<string, CredentialReference> }>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

/** The name a shipped template gives the credential of a type: the type's display name, as n8n shows it. */
export function neutralCredentialName(credentialDisplayName: string): string {
	return credentialDisplayName;
}

/** Every template as shipped (no workflow id, neutral credential references). */
export function shippedTemplates(): Array<{ file: string; workflow: TemplateWorkflow }> {
	return readdirSync(TEMPLATE_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(TEMPLATE_DIR, file), 'utf8')) as TemplateWorkflow }));
}

/** A copy of the template under the demo's id, each credential reference bound to the demo's credential of its type. */
export function bindTemplate(
	file: string,
	workflow: TemplateWorkflow,
	credentialsByType: Record<string, CredentialReference>,
	options: { bindCredentials: boolean } = { bindCredentials: true },
): TemplateWorkflow & { id: string } {
	const id = TEMPLATE_IDS[file];
	if (!id) throw new Error(`template ${file} has no demo id in TEMPLATE_IDS`);
	const bound = JSON.parse(JSON.stringify(workflow)) as TemplateWorkflow;
	for (const node of options.bindCredentials ? bound.nodes : []) {
		for (const type of Object.keys(node.credentials ?? {})) {
			const credential = credentialsByType[type];
			if (!credential) throw new Error(`template ${file}, node ${node.name}: the demo has no ${type} credential`);
			node.credentials![type] = { ...credential };
		}
	}
	return { ...bound, id };
}
