/**
 * Template invoice-payment-status in real n8n: Oracle Fusion receivables invoices (canonical) → each customer's
 * invoiced, paid, open and overdue amounts and a payment status → the Salesforce account's cash fields and the
 * Kantata client's custom field values. The scenario seeds three customers' invoices in the Oracle sandbox (admin
 * seed, as receipts applied would leave them): one paid in full, one partially paid, one open past its due date.
 * Run 1 writes each value exactly (to the minor unit); run 2 writes nothing; after a receipt pays the partially paid
 * invoice off, run 3 writes only the values that changed, for that customer only.
 */
import { formatAmount, parseAmount } from '../../lib/money';
import { objectDef } from '../../sandbox/salesforce/schema';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { allRuns, executeWorkflow } from './governed';
import type { Rec } from './governed';

export const INVOICE_PAYMENT_STATUS = 'p2cInvoicePaymentStatus1';

/** The template's Kantata client custom field ids (Cash by customer) and Salesforce account fields. */
const PSA_FIELDS = { invoiced: '91001', paid: '91002', open: '91003', overdue: '91004', status: '91005' } as const;
const CRM_FIELDS = { invoiced: 'Invoiced_Amount__c', paid: 'Paid_Amount__c', open: 'Open_Amount__c', overdue: 'Overdue_Amount__c', status: 'Payment_Status__c' } as const;
type Key = keyof typeof PSA_FIELDS;

/** The seeded invoices: customer (Oracle party number = the CRM account number's customer), lines, amount paid, due in days from today. */
const SEEDED = [
	{ number: 'AR-CASH-1', customer: 'CUST-1011', crm: 'ACC-1011', lines: ['12500.00', '3200.40'], paid: '15700.40', dueInDays: 20 },
	{ number: 'AR-CASH-2', customer: 'CUST-1012', crm: 'ACC-1012', lines: ['8400.00', '1250.55'], paid: '4000.05', dueInDays: 25 },
	{ number: 'AR-CASH-3', customer: 'CUST-1010', crm: 'ACC-1010', lines: ['9999.99'], paid: '0', dueInDays: -10 },
] as const;

const writes = (requests: Array<{ method: string; path: string }>, skip: RegExp) => requests.filter((r) => r.method !== 'GET' && !skip.test(r.path)).length;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** What the CRM and the PSA must show for a customer, from every Oracle invoice of it (the rule of the About note). */
function expectedCash(invoices: Rec[], asOf: string): Record<Key, string> {
	const currency = String(invoices[0].InvoiceCurrencyCode);
	let invoiced = 0n;
	let open = 0n;
	let overdue = 0n;
	for (const invoice of invoices) {
		const total = parseAmount(String(invoice.EnteredAmount), currency);
		const due = parseAmount(String(invoice.InvoiceBalanceAmount), currency);
		invoiced += total;
		open += due;
		if (due > 0n && String(invoice.DueDate) < asOf) overdue += due;
	}
	const paid = invoiced - open;
	const status = overdue > 0n ? 'Overdue' : open === 0n ? 'Paid' : paid > 0n ? 'Partially Paid' : 'Open';
	return { invoiced: formatAmount(invoiced, currency), paid: formatAmount(paid, currency), open: formatAmount(open, currency), overdue: formatAmount(overdue, currency), status };
}

function crmShows(account: Rec): Record<Key, string> {
	// Salesforce keeps currency fields as numbers: read back as exact two-decimal text.
	const amount = (value: unknown) => (value === null || value === undefined ? 'unset' : formatAmount(parseAmount(String(value), 'USD'), 'USD'));
	return { invoiced: amount(account[CRM_FIELDS.invoiced]), paid: amount(account[CRM_FIELDS.paid]), open: amount(account[CRM_FIELDS.open]), overdue: amount(account[CRM_FIELDS.overdue]), status: String(account[CRM_FIELDS.status] ?? 'unset') };
}

