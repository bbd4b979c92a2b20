/** Oracle transport pieces on their own: q literals and conditions, finders, fields/expand, error bodies, the GL interface file and its zip. */
import { deflateRawSync } from 'zlib';

import { parseOracleError } from '../../nodes/OracleFusion/transport';
import { glInterfaceCsv, GL_INTERFACE_COLUMNS, lineErrorsOf, prepareJournal } from '../../nodes/OracleFusion/transport/journalImport';
import { finderParam, orderByParam, qCondition, qExpression, qString } from '../../nodes/OracleFusion/transport/query';
import { shapeQuery } from '../../nodes/OracleFusion/v1/actions/record/context';
import { readZip, writeZip } from '../../nodes/shared/kit/zip';
import { parseExpression } from '../../sandbox/oracleFusion/q';

describe('q expressions', () => {
	it('quotes every value and escapes quotes and backslashes inside it', () => {
		expect(qString("O'Brien")).toBe("'O\\'Brien'");
		expect(qString('C:\\temp\\')).toBe("'C:\\\\temp\\\\'");
		expect(qCondition({ attribute: 'Amount', operator: '>=', value: 12.5 })).toBe('Amount >= 12.5');
		expect(qCondition({ attribute: 'Flag', operator: 'is null' })).toBe('Flag is null');
		expect(qExpression([{ attribute: 'A', operator: '=', value: 'x' }, { attribute: 'B', operator: 'LIKE', value: 'y%' }])).toBe("A = 'x' and B LIKE 'y%'");
	});

	it('keeps a hostile value one literal, as the framework parses it', () => {
		const attributes = new Set(['Name', 'Status']);
		const hostile = ["x' or Status = 'A", "x\\' or Status = 'A", "\\", "'", "a\\'b"];
		for (const value of hostile) {
			const matches = parseExpression(qCondition({ attribute: 'Name', operator: '=', value }), attributes);
			expect(matches({ Name: value, Status: 'A' })).toBe(true);
			expect(matches({ Name: 'other', Status: 'A' })).toBe(false);
		}
	});

	it('refuses names that are not attribute names, and finder values that would split the finder', () => {
		expect(() => qCondition({ attribute: 'A or 1', operator: '=', value: 1 })).toThrow(/conditions.attribute/);
		expect(finderParam('ESSJobStatusRF', { requestId: '123' })).toBe('ESSJobStatusRF;requestId=123');
		expect(() => finderParam('PrimaryKey', { ProjectId: '1,Other=2' })).toThrow(/finder.ProjectId/);
		expect(orderByParam('CreationDate:DESC,ProjectName')).toBe('CreationDate:desc,ProjectName:asc');
		expect(() => orderByParam('Name:sideways')).toThrow(/orderBy/);
	});

	it('refuses fields together with expand, as Oracle does, and defaults onlyData', () => {
		expect(shapeQuery({ fields: ['ProjectId', 'ProjectName'] })).toEqual({ fields: 'ProjectId,ProjectName', onlyData: 'true' });
		expect(shapeQuery({}, ['Tasks'])).toEqual({ expand: 'Tasks', onlyData: 'true' });
		expect(() => shapeQuery({ fields: 'ProjectId' }, ['Tasks'])).toThrow(/fields/);
	});
});

describe('Oracle error bodies', () => {
	it('reads problem details with the attribute from o:errorPath', () => {
		const error = parseOracleError({ title: 'Bad Request', status: '400', detail: 'The row was not created.', 'o:errorCode': 'VALIDATION_FAILED', 'o:errorDetails': [{ detail: "The task X isn't valid.", 'o:errorCode': 'PJC_INVALID_TASK', 'o:errorPath': '/unprocessedProjectCosts/TaskNumber' }] });
		expect(error).toEqual({ code: 'PJC_INVALID_TASK', message: "The task X isn't valid.", fields: ['TaskNumber'] });
	});

	it('keeps plain text as the message and does not take an HTML page for Oracle\'s error', () => {
		expect(parseOracleError('Invalid operation create for the specified resource.')).toEqual({ code: 'ORACLE_ERROR', message: 'Invalid operation create for the specified resource.', fields: [] });
		expect(parseOracleError('<html><body>Service Unavailable</body></html>')).toBeUndefined();
		expect(parseOracleError({ message: 'someone else' })).toBeUndefined();
	});
});

