/** Issue 8, item 16: SOQL date and datetime values are parsed strictly; impossible days never reach a query. */
import { buildCondition, soqlDateTime, soqlLiteral } from '../../nodes/Salesforce/helpers/soql';

describe('SOQL date values', () => {
	it.each(['2026-02-30', '2026-02-29', '2025-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-5'])('refuses %s, naming the field', (value) => {
		expect(() => soqlLiteral(value, 'date', 'CloseDate')).toThrow(`CloseDate: "${value}" is not a date`);
	});

	it('accepts real days, leap days included', () => {
		expect(soqlLiteral('2024-02-29', 'date')).toBe('2024-02-29');
		expect(soqlLiteral('2026-12-31', 'date')).toBe('2026-12-31');
		expect(buildCondition({ field: 'CloseDate', operator: 'greaterOrEqual', value: '2026-02-28', type: 'date' })).toBe('CloseDate >= 2026-02-28');
	});

	it.each(['2026-02-30T10:00:00Z', '2026-04-31T00:00:00.000+0000', '2026-01-01T24:00:00Z', '2026-01-01T10:60:00Z', '2026-01-01T10:00:61Z'])(
		'refuses the datetime %s instead of rolling it into another day',
		(value) => {
			expect(() => soqlLiteral(value, 'dateTime', 'LastModifiedDate')).toThrow(`LastModifiedDate: "${value}" is not an ISO 8601 date and time`);
		},
	);

	it('keeps valid datetimes, zones converted to UTC', () => {
		expect(soqlDateTime('2024-02-29T23:30:00-01:00')).toBe('2024-03-01T00:30:00Z');
		expect(soqlDateTime('2026-11-23T17:05:00.000+0000')).toBe('2026-11-23T17:05:00Z');
		expect(soqlDateTime(new Date(Date.UTC(2026, 0, 31, 8)))).toBe('2026-01-31T08:00:00Z');
	});

	it('refuses an impossible date inside IN lists too', () => {
		expect(() => buildCondition({ field: 'CloseDate', operator: 'in', value: '2026-02-28, 2026-02-30', type: 'date' })).toThrow('"2026-02-30" is not a date');
	});
});
