/**
 * Issue 14, reads: a document Get Many with lines (Canonical, or Raw with Include Lines) reads the lines of many
 * documents per request (up to 20 headers of a company in one "or" filter), not one request per document, and
 * every document still gets exactly its own lines in line order.
 */
import type { IDataObject } from 'n8n-workflow';

import { financeNode, useFinanceSandbox, workflow } from './helpers';

const suite = useFinanceSandbox();

const line = (LineNumber: number, Hours: number) => ({ LineNumber, ProjectID: 'SF-006A000101', Category: 'Consulting', ResourceId: 'EMP-0002', ProjectDate: '2026-01-15', Hours });

/** 23 hour journals in usmf, journal n with (n % 3) + 1 lines, the line numbers given out of order. */
const JOURNALS = Array.from({ length: 23 }, (_, n) => ({ reference: `psa:week-${n}`, lines: Array.from({ length: (n % 3) + 1 }, (_, i) => line(((n % 3) + 1 - i) * 10, i + 1)) }));

describe('Dynamics 365 Finance: document lines read in batches', () => {
	it('Get Many with lines makes one lines request per 20 headers of a company, each document with its own lines in order', async () => {
		const create = financeNode({ resource: 'hourJournal', operation: 'create', company: 'usmf', externalReference: '={{ $json.reference }}', jsonBody: JSON.stringify({ JournalName: 'Hours' }), linesJson: '={{ JSON.stringify($json.lines) }}' });
		const created = await suite.run(workflow(JOURNALS, create));
		expect(created.error).toBeUndefined();
		expect(suite.finance.service.records('ProjectJournalHeaders')).toHaveLength(23);

		const before = suite.finance.requests.length;
		const read = await suite.run(workflow([{}], financeNode({ resource: 'hourJournal', operation: 'getMany', company: 'usmf', returnAll: true, readOptions: { includeLines: true } })));
		expect(read.error).toBeUndefined();
		const requests = suite.finance.requests.slice(before);
		expect(requests.filter((r) => r.path === '/data/ProjectJournalHeaders')).toHaveLength(1);
		// 23 documents: two lines requests (20 + 3 headers), where one per document made 23.
		expect(requests.filter((r) => r.path === '/data/ProjectJournalLines')).toHaveLength(2);

		const out = read.output('Finance');
		expect(out).toHaveLength(23);
		for (const document of out) {
			const journal = JOURNALS.find((j) => j.reference === document.Description)!;
			const lines = document.Lines as IDataObject[];
			for (const own of lines) expect(own.JournalId).toBe(document.JournalBatchNumber);
			expect(lines.map((l) => l.LineNumber)).toEqual(journal.lines.map((l) => l.LineNumber).sort((a, b) => a - b));
		}

		// Canonical Get Many maps every line of every journal, with the same two lines requests.
		const canonicalBefore = suite.finance.requests.length;
		const canonical = await suite.run(workflow([{}], financeNode({ resource: 'hourJournal', operation: 'getMany', company: 'usmf', returnAll: true, output: 'canonical', canonicalEnvironment: 'sandbox', canonicalOptions: { defaultCurrency: 'USD' } })));
		expect(canonical.error).toBeUndefined();
		expect(canonical.output('Finance')).toHaveLength(JOURNALS.reduce((total, j) => total + j.lines.length, 0));
		expect(suite.finance.requests.slice(canonicalBefore).filter((r) => r.path === '/data/ProjectJournalLines')).toHaveLength(2);
	});
});
