/**
 * Issue 14, posting: SAP timesheet Create looks for each item's External Reference among the person's entries of
 * that date before writing. Those entries are read once per person and date for all items of the run (a run of a
 * week's entries reads a handful of days, not one read per entry), and an entry already there is still skipped.
 */
import { sapNode, useSapSandbox, workflow } from './helpers';

const suite = useSapSandbox();

const create = sapNode(
	{
		resource: 'timesheetEntry',
		operation: 'create',
		personWorkAgreementExternalId: '={{ $json.person }}',
		companyCode: '1710',
		date: '={{ $json.date }}',
		hours: '1.00',
		wbsElement: 'SF-006A000101-T1',
		note: 'lookup test',
		externalReference: '={{ $json.ref }}',
		releaseOnSave: true,
	},
	{ continueOnFail: true },
);

const lookups = () => suite.sap.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/TimeSheetEntryCollection'));

describe('SAP timesheet Create: one read per person and date', () => {
	it('reads the entries of each person and date once, writes every new entry, skips the one already there', async () => {
		const items = [
			...['2026-01-19', '2026-01-20'].flatMap((date) => ['EMP-0001', 'EMP-0002'].flatMap((person) => [1, 2, 3].map((n) => ({ person, date, ref: `LK-${person}-${date}-${n}` })))),
		];
		const first = await suite.run(workflow(items.slice(0, 1), create));
		expect(first.output('SAP')[0].error).toBeUndefined();
		suite.sap.requests.length = 0;

		const result = await suite.run(workflow(items, create));
		const out = result.output('SAP');
		expect(out).toHaveLength(12);
		// 2 persons × 2 dates: 4 reads for 12 items (one per item before).
		expect(lookups()).toHaveLength(4);
		expect(out[0]).toMatchObject({ skipped: true });
		expect(out.slice(1).every((o) => !o.skipped && !o.error && o.TimeSheetRecord)).toBe(true);
		const notes = suite.sap
			.service('TimeSheetEntryCollection')
			.records('TimeSheetEntryCollection')
			.map((r) => String((r.TimeSheetDataFields as { TimeSheetNote?: string }).TimeSheetNote ?? ''))
			.filter((note) => note.startsWith('[LK-'));
		expect(notes).toHaveLength(12);
		expect(new Set(notes).size).toBe(12);
	});
});
