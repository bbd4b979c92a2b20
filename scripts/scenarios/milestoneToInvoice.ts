/**
 * Template milestone-to-invoice in real n8n (Certinia PSA → NetSuite): the PMO signs off the firm's two project
 * milestones for billing (Acme's go-live, 25,000.00 USD; Umbrella's assessment, 45,000.00 GBP) and one change
 * request sign-off that carries no amount. Run 1 must write exactly one NetSuite invoice per billable milestone
 * (upsert by external id `P2C-MS-certinia-<milestone id>`, the project's customer, one fixed-fee line, the
 * amount to the minor unit), write the invoice number and date back onto each milestone (Invoiced), record each
 * in the ledger with the invoice number, and park the milestone without an amount naming milestone.amount,
 * never invoicing it. Run 2 sends NetSuite and Certinia no write. The change request is removed afterwards.
 */
import { withResults } from '../../lib/governance';
import { parseAmount } from '../../lib/money';
import type { Scenario } from '../lib/demo';
import { allRuns, EXCEPTION_TABLE, executeWorkflow, LEDGER_TABLE } from './governed';
import type { Rec } from './governed';
import { invoicingWrites, netsuiteProjects, psaRecords, psaUser } from './invoicingShared';

export const MILESTONE_TO_INVOICE = 'p2cMilestoneInvoice1';
const FIXED_FEE_ITEM = '21';

