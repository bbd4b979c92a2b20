import { InvalidInputError } from '../../nodes/shared/kit';
import { odataAnd, odataComparison, odataPlainLiteral, odataPropertyName, odataStringLiteral } from '../../nodes/shared/kit/odata';

describe('kit odata $filter parts (Finance v4 and SAP v2 build their filters from these)', () => {
	const v4 = { field: 'filters', version: 'v4' as const, functions: ['contains', 'startswith'] };
	const v2 = { field: 'conditions', version: 'v2' as const, functions: ['startswith'] };

	it('writes v4 string functions as boolean expressions and v2 ones compared with eq true', () => {
		expect(odataComparison('Name', 'startswith', odataStringLiteral("O'B"), v4)).toBe("startswith(Name,'O''B')");
		expect(odataComparison('Name', 'startswith', odataStringLiteral("O'B"), v2)).toBe("startswith(Name,'O''B') eq true");
		expect(odataComparison('Amount', 'ge', '10', v2)).toBe('Amount ge 10');
	});

	it('refuses an operator outside the comparison set or the version’s functions, naming the field', () => {
		expect(() => odataComparison('Name', 'contains', "'x'", v2)).toThrow(/conditions: unknown operator contains/);
		expect(() => odataComparison('Name', 'eq 1 or true', "'x'", v4)).toThrow(InvalidInputError);
	});

	it('refuses numbers, booleans and property names that could carry more syntax', () => {
		expect(odataPlainLiteral(' 12.50 ', 'number', 'Amount', 'filters')).toBe('12.50');
		expect(odataPlainLiteral('TRUE', 'boolean', 'Active', 'filters')).toBe('true');
		expect(() => odataPlainLiteral('1 or 1 eq 1', 'number', 'Amount', 'filters')).toThrow(/filters: Amount needs a number/);
		expect(() => odataPlainLiteral('yes', 'boolean', 'Active', 'conditions')).toThrow(/conditions: Active needs true or false/);
		expect(odataPropertyName(' CustomerAccount ', 'orderBy')).toBe('CustomerAccount');
		expect(() => odataPropertyName('Name eq 1', 'orderBy')).toThrow(/orderBy: "Name eq 1" is not a field name/);
	});

	it('joins only the conditions present', () => {
		expect(odataAnd(undefined, 'a eq 1')).toBe('a eq 1');
		expect(odataAnd('a eq 1', undefined, 'b eq 2')).toBe('(a eq 1) and (b eq 2)');
		expect(odataAnd()).toBeUndefined();
	});
});
