import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { resolve } from 'path';
import fc from 'fast-check';

import { canonicalJson, enterpriseIdFor, fromCanonicalRecord, idempotencyKeyFor, toCanonicalRecord } from '../../lib/canonical';
import { customerMapper, invoiceMapper, timeBillMapper } from '../../nodes/NetSuite/canonical';
import { accountMapper } from '../../nodes/Salesforce/canonical';
import { netSuite, salesforce } from './fixtures';
import { CONTEXT, expectOk } from './helpers';

const keyOf = (record: Record<string, unknown>, context = CONTEXT) => expectOk(toCanonicalRecord(timeBillMapper, record, context)).envelope.idempotencyKey;

/** Rebuilds a JSON value with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(reversedKeys);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(Object.entries(value as Record<string, unknown>).reverse().map(([key, entry]) => [key, reversedKeys(entry)]));
}

describe('idempotency keys', () => {
	it('follow the documented recipe: SHA-256 of the sorted-key JSON of source and posting content', () => {
		const data = { hours: '7.5', date: '2026-01-13', resource: { name: 'Priya Raman', id: '12' }, billable: true, approvalState: 'approved' };
		// Written out by hand, keys sorted, reference display names left out.
		const expected = createHash('sha256')
			.update(
				'{"content":{"approvalState":"approved","billable":true,"date":"2026-01-13","hours":"7.5","resource":{"id":"12"}},' +
					'"entity":"timeEntry","id":"4101","object":"timeBill","system":"netsuite","v":1}',
			)
			.digest('hex');
		expect(idempotencyKeyFor('timeEntry', { system: 'netsuite', object: 'timeBill', id: '4101' }, data)).toBe(expected);
	});

	it('are the same in a separate process (another run, another machine)', () => {
		const script = [
			"const { toCanonicalRecord } = require('./lib/canonical');",
			"const { timeBillMapper } = require('./nodes/NetSuite/canonical');",
			"const { netSuite } = require('./test/canonical/fixtures');",
			"const r = toCanonicalRecord(timeBillMapper, netSuite.timeBill(), { environment: 'production', correlationId: 'other-run', defaultCurrency: 'USD' });",
			'process.stdout.write(JSON.stringify([r.value.envelope.idempotencyKey, r.value.envelope.enterpriseId]));',
		].join('\n');
		const root = resolve(__dirname, '../..');
		const output = execFileSync(process.execPath, [require.resolve('tsx/cli'), '-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8' } });
		const [key, enterpriseId] = JSON.parse(output) as [string, string];
		const here = expectOk(toCanonicalRecord(timeBillMapper, netSuite.timeBill(), CONTEXT)).envelope;
		expect(key).toBe(here.idempotencyKey);
		expect(enterpriseId).toBe(here.enterpriseId);
	});

	it('do not depend on key order, at any depth', () => {
		const record = netSuite.timeBill();
		expect(keyOf(reversedKeys(record) as Record<string, unknown>)).toBe(keyOf(record));
		fc.assert(
			fc.property(fc.shuffledSubarray(Object.keys(record), { minLength: Object.keys(record).length }), (order) => {
				const shuffled = Object.fromEntries(order.map((key) => [key, record[key as keyof typeof record]]));
				return keyOf(shuffled) === keyOf(record);
			}),
			{ numRuns: 50 },
		);
		expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":2,"y":1}]},"b":1}');
	});

	it('ignore fields that do not change the posting', () => {
		const base = keyOf(netSuite.timeBill());
		const record = netSuite.timeBill();
		const irrelevant = {
			...record,
			lastModifiedDate: '2026-02-01T00:00:00Z',
			createdDate: '2020-01-01T00:00:00Z',
			links: [],
			refName: 'renamed',
			employee: { ...record.employee, refName: 'Priya Raman-Shah' },
			customer: { ...record.customer, refName: 'Acme : ERP (renamed)' },
			timesheet: { id: '999', refName: 'another week' },
			posted: true,
			isProductive: false,
		};
		expect(keyOf(irrelevant)).toBe(base);
		expect(keyOf(record, { ...CONTEXT, correlationId: 'a-different-run', environment: 'production' })).toBe(base);
		const invoice = netSuite.invoice();
		const invoiceKey = expectOk(toCanonicalRecord(invoiceMapper, invoice, CONTEXT)).envelope.idempotencyKey;
		const paid = { ...invoice, status: { id: 'B', refName: 'Paid In Full' }, amountPaid: 3650, amountRemaining: 0 };
		expect(expectOk(toCanonicalRecord(invoiceMapper, paid, CONTEXT)).envelope.idempotencyKey).toBe(invoiceKey);
	});

	it('change when any posted value changes', () => {
		const record = netSuite.timeBill();
		const changes: Array<Record<string, unknown>> = [
			{ hours: '7.75' },
			{ tranDate: '2026-01-14' },
			{ rate: 200.01 },
			{ isBillable: false },
			{ employee: { id: '13', refName: 'Priya Raman' } },
			{ customer: { id: '311', refName: 'Acme Manufacturing Inc. : Acme ERP Implementation' } },
			{ caseTaskEvent: { id: '502' } },
			{ approvalStatus: { id: '3', refName: 'Rejected' } },
			{ id: '4102' },
		];
		const keys = new Set([keyOf(record), ...changes.map((change) => keyOf({ ...record, ...change }))]);
		expect(keys.size).toBe(changes.length + 1);
		expect(keyOf({ ...record, rate: 200 })).toBe(keyOf({ ...record, rate: 200.0 }));
		const invoice = netSuite.invoice();
		const invoiceKey = (value: Record<string, unknown>) => expectOk(toCanonicalRecord(invoiceMapper, value, CONTEXT)).envelope.idempotencyKey;
		const repriced = structuredClone(invoice);
		repriced.item.items[1].rate = 280;
		repriced.item.items[1].amount = 560;
		Object.assign(repriced, { subtotal: 3660, total: 3660, amountRemaining: 3660 });
		expect(invoiceKey(repriced)).not.toBe(invoiceKey(invoice));
	});

	it('any random change to hours or rate gives a new key; re-running gives the same one', () => {
		const base = netSuite.timeBill();
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 2400 }), fc.integer({ min: 1, max: 99999 }), (quarterHours, cents) => {
				const hours = String(quarterHours / 100);
				const record = { ...base, hours, rate: cents / 100 };
				const first = keyOf(record);
				expect(keyOf(structuredClone(record))).toBe(first);
				const same = hours === '7.5' && cents === 20000;
				return same ? first === keyOf(base) : first !== keyOf(base);
			}),
			{ numRuns: 100 },
		);
	});
});

describe('enterprise ids', () => {
	it('are deterministic and differ by entity, system and id', () => {
		expect(enterpriseIdFor('customer', 'salesforce', '001A')).toBe(enterpriseIdFor('customer', 'salesforce', '001A'));
		const ids = new Set([
			enterpriseIdFor('customer', 'salesforce', '001A'),
			enterpriseIdFor('customer', 'netsuite', '001A'),
			enterpriseIdFor('project', 'salesforce', '001A'),
			enterpriseIdFor('customer', 'salesforce', '001B'),
		]);
		expect(ids.size).toBe(4);
		expect(enterpriseIdFor('customer', 'salesforce', '001A')).toMatch(/^ent-customer-[0-9a-f]{32}$/);
	});

	it('follow a customer from Salesforce into NetSuite and back: one enterprise id in both systems', () => {
		const fromSalesforce = expectOk(toCanonicalRecord(accountMapper, salesforce.account(), CONTEXT));
		const enterpriseId = fromSalesforce.envelope.enterpriseId;
		expect(enterpriseId).toBe(enterpriseIdFor('customer', 'salesforce', '001Dn00000A1b2cIAB'));
		// Rendered for NetSuite, the customer is upserted by the external id SF-<AccountId> (the template's convention)
		// and its parent is referenced the same way.
		const nsRendered = expectOk(fromCanonicalRecord(customerMapper, fromSalesforce));
		expect(nsRendered.record.externalId).toBe('SF-001Dn00000A1b2cIAB');
		expect(nsRendered.record.parent).toEqual({ externalId: 'SF-001Dn00000A0zzzIAB' });
		// NetSuite returns the customer with that external id: reading it gives the Salesforce enterprise id.
		const inNetSuite = { ...netSuite.customer(), externalId: nsRendered.record.externalId };
		expect(expectOk(toCanonicalRecord(customerMapper, inNetSuite, CONTEXT)).envelope.enterpriseId).toBe(enterpriseId);
		// An enterprise id used as external id is taken as is; an ordinary external id is not an identity.
		const byEnterpriseId = { ...netSuite.customer(), externalId: enterpriseId };
		expect(expectOk(toCanonicalRecord(customerMapper, byEnterpriseId, CONTEXT)).envelope.enterpriseId).toBe(enterpriseId);
		const legacy = { ...netSuite.customer(), externalId: 'CID-00017' };
		expect(expectOk(toCanonicalRecord(customerMapper, legacy, CONTEXT)).envelope.enterpriseId).toBe(enterpriseIdFor('customer', 'netsuite', '107'));
	});

});
