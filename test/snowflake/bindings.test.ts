/**
 * No user value reaches a statement's text: every value of a record (and of Execute Statement's bindings)
 * travels as a binding, and identifiers are checked before anything is sent. Hostile values are fed through the
 * node against the sandbox; the statements Snowflake received are searched for them, and the table holds them
 * intact.
 */
import type { IDataObject } from 'n8n-workflow';

import { idempotencyKeyFor } from '../../lib/canonical';
import { canonicalTimeEntry } from './fixtures';
import { snowflakeNode, useSnowflakeSandbox, workflow } from './helpers';

const suite = useSnowflakeSandbox();

const HOSTILE = [
	"x'); DROP TABLE \"CANONICAL_TIME_ENTRY\"; --",
	'Robert"; DELETE FROM "FIRM_PEOPLE" WHERE "1"="1',
	"O'Brien ? $1 :name /* \\' */",
	'\u0001control, \u2028 separators and emoji \u{1F600}',
];

function hostileEntry(index: number): IDataObject {
	const value = HOSTILE[index];
	const record = canonicalTimeEntry(['PSA-TE-1001', 'PSA-TE-1002', 'PSA-TE-1003', 'PSA-TE-1005'][index], {
		modifiedAt: '2026-01-16T17:02:00Z',
		overrides: { description: value, resource: { id: 'EMP-0002', name: value }, customFields: { [value]: value } },
	});
	const envelope = record.envelope as IDataObject;
	envelope.idempotencyKey = idempotencyKeyFor('timeEntry', envelope.source as { system: string; object: string; id: string }, record.timeEntry as IDataObject);
	return record;
}

describe('Snowflake statements carry values only as bindings', () => {
	it('Replicate: hostile text in every kind of field never appears in a statement; the rows hold it unchanged', async () => {
		const records = HOSTILE.map((_, index) => hostileEntry(index));
		const result = await suite.run(workflow(records, snowflakeNode({ resource: 'canonicalRecord', operation: 'replicate' })));
		expect(result.error).toBeUndefined();
		const submitted = suite.submitted();
		expect(submitted.length).toBeGreaterThanOrEqual(3);
		for (const { statement } of submitted) {
			for (const value of HOSTILE) expect(statement).not.toContain(value);
			expect(statement).not.toMatch(/O'Brien|DROP TABLE|DELETE FROM|EMP-0002|PSA-TE-|2026-01-1/);
		}
		const merge = submitted.find((s) => s.statement.startsWith('MERGE'))!;
		const bound = Object.values(merge.bindings ?? {}).map((b) => b.value);
		for (const value of HOSTILE) expect(bound).toContain(value);
		const rows = await suite.sandbox.tableRows('CANONICAL_TIME_ENTRY');
		expect(rows.map((r) => r.DESCRIPTION).sort()).toEqual([...HOSTILE].sort());
		expect(rows.map((r) => (r.RESOURCE as IDataObject).name).sort()).toEqual([...HOSTILE].sort());
		expect(await suite.sandbox.tableRows('FIRM_PEOPLE', 'REFERENCE')).toHaveLength(4);
	});

	it('Execute Statement: values from Define Below and JSON are bindings, never spliced into the SQL', async () => {
		const node = snowflakeNode({
			resource: 'statement',
			operation: 'execute',
			schema: 'REFERENCE',
			statement: 'SELECT COUNT(*) AS "N" FROM "FIRM_PEOPLE" WHERE "NAME" = ? OR "REGION" = ?',
			bindingsInput: 'fields',
			bindings: { binding: [{ type: 'TEXT', value: HOSTILE[0] }, { type: 'TEXT', value: HOSTILE[1] }] },
		});
		const result = await suite.run(workflow([{}], node));
		expect(result.output('Snowflake')[0].N).toBe(0);
		const [sent] = suite.submitted();
		expect(sent.statement).toBe('SELECT COUNT(*) AS "N" FROM "FIRM_PEOPLE" WHERE "NAME" = ? OR "REGION" = ?');
		expect(sent.bindings).toEqual({ '1': { type: 'TEXT', value: HOSTILE[0] }, '2': { type: 'TEXT', value: HOSTILE[1] } });
	});

	it.each([['CANONICAL"; DROP TABLE X; --'], ['1TABLE'], ['a b'], ['x'.repeat(256)]])('a table name that is not a plain identifier (%s) is refused before anything is sent', async (table) => {
		const node = snowflakeNode({ resource: 'canonicalRecord', operation: 'replicate', entity: 'timeEntry', table }, { continueOnFail: true });
		const result = await suite.run(workflow([canonicalTimeEntry('PSA-TE-1001', { modifiedAt: '2026-01-16T17:02:00Z' })], node));
		expect(result.output('Snowflake')[0]).toMatchObject({ fields: ['table'] });
		expect(suite.submitted()).toHaveLength(0);
	});
});
