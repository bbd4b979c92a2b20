import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInputError, runPerItem } from '../../../../shared/kit';
import { jsonParameter } from '../../../../shared/kit/jsonParameter';
import { BINDING_TYPES, executeStatement, rowToJson } from '../../../transport';
import type { Binding, BindingType } from '../../../transport';
import type { SnowflakeOperationContext } from '../common';
import { executeOptions, submitRequestId } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Statement',
		name: 'statement',
		type: 'string',
		typeOptions: { editor: 'sqlEditor', sqlDialect: 'StandardSQL', rows: 5 },
		default: '',
		required: true,
		placeholder: 'SELECT * FROM PROJECTS WHERE CUSTOMER = ? AND START_DATE >= ?',
		description: 'One SQL statement; put a ? where each value goes and give the values as Bindings, never inside the SQL',
	},
	{
		displayName: 'Bindings',
		name: 'bindingsInput',
		type: 'options',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Define Below', value: 'fields', description: 'One row per ?, in order, with its Snowflake type' },
			{ name: 'JSON', value: 'json', description: 'An array of values, or of {"type", "value"} objects, in order' },
		],
		default: 'none',
	},
	{
		displayName: 'Values',
		name: 'bindings',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Value',
		default: {},
		displayOptions: { show: { bindingsInput: ['fields'] } },
		options: [
			{
				displayName: 'Value',
				name: 'binding',
				values: [
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: BINDING_TYPES.map((type) => ({ name: type, value: type })),
						default: 'TEXT',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'The value as text (a number as 12.50, a boolean as true); empty with Null on for SQL NULL' },
					{ displayName: 'Null', name: 'isNull', type: 'boolean', default: false, description: 'Whether to bind SQL NULL instead of the value' },
				],
			},
		],
	},
	{
		displayName: 'Values (JSON)',
		name: 'bindingsJson',
		type: 'json',
		default: '[]',
		displayOptions: { show: { bindingsInput: ['json'] } },
		description: 'E.g. ["ACME", 12.5, true, null] or [{"type": "DATE", "value": "2026-01-31"}]; strings bind as TEXT, whole numbers as FIXED, others as REAL.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['statement'], operation: ['execute'] } }, properties);

/** A value of the JSON list as a binding: `{type, value}` as given, or typed by its JSON type. */
function bindingOf(value: unknown, position: number): Binding {
	if (value && typeof value === 'object' && !Array.isArray(value) && 'type' in value) {
		const { type, value: inner } = value as { type: unknown; value: unknown };
		const upper = String(type).toUpperCase();
		if (!(BINDING_TYPES as readonly string[]).includes(upper)) throw new InvalidInputError('bindingsJson', `bindingsJson[${position - 1}].type: "${String(type)}" is not a Snowflake binding type (${BINDING_TYPES.join(', ')})`);
		return { type: upper as BindingType, value: inner === null || inner === undefined ? null : typeof inner === 'object' ? JSON.stringify(inner) : String(inner) };
	}
	if (value === null || value === undefined) return { type: 'TEXT', value: null };
	if (typeof value === 'boolean') return { type: 'BOOLEAN', value: String(value) };
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new InvalidInputError('bindingsJson', `bindingsJson[${position - 1}]: ${String(value)} is not a number Snowflake can take`);
		return { type: Number.isInteger(value) ? 'FIXED' : 'REAL', value: String(value) };
	}
	if (typeof value === 'object') return { type: 'TEXT', value: JSON.stringify(value) };
	return { type: 'TEXT', value: String(value) };
}

export function bindingsOf(context: IExecuteFunctions, itemIndex: number): Record<string, Binding> | undefined {
	const input = context.getNodeParameter('bindingsInput', itemIndex, 'none') as string;
	const out: Record<string, Binding> = {};
	if (input === 'fields') {
		const rows = ((context.getNodeParameter('bindings', itemIndex, {}) as IDataObject).binding ?? []) as IDataObject[];
		rows.forEach((row, index) => {
			out[String(index + 1)] = { type: String(row.type ?? 'TEXT') as BindingType, value: row.isNull ? null : String(row.value ?? '') };
		});
	} else if (input === 'json') {
		const values = jsonParameter(context, 'bindingsJson', itemIndex, '[]');
		if (!Array.isArray(values)) throw new InvalidInputError('bindingsJson', 'bindingsJson: must be a JSON array of values, in the order of the ? in the statement');
		values.forEach((value, index) => (out[String(index + 1)] = bindingOf(value, index + 1)));
	} else {
		return undefined;
	}
	return out;
}

/** One statement per input item; each row of its result is an output item (every partition read). */
export async function execute(this: IExecuteFunctions, op: SnowflakeOperationContext): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const statement = (this.getNodeParameter('statement', itemIndex, '') as string).trim();
		if (!statement) throw new InvalidInputError('statement', 'statement: is empty');
		const bindings = bindingsOf(this, itemIndex);
		const requestId = submitRequestId(this, `item:${itemIndex}`, statement, bindings);
		const result = await executeStatement(this, op.connection, { statement, bindings, timeout: op.timeout }, executeOptions(op, requestId, { correlationId, itemIndex }));
		if (result.rows.length === 0) return [{ statementHandle: result.statementHandle, numRows: 0 }];
		return result.rows.map((row) => rowToJson(result.rowType, row));
	});
}
