/**
 * The firm in Coupa's shape: its people as users, its subcontractors as suppliers, its projects as Coupa projects,
 * the chart-of-accounts combinations that carry project / task / expenditure type (segment-2 / -3 / -4), the
 * subcontract purchase orders with receipts, the subcontractors' invoices, the firm's expenses as expense reports,
 * exchange rates and the expenditure-type lookup. Everything from sandbox/firm/dataset.ts.
 */
import { formatAmount } from '../../lib/money';
import { FIRM_EXPENSES, FIRM_PEOPLE, FIRM_PROJECTS, FIRM_SUBCONTRACT_ORDERS, FIRM_SUBCONTRACTORS, FIRM_SUPPLIER_INVOICES, firmProject } from '../firm/dataset';
import type { CoupaStore, Json } from './store';

/** When the seeded records were last changed (a fixed past, so polls only see what tests change). */
export const SEEDED_AT = '2026-05-01T12:00:00Z';

const CURRENCIES: Record<string, Json> = {
	USD: { id: 1, code: 'USD', name: 'US Dollar', decimals: 2, enabled: true },
	GBP: { id: 2, code: 'GBP', name: 'British Pound', decimals: 2, enabled: true },
	EUR: { id: 3, code: 'EUR', name: 'Euro', decimals: 2, enabled: true },
	JPY: { id: 4, code: 'JPY', name: 'Japanese Yen', decimals: 0, enabled: true },
};

export function currencyRef(code: string): Json {
	const currency = CURRENCIES[code];
	return { id: currency.id, code: currency.code };
}

const money = (minor: string, currency: string) => formatAmount(BigInt(minor), currency);

