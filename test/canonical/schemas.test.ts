import { ENTITY_NAMES, validateCanonical } from '../../lib/canonical';
import type { EntityName } from '../../lib/canonical';
import { canonicalRecord, rekey } from './helpers';

const usd = (amount: string) => ({ amount, currency: 'USD' });
const ref = (id: string, name?: string) => (name ? { id, name } : { id });

const timeEntry = () => ({
	date: '2026-01-13',
	hours: '7.5',
	resource: ref('12', 'Priya Raman'),
	project: ref('310'),
	approvalState: 'approved',
	billable: true,
	billRate: { amount: '200.00', currency: 'USD', unit: 'hour' },
});

const journal = () => ({
	date: '2026-01-31',
	currency: 'USD',
	lines: [
		{ lineId: '1', account: ref('125'), debit: usd('1500.00') },
		{ lineId: '2', account: ref('305'), credit: usd('1500.00') },
	],
});

const invoice = () => ({
	customer: ref('107'),
	issueDate: '2026-01-31',
	dueDate: '2026-03-02',
	status: 'open',
	currency: 'USD',
	lines: [
		{ lineId: '1', amount: usd('3100.00'), quantity: '15.5', rate: usd('200.00') },
		{ lineId: '2', amount: usd('550.00') },
	],
	subtotal: usd('3650.00'),
	taxTotal: usd('292.00'),
	total: usd('3942.00'),
	amountPaid: usd('1000.00'),
	amountDue: usd('2942.00'),
});

function problemsOf(entity: EntityName, data: Record<string, unknown>, options = {}) {
	return validateCanonical(entity, canonicalRecord(entity, data), options).problems;
}

