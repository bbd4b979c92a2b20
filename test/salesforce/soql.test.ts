import fc from 'fast-check';

import { buildCondition, buildSoql, soqlLiteral } from '../../nodes/Salesforce/helpers/soql';
import { parseSoql } from '../../sandbox/salesforce';

/** The value a condition compares against, as Salesforce's parser (our sandbox's) reads it back. */
function parsedValue(soql: string): unknown {
	const where = parseSoql(soql).where as { kind: string; value: { value?: unknown } };
	expect(where.kind).toBe('cond');
	return where.value.value;
}

describe('SOQL building', () => {
	it('builds the closed-won-without-NetSuite-project query from typed conditions', () => {
		const soql = buildSoql({
			object: 'Opportunity',
			fields: ['Id', 'Name', 'Account.Name', 'Amount', 'id'],
			conditions: [
				{ field: 'StageName', operator: 'equal', value: 'Closed Won', type: 'string' },
				{ field: 'NetSuite_Project_Id__c', operator: 'isNull', type: 'string' },
				{ field: 'CloseDate', operator: 'greaterOrEqual', value: '2026-01-01', type: 'date' },
				{ field: 'Amount', operator: 'greaterThan', value: '1000.50', type: 'number' },
			],
			children: [{ relationship: 'OpportunityLineItems', fields: ['Id', 'Quantity'] }],
			orderBy: [{ field: 'CloseDate', direction: 'DESC' }],
			limit: 10,
		});
		expect(soql).toBe(
			"SELECT Id, Name, Account.Name, Amount, (SELECT Id, Quantity FROM OpportunityLineItems) FROM Opportunity WHERE StageName = 'Closed Won' AND NetSuite_Project_Id__c = null AND CloseDate >= 2026-01-01 AND Amount > 1000.50 ORDER BY CloseDate DESC LIMIT 10",
		);
		expect(() => parseSoql(soql)).not.toThrow();
	});

	it.each([
		["O'Brien", "Name = 'O\\'Brien'"],
		["x' OR Name != 'y", "Name = 'x\\' OR Name != \\'y'"],
		['back\\slash', "Name = 'back\\\\slash'"],
		['line\nbreak', "Name = 'line\\nbreak'"],
	])('escapes the value %j into one literal', (value, expected) => {
		const condition = buildCondition({ field: 'Name', operator: 'equal', value, type: 'string' });
		expect(condition).toBe(expected);
		expect(parsedValue(`SELECT Id FROM Account WHERE ${condition}`)).toBe(value);
	});

	it('keeps any user string a single literal: the parsed query compares against exactly that string', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), (value) => {
				const soql = buildSoql({ object: 'Account', fields: ['Id'], conditions: [{ field: 'Name', operator: 'equal', value, type: 'string' }] });
				expect(parsedValue(soql)).toBe(value);
			}),
			{ numRuns: 300 },
		);
	});

	it('makes LIKE wildcards literal for contains and starts with', () => {
		const condition = buildCondition({ field: 'Name', operator: 'contains', value: "100%_o'k", type: 'string' });
		expect(condition).toBe("Name LIKE '%100\\%\\_o\\'k%'");
		expect(buildCondition({ field: 'Name', operator: 'like', value: "Acme%'", type: 'string' })).toBe("Name LIKE 'Acme%\\''");
	});

	it.each([
		['Name FROM User --'],
		['Name)'],
		["Name = 'x'"],
		[''],
		['1Name'],
	])('rejects the field name %j instead of quoting it', (field) => {
		expect(() => buildCondition({ field, operator: 'equal', value: 'x', type: 'string' })).toThrow(/Invalid field name/);
		expect(() => buildSoql({ object: 'Account', fields: [field] })).toThrow();
	});

	it('rejects object and sort names that are not identifiers', () => {
		expect(() => buildSoql({ object: 'Account WHERE Id != null', fields: ['Id'] })).toThrow(/Invalid object name/);
		expect(() => buildSoql({ object: 'Account', fields: ['Id'], orderBy: [{ field: 'Name; DELETE', direction: 'ASC' }] })).toThrow(/Invalid sort field/);
	});

	it.each([
		['1 OR Id != null', 'number'],
		['12e3', 'number'],
		['yes', 'boolean'],
		['2026-13-45', 'date'],
		["2026-01-01' OR Name != '", 'date'],
		['tomorrow', 'dateTime'],
		["001Dn0000000001IAA' OR Id != '", 'id'],
	] as const)('refuses %j as a %s literal', (value, type) => {
		expect(() => soqlLiteral(value, type, 'Field')).toThrow(/Field/);
	});

	it('writes typed literals unquoted and datetimes in UTC', () => {
		expect(soqlLiteral('42', 'number')).toBe('42');
		expect(soqlLiteral(true, 'boolean')).toBe('true');
		expect(soqlLiteral('2026-11-23', 'date')).toBe('2026-11-23');
		expect(soqlLiteral('2026-11-23T18:30:00+01:00', 'dateTime')).toBe('2026-11-23T17:30:00Z');
		expect(soqlLiteral('006Dn000000000AIAQ', 'id')).toBe("'006Dn000000000AIAQ'");
	});

	it('builds IN lists from a comma-separated value, each value a literal', () => {
		expect(buildCondition({ field: 'StageName', operator: 'in', value: "Closed Won, Negotiation/Review, O'Hara", type: 'string' })).toBe(
			"StageName IN ('Closed Won', 'Negotiation/Review', 'O\\'Hara')",
		);
		expect(() => buildCondition({ field: 'Amount', operator: 'notIn', value: '1, two', type: 'number' })).toThrow(/not a number/);
	});

	it('groups OR conditions when other conditions are ANDed with them', () => {
		const soql = buildSoql({
			object: 'Account',
			fields: ['Id'],
			where: ['SystemModstamp >= 2026-11-01T00:00:00Z'],
			match: 'any',
			conditions: [
				{ field: 'Name', operator: 'equal', value: 'a', type: 'string' },
				{ field: 'Name', operator: 'equal', value: 'b', type: 'string' },
			],
		});
		expect(soql).toBe("SELECT Id FROM Account WHERE (SystemModstamp >= 2026-11-01T00:00:00Z) AND (Name = 'a' OR Name = 'b')");
		expect(() => parseSoql(soql)).not.toThrow();
	});
});
