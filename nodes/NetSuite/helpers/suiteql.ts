/**
 * Builds SuiteQL from user conditions. Every value becomes an escaped string literal; every column name is
 * checked against a strict identifier pattern, never quoted or passed through.
 */
import { assertIdentifier, suiteQlString } from '../../shared/kit';
import type { RecordTypeInfo } from './recordTypes';

export type ConditionOperator =
	| 'equals'
	| 'notEquals'
	| 'lessThan'
	| 'lessOrEqual'
	| 'greaterThan'
	| 'greaterOrEqual'
	| 'contains'
	| 'startsWith'
	| 'in'
	| 'isEmpty'
	| 'isNotEmpty';

export interface Condition {
	column: string;
	operator: ConditionOperator;
	value?: string | number | boolean;
}

const COMPARISON: Partial<Record<ConditionOperator, string>> = {
	equals: '=',
	notEquals: '<>',
	lessThan: '<',
	lessOrEqual: '<=',
	greaterThan: '>',
	greaterOrEqual: '>=',
};

/** A LIKE literal that matches `value` literally; `%` and `_` are escaped only when present. */
function likeLiteral(prefix: string, value: string, suffix: string): string {
	if (!/[%_\\]/.test(value)) return suiteQlString(`${prefix}${value}${suffix}`);
	const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
	return `${suiteQlString(`${prefix}${escaped}${suffix}`)} ESCAPE '\\'`;
}

export function conditionSql(condition: Condition): string {
	const column = assertIdentifier(condition.column.trim(), 'column name');
	const value = condition.value === undefined || condition.value === null ? '' : String(condition.value);
	const comparison = COMPARISON[condition.operator];
	if (comparison) return `${column} ${comparison} ${suiteQlString(value)}`;
	switch (condition.operator) {
		case 'contains':
			return `${column} LIKE ${likeLiteral('%', value, '%')}`;
		case 'startsWith':
			return `${column} LIKE ${likeLiteral('', value, '%')}`;
		case 'in': {
			const values = value.split(',').map((v) => v.trim()).filter((v) => v !== '');
			if (!values.length) throw new Error(`Condition on "${column}": "in" needs at least one value (comma-separated)`);
			return `${column} IN (${values.map(suiteQlString).join(', ')})`;
		}
		case 'isEmpty':
			return `${column} IS NULL`;
		case 'isNotEmpty':
			return `${column} IS NOT NULL`;
		default:
			throw new Error(`Unknown condition operator "${String(condition.operator)}"`);
	}
}

export interface SelectInput {
	recordType: RecordTypeInfo;
	/** Column names; empty for all. */
	columns?: string[];
	conditions?: Condition[];
	combineWith?: 'AND' | 'OR';
	orderBy?: string;
	direction?: 'ASC' | 'DESC';
}

/** SELECT for a record type's table; transactions are restricted to their type code. */
export function buildSelect(input: SelectInput): string {
	const { recordType } = input;
	const columns = (input.columns ?? []).map((c) => c.trim()).filter(Boolean).map((c) => assertIdentifier(c, 'column name'));
	const userConditions = (input.conditions ?? []).map(conditionSql);
	const where: string[] = [];
	if (recordType.transactionType) where.push(`type = ${suiteQlString(recordType.transactionType)}`);
	if (userConditions.length) {
		const joined = userConditions.join(` ${input.combineWith === 'OR' ? 'OR' : 'AND'} `);
		where.push(where.length && userConditions.length > 1 ? `(${joined})` : joined);
	}
	// A unique order keeps pages stable while walking them (NetSuite's advice for SuiteQL paging).
	const orderBy = assertIdentifier((input.orderBy ?? '').trim() || 'id', 'sort column');
	const direction = input.direction === 'DESC' ? 'DESC' : 'ASC';
	const order = orderBy === 'id' ? `id ${direction}` : `${orderBy} ${direction}, id ASC`;
	return [
		`SELECT ${columns.length ? columns.join(', ') : '*'}`,
		`FROM ${recordType.table}`,
		where.length ? `WHERE ${where.join(' AND ')}` : '',
		`ORDER BY ${order}`,
	]
		.filter(Boolean)
		.join(' ');
}