describe('canonical schemas: values', () => {
	it('accepts a well-formed time entry', () => {
		expect(problemsOf('timeEntry', timeEntry())).toEqual([]);
	});

	it.each([
		['JPY', '84931', true],
		['JPY', '84931.5', false],
		['USD', '1019.18', true],
		['USD', '1019.185', false],
		['USD', '1019.180', true], // trailing zeros are exact
		['KWD', '84.931', true],
		['KWD', '84.9315', false],
		['CLF', '1.2345', true],
		['CLF', '1.23456', false],
	])('money in %s: %s is %s', (currency, amount, valid) => {
		const problems = problemsOf('milestone', {
			name: 'Go-live',
			project: ref('310'),
			status: 'planned',
			dueDate: '2026-06-30',
			amount: { amount, currency },
		});
		if (valid) expect(problems).toEqual([]);
		else expect(problems).toEqual([{ path: 'milestone.amount.amount', reason: expect.stringMatching(new RegExp(`decimal place.* for ${currency}|no decimal places for ${currency}`)) }]);
	});

	it('rejects money as a number, an unknown currency and exponent notation, each with its path', () => {
		const problems = problemsOf('milestone', {
			name: 'Go-live',
			project: ref('310'),
			status: 'planned',
			dueDate: '2026-06-30',
			amount: { amount: 12.5, currency: 'usd' },
		});
		expect(problems).toEqual([
			{ path: 'milestone.amount.amount', reason: 'must be text, not number 12.5' },
			{ path: 'milestone.amount.currency', reason: expect.stringContaining('ISO 4217') },
		]);
		const exponent = problemsOf('milestone', { name: 'x', project: ref('1'), status: 'planned', dueDate: '2026-06-30', amount: usd('1e3') });
		expect(exponent).toEqual([{ path: 'milestone.amount.amount', reason: expect.stringContaining('exact decimal amount') }]);
	});

	it('checks dates, timestamps with zones and exact hours', () => {
		expect(problemsOf('timeEntry', { ...timeEntry(), date: '2025-02-29' })).toEqual([
			{ path: 'timeEntry.date', reason: expect.stringContaining('real calendar date') },
		]);
		expect(problemsOf('timeEntry', { ...timeEntry(), date: '2024-02-29' })).toEqual([]);
		expect(problemsOf('timeEntry', { ...timeEntry(), date: '13/01/2026' })[0]).toEqual({
			path: 'timeEntry.date',
			reason: 'must be a real calendar date written YYYY-MM-DD, such as 2025-03-31 (got "13/01/2026")',
		});
		for (const date of ['2100-02-29', '2026-13-01', '2026-04-31', '2026-00-10', '2026-1-5']) {
			expect(problemsOf('timeEntry', { ...timeEntry(), date }).map((problem) => problem.path)).toEqual(['timeEntry.date']);
		}
		for (const date of ['2000-02-29', '2028-02-29', '2026-12-31']) expect(problemsOf('timeEntry', { ...timeEntry(), date })).toEqual([]);
		expect(problemsOf('timeEntry', { ...timeEntry(), hours: '24.5' })).toEqual([
			{ path: 'timeEntry.hours', reason: 'must be an exact decimal number of hours from 0 to 24 written as a string, such as "7.5" (got "24.5")' },
		]);
		expect(problemsOf('timeEntry', { ...timeEntry(), hours: '7,5' })[0].path).toBe('timeEntry.hours');
		const record = canonicalRecord('timeEntry', timeEntry());
		record.envelope.source.modifiedAt = '2026-01-14T09:15:40';
		expect(validateCanonical('timeEntry', record).problems).toEqual([
			{ path: 'envelope.source.modifiedAt', reason: expect.stringContaining('with its zone') },
		]);
		for (const modifiedAt of ['2026-01-14T24:00:00Z', '2026-02-30T10:00:00Z', '2026-01-14T09:15:40+0500', '2026-01-14 09:15:40Z']) {
			record.envelope.source.modifiedAt = modifiedAt;
			expect(validateCanonical('timeEntry', record).problems.map((problem) => problem.path)).toEqual(['envelope.source.modifiedAt']);
		}
		for (const modifiedAt of ['2026-01-14T09:15:40-05:00', '2026-01-14T09:15Z', '2026-01-14T09:15:40.123456+00:00']) {
			record.envelope.source.modifiedAt = modifiedAt;
			expect(validateCanonical('timeEntry', record).problems).toEqual([]);
		}
	});

	it.each([
		['24', true],
		['24.000', true],
		['24.001', false],
		['23.99', true],
		['0', true],
		['100', false],
	])('hours in a day: %s is %s', (hours, valid) => {
		expect(problemsOf('timeEntry', { ...timeEntry(), hours }).length === 0).toBe(valid);
	});

	it.each([
		['100', true],
		['100.0', true],
		['100.5', false],
		['0', true],
		['-1', false],
		['37.25', true],
	])('percent: %s is %s', (probability, valid) => {
		const data = { name: 'Deal', kind: 'opportunity', customer: ref('1'), status: 'negotiation', currency: 'USD', lines: [], probability };
		expect(problemsOf('contract', data).length === 0).toBe(valid);
	});

	it('names missing required fields and wrong enum values in plain English', () => {
		const { resource: _resource, ...withoutResource } = timeEntry();
		expect(problemsOf('timeEntry', { ...withoutResource, approvalState: 'done' })).toEqual([
			{ path: 'timeEntry.resource', reason: 'is required but missing' },
			{ path: 'timeEntry.approvalState', reason: 'must be one of open, submitted, approved, rejected (got "done")' },
		]);
	});
});

describe('canonical schemas: cross-field rules on exact minor units', () => {
	it('accepts a balanced journal and rejects an unbalanced one', () => {
		expect(problemsOf('journalEntry', journal())).toEqual([]);
		const unbalanced = journal();
		unbalanced.lines[1].credit = usd('1499.99');
		expect(problemsOf('journalEntry', unbalanced)).toEqual([
			{ path: 'journalEntry.lines', reason: 'must balance: debits total 1500.00 but credits total 1499.99 USD' },
		]);
	});

	it('requires exactly one side per journal line, in the journal currency', () => {
		const both = journal() as any;
		both.lines[0].credit = usd('1.00');
		expect(problemsOf('journalEntry', both)).toContainEqual({ path: 'journalEntry.lines[0]', reason: 'must have exactly one of debit or credit' });
		const foreign = journal() as any;
		foreign.lines[1].credit = { amount: '1500.00', currency: 'EUR' };
		expect(problemsOf('journalEntry', foreign)).toEqual([
			{ path: 'journalEntry.lines[1].credit.currency', reason: "must be USD, the journalEntry's currency (got EUR)" },
		]);
	});

	it('checks invoice subtotal, total and amount due to the cent', () => {
		expect(problemsOf('invoice', invoice())).toEqual([]);
		expect(problemsOf('invoice', { ...invoice(), subtotal: usd('3650.01') })).toContainEqual({
			path: 'invoice.subtotal',
			reason: 'must equal the line amounts exactly: the line amounts come to 3650.00 USD but subtotal is 3650.01',
		});
		expect(problemsOf('invoice', { ...invoice(), amountDue: usd('2942.01') })).toEqual([
			{ path: 'invoice.amountDue', reason: 'must equal total minus amountPaid exactly (2942.00 USD), got 2942.01' },
		]);
	});

	it('checks that revenue schedule lines sum to the total and periods run forwards', () => {
		const schedule = {
			method: 'straightLine',
			currency: 'JPY',
			total: { amount: '100000', currency: 'JPY' },
			lines: [
				{ period: '2026-01', periodStart: '2026-01-01', periodEnd: '2026-01-31', amount: { amount: '33334', currency: 'JPY' } },
				{ period: '2026-02', periodStart: '2026-02-01', periodEnd: '2026-02-28', amount: { amount: '33333', currency: 'JPY' } },
				{ period: '2026-03', periodStart: '2026-03-31', periodEnd: '2026-03-01', amount: { amount: '33333', currency: 'JPY' } },
			],
		};
		expect(problemsOf('revenueSchedule', schedule)).toEqual([
			{ path: 'revenueSchedule.lines[2].periodEnd', reason: 'must not be before lines[2].periodStart (2026-03-31)' },
		]);
		schedule.lines[2] = { ...schedule.lines[2], periodStart: '2026-03-01', periodEnd: '2026-03-31', amount: { amount: '33332', currency: 'JPY' } };
		expect(problemsOf('revenueSchedule', schedule)).toEqual([
			{ path: 'revenueSchedule.total', reason: 'must equal the line amounts exactly: the line amounts come to 99999 JPY but total is 100000' },
		]);
	});
});

