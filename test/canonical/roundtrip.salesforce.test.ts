import { SalesforceOrg } from '../../sandbox/salesforce/org';
import { seedOrg } from '../../sandbox/salesforce/seed';
import { runSoql } from '../../sandbox/salesforce/soql';
import { fromCanonicalRecord, toCanonicalRecord, validateCanonical } from '../../lib/canonical';
import { accountMapper, contractMapper, opportunityMapper, toCanonical } from '../../nodes/Salesforce/canonical';
import { detectMapper } from '../../nodes/CanonicalTransform/mappers';
import { describeWithSpecs, readSpec } from '../helpers/specs';
import { salesforce } from './fixtures';
import { CONTEXT, expectOk, expectWrittenFieldsKept, roundTrip } from './helpers';

const WRITTEN: Array<[string, () => Record<string, unknown>, typeof accountMapper, string[]]> = [
	['Account', salesforce.account, accountMapper, ['attributes.type', 'Id', 'Name', 'AccountNumber', 'Type', 'CurrencyIsoCode', 'Phone', 'Website', 'Industry', 'BillingStreet', 'BillingCity', 'BillingState', 'BillingPostalCode', 'BillingCountry', 'ShippingCity', 'ShippingCountry', 'ParentId', 'Description']],
	['Opportunity', salesforce.opportunity, opportunityMapper, ['Id', 'Name', 'AccountId', 'StageName', 'CurrencyIsoCode', 'Amount', 'CloseDate', 'Probability', 'Description', 'OpportunityLineItems.records[0].Id', 'OpportunityLineItems.records[0].Product2Id', 'OpportunityLineItems.records[0].Quantity', 'OpportunityLineItems.records[0].UnitPrice', 'OpportunityLineItems.records[1].ProductCode', 'OpportunityLineItems.records[1].ServiceDate', 'OpportunityLineItems.records[1].Description']],
	['Contract', salesforce.contract, contractMapper, ['Id', 'Name', 'AccountId', 'Status', 'CurrencyIsoCode', 'CustomerSignedDate', 'StartDate', 'EndDate', 'ContractTerm', 'SpecialTerms', 'Description']],
];

describe('Salesforce ⇄ canonical round trip (realistic records)', () => {
	it.each(WRITTEN)('%s keeps every mapped field', (_name, fixture, mapper, expected) => {
		const original = fixture();
		const { rendered } = roundTrip(mapper, original);
		const compared = expectWrittenFieldsKept(rendered.record, original);
		for (const field of expected) expect(compared).toContain(field);
	});

	it('maps a closed-won opportunity to a won contract whose lines sum exactly to its amount', () => {
		const canonical = expectOk(toCanonicalRecord(opportunityMapper, salesforce.opportunity(), CONTEXT)) as any;
		expect(canonical.contract).toMatchObject({
			kind: 'opportunity',
			status: 'won',
			stage: 'Closed Won',
			currency: 'USD',
			totalValue: { amount: '240000.00', currency: 'USD' },
			signedDate: '2026-01-09',
			customer: { id: '001Dn00000A1b2cIAB', name: 'Acme Manufacturing Inc.' },
		});
		expect(canonical.contract.lines.map((line: any) => [line.productCode, line.quantity, line.amount.amount])).toEqual([
			['PS-IMPL', '1000', '200000.00'],
			['PS-PM', '200', '40000.00'],
		]);
		expect(canonical.envelope.source).toEqual({
			system: 'salesforce',
			environment: 'sandbox',
			object: 'Opportunity',
			id: '006Dn00000B2c3dIAC',
			modifiedAt: '2026-01-09T16:20:00.000+00:00',
			version: '2026-01-09T16:20:00.000+0000',
		});
	});

	it('reads won and lost from IsWon / IsClosed, or from the standard stage names when those were not queried', () => {
		const statusOf = (changes: Record<string, unknown>) => {
			const { IsWon: _won, IsClosed: _closed, ...record } = { ...salesforce.opportunity(), ...changes };
			const withFlags = { ...record, ...('IsWon' in changes ? { IsWon: changes.IsWon, IsClosed: changes.IsClosed } : {}) };
			return (expectOk(toCanonicalRecord(opportunityMapper, withFlags, CONTEXT)) as any).contract.status;
		};
		expect(statusOf({ StageName: 'Closed Won' })).toBe('won');
		expect(statusOf({ StageName: 'Closed Lost' })).toBe('lost');
		expect(statusOf({ StageName: 'Negotiation/Review' })).toBe('negotiation');
		expect(statusOf({ StageName: 'Signed', IsWon: true, IsClosed: true })).toBe('won');
		expect(statusOf({ StageName: 'Closed Won', IsWon: false, IsClosed: false })).toBe('negotiation');
	});

	it('sends an opportunity whose amount differs from its lines to exceptions, naming the field', () => {
		const result = toCanonicalRecord(opportunityMapper, { ...salesforce.opportunity(), Amount: 239999.99 }, CONTEXT);
		expect(result.ok).toBe(false);
		expect(result.problems).toEqual([
			{ path: 'contract.totalValue', reason: expect.stringContaining('the line amounts come to 240000.00 USD but totalValue is 239999.99') },
		]);
	});

	it('maps a custom field through an override (Practice__c → contract.practice) and writes it back', () => {
		const overrides = [{ source: 'Practice__c', target: 'contract.practice' }];
		const canonical = expectOk(toCanonicalRecord(opportunityMapper, salesforce.opportunity(), CONTEXT, { unknownFields: 'strict', overrides })) as any;
		expect(canonical.contract.practice).toBe('Digital Operations');
		expect(canonical.envelope.lineage.map((step: any) => step.step)).toEqual(['extract', 'map', 'override']);
		const rendered = expectOk(fromCanonicalRecord(opportunityMapper, canonical, { overrides }));
		expect(rendered.record.Practice__c).toBe('Digital Operations');
		// Without the override, strict mode names the unmapped custom field.
		const strict = toCanonicalRecord(opportunityMapper, salesforce.opportunity(), CONTEXT, { unknownFields: 'strict' });
		expect(strict.problems).toEqual([{ path: 'payload.Practice__c', reason: expect.stringContaining('is not mapped by salesforce.Opportunity@1') }]);
	});

	it('uses the default currency in a single-currency org and says so when there is none', () => {
		const { CurrencyIsoCode: _omitted, ...record } = salesforce.contract();
		expect((expectOk(toCanonicalRecord(contractMapper, record, CONTEXT)) as any).contract.currency).toBe('USD');
		const missing = toCanonicalRecord(contractMapper, record, { ...CONTEXT, defaultCurrency: undefined });
		expect(missing.problems).toContainEqual({ path: 'payload.CurrencyIsoCode', reason: expect.stringContaining('Default Currency') });
	});

	it('exports toCanonical for the Salesforce node’s Output: Canonical option', () => {
		const result = toCanonical('Account', salesforce.account(), { environment: 'production', correlationId: 'run-7' });
		expect(result.ok).toBe(true);
		expect((result.value as any).envelope).toMatchObject({ entity: 'customer', correlationId: 'run-7', source: { environment: 'production' } });
		expect(toCanonical('Lead', {}, { environment: 'production', correlationId: 'run-7' }).problems[0].path).toBe('object');
	});
});

