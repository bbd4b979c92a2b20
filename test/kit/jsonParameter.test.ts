/** Kit JSON parameters: parsed or taken as given, refused naming the parameter. */
import { mockDeep } from 'jest-mock-extended';
import type { IExecuteFunctions } from 'n8n-workflow';

import { jsonObjectParameter, jsonParameter } from '../../nodes/shared/kit/jsonParameter';

function contextWith(value: unknown) {
	const context = mockDeep<IExecuteFunctions>();
	context.getNodeParameter.mockReturnValue(value as never);
	return context;
}

describe('jsonParameter / jsonObjectParameter', () => {
	it('parses text, takes an expression\'s object as is, and reads an empty text as the fallback', () => {
		expect(jsonObjectParameter(contextWith('{"Name": "Contoso", "Amount": 12.5}'), 'jsonBody', 0, "the record's attributes")).toEqual({ Name: 'Contoso', Amount: 12.5 });
		const given = { a: 1 };
		expect(jsonObjectParameter(contextWith(given), 'jsonBody', 0, "the record's attributes")).toBe(given);
		expect(jsonParameter(contextWith(''), 'lines', 0, '[]')).toEqual([]);
	});

	it('refuses text that does not parse, and anything but an object, naming the parameter', () => {
		expect(() => jsonParameter(contextWith('{"a": '), 'jsonBody', 0)).toThrow(/^jsonBody: not valid JSON: .*\(field: jsonBody\)$/);
		expect(() => jsonObjectParameter(contextWith('[1, 2]'), 'fields', 0, 'column names and values')).toThrow('fields: must be a JSON object of column names and values (field: fields)');
		expect(() => jsonObjectParameter(contextWith('null'), 'fields', 0, 'column names and values')).toThrow('(field: fields)');
	});
});