describe('canonical schemas: envelope, unknown fields and integrity', () => {
	it('strict mode names unknown fields; lenient mode keeps them', () => {
		const data = { ...timeEntry(), overtime: true } as Record<string, unknown>;
		expect(problemsOf('timeEntry', data, { unknownFields: 'strict' })).toEqual([
			{ path: 'timeEntry.overtime', reason: expect.stringContaining('is not a field of the canonical timeEntry') },
		]);
		expect(problemsOf('timeEntry', data, { unknownFields: 'lenient' })).toEqual([]);
	});

	it('rejects a record whose content changed after its idempotency key was made, unless told not to check', () => {
		const record = canonicalRecord('timeEntry', timeEntry());
		record.timeEntry.hours = '8';
		expect(validateCanonical('timeEntry', record).problems).toEqual([
			{ path: 'envelope.idempotencyKey', reason: expect.stringContaining('does not match') },
		]);
		expect(validateCanonical('timeEntry', record, { verifyIdempotencyKey: false }).problems).toEqual([]);
		expect(validateCanonical('timeEntry', rekey(record)).problems).toEqual([]);
	});

	it('rejects an enterprise id of another entity and a correlation id that is not header-safe', () => {
		const record = canonicalRecord('timeEntry', timeEntry());
		record.envelope.enterpriseId = record.envelope.enterpriseId.replace('ent-timeEntry-', 'ent-customer-');
		expect(validateCanonical('timeEntry', record).problems).toEqual([
			{ path: 'envelope.enterpriseId', reason: expect.stringContaining('must be an enterprise id of a timeEntry') },
		]);
		const header = canonicalRecord('timeEntry', timeEntry());
		header.envelope.correlationId = 'abc\r\nX-Injected: 1';
		expect(validateCanonical('timeEntry', header).problems.map((problem) => problem.path)).toEqual(['envelope.correlationId']);
	});

	it('says what is wrong with something that is not a record at all', () => {
		expect(validateCanonical('invoice', 'INV-1').problems).toEqual([{ path: '$', reason: 'must be a canonical invoice record: an object with envelope and invoice' }]);
		expect(validateCanonical('invoice', { envelope: {} }).problems.map((problem) => problem.path)).toEqual(
			expect.arrayContaining(['envelope.schemaVersion', 'envelope.source', 'envelope.idempotencyKey', 'invoice']),
		);
		expect(validateCanonical('nonsense' as EntityName, {}).problems).toEqual([{ path: '$', reason: '"nonsense" is not a canonical entity' }]);
	});

	it('covers every entity of the issue', () => {
		expect(ENTITY_NAMES).toEqual(
			expect.arrayContaining(['customer', 'contract', 'project', 'resource', 'assignment', 'resourceRequest', 'timeEntry', 'expense', 'milestone', 'billingEvent', 'invoice', 'revenueSchedule', 'journalEntry']),
		);
	});
});
