/**
 * The shared steps of the two invoicing templates (milestone-to-invoice, time-and-materials-invoicing), run as
 * n8n's Code node runs them (the template's own jsCode, `$` and `$input` given), on canonical records as the PSA
 * and ERP nodes emit them: the money is exact (hours × rate in integer minor units, each line rounded half up
 * once, the header the sum of its lines), every line lands on exactly one invoice per project, a record that cannot
 * be billed names its field, and the canonical invoice each builds renders for NetSuite and Dynamics 365 Finance
 * through the same mappers Canonical Transform uses.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { fromCanonicalRecord } from '../../lib/canonical';
import { formatAmount, parseAmount } from '../../lib/money';
import { freeTextInvoiceMapper } from '../../nodes/Dynamics365Finance/canonical/mappers';
import { invoiceMapper } from '../../nodes/NetSuite/canonical/invoice';
import { readTemplate, substitute } from '../../scripts/lib/matrix';
import { TM_FINANCE_ERP } from '../../scripts/scenarios/timeAndMaterialsInvoicing';

type Json = Record<string, any>;
interface Item {
	json: Json;
	pairedItem?: unknown;
}

const TEMPLATES = join(__dirname, '..', '..', 'workflows-templates');

function codeOf(file: string, node: string): string {
	const workflow = JSON.parse(readFileSync(join(TEMPLATES, file), 'utf8')) as { nodes: Array<{ name: string; parameters: { jsCode?: string } }> };
	const code = workflow.nodes.find((n) => n.name === node)?.parameters.jsCode;
	if (!code) throw new Error(`${file} has no Code node ${node}`);
	return code;
}

/** Runs a Code node's jsCode (mode: once for all items) with the named nodes' outputs and its own input. */
function runCode(code: string, nodes: Record<string, Json[]>, input: Json[] = []): Item[] {
	const $ = (name: string) => ({
		all: () => (nodes[name] ?? []).map((json) => ({ json })),
		itemMatching: (index: number) => ({ json: (nodes[name] ?? [])[index] }),
	});
	const $input = { all: () => input.map((json) => ({ json })) };
	return new Function('$', '$input', code)($, $input) as Item[];
}

const hex = (n: number) => n.toString(16).padStart(32, '0');
let serial = 0;
function envelope(entity: string, id: string, externalId?: string): Json {
	serial += 1;
	return {
		schemaVersion: '1.0',
		entity,
		source: { system: 'certinia', environment: 'sandbox', object: entity, id, ...(externalId ? { externalId } : {}) },
		enterpriseId: `ent-${entity}-${hex(serial)}`,
		correlationId: `test-${serial}`,
		idempotencyKey: 'a'.repeat(64),
		lineage: [{ step: 'extract', system: 'certinia' }],
	};
}

const psaProject = (id: string, firmId: string) => ({ envelope: envelope('project', id, firmId), project: { name: firmId, status: 'active', tasks: [] } });
const erpProject = (id: string, firmId: string, customer: string) => ({
	envelope: { ...envelope('project', id, firmId), source: { system: 'netsuite', environment: 'sandbox', object: 'job', id, externalId: firmId } },
	project: { name: firmId, status: 'active', customer: { id: customer }, tasks: [] },
});
const timeEntry = (id: string, fields: Json) => ({ envelope: envelope('timeEntry', id), timeEntry: { approvalState: 'approved', billable: true, ...fields } });
const expense = (id: string, project: string, amount: string, currency: string, date: string) => ({
	envelope: envelope('expense', id),
	expense: { resource: { id: 'R1' }, date, approvalState: 'approved', currency, total: { amount, currency }, lines: [{ lineId: id, date, amount: { amount, currency }, project: { id: project }, billable: true }] },
});
const assignment = (resource: string, project: string, amount: string, currency: string) => ({ envelope: envelope('assignment', `A-${resource}-${project}`), assignment: { resource: { id: resource }, project: { id: project }, billRate: { amount, currency, unit: 'hour' } } });

