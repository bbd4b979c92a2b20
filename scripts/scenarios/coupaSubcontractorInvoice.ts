/**
 * Template coupa-subcontractor-invoice-to-erp in real n8n: every approved Coupa subcontractor invoice not yet
 * exported becomes one NetSuite vendor bill on the firm's project (the amount exact, the vendor the supplier) and
 * one Kantata OX expense on the project's workspace (the budget burn, in exact cents), each claimed in the Sync
 * Ledger first; then Coupa shows the invoice exported with the vendor bill's id written back. The pending invoice
 * is left alone. Run 2 finds nothing left to export and sends NetSuite, Kantata and Coupa no write.
 */
import { withResults } from '../../lib/governance';
import { parseAmount } from '../../lib/money';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { allRuns, executeWorkflow, LEDGER_TABLE } from './governed';
import type { Rec } from './governed';

export const COUPA_INVOICE_TO_ERP = 'p2cCoupaInvoiceErp1';

const writes = (requests: Array<{ method: string; path: string }>, skip: RegExp) => requests.filter((r) => r.method !== 'GET' && !skip.test(r.path)).length;
const allWrites = (context: ScenarioContext) => ({
	netsuite: writes(context.sandboxes.netsuite.requests, /\/(auth|oauth2?)\//),
	kantata: writes(context.sandboxes.kantata.requests, /^\/oauth\//),
	coupa: writes(context.sandboxes.coupa.requests, /^\/oauth2\//),
});

export const coupaSubcontractorInvoice: Scenario = {
	name: 'coupa-subcontractor-invoice-to-erp',
	async run(context) {
		const { checks, n8n, dataTables } = context;
		const coupa = context.sandboxes.coupa.store;
		const netsuite = context.sandboxes.netsuite.store;
		const kantata = context.sandboxes.kantata.account;
		const approved = (coupa.all('invoices') as Rec[]).filter((i) => i.status === 'approved' && i.exported === false);
		const pending = (coupa.all('invoices') as Rec[]).filter((i) => i.status !== 'approved');
		checks.check('Coupa has approved subcontractor invoices to export and one pending approval', approved.length === 3 && pending.length === 1, approved.map((i) => i['invoice-number']));

		const first = await executeWorkflow(n8n, COUPA_INVOICE_TO_ERP);
		checks.check('coupa-subcontractor-invoice-to-erp run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const posted = allRuns(first.data, 'Record Result', 0);
		const parked = [...allRuns(first.data, 'Park for finance', 0), ...allRuns(first.data, 'Park uncoded invoice', 0)];
		checks.check('run 1: every approved invoice is claimed, posted once and recorded; none parked', posted.length === approved.length && parked.length === 0, { posted: posted.length, parked: parked.map((p) => p.exception?.reason ?? p) });

		const bills = netsuite.all('vendorBill');
		const jobs = netsuite.all('job');
		const vendors = netsuite.all('vendor');
		const billFor = (invoice: Rec) => bills.filter((b) => b.fields.externalId === `COUPA-INV-${invoice.id}`);
		const cents = (text: unknown, currency: string) => parseAmount(String(text), currency);
		const exactBills = approved.every((invoice) => {
			const found = billFor(invoice);
			if (found.length !== 1) return false;
			const bill = found[0].fields as Rec;
			const currency = invoice.currency.code as string;
			const line = invoice['invoice-lines'][0];
			const project = jobs.find((j) => j.fields.externalId === line.account['segment-2']);
			const vendor = vendors.find((v) => v.fields.externalId === invoice.supplier.number);
			const lines = bill.expense as Rec[];
			return (
				bill.tranId === invoice['invoice-number'] &&
				bill.entity.id === vendor?.id &&
				cents(bill.total, currency) === cents(invoice['gross-total'], currency) &&
				lines.length === invoice['invoice-lines'].length &&
				lines.every((l) => l.customer?.id === project?.id && l.account?.id === '510')
			);
		});
		checks.check('NetSuite: one vendor bill per approved invoice, the vendor the supplier, the amount exact, every line on the firm\'s project', exactBills && bills.length === approved.length, bills.map((b) => ({ externalId: b.fields.externalId, tranId: b.fields.tranId, total: b.fields.total })));

		const burn = (kantata.records('expenses') as Rec[]).filter((e) => (kantata.records('external_references') as Rec[]).some((r) => r.service_name === 'coupa' && r.subject_type === 'Expense' && String(r.subject_id) === String(e.id)));
		const workspaceOf = (project: string) => (kantata.records('external_references') as Rec[]).find((r) => r.service_name === 'firm' && r.subject_type === 'Workspace' && r.service_model_ref === project)?.subject_id;
		const exactBurn = approved.every((invoice) => {
			const ref = (kantata.records('external_references') as Rec[]).filter((r) => r.service_name === 'coupa' && r.service_model_ref === String(invoice.id));
			if (ref.length !== 1) return false;
			const expense = burn.find((e) => String(e.id) === String(ref[0].subject_id));
			return expense !== undefined && BigInt(expense.amount_in_cents) === cents(invoice['gross-total'], invoice.currency.code) && String(expense.workspace_id) === String(workspaceOf(invoice['invoice-lines'][0].account['segment-2']));
		});
		checks.check('Kantata: one budget-burn expense per invoice on the project\'s workspace, in exact cents', exactBurn && burn.length === approved.length, burn.map((e) => ({ workspace: e.workspace_id, cents: e.amount_in_cents })));

		const marked = approved.map((invoice) => coupa.find('invoices', invoice.id as number)!);
		const exported = marked.every((invoice) => invoice.exported === true && invoice['custom-fields']?.['erp-document-number'] === billFor(invoice)[0]?.id);
		checks.check('Coupa: every posted invoice shows exported with the vendor bill id as its ERP number; the pending one untouched', exported && pending.every((p) => coupa.find('invoices', p.id as number)!.exported === false), marked.map((i) => ({ number: i['invoice-number'], exported: i.exported, erp: i['custom-fields']?.['erp-document-number'] })));

		const ledger = withResults(await dataTables.rows(LEDGER_TABLE)).filter((r) => String(r.key).startsWith('netsuite:vendorBill:coupa:'));
		checks.check('the ledger has one posted row per invoice, target netsuite with the vendor bill id', ledger.length === approved.length && ledger.every((r) => r.status === 'posted' && r.targetSystem === 'netsuite' && bills.some((b) => b.id === r.targetId)), ledger.map((r) => ({ key: r.key, status: r.status, targetId: r.targetId })));

		const before = allWrites(context);
		const second = await executeWorkflow(n8n, COUPA_INVOICE_TO_ERP);
		const after = allWrites(context);
		checks.check('run 2: nothing left to export; NetSuite, Kantata and Coupa get no write and no second bill or expense', second.ok && JSON.stringify(after) === JSON.stringify(before) && netsuite.all('vendorBill').length === bills.length, {
			before,
			after,
			output: second.ok ? undefined : second.output.slice(-1000),
		});
		return { invoices: approved.length, vendorBills: bills.length, budgetBurn: burn.length, run2Writes: { netsuite: after.netsuite - before.netsuite, kantata: after.kantata - before.kantata, coupa: after.coupa - before.coupa } };
	},
};