describe('Salesforce sandbox seed data → canonical → Salesforce', () => {
	const org = new SalesforceOrg();
	seedOrg(org);
	const query = (soql: string) => runSoql(soql, org, 'v62.0').records as Array<Record<string, unknown>>;
	const cases: Array<[string, typeof accountMapper, string]> = [
		['Account', accountMapper, 'SELECT Id, Name, Type, Industry, BillingCity, BillingCountry, Description, SystemModstamp FROM Account'],
		[
			'Opportunity',
			opportunityMapper,
			'SELECT Id, Name, AccountId, Account.Name, StageName, CloseDate, Amount, Probability, IsWon, IsClosed, SystemModstamp, (SELECT Id, Product2Id, ProductCode, Quantity, UnitPrice, TotalPrice, ServiceDate, Description FROM OpportunityLineItems) FROM Opportunity',
		],
		['Contract', contractMapper, 'SELECT Id, ContractNumber, AccountId, Status, StartDate, EndDate, ContractTerm, SystemModstamp FROM Contract'],
	];
	it.each(cases)('every seeded %s maps, validates and renders back its mapped fields', (_object, mapper, soql) => {
		const records = query(soql);
		expect(records.length).toBeGreaterThan(0);
		for (const record of records) {
			expect(detectMapper(record).mapper).toBe(mapper);
			const canonical = expectOk(toCanonicalRecord(mapper, record, CONTEXT, { unknownFields: 'strict' }));
			expect(validateCanonical(mapper.entity, canonical).problems).toEqual([]);
			const rendered = expectOk(fromCanonicalRecord(mapper, canonical));
			expect(expectWrittenFieldsKept(rendered.record, record).length).toBeGreaterThanOrEqual(4);
		}
	});
});

describeWithSpecs('Salesforce example payloads from the public Postman collection (specs/salesforce)', () => {
	function rawBody(file: string): unknown {
		const request = JSON.parse(readSpec(`salesforce/src/collections/salesforce_apis/${file}`)) as { rawModeData: string };
		return JSON.parse(request.rawModeData);
	}

	it('the Contract record in the CPQ renewal example is detected and its missing fields are named', () => {
		const body = rawBody('contract_api/contract_renewer_api.json') as { context: { renewedContracts: Array<Record<string, unknown>> } };
		const contract = body.context.renewedContracts[0];
		expect(detectMapper(contract).mapper).toBe(contractMapper);
		const result = toCanonicalRecord(contractMapper, contract, CONTEXT);
		expect(result.ok).toBe(false);
		expect(result.problems.map((problem) => problem.path).sort()).toEqual(['contract.customer', 'contract.name', 'contract.status']);
		expect(result.value?.envelope.source.id).toBe('800540000006LLVAA2');
	});

	it('the sObject create example body ({ Name }) is not a record read from Salesforce: no Id, no type', () => {
		const body = rawBody('rest/sobject_create.json') as Record<string, unknown>;
		expect(detectMapper(body).mapper).toBeUndefined();
		const result = toCanonicalRecord(accountMapper, body, CONTEXT);
		expect(result.problems).toContainEqual({ path: 'payload.Id', reason: 'is required: the Salesforce record id' });
		// Rendered the other way, an account carries the same create body field the example shows.
		const { rendered } = roundTrip(accountMapper, salesforce.account());
		expect(Object.keys(body).every((field) => field in rendered.record)).toBe(true);
	});
});