export const milestoneToInvoice: Scenario = {
	name: 'milestone-to-invoice',
	async run(context) {
		const { checks, n8n, dataTables } = context;
		const org = context.sandboxes.salesforce.org;
		const netsuite = context.sandboxes.netsuite.store;
		const user = psaUser(context);
		const projects = new Map(psaRecords(context, 'pse__Proj__c').map((p) => [String(p.Id), p]));
		const acme = psaRecords(context, 'pse__Proj__c').find((p) => p.External_Id__c === 'SF-006A000101')!;

		// The PMO approves the firm's milestones for billing, and a change request sign-off entered without an amount.
		for (const milestone of psaRecords(context, 'pse__Milestone__c').filter((m) => /^SF-006A0001\d\d-M\d$/.test(String(m.External_Id__c)) && !m.pse__Invoiced__c)) {
			org.update('pse__Milestone__c', String(milestone.Id), { pse__Status__c: 'Approved', pse__Actual_Date__c: milestone.pse__Target_Date__c, pse__Approved_for_Billing__c: true }, user);
		}
		const noAmount = org.insert('pse__Milestone__c', { Name: 'Change request 1 sign-off', pse__Project__c: acme.Id, pse__Target_Date__c: '2026-01-30', pse__Actual_Date__c: '2026-01-30', pse__Status__c: 'Approved', pse__Approved_for_Billing__c: true }, user);

		const released = psaRecords(context, 'pse__Milestone__c').filter((m) => m.pse__Status__c === 'Approved' && m.pse__Approved_for_Billing__c === true && m.pse__Invoiced__c !== true);
		const known = netsuiteProjects(context);
		const billable = released.filter((m) => Number(m.pse__Milestone_Amount__c) > 0 && known.has(String(projects.get(String(m.pse__Project__c))?.External_Id__c)));
		checks.check('Certinia has the firm\'s two milestones approved for billing and one without an amount', billable.length === 2 && released.some((m) => m.Id === noAmount), released.map((m) => ({ name: m.Name, amount: m.pse__Milestone_Amount__c, currency: m.CurrencyIsoCode })));

		const first = await executeWorkflow(n8n, MILESTONE_TO_INVOICE);
		checks.check('milestone-to-invoice run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const recorded = allRuns(first.data, 'Record Result', 0);
		const refused = allRuns(first.data, 'Park for finance', 0);
		const parked = allRuns(first.data, 'Park for owner', 0);
		checks.check('run 1: every billable milestone is claimed, invoiced and recorded once; none refused by NetSuite', recorded.length === billable.length && refused.length === 0, { recorded: recorded.length, refused: refused.map((r) => r.exception?.reason ?? r) });

		const invoicesFor = (milestone: Rec) => netsuite.all('invoice').filter((i) => i.fields.externalId === `P2C-MS-certinia-${String(milestone.Id)}`);
		const exact = billable.every((milestone) => {
			const found = invoicesFor(milestone);
			if (found.length !== 1) return false;
			const invoice = found[0].fields as Rec;
			const project = known.get(String(projects.get(String(milestone.pse__Project__c))!.External_Id__c))!;
			const currency = String(milestone.CurrencyIsoCode);
			const lines = invoice.item as Rec[];
			const cents = (value: unknown) => parseAmount(String(value), currency);
			return (
				invoice.entity?.id === project.customer &&
				invoice.job?.id === project.id &&
				lines.length === 1 &&
				lines[0].item?.id === FIXED_FEE_ITEM &&
				cents(lines[0].amount) === cents(milestone.pse__Milestone_Amount__c) &&
				cents(invoice.total) === cents(milestone.pse__Milestone_Amount__c) &&
				invoice.tranDate === milestone.pse__Actual_Date__c
			);
		});
		checks.check('NetSuite: exactly one invoice per billable milestone, to the project\'s customer, one fixed-fee line, the amount to the minor unit', exact, billable.map((m) => invoicesFor(m).map((i) => ({ externalId: i.fields.externalId, tranId: i.fields.tranId, total: i.fields.total, entity: (i.fields.entity as Rec | undefined)?.id }))));

		const after = new Map(psaRecords(context, 'pse__Milestone__c').map((m) => [String(m.Id), m]));
		const writtenBack = billable.every((milestone) => {
			const now = after.get(String(milestone.Id))!;
			return now.pse__Invoiced__c === true && now.pse__Invoice_Number__c === invoicesFor(milestone)[0]?.fields.tranId && now.pse__Invoice_Date__c === milestone.pse__Actual_Date__c;
		});
		checks.check('Certinia: each invoiced milestone carries the NetSuite invoice number and date and shows Invoiced', writtenBack, billable.map((m) => ({ name: m.Name, invoiced: after.get(String(m.Id))?.pse__Invoiced__c, number: after.get(String(m.Id))?.pse__Invoice_Number__c })));

		const parkedNoAmount = parked.filter((p) => String(p.exception?.key ?? '').endsWith(`:certinia:${noAmount}`));
		const exceptionRow = (await dataTables.rows(EXCEPTION_TABLE)).find((r) => r.key === parkedNoAmount[0]?.exception?.key);
		checks.check(
			'the milestone without an amount is parked for the PMO naming milestone.amount, never invoiced nor marked',
			parked.length === 1 && parkedNoAmount.length === 1 && String(exceptionRow?.reason).includes('milestone.amount') && parkedNoAmount[0].exception?.domain === 'pmo' && invoicesFor({ Id: noAmount }).length === 0 && after.get(noAmount)?.pse__Invoiced__c !== true,
			{ parked: parked.map((p) => ({ key: p.exception?.key, domain: p.exception?.domain })), reason: exceptionRow?.reason },
		);

		const ledger = withResults(await dataTables.rows(LEDGER_TABLE)).filter((r) => String(r.key).startsWith('netsuite:invoice:certinia:'));
		checks.check('the ledger has one posted row per invoiced milestone with the invoice number', ledger.length === billable.length && billable.every((m) => ledger.some((r) => r.key === `netsuite:invoice:certinia:${String(m.Id)}` && r.status === 'posted' && r.targetId === invoicesFor(m)[0]?.fields.tranId)), ledger.map((r) => ({ key: r.key, status: r.status, targetId: r.targetId })));

		const before = invoicingWrites(context);
		const invoices = netsuite.all('invoice').length;
		const second = await executeWorkflow(n8n, MILESTONE_TO_INVOICE);
		const afterRun2 = invoicingWrites(context);
		checks.check('run 2: nothing left to invoice; NetSuite and Certinia get no write and no second invoice', second.ok && afterRun2.netsuite === before.netsuite && afterRun2.certinia === before.certinia && netsuite.all('invoice').length === invoices, {
			before,
			after: afterRun2,
			output: second.ok ? undefined : second.output.slice(-1000),
		});
		// The change request was this scenario's own: later flows (revenue from milestones) see the firm's milestones only.
		org.delete('pse__Milestone__c', noAmount, user);
		return { released: released.length, invoiced: billable.length, parked: parked.length, run2Writes: { netsuite: afterRun2.netsuite - before.netsuite, certinia: afterRun2.certinia - before.certinia } };
	},
};
