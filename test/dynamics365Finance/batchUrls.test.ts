/**
 * The F&O `$batch` writes each part's URL absolute under the data root (as Microsoft's examples do), Content-ID
 * references (`$1/…`) as given; the sandbox, like the service, accepts parts written either way.
 */
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { buildBatch, pairBatchResults, parseBatchResponse } from '../../nodes/shared/kit/odata';
import { financeNode, useFinanceSandbox, workflow } from './helpers';

const suite = useFinanceSandbox();

const hourLine = (n: number) => ({ LineNumber: n, ProjectID: 'SF-006A000101', ActivityNumber: 'SF-006A000101-T1', Category: 'Consulting', ResourceId: 'EMP-0002', ProjectDate: '2026-01-13', Hours: 7.5, LineProperty: 'Billable', SalesPrice: 200, CurrencyId: 'USD' });

describe('Dynamics 365 Finance $batch part URLs', () => {
	it('a journal with its lines goes out with the header POSTed to its absolute URL and the lines to $1/…', async () => {
		const node = financeNode({ resource: 'hourJournal', operation: 'create', company: 'usmf', externalReference: 'psa:batch-urls', jsonBody: JSON.stringify({ JournalName: 'Hours' }), linesJson: JSON.stringify([hourLine(1), hourLine(2)]) });
		const result = await suite.run(workflow([{}], node));
		expect(result.error).toBeUndefined();
		expect(result.output('Finance')[0]).toMatchObject({ created: true, JournalType: 'Hour' });
		const wire = String(suite.finance.requests.find((r) => r.path === '/data/$batch')!.body);
		expect(wire).toContain(`POST ${suite.finance.baseUrl}/data/ProjectJournalHeaders HTTP/1.1`);
		expect(wire.match(/POST \$1\/ProjectJournalLines HTTP\/1\.1/g)).toHaveLength(2);
		expect(wire).not.toMatch(/^POST ProjectJournalHeaders /m);
		expect(suite.finance.service.records('ProjectJournalLines')).toHaveLength(2);
	});

	it.each([
		['absolute', true],
		['relative to the data root', false],
	])('the sandbox runs parts whose URLs are %s', async (_how, absolute) => {
		const token = await suite.token();
		const parts = [
			{ method: 'POST' as const, url: 'ProjectJournalHeaders', body: { dataAreaId: 'usmf', JournalName: 'Hours', Description: `batch ${String(absolute)}` }, changeset: 'journal', contentId: '1' },
			{ method: 'POST' as const, url: '$1/ProjectJournalLines', body: { ...hourLine(1), dataAreaId: 'usmf', ProjectDate: '2026-01-13T00:00:00Z' }, changeset: 'journal', contentId: '2' },
			{ method: 'GET' as const, url: "CustomersV3(dataAreaId='usmf',CustomerAccount='US-1001')?cross-company=true" },
		];
		const built = buildBatch(parts, absolute ? { serviceRoot: `${suite.finance.baseUrl}/data` } : {});
		expect(built.body.includes(`POST ${suite.finance.baseUrl}/data/ProjectJournalHeaders`)).toBe(absolute);
		const response = await axios.post(`${suite.finance.baseUrl}/data/$batch`, built.body, { headers: { Authorization: `Bearer ${token}`, 'Content-Type': built.contentType, 'OData-Version': '4.0' }, responseType: 'text', validateStatus: () => true });
		expect(response.status).toBe(200);
		const paired = pairBatchResults(parts, parseBatchResponse(String(response.headers['content-type']), String(response.data)));
		expect(paired.map((p) => [p.outcome, p.response?.status])).toEqual([['ok', 201], ['ok', 201], ['ok', 200]]);
		expect((paired[2].response?.body as IDataObject).CustomerAccount).toBe('US-1001');
		expect(suite.finance.service.records('ProjectJournalHeaders').filter((h) => h.Description === `batch ${String(absolute)}`)).toHaveLength(1);
	});
});