export function seedStore(store: CoupaStore): void {
	const stamp = { 'created-at': SEEDED_AT, 'updated-at': SEEDED_AT };
	for (const currency of Object.values(CURRENCIES)) store.insert('currencies', { ...currency });

	const users = new Map<string, Json>();
	for (const person of FIRM_PEOPLE) {
		const user = store.insert('users', { login: person.email, email: person.email, firstname: person.firstName, lastname: person.lastName, fullname: `${person.firstName} ${person.lastName}`, 'employee-number': person.externalId, active: true, ...stamp });
		users.set(person.externalId, { id: user.id, login: user.login, fullname: user.fullname });
	}

	const suppliers = new Map<string, Json>();
	for (const subcontractor of FIRM_SUBCONTRACTORS) {
		const supplier = store.insert('suppliers', {
			name: subcontractor.name,
			'display-name': subcontractor.name,
			number: subcontractor.number,
			status: 'active',
			'po-method': 'email',
			'po-email': subcontractor.email,
			'invoice-matching-level': '2-way',
			'payment-term': { id: 1, code: 'Net 30' },
			'primary-contact': { email: subcontractor.email },
			...stamp,
		});
		suppliers.set(subcontractor.number, { id: supplier.id, name: supplier.name, number: supplier.number });
	}

	for (const project of FIRM_PROJECTS) {
		store.insert('projects', { name: project.name, description: `${project.customer} (${project.billing})`, 'external-reference-number': project.externalId, 'start-date': project.start, 'end-date': project.end, status: 'in_progress', open: true, ...stamp });
	}

	const lookup = { id: 1, name: 'Expenditure Type' };
	store.insert('lookup_values', { name: 'Subcontractor Labor', description: 'Subcontracted professional services', 'external-ref-num': 'SUBLAB', active: true, lookup, ...stamp });
	store.insert('lookup_values', { name: 'Subcontractor Expenses', description: 'Pass-through costs of subcontractors', 'external-ref-num': 'SUBEXP', active: true, lookup, ...stamp });

	store.insert('exchange_rates', { 'from-currency': currencyRef('USD'), 'to-currency': currencyRef('GBP'), rate: '0.790000', 'rate-date': '2026-03-31', ...stamp });
	store.insert('exchange_rates', { 'from-currency': currencyRef('GBP'), 'to-currency': currencyRef('USD'), rate: '1.265823', 'rate-date': '2026-03-31', ...stamp });

	const accounts = new Map<string, Json>();
	const accountFor = (projectId: string, taskId: string | undefined, expenditureType: string): Json => {
		const key = `${projectId}|${taskId ?? ''}|${expenditureType}`;
		const known = accounts.get(key);
		if (known) return known;
		const project = firmProject(projectId);
		const task = project.tasks.find((t) => t.externalId === taskId);
		const segments = { 'segment-1': 'MAG', 'segment-2': projectId, 'segment-3': taskId ?? '', 'segment-4': expenditureType };
		const account = store.insert('accounts', {
			name: [project.name, task?.name, expenditureType].filter(Boolean).join(' / '),
			code: Object.values(segments).filter(Boolean).join('-'),
			active: true,
			'account-type': { id: 1, name: 'Meridian Advisory Group' },
			...segments,
			...stamp,
		});
		const ref = { id: account.id, name: account.name, code: account.code, ...segments, 'account-type': account['account-type'] };
		accounts.set(key, ref);
		return ref;
	};

	const orderLines = new Map<string, Json>();
	for (const order of FIRM_SUBCONTRACT_ORDERS) {
		const account = accountFor(order.projectExternalId, order.taskExternalId, order.expenditureType);
		const invoiced = (lineNumber: string) =>
			FIRM_SUPPLIER_INVOICES.filter((invoice) => invoice.poNumber === order.poNumber && invoice.poLineNumber === lineNumber && invoice.status === 'approved')
				.flatMap((invoice) => invoice.lines)
				.reduce((sum, line) => sum + BigInt(line.amountMinor), 0n);
		const stored = store.insert('purchase_orders', {
			'po-number': order.poNumber,
			status: order.status,
			version: 1,
			supplier: suppliers.get(order.supplierNumber),
			currency: currencyRef(order.currency),
			exported: false,
			'last-exported-at': null,
			'ship-to-attention': FIRM_PEOPLE[0].email,
			'custom-fields': {},
			'order-lines': order.lines.map((line) => ({
				'line-num': line.lineNumber,
				description: line.description,
				quantity: line.quantity,
				price: money(line.unitPriceMinor, order.currency),
				total: money(line.amountMinor, order.currency),
				invoiced: money(String(invoiced(line.lineNumber)), order.currency),
				currency: currencyRef(order.currency),
				account,
				'need-by-date': line.needBy,
				status: 'issued',
				'custom-fields': {},
				'created-at': `${order.orderDate}T09:00:00Z`,
				'updated-at': SEEDED_AT,
			})),
			'created-at': `${order.orderDate}T09:00:00Z`,
			'updated-at': SEEDED_AT,
		});
		for (const line of stored['order-lines'] as Json[]) orderLines.set(`${order.poNumber}|${line['line-num']}`, { ...line, 'order-header-number': order.poNumber });
	}

	for (const invoice of FIRM_SUPPLIER_INVOICES) {
		const order = FIRM_SUBCONTRACT_ORDERS.find((o) => o.poNumber === invoice.poNumber)!;
		const orderLine = orderLines.get(`${invoice.poNumber}|${invoice.poLineNumber}`)!;
		const gross = invoice.lines.reduce((sum, line) => sum + BigInt(line.amountMinor), 0n);
		store.insert('invoices', {
			'invoice-number': invoice.invoiceNumber,
			'invoice-date': `${invoice.invoiceDate}T00:00:00+00:00`,
			'net-due-date': addDays(invoice.invoiceDate, 30),
			status: invoice.status,
			'document-type': 'Invoice',
			supplier: suppliers.get(invoice.supplierNumber),
			currency: currencyRef(invoice.currency),
			'payment-term': { id: 1, code: 'Net 30' },
			'gross-total': money(String(gross), invoice.currency),
			'total-with-taxes': money(String(gross), invoice.currency),
			'tax-amount': money('0', invoice.currency),
			paid: false,
			exported: false,
			'last-exported-at': null,
			'custom-fields': {},
			'invoice-lines': invoice.lines.map((line, index) => ({
				'line-num': index + 1,
				description: line.description,
				quantity: line.quantity,
				price: money(line.unitPriceMinor, invoice.currency),
				total: money(line.amountMinor, invoice.currency),
				currency: currencyRef(invoice.currency),
				'po-number': invoice.poNumber,
				'order-line-num': invoice.poLineNumber,
				'order-line-id': orderLine.id,
				account: orderLine.account,
				'custom-fields': {},
			})),
			...stamp,
		});
		if (invoice.status === 'approved') {
			for (const line of invoice.lines) {
				store.insert('inventory_transactions', {
					type: 'ReceivingQuantityConsumption',
					status: 'created',
					quantity: line.quantity,
					price: money(line.unitPriceMinor, order.currency),
					total: money(line.amountMinor, order.currency),
					currency: currencyRef(order.currency),
					'transaction-date': `${invoice.invoiceDate}T00:00:00+00:00`,
					'order-line': { id: orderLine.id, 'line-num': orderLine['line-num'], 'order-header-number': invoice.poNumber },
					account: orderLine.account,
					exported: false,
					...stamp,
				});
			}
		}
	}

	const byPerson = new Map<string, typeof FIRM_EXPENSES>();
	for (const expense of FIRM_EXPENSES) byPerson.set(expense.personExternalId, [...(byPerson.get(expense.personExternalId) ?? []), expense]);
	for (const [personId, expenses] of byPerson) {
		const currency = expenses[0].currency;
		const total = expenses.reduce((sum, expense) => sum + BigInt(expense.amountMinor), 0n);
		store.insert('expense_reports', {
			title: `Expenses ${expenses[0].date.slice(0, 7)}`,
			status: expenses.every((e) => e.status === 'Approved') ? 'approved_for_payment' : 'pending_approval',
			'expensed-by': users.get(personId),
			currency: currencyRef(currency),
			total: money(String(total), currency),
			'submitted-at': `${expenses[expenses.length - 1].date}T18:00:00Z`,
			exported: false,
			'last-exported-at': null,
			'erp-document-id': null,
			'expense-lines': expenses.map((expense, index) => ({
				'line-number': index + 1,
				'expense-date': expense.date,
				'expense-category': { id: expense.category === 'Travel' ? 1 : 2, name: expense.category },
				amount: money(expense.amountMinor, expense.currency),
				currency: currencyRef(expense.currency),
				description: expense.notes,
				'external-src-ref': expense.externalId,
				'employee-reimbursable': true,
				account: accountFor(expense.projectExternalId, undefined, 'Travel and Expenses'),
				'custom-fields': {},
			})),
			...stamp,
		});
	}
}

function addDays(date: string, days: number): string {
	const at = new Date(`${date}T00:00:00Z`);
	at.setUTCDate(at.getUTCDate() + days);
	return at.toISOString().slice(0, 10);
}
