/** JSON parameters (a JSON text, or the value an expression gave), refused with the parameter's name when they do not parse. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InvalidInputError } from './path';

/** The parameter parsed (`fallback` when empty); a value an expression gave as an object or array is taken as is. */
export function jsonParameter(context: IExecuteFunctions, name: string, itemIndex: number, fallback = '{}'): unknown {
	const raw = context.getNodeParameter(name, itemIndex, fallback) as unknown;
	if (typeof raw !== 'string') return raw;
	let value: unknown;
	let problem: string | undefined;
	try {
		value = JSON.parse(raw || fallback);
	} catch (error) {
		problem = (error as Error).message;
	}
	if (problem !== undefined) throw new InvalidInputError(name, `${name}: not valid JSON: ${problem} (field: ${name})`);
	return value;
}

/** A JSON object parameter; anything else is refused, saying what it must hold (`what`: "the record's attributes"). */
export function jsonObjectParameter(context: IExecuteFunctions, name: string, itemIndex: number, what: string): IDataObject {
	const value = jsonParameter(context, name, itemIndex);
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InvalidInputError(name, `${name}: must be a JSON object of ${what} (field: ${name})`);
	return value as IDataObject;
}
