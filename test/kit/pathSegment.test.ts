import { InvalidInputError, pathSegment } from '../../nodes/shared/kit';

describe('pathSegment', () => {
	it.each([
		['', 'it is empty'],
		['.', 'a path segment of dots'],
		['..', 'a path segment of dots'],
		['a/b', 'slash'],
		['a\\b', 'slash or backslash'],
		['a?b', '? or #'],
		['a#b', '? or #'],
		['%2e%2e', 'percent-encoded'],
		['%2F', 'percent-encoded'],
		['a\tb', 'control character'],
		['a\u007fb', 'control character'],
		['a\u0085b', 'control character'],
	])('refuses %j (%s), naming the field', (value, why) => {
		let thrown: unknown;
		try {
			pathSegment(value, 'recordId');
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(InvalidInputError);
		const error = thrown as InvalidInputError;
		expect(error.message).toContain(why);
		expect(error.message).toMatch(/^recordId: .* \(field: recordId\)$/);
		expect(error.context).toEqual({ vendorErrorCode: 'INVALID_ID', vendorErrorFields: ['recordId'] });
	});

	it('refuses values that are not text or numbers', () => {
		expect(() => pathSegment(undefined, 'externalId')).toThrow('externalId: expected a text or number value');
		expect(() => pathSegment({ id: 1 }, 'externalId')).toThrow('(field: externalId)');
	});

	it('encodes everything else into exactly one segment', () => {
		expect(pathSegment('104', 'recordId')).toBe('104');
		expect(pathSegment(104, 'recordId')).toBe('104');
		expect(pathSegment('...', 'recordId')).toBe('...');
		expect(pathSegment('.hidden', 'recordId')).toBe('.hidden');
		expect(pathSegment('SF 006:1&x=50%', 'externalId')).toBe('SF%20006%3A1%26x%3D50%25');
		expect(pathSegment('Müller', 'externalId')).toBe('M%C3%BCller');
		expect(new URL(`https://h/r/${pathSegment('a b;c', 'x')}/tail`).pathname.split('/')).toHaveLength(4);
	});
});