describe('time-and-materials-invoicing: Billable lines and One invoice per project', () => {
	const FILE = 'time-and-materials-invoicing.json';
	const nodes = {
		'Approved time (PSA)': [
			// 0.33 h × 187.50 = 61.875 → 61.88 (half up, once, on the line); with 7.5 h × 200.00 and 58.20: 1,620.08
			timeEntry('TC1', { date: '2026-01-13', hours: '0.33', resource: { id: 'R1' }, project: { id: 'P1' } }),
			timeEntry('TC2', { date: '2026-01-14', hours: '7.5', resource: { id: 'R2' }, project: { id: 'P1' } }),
			// 0.25 h × 160.02 GBP = 40.005 → 40.01
			timeEntry('TC3', { date: '2026-01-20', hours: '0.25', resource: { id: 'R3' }, project: { id: 'P2' } }),
			timeEntry('TC4', { date: '2026-01-21', hours: '1', resource: { id: 'R9' }, project: { id: 'P2' } }),
			timeEntry('TC5', { date: '2026-02-02', hours: '2', resource: { id: 'R1' }, project: { id: 'P1' } }),
			timeEntry('TC6', { date: '2026-01-22', hours: '3', resource: { id: 'R1' }, project: { id: 'P3' } }),
		],
		'Approved expenses (PSA)': [expense('EX1', 'P1', '58.20', 'USD', '2026-01-13'), expense('EX2', 'P1', '0.00', 'USD', '2026-01-14')],
		'Rates (PSA)': [assignment('R1', 'P1', '187.50', 'USD'), assignment('R2', 'P1', '200.00', 'USD'), assignment('R3', 'P2', '160.02', 'GBP'), assignment('R1', 'P3', '100.00', 'USD')],
		'Projects (PSA)': [psaProject('P1', 'SF-ACME'), psaProject('P2', 'SF-UMBRELLA'), psaProject('P3', 'SF-UNKNOWN')],
		'Projects (ERP)': [erpProject('501', 'SF-ACME', '301'), erpProject('502', 'SF-UMBRELLA', '304')],
	};
	const lines = runCode(codeOf(FILE, 'Billable lines'), nodes).map((i) => i.json);
	const byReference = new Map(lines.map((l) => [l.reference, l]));

	it('prices each time entry at its assignment\'s bill rate, exact and rounded half up once per line', () => {
		expect(byReference.get('certinia:TC1')?.line).toMatchObject({ amountMinor: '6188', currency: 'USD', quantity: '0.33', rateAmount: '187.50' });
		expect(byReference.get('certinia:TC2')?.line.amountMinor).toBe('150000');
		expect(byReference.get('certinia:TC3')?.line).toMatchObject({ amountMinor: '4001', currency: 'GBP' });
		expect(byReference.get('certinia:EX1')?.line).toMatchObject({ amountMinor: '5820', kind: 'expense', quantity: '1' });
	});

	it('names the field that stops a line, with its owner, and leaves a later entry for its period', () => {
		expect(byReference.get('certinia:TC4')?.billing).toMatchObject({ ok: false, owner: 'finance', field: 'timeEntry.billRate' });
		expect(byReference.get('certinia:TC6')?.billing).toMatchObject({ ok: false, owner: 'finance', field: 'timeEntry.project' });
		expect(byReference.get('certinia:EX2')?.billing).toMatchObject({ ok: false, field: 'expense.lines[0].amount' });
		expect(byReference.get('certinia:TC5')?.billing).toMatchObject({ ok: false, later: true });
		// Every PSA record ends in exactly one output item.
		expect(lines).toHaveLength(8);
		expect(new Set(lines.map((l) => l.key)).size).toBe(8);
	});

	const claimed: Json[] = lines.filter((l) => l.billing.ok).map((l, i) => ({ ...l, ledger: { key: l.key, claimToken: `token-${i}` } }));
	const invoices = runCode(codeOf(FILE, 'One invoice per project'), {}, claimed);

	it('puts every billable line on exactly one invoice per project, the header the exact sum of its lines', () => {
		expect(invoices).toHaveLength(2);
		const references = invoices.flatMap((i) => i.json.entries.map((e: Json) => e.reference)).sort();
		expect(references).toEqual(['certinia:EX1', 'certinia:TC1', 'certinia:TC2', 'certinia:TC3']);
		for (const { json } of invoices) {
			const invoice = json.erpInvoice.invoice;
			const currency = invoice.currency;
			const sum = invoice.lines.reduce((total: bigint, line: Json) => total + parseAmount(line.amount.amount, currency), 0n);
			expect(invoice.subtotal.amount).toBe(formatAmount(sum, currency));
			expect(invoice.total.amount).toBe(formatAmount(sum, currency));
			expect(json.entries.every((e: Json) => e.claimToken.startsWith('token-'))).toBe(true);
		}
		const acme = invoices.find((i) => i.json.project.number === 'SF-ACME')!.json;
		expect(acme.erpInvoice.invoice.total).toEqual({ amount: '1620.08', currency: 'USD' });
		expect(acme.externalKey).toMatch(/^P2C-TM-SF-ACME-2026-01-[0-9a-f]{8}$/);
		expect(acme.erpInvoice.invoice.customer).toEqual({ id: '301' });
	});

	it('gives the same lines the same external id and a different set another (a late line gets its own invoice)', () => {
		const again = runCode(codeOf(FILE, 'One invoice per project'), {}, [...claimed].reverse());
		const keys = (items: Item[]) => items.map((i) => i.json.externalKey).sort();
		expect(keys(again)).toEqual(keys(invoices));
		const fewer = runCode(codeOf(FILE, 'One invoice per project'), {}, claimed.filter((l) => l.reference !== 'certinia:TC2'));
		expect(fewer.find((i) => i.json.project.number === 'SF-ACME')!.json.externalKey).not.toBe(invoices.find((i) => i.json.project.number === 'SF-ACME')!.json.externalKey);
	});

	it('renders each invoice for NetSuite and Dynamics 365 Finance with the amounts unchanged', () => {
		const acme = invoices.find((i) => i.json.project.number === 'SF-ACME')!.json.erpInvoice;
		const netsuite = fromCanonicalRecord(invoiceMapper, acme, { verifyIdempotencyKey: false });
		expect(netsuite.problems).toEqual([]);
		const items = (netsuite.value!.record as Json).item.items as Json[];
		expect(items.map((l) => l.amount)).toEqual(acme.invoice.lines.map((l: Json) => Number(l.amount.amount)));
		expect((netsuite.value!.record as Json).entity).toEqual({ id: '301' });
		const financeInvoice = { ...acme, envelope: { ...acme.envelope, source: { ...acme.envelope.source, system: 'd365finance' } }, invoice: { ...acme.invoice, customer: { id: 'usmf/SF-001' }, project: { id: 'usmf/SF-ACME' }, lines: acme.invoice.lines.map((l: Json) => ({ ...l, project: { id: 'usmf/SF-ACME' } })) } };
		const finance = fromCanonicalRecord(freeTextInvoiceMapper, financeInvoice, { verifyIdempotencyKey: false });
		expect(finance.problems).toEqual([]);
		const record = finance.value!.record as Json;
		expect(record.CustomerAccount).toBe('SF-001');
		expect(record.lines.map((l: Json) => l.TransactionCurrencyAmount)).toEqual(acme.invoice.lines.map((l: Json) => Number(l.amount.amount)));
		expect(record.lines.every((l: Json) => l.ProjectID === 'SF-ACME')).toBe(true);
	});

	it('hands each line the invoice\'s answer: its number, or the ERP\'s refusal naming the field', () => {
		const acme = invoices.find((i) => i.json.project.number === 'SF-ACME')!.json;
		const answers = runCode(codeOf(FILE, 'Result per line'), { 'One invoice per project': [acme, acme] }, [{ id: '9001', tranId: 'INV1009' }, { error: 'Invalid Field Value', fields: ['entity'] }]).map((i) => i.json);
		expect(answers).toHaveLength(acme.entries.length * 2);
		expect(answers.slice(0, acme.entries.length).every((a) => a.invoiceNumber === 'INV1009' && a.error === '')).toBe(true);
		expect(answers.slice(acme.entries.length).every((a) => a.invoiceNumber === '' && a.error.includes('field entity') && a.retryable === false)).toBe(true);
	});
});