describe('GL interface file', () => {
	const journal = {
		number: 'REV-1-2026-01',
		date: '2026-01-31',
		currency: 'JPY',
		memo: 'Revenue, January "final"',
		lines: [
			{ lineId: 'L1', account: { id: '101.10.21000.000' }, debit: { amount: '84931', currency: 'JPY' } },
			{ lineId: 'L2', account: { id: '101-10-41000-000' }, credit: { amount: '84931', currency: 'JPY' }, memo: 'Licence' },
		],
	};

	it('writes the columns in the template order, amounts exact, text quoted', () => {
		const csv = glInterfaceCsv([prepareJournal(journal)], { ledgerId: '1', journalSource: 'Spreadsheet', journalCategory: 'Revenue', groupId: '77', today: '2026-02-01' });
		const rows = csv.trim().split('\r\n');
		expect(rows).toHaveLength(2);
		const cell = (row: string, column: string) => row.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''))[GL_INTERFACE_COLUMNS.indexOf(column)];
		expect(cell(rows[0], 'STATUS')).toBe('NEW');
		expect(cell(rows[0], 'ACCOUNTING_DATE')).toBe('2026/01/31');
		expect(cell(rows[0], 'SEGMENT3')).toBe('21000');
		expect(cell(rows[1], 'SEGMENT3')).toBe('41000');
		expect(cell(rows[0], 'ENTERED_DR')).toBe('84931');
		expect(cell(rows[1], 'ENTERED_CR')).toBe('84931');
		expect(cell(rows[0], 'REFERENCE4')).toBe('REV-1-2026-01');
		expect(cell(rows[0], 'REFERENCE5')).toBe('"Revenue, January ""final"""');
		expect(cell(rows[1], 'GROUP_ID')).toBe('77');
	});

	it('refuses amounts finer than the currency, mixed currencies and unbalanced journals, naming the field', () => {
		expect(() => prepareJournal({ ...journal, lines: [{ ...journal.lines[0], debit: { amount: '84931.5', currency: 'JPY' } }, journal.lines[1]] })).toThrow(/journal.lines\[0\].debit/);
		expect(() => prepareJournal({ ...journal, lines: [{ ...journal.lines[0], debit: { amount: '1', currency: 'USD' } }, journal.lines[1]] })).toThrow(/one journal has one currency/);
		expect(() => prepareJournal({ ...journal, lines: [journal.lines[0], { ...journal.lines[1], credit: { amount: '84930', currency: 'JPY' } }] })).toThrow(/debits 84931 and credits 84930/);
		expect(() => prepareJournal({ ...journal, lines: [journal.lines[0], { ...journal.lines[1], account: { id: '101.10.41000.000; DROP' } }] })).toThrow(/account.id/);
	});

	it('reads rejected lines from a stored or deflated execution report', () => {
		const report = 'REFERENCE4,LINE,ERROR_CODE,ERROR_MESSAGE\r\nREV-1,2,EF04,"The account combination 1.2 is not valid, check it."\r\n';
		const stored = writeZip([{ name: 'x.csv', content: Buffer.from(report) }]).toString('base64');
		expect(lineErrorsOf(stored)).toEqual([{ journalName: 'REV-1', lineNumber: 2, code: 'EF04', message: 'The account combination 1.2 is not valid, check it.' }]);
		const zip = writeZip([{ name: 'x.csv', content: Buffer.from(report) }]);
		// Rewrite the one entry as deflated (method 8), as Oracle's ESS zips come.
		const deflated = deflateRawSync(Buffer.from(report));
		const nameLength = zip.readUInt16LE(26);
		const local = Buffer.from(zip.subarray(0, 30 + nameLength));
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(deflated.length, 18);
		const central = Buffer.alloc(46);
		zip.copy(central, 0, 30 + nameLength + report.length, 30 + nameLength + report.length + 46);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(deflated.length, 20);
		const name = Buffer.from('x.csv');
		const end = Buffer.alloc(22);
		end.writeUInt32LE(0x06054b50, 0);
		end.writeUInt16LE(1, 8);
		end.writeUInt16LE(1, 10);
		end.writeUInt32LE(46 + name.length, 12);
		end.writeUInt32LE(local.length + deflated.length, 16);
		const rebuilt = Buffer.concat([local, deflated, central, name, end]);
		expect(readZip(rebuilt)[0].content.toString()).toBe(report);
	});
});
