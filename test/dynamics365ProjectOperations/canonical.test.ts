/**
 * Project Operations rows ⇄ canonical records, on the firm's seeded rows (as the node reads them: currency
 * expanded, tasks and invoice lines attached) and on edge values: minutes that are not exact hours, money
 * with more decimals than the currency, multi-line expense reports, references from another system.
 */
import type { CanonicalRecord } from '../../lib/canonical';
import { expenseMapper, timeEntryMapper, toCanonical } from '../../nodes/Dynamics365ProjectOperations/canonical';
import { seedProjectOperations } from '../../sandbox/dataverse/projectOperations/seed';
import { MemoryRows } from '../../sandbox/dataverse/projectOperations/store';
import type { Row } from '../../sandbox/dataverse/projectOperations/store';
import { PRIMARY_KEYS } from '../../sandbox/dataverse/projectOperations/tables';

const options = { environment: 'sandbox' as const, correlationId: 'test-run-1' };

async function seeded() {
	let n = 0;
	const store = new MemoryRows({ ...PRIMARY_KEYS }, () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`);
	const ids = await seedProjectOperations(store);
	const withCurrency = (row: Row): Row => {
		const currency = row._transactioncurrencyid_value ? store.get('transactioncurrencies', row._transactioncurrencyid_value as string) : undefined;
		return currency ? { ...row, transactioncurrencyid: { isocurrencycode: currency.isocurrencycode } } : row;
	};
	return { store, ids, withCurrency };
}

function mapped(object: string, record: unknown): CanonicalRecord {
	const result = toCanonical(object, record, options);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}

describe('Project Operations → canonical', () => {
	it('maps an approved time entry with exact hours from minutes, its external id and its references', async () => {
		const { store, ids } = await seeded();
		const row = store.get('msdyn_timeentries', ids.timeEntries['PSA-TE-1002'])!;
		const record = mapped('msdyn_timeentry', row);
		expect(record.timeEntry).toMatchObject({ date: '2026-01-14', hours: '8.5', approvalState: 'approved', billable: true, resource: { id: ids.resources['EMP-0002'] }, project: { id: ids.projects['SF-006A000101'] } });
		expect(record.envelope.source).toMatchObject({ system: 'dataverse', id: row.msdyn_timeentryid, externalId: 'PSA-TE-1002' });
		expect((mapped('msdyn_timeentry', store.get('msdyn_timeentries', ids.timeEntries['PSA-TE-1007'])!).timeEntry as Row).approvalState).toBe('open');
	});

	it('reports minutes that are not an exact decimal number of hours instead of rounding them', async () => {
		const { store, ids } = await seeded();
		const row = { ...store.get('msdyn_timeentries', ids.timeEntries['PSA-TE-1001'])!, msdyn_duration: 20 };
		const result = toCanonical('msdyn_timeentry', row, options);
		expect(result.ok).toBe(false);
		expect(result.problems).toContainEqual({ path: 'payload.msdyn_duration', reason: '20 minutes is not an exact decimal number of hours' });
	});

	it('maps an expense as a one-line report in its currency, exactly, and refuses money finer than the currency', async () => {
		const { store, ids, withCurrency } = await seeded();
		const row = withCurrency(store.get('msdyn_expenses', ids.expenses['PSA-EX-2001'])!);
		const record = mapped('msdyn_expense', row);
		expect(record.expense).toMatchObject({ number: 'PSA-EX-2001', approvalState: 'approved', currency: 'USD', total: { amount: '412.35', currency: 'USD' }, lines: [{ amount: { amount: '412.35', currency: 'USD' }, project: { id: ids.projects['SF-006A000101'] } }] });
		const tooFine = toCanonical('msdyn_expense', { ...row, msdyn_amount: 412.355 }, options);
		expect(tooFine.ok).toBe(false);
		const noCurrency = toCanonical('msdyn_expense', store.get('msdyn_expenses', ids.expenses['PSA-EX-2001'])!, options);
		expect(noCurrency.problems).toContainEqual(expect.objectContaining({ path: 'payload.transactioncurrencyid' }));
	});

	it('maps a project with its WBS in WBS order, and its team member as an assignment', async () => {
		const { store, ids } = await seeded();
		const projectId = ids.projects['SF-006A000101'];
		const tasks = store.list('msdyn_projecttasks').filter((t) => t._msdyn_project_value === projectId).reverse();
		const record = mapped('msdyn_project', { ...store.get('msdyn_projects', projectId)!, msdyn_msdyn_project_msdyn_projecttask_project: tasks });
		const project = record.project as { tasks: Row[]; name: string; startDate: string };
		expect(project.name).toBe('Acme ERP Implementation');
		expect(project.startDate).toBe('2026-01-12');
		expect(project.tasks.map((t) => [t.name, t.plannedHours, t.isMilestone])).toEqual([
			['Discovery', '120', false],
			['Build', '120', false],
			['User Acceptance Testing', '120', false],
			['Go-live sign-off', '0', true],
		]);
		const member = store.list('msdyn_projectteams').find((m) => m._msdyn_project_value === projectId)!;
		expect(mapped('msdyn_projectteam', member).assignment).toMatchObject({ status: 'confirmed', startDate: '2026-01-12', endDate: '2026-06-30', hours: '240' });
	});

	it('maps a fixed-price milestone and a proforma invoice whose subtotal is the exact sum of its lines', async () => {
		const { store, ids, withCurrency } = await seeded();
		const milestone = withCurrency(store.get('msdyn_contractlinescheduleofvalues', ids.milestones['SF-006A000102-M1'])!);
		expect(mapped('msdyn_contractlinescheduleofvalue', milestone).milestone).toMatchObject({ status: 'planned', dueDate: '2026-03-27', amount: { amount: '45000.00', currency: 'GBP' } });
		const invoice = withCurrency(store.list('invoices')[0]);
		// Dataverse computes a line's extendedamount (quantity 1 here); the in-memory store does not.
		const lines = store.list('invoicedetails').filter((d) => d._invoiceid_value === invoice.invoiceid).map((d) => ({ ...d, extendedamount: d.priceperunit }));
		// Dataverse also computes the header total from the lines when the invoice is read.
		const record = mapped('invoice', { ...invoice, totalamount: 5420.55, _customerid_value: '00000000-0000-4000-8000-00000000c001', invoice_details: lines });
		// Approved T&M work on Acme: (7.5 + 8.5 + 6) h at 200.00 and 2 h at 275.00 = 4950.00, expenses 412.35 + 58.20.
		expect(record.invoice).toMatchObject({ status: 'draft', currency: 'USD', subtotal: { amount: '5420.55', currency: 'USD' }, total: { amount: '5420.55', currency: 'USD' } });
	});
});

describe('canonical → Project Operations', () => {
	const fromKantata = { sourceSystem: 'kantata', sourceId: '9001', sourceExternalId: 'PSA-TE-9001', enterpriseId: 'ent-timeEntry-0123456789abcdef0123456789abcdef' };

	it('writes a time entry from another system with whole minutes, binds by enterprise id and its external id', async () => {
		const { store, ids } = await seeded();
		const record = mapped('msdyn_timeentry', store.get('msdyn_timeentries', ids.timeEntries['PSA-TE-1001'])!);
		const data = { ...(record.timeEntry as Row), hours: '7.25', resource: { id: '77', enterpriseId: 'ent-resource-0123456789abcdef0123456789abcdef' } };
		const result = timeEntryMapper.fromCanonical(data, fromKantata);
		// A reference without an enterprise id into another system cannot be bound; one with it binds by alternate key.
		expect(result.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'timeEntry.task' })]));
		expect(result.record).toMatchObject({
			msdyn_duration: 435,
			p2c_externalid: 'PSA-TE-9001',
			'msdyn_bookableresource@odata.bind': "/bookableresources(p2c_enterpriseid='ent-resource-0123456789abcdef0123456789abcdef')",
		});
		// From Dataverse itself, the lookups keep their ids and no external id is written.
		const own = timeEntryMapper.fromCanonical(record.timeEntry as Row, { sourceSystem: 'dataverse', sourceId: String(record.envelope.source.id), enterpriseId: String(record.envelope.enterpriseId) });
		expect(own.problems).toEqual([]);
		expect(own.record).toMatchObject({ msdyn_duration: 450, 'msdyn_project@odata.bind': `/msdyn_projects(${ids.projects['SF-006A000101']})` });
		expect(own.record).not.toHaveProperty('p2c_externalid');
	});

	it('refuses hours that are not whole minutes and expense reports of several lines', async () => {
		const { store, ids, withCurrency } = await seeded();
		const time = mapped('msdyn_timeentry', store.get('msdyn_timeentries', ids.timeEntries['PSA-TE-1001'])!);
		const inexact = timeEntryMapper.fromCanonical({ ...(time.timeEntry as Row), hours: '0.01' }, fromKantata);
		expect(inexact.problems).toContainEqual({ path: 'timeEntry.hours', reason: '0.01 h is not a whole number of minutes, and Project Operations records minutes' });
		const expense = mapped('msdyn_expense', withCurrency(store.get('msdyn_expenses', ids.expenses['PSA-EX-2001'])!));
		const data = expense.expense as { lines: Row[]; total: Row };
		const twoLines = expenseMapper.fromCanonical({ ...data, lines: [data.lines[0], { ...data.lines[0], lineId: 'b' }] }, fromKantata);
		expect(twoLines.problems).toContainEqual(expect.objectContaining({ path: 'expense.lines' }));
		const one = expenseMapper.fromCanonical(data, fromKantata);
		expect(one.record).toMatchObject({ msdyn_amount: 412.35, msdyn_transactiondate: '2026-01-12', p2c_externalid: 'PSA-TE-9001' });
	});
});