describe('milestone-to-invoice: Billing events', () => {
	const FILE = 'milestone-to-invoice.json';
	const milestone = (id: string, fields: Json) => ({ envelope: envelope('milestone', id), milestone: { name: id, project: { id: 'P1' }, status: 'approved', dueDate: '2026-06-30', achievedDate: '2026-06-29', ...fields } });
	const out = runCode(codeOf(FILE, 'Billing events'), {
		'Released milestones (PSA)': [
			milestone('M1', { amount: { amount: '25000.00', currency: 'USD' } }),
			milestone('M2', { amount: { amount: '0', currency: 'USD' } }),
			milestone('M3', { amount: { amount: '100.00', currency: 'USD' }, project: { id: 'P3' } }),
			{ problems: [{ path: 'payload.pse__Target_Date__c', reason: 'is required' }] },
		],
		'Projects (PSA)': [psaProject('P1', 'SF-ACME'), psaProject('P3', 'SF-UNKNOWN')],
		'Projects (ERP)': [erpProject('501', 'SF-ACME', '301')],
	}).map((i) => i.json);

	it('bills an approved milestone as one released billing event and one invoice line of exactly its amount', () => {
		const billed = out.find((o) => o.reference === 'certinia:M1')!;
		expect(billed.billing.ok).toBe(true);
		expect(billed.billingEvent).toMatchObject({ kind: 'milestone', status: 'released', amount: { amount: '25000.00', currency: 'USD' }, sources: [{ entity: 'milestone', ref: { id: 'M1' } }] });
		expect(billed.erpInvoice.invoice).toMatchObject({ customer: { id: '301' }, project: { id: '501' }, issueDate: '2026-06-29', dueDate: '2026-07-29', total: { amount: '25000.00', currency: 'USD' } });
		expect(billed.erpInvoice.invoice.lines).toHaveLength(1);
		const rendered = fromCanonicalRecord(invoiceMapper, billed.erpInvoice, { verifyIdempotencyKey: false });
		expect(rendered.problems).toEqual([]);
		expect((rendered.value!.record as Json).item.items[0]).toMatchObject({ amount: 25000, quantity: 1, job: { id: '501' } });
	});

	it('parks a milestone without an amount, on a project the ERP lacks, or not mappable, naming the field', () => {
		expect(out).toHaveLength(4);
		expect(out.find((o) => o.reference === 'certinia:M2')!.billing).toMatchObject({ ok: false, owner: 'pmo', field: 'milestone.amount' });
		expect(out.find((o) => o.reference === 'certinia:M3')!.billing).toMatchObject({ ok: false, owner: 'finance', field: 'billingEvent.project' });
		expect(out.find((o) => o.reference === 'unmapped:3')!.billing).toMatchObject({ ok: false, field: 'payload.pse__Target_Date__c' });
	});
});

describe('time-and-materials-invoicing with Dynamics 365 Finance as the ERP (the swap the end-to-end run makes)', () => {
	it('differs from the shipped template only in the three ERP nodes, each kept under its name, id and position', () => {
		const shipped = readTemplate('time-and-materials-invoicing.json');
		const slots = Object.keys(TM_FINANCE_ERP.nodes);
		const swapped = substitute(shipped, { psa: { key: 'certinia', label: 'Certinia PSA', nodes: {} }, erp: TM_FINANCE_ERP }, { slots });
		expect(slots.sort()).toEqual(['Post to ERP', 'Projects (ERP)', 'To ERP record']);
		expect(swapped.connections).toEqual(shipped.connections);
		for (const [index, node] of swapped.nodes.entries()) {
			const original = shipped.nodes[index] as Json;
			if (!slots.includes(node.name)) expect(node).toEqual(original);
			else {
				expect({ id: (node as Json).id, name: node.name, position: (node as Json).position }).toEqual({ id: original.id, name: original.name, position: original.position });
				expect(node.type).toMatch(/\.(dynamics365Finance|canonicalTransform)$/);
			}
		}
	});
});