export const invoicePaymentStatus: Scenario = {
	name: 'invoice-payment-status',
	async run(context: ScenarioContext) {
		const { checks, n8n, sandboxes } = context;
		const oracle = sandboxes.oracleFusion.store;
		const org = sandboxes.salesforce.org;
		const kantata = sandboxes.kantata.account;
		const asOf = day(0);

		// Oracle: the three customers' invoices, with the receipts applied as their balances.
		for (const seed of SEEDED) {
			if (oracle.all('receivablesInvoices').some((r) => r.TransactionNumber === seed.number)) continue;
			const cents = seed.lines.map((l) => parseAmount(l, 'USD'));
			const total = cents.reduce((a, b) => a + b, 0n);
			const invoice = oracle.insert('receivablesInvoices', {
				TransactionNumber: seed.number, TransactionType: 'Invoice', TransactionSource: 'Manual', TransactionDate: day(-30), AccountingDate: day(-30), DueDate: day(seed.dueInDays),
				BillToCustomerNumber: seed.customer, BillToCustomerName: oracle.find('accounts', seed.customer)?.OrganizationName, BusinessUnit: 'US1 Business Unit', InvoiceCurrencyCode: 'USD', InvoiceStatus: 'Complete', PaymentTerms: 'Net 30',
				EnteredAmount: Number(formatAmount(total, 'USD')), InvoiceBalanceAmount: Number(formatAmount(total - parseAmount(seed.paid, 'USD'), 'USD')),
			});
			seed.lines.forEach((amount, index) => oracle.insert('receivablesInvoices', { LineNumber: index + 1, Description: `Services ${index + 1}`, Quantity: 1, UnitSellingPrice: Number(amount), LineAmount: Number(amount) }, { row: invoice, child: 'receivablesInvoiceLines' }));
		}
		// Kantata: the clients of those accounts, linked to the Salesforce account as opportunity-to-kantata-project links them.
		const accounts = org.records(objectDef('Account')!) as Rec[];
		const accountOf = (crm: string) => accounts.find((a) => a.External_Id__c === crm)!;
		const clientOf = (accountId: string) =>
			(kantata.records('external_references') as Rec[]).find((r) => r.service_name === 'salesforce' && r.service_model === 'Account' && r.service_model_ref === accountId && r.subject_type === 'WorkspaceGroup')?.subject_id;
		for (const seed of SEEDED) {
			const account = accountOf(seed.crm);
			if (clientOf(account.Id)) continue;
			const group = kantata.insert('workspace_groups', { name: account.Name, company: true, workspace_ids: [] });
			const reference = kantata.insert('external_references', { service_name: 'salesforce', service_model: 'Account', service_model_ref: account.Id, subject_id: String(group.id), subject_type: 'WorkspaceGroup', status: 'successful', locked: false });
			group.external_reference_ids = [String(reference.id)];
		}

		const invoicesOf = (customer: string) => oracle.all('receivablesInvoices').filter((r) => r.BillToCustomerNumber === customer);
		const psaShows = (clientId: string) =>
			Object.fromEntries(
				(Object.keys(PSA_FIELDS) as Key[]).map((key) => {
					const found = (kantata.records('custom_field_values') as Rec[]).filter((v) => v.subject_type === 'WorkspaceGroup' && String(v.subject_id) === String(clientId) && String(v.custom_field_id) === PSA_FIELDS[key]);
					return [key, found.length === 1 ? String(found[0].value) : `${found.length} values`];
				}),
			) as Record<Key, string>;
		const judge = () =>
			SEEDED.map((seed) => {
				const account = org.byId(accountOf(seed.crm).Id)!;
				return { customer: seed.customer, expected: expectedCash(invoicesOf(seed.customer), asOf), crm: crmShows(account), psa: psaShows(String(clientOf(String(account.Id)))) };
			});
		const allWrites = () => ({ salesforce: writes(sandboxes.salesforce.requests, /\/oauth2\//), kantata: writes(sandboxes.kantata.requests, /^\/oauth\//) });

		const first = await executeWorkflow(n8n, INVOICE_PAYMENT_STATUS);
		checks.check('invoice-payment-status run 1 succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const state1 = judge();
		const statuses = state1.map((s) => s.expected.status);
		checks.check('the seeded invoices are one paid, one partially paid and one overdue customer as of today', JSON.stringify(statuses) === JSON.stringify(['Paid', 'Partially Paid', 'Overdue']), state1.map((s) => s.expected));
		checks.check(
			'run 1: each customer\'s Salesforce account shows its invoiced, paid, open and overdue amounts to the cent and its status',
			state1.every((s) => JSON.stringify(s.crm) === JSON.stringify(s.expected)),
			state1.map((s) => ({ customer: s.customer, expected: s.expected, crm: s.crm })),
		);
		checks.check(
			'run 1: each customer\'s Kantata client has exactly one value per cash field, equal to the cent',
			state1.every((s) => JSON.stringify(s.psa) === JSON.stringify(s.expected)),
			state1.map((s) => ({ customer: s.customer, expected: s.expected, psa: s.psa })),
		);
		const parked = allRuns(first.data, 'Park refused write', 0);
		checks.check('run 1: no write refused', parked.length === 0, parked.map((p) => p.exception?.reason ?? p));

		const before = allWrites();
		const second = await executeWorkflow(n8n, INVOICE_PAYMENT_STATUS);
		const afterSecond = allWrites();
		const unchanged = allRuns(second.data, 'Unchanged or skipped', 0).filter((j) => SEEDED.some((s) => s.customer === j.customer) && j.outcome === 'unchanged');
		checks.check('run 2: nothing changed in the ERP, so Salesforce and Kantata get no write', second.ok && JSON.stringify(afterSecond) === JSON.stringify(before) && unchanged.length === SEEDED.length * 2, {
			before,
			after: afterSecond,
			unchanged: unchanged.length,
			output: second.ok ? undefined : second.output.slice(-1000),
		});

		// A receipt pays the partially paid invoice off: only that customer's changed values are written.
		const partial = oracle.all('receivablesInvoices').find((r) => r.TransactionNumber === 'AR-CASH-2')!;
		partial.InvoiceBalanceAmount = 0;
		const third = await executeWorkflow(n8n, INVOICE_PAYMENT_STATUS);
		const written = allRuns(third.data, 'Written', 0);
		const sent = [...allRuns(third.data, 'Update account (CRM)', 0), ...allRuns(third.data, 'Create client field (PSA)', 0), ...allRuns(third.data, 'Update client field (PSA)', 0)];
		const crmWrites = allRuns(third.data, 'To the CRM?', 0);
		const psaWrites = allRuns(third.data, 'To the CRM?', 1);
		const state3 = judge();
		checks.check(
			'run 3, after a receipt pays AR-CASH-2 off: its customer shows Paid with the paid and open amounts moved to the cent; only the changed values are written (1 CRM update with 3 fields, 3 PSA updates), nothing for the others',
			third.ok &&
				state3.every((s) => JSON.stringify(s.crm) === JSON.stringify(s.expected) && JSON.stringify(s.psa) === JSON.stringify(s.expected)) &&
				state3[1].expected.status === 'Paid' &&
				crmWrites.length === 1 && crmWrites[0].changed?.join(',') === 'paid,open,status' &&
				psaWrites.length === 3 && psaWrites.every((w) => w.customer === 'CUST-1012' && w.write === 'psaUpdate') &&
				written.length === sent.length && sent.length === 4,
			{ crm: crmWrites.map((w) => ({ customer: w.customer, changed: w.changed })), psa: psaWrites.map((w) => ({ customer: w.customer, field: w.field, write: w.write })), state: state3, output: third.ok ? undefined : third.output.slice(-1000) },
		);
		return { customers: SEEDED.length, statuses, run2Writes: { salesforce: afterSecond.salesforce - before.salesforce, kantata: afterSecond.kantata - before.kantata }, run3Writes: sent.length };
	},
};
