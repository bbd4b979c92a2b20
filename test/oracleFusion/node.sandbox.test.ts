/**
 * The Oracle Fusion node in n8n-core against the Oracle sandbox: paging, escaped q conditions, Upsert-Mode,
 * ETag If-Match, batches whose refused part fails alone, cost imports that detect a re-import, journal imports
 * with per-line errors, and Oracle's errors kept intact.
 */
import type { IDataObject } from 'n8n-workflow';

import { DATA_ACCESS_SET_ID, PSA_LABOR_DOCUMENT, PSA_LABOR_SOURCE, throttleFault, US_LEDGER_ID } from '../../sandbox/oracleFusion';
import { oracleNode, useOracleSandbox, workflow } from './helpers';

const suite = useOracleSandbox({ jobPolls: 1 });

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

function laborCost(reference: string, overrides: IDataObject = {}): IDataObject {
	return {
		TransactionSource: PSA_LABOR_SOURCE,
		Document: PSA_LABOR_DOCUMENT,
		DocumentEntry: 'Professional',
		BusinessUnit: 'US1 Business Unit',
		ProjectNumber: 'SF-006A000101',
		TaskNumber: 'SF-006A000101-T1',
		ExpenditureType: 'Professional Labor',
		ExpenditureItemDate: '2026-01-13',
		ExpenditureOrganization: 'Consulting US',
		PersonNumber: 'EMP-0002',
		Quantity: 7.5,
		UnitOfMeasure: 'Hours',
		OriginalTransactionReference: reference,
		...overrides,
	};
}

const fromItem = (field: string) => `={{ JSON.stringify($json.${field}) }}`;

describe('Oracle Fusion node against the sandbox', () => {
	it('walks every page while hasMore (1,203 accounts, 500 per page) with REST-Framework-Version pinned', async () => {
		for (let i = 0; i < 1189; i++) suite.sandbox.store.insert('accounts', { PartyId: 900000 + i, PartyNumber: `BULK-${String(i).padStart(4, '0')}`, OrganizationName: `Bulk ${i}`, Type: 'ZCA_CUSTOMER', PartyStatus: 'A' });
		const result = await suite.run(workflow([{}], oracleNode({ resource: 'customer', operation: 'getMany', returnAll: true })));
		expect(result.error).toBeUndefined();
		const numbers = result.output('Oracle').map((r) => r.PartyNumber);
		expect(numbers).toHaveLength(1189 + 14);
		expect(new Set(numbers).size).toBe(numbers.length);
		const pages = suite.sandbox.requests.filter((r) => r.path.endsWith('/crmRestApi/resources/11.13.18.05/accounts'));
		expect(pages.map((r) => new URLSearchParams(r.query).get('offset'))).toEqual(['0', '500', '1000']);
		expect(pages.every((r) => r.headers['rest-framework-version'] === '4')).toBe(true);
	});

	it('sends a condition value with a quote escaped, so it matches the one account and cannot widen the query', async () => {
		const conditions = { condition: [{ attribute: 'OrganizationName', operator: 'eq', value: "O'Brien & Sons Engineering" }] };
		const result = await suite.run(workflow([{}], oracleNode({ resource: 'customer', operation: 'getMany', returnAll: true, conditions })));
		expect(result.error).toBeUndefined();
		expect(result.output('Oracle').map((r) => r.OrganizationName)).toEqual(["O'Brien & Sons Engineering"]);
		expect(new URLSearchParams(suite.sandbox.requests[0].query).get('q')).toBe("OrganizationName = 'O\\'Brien & Sons Engineering'");

		suite.sandbox.requests.length = 0;
		const injection = { condition: [{ attribute: 'OrganizationName', operator: 'eq', value: "x' or PartyStatus = 'A" }] };
		const widened = await suite.run(workflow([{}], oracleNode({ resource: 'customer', operation: 'getMany', returnAll: true, conditions: injection })));
		expect(widened.error).toBeUndefined();
		expect(widened.output('Oracle')).toEqual([]);
	});

	it('refuses an attribute name that is not a name before sending anything', async () => {
		const conditions = { condition: [{ attribute: 'PartyStatus = 1 or X', operator: 'eq', value: 'A' }] };
		const result = await suite.run(workflow([{}], oracleNode({ resource: 'customer', operation: 'getMany', conditions }, { continueOnFail: true })));
		expect(result.output('Oracle')[0]).toMatchObject({ code: 'INVALID_INPUT', fields: ['conditions.attribute'] });
		expect(suite.sandbox.requests).toHaveLength(0);
	});

	it('reads a project with its tasks as a canonical project with the WBS', async () => {
		const project = suite.sandbox.store.all('projects')[0];
		const result = await suite.run(workflow([{}], oracleNode({ resource: 'project', operation: 'get', recordId: byId(String(project.ProjectId)), output: 'canonical' })));
		expect(result.error).toBeUndefined();
		const data = result.output('Oracle')[0].project as IDataObject;
		expect(data).toMatchObject({ name: 'Acme ERP Implementation', number: 'SF-006A000101', status: 'active', currency: 'USD', startDate: '2026-01-12' });
		expect((data.tasks as IDataObject[]).map((t) => t.name)).toEqual(['Discovery', 'Build', 'User Acceptance Testing', 'Go-live sign-off']);
		expect((data.tasks as IDataObject[])[3]).toMatchObject({ isMilestone: true });
		expect(new URLSearchParams(suite.sandbox.requests[0].query).get('expand')).toBe('Tasks');
	});

	it('creates or updates a project through Upsert-Mode: sent twice, one project', async () => {
		const body = { ProjectNumber: 'SF-006A000777', ProjectName: 'Wingtip POS Modernisation', ProjectStartDate: '2026-12-15', BusinessUnitName: 'US1 Business Unit', ProjectCurrencyCode: 'USD' };
		const node = oracleNode({ resource: 'project', operation: 'upsert', jsonBody: JSON.stringify(body) });
		const first = await suite.run(workflow([{}], node));
		expect(first.error).toBeUndefined();
		const second = await suite.run(workflow([{}], oracleNode({ resource: 'project', operation: 'upsert', jsonBody: JSON.stringify({ ...body, ProjectName: 'Wingtip POS Modernisation (renamed)' }) })));
		expect(second.error).toBeUndefined();
		const matching = suite.sandbox.store.all('projects').filter((p) => p.ProjectNumber === 'SF-006A000777');
		expect(matching).toHaveLength(1);
		expect(matching[0].ProjectName).toBe('Wingtip POS Modernisation (renamed)');
		expect(suite.sandbox.requests.filter((r) => r.method === 'POST').every((r) => r.headers['upsert-mode'] === 'true')).toBe(true);
	});

	it('creates a project from a project template: the template\'s tasks become the project\'s WBS', async () => {
		const templates = await suite.run(workflow([{}], oracleNode({ resource: 'projectTemplate', operation: 'getMany', returnAll: true, readOptions: { expand: 'Tasks' } })));
		const template = templates.output('Oracle').find((t) => t.ProjectTemplateName === 'Fixed Price Consulting Template')!;
		expect((template.Tasks as IDataObject[]).map((t) => t.TaskName)).toEqual(['Discovery', 'Build', 'Test', 'Go-live']);
		const body = { ProjectNumber: 'SF-006A000779', ProjectName: 'Fabrikam Risk Platform Assessment', ProjectStartDate: '2026-10-28', BusinessUnitName: 'US1 Business Unit', SourceTemplateName: template.ProjectTemplateName };
		const created = await suite.run(workflow([{}], oracleNode({ resource: 'project', operation: 'create', jsonBody: JSON.stringify(body) })));
		expect(created.error).toBeUndefined();
		const project = suite.sandbox.store.all('projects').find((p) => p.ProjectNumber === 'SF-006A000779')!;
		expect((project.Tasks as IDataObject[]).map((t) => t.TaskName)).toEqual(['Discovery', 'Build', 'Test', 'Go-live']);
		const unknown = await suite.run(workflow([{}], oracleNode({ resource: 'project', operation: 'create', jsonBody: JSON.stringify({ ...body, ProjectNumber: 'X-1', SourceTemplateName: 'No such template' }) }, { continueOnFail: true })));
		expect(unknown.output('Oracle')[0]).toMatchObject({ code: 'PJF_INVALID_TEMPLATE', fields: ['SourceTemplateName'] });
	});

	it('retries an upsert whose answer was lost, and still makes one project', async () => {
		suite.sandbox.addFault({ kind: 'lostResponse', method: 'POST', path: '/projects$' });
		const body = { ProjectNumber: 'SF-006A000778', ProjectName: 'Lost answer', ProjectStartDate: '2026-12-15', BusinessUnitName: 'US1 Business Unit' };
		const result = await suite.run(workflow([{}], oracleNode({ resource: 'project', operation: 'upsert', jsonBody: JSON.stringify(body) })));
		expect(result.error).toBeUndefined();
		expect(suite.sandbox.store.all('projects').filter((p) => p.ProjectNumber === 'SF-006A000778')).toHaveLength(1);
		expect(suite.sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
	});

	it('updates with If-Match: the ETag read first passes; a stale one is refused with 412 and nothing changes', async () => {
		const project = suite.sandbox.store.all('projects')[0];
		const id = String(project.ProjectId);
		const read = await suite.run(workflow([{}], oracleNode({ resource: 'project', operation: 'update', recordId: byId(id), concurrency: 'read', jsonBody: JSON.stringify({ ProjectDescription: 'Phase 1' }) })));
		expect(read.error).toBeUndefined();
		const patch = suite.sandbox.requests.find((r) => r.method === 'PATCH')!;
		expect(patch.headers['if-match']).toMatch(/^"[0-9A-F]+"$/);
		const staleEtag = patch.headers['if-match'];
		const stale = await suite.run(workflow([{}], oracleNode({ resource: 'project', operation: 'update', recordId: byId(id), concurrency: 'given', etag: staleEtag, jsonBody: JSON.stringify({ ProjectDescription: 'Overwritten' }) }, { continueOnFail: true })));
		expect(stale.output('Oracle')[0]).toMatchObject({ code: 'PRECONDITION_FAILED' });
		expect(suite.sandbox.store.all('projects')[0].ProjectDescription).toBe('Phase 1');
	});

	it('a batch with one failing part posts the others and reports that one on its item', async () => {
		const events = [
			{ ContractNumber: 'CON-1001', ContractLineNumber: '1', EventTypeName: 'Milestone', ProjectNumber: 'SF-006A000101', TaskNumber: 'SF-006A000101-M1', BillTrnsAmount: 25000, BillTrnsCurrencyCode: 'USD', CompletionDate: '2026-06-30', EventDescription: 'Go-live sign-off' },
			{ ContractNumber: 'CON-1001', ContractLineNumber: '1', EventTypeName: 'Milestone', ProjectNumber: 'SF-006A000101', TaskNumber: 'NO-SUCH-TASK', BillTrnsAmount: 100, BillTrnsCurrencyCode: 'USD', CompletionDate: '2026-06-30', EventDescription: 'Bad task' },
			{ ContractNumber: 'CON-1002', ContractLineNumber: '1', EventTypeName: 'Fixed Fee', ProjectNumber: 'SF-006A000102', BillTrnsAmount: 45000, BillTrnsCurrencyCode: 'GBP', CompletionDate: '2026-03-27', EventDescription: 'Assessment accepted' },
		];
		const node = oracleNode({ resource: 'projectBillingEvent', operation: 'batch', batchOperation: 'create', jsonBody: fromItem('event') }, { continueOnFail: true });
		const result = await suite.run(workflow(events.map((event) => ({ event })), node));
		expect(result.error).toBeUndefined();
		const out = result.output('Oracle');
		expect(out).toHaveLength(3);
		expect(out[0]).toMatchObject({ EventDescription: 'Go-live sign-off', BillTrnsAmount: 25000 });
		expect(out[1]).toMatchObject({ code: 'PJB_INVALID_TASK', fields: ['TaskNumber'] });
		expect(String(out[1].error)).toContain('NO-SUCH-TASK');
		expect(out[2]).toMatchObject({ EventDescription: 'Assessment accepted' });
		expect(suite.sandbox.store.all('projectBillingEvents').map((e) => e.EventDescription).sort()).toEqual(['Assessment accepted', 'Go-live sign-off']);
		const batches = suite.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/fscmRestApi/resources/11.13.18.05');
		expect(batches).toHaveLength(2);
		expect(batches[0].headers['content-type']).toContain('application/vnd.oracle.adf.batch+json');
		expect(((batches[1].body as IDataObject).parts as IDataObject[]).map((p) => p.id)).toEqual(['item-0', 'item-2']);
	});

	it('does not resend a batch of creates whose answer was lost (each item fails; nothing is written twice)', async () => {
		suite.sandbox.addFault({ kind: 'lostResponse', method: 'POST', path: '^/fscmRestApi/resources/11\\.13\\.18\\.05$' });
		const event = { ContractNumber: 'CON-1001', ContractLineNumber: '1', EventTypeName: 'Milestone', ProjectNumber: 'SF-006A000101', BillTrnsAmount: 10, BillTrnsCurrencyCode: 'USD', CompletionDate: '2026-06-30' };
		const node = oracleNode({ resource: 'projectBillingEvent', operation: 'batch', batchOperation: 'create', jsonBody: fromItem('event') }, { continueOnFail: true });
		const result = await suite.run(workflow([{ event }, { event: { ...event, BillTrnsAmount: 20 } }], node));
		const out = result.output('Oracle');
		expect(out.map((o) => typeof o.error)).toEqual(['string', 'string']);
		expect(suite.sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(suite.sandbox.store.all('projectBillingEvents')).toHaveLength(2);
	});

	it('creates a project task under its project (child collection) and reads the tasks back', async () => {
		const project = suite.sandbox.store.all('projects')[1];
		const create = await suite.run(workflow([{}], oracleNode({ resource: 'projectTask', operation: 'create', parentId: String(project.ProjectId), jsonBody: JSON.stringify({ TaskName: 'Hypercare', TaskNumber: 'SF-006A000102-T3', PlannedEffort: 12.5 }) })));
		expect(create.error).toBeUndefined();
		expect(suite.sandbox.requests[0].path).toBe(`/fscmRestApi/resources/11.13.18.05/projects/${String(project.ProjectId)}/child/Tasks`);
		const list = await suite.run(workflow([{}], oracleNode({ resource: 'projectTask', operation: 'getMany', parentId: String(project.ProjectId), returnAll: true })));
		expect(list.output('Oracle').map((t) => t.TaskName)).toContain('Hypercare');
		const bad = await suite.run(workflow([{}], oracleNode({ resource: 'projectTask', operation: 'getMany', parentId: '../1', returnAll: true }, { continueOnFail: true })));
		expect(bad.output('Oracle')[0]).toMatchObject({ code: 'INVALID_ID', fields: ['parentId'] });
	});

	it('creates a receivables invoice with its lines and reads it as a canonical invoice, totals exact', async () => {
		const invoice = { TransactionType: 'Invoice', TransactionSource: 'Manual', TransactionDate: '2026-02-01', BillToCustomerNumber: 'CUST-1013', BusinessUnit: 'US1 Business Unit', InvoiceCurrencyCode: 'USD', receivablesInvoiceLines: [{ LineNumber: 1, Description: 'Consulting', Quantity: 8.5, UnitSellingPrice: 200 }, { LineNumber: 2, Description: 'Travel', Quantity: 1, UnitSellingPrice: 412.35 }] };
		const created = await suite.run(workflow([{}], oracleNode({ resource: 'receivablesInvoice', operation: 'create', jsonBody: JSON.stringify(invoice) })));
		expect(created.error).toBeUndefined();
		const id = String(created.output('Oracle')[0].CustomerTransactionId);
		const read = await suite.run(workflow([{}], oracleNode({ resource: 'receivablesInvoice', operation: 'get', recordId: byId(id), output: 'canonical' })));
		const data = read.output('Oracle')[0].invoice as IDataObject;
		expect(data).toMatchObject({ customer: { id: 'CUST-1013' }, currency: 'USD', subtotal: { amount: '2112.35', currency: 'USD' }, total: { amount: '2112.35', currency: 'USD' } });
		expect((data.lines as IDataObject[]).map((l) => [l.quantity, (l.amount as IDataObject).amount])).toEqual([['8.5', '1700.00'], ['1', '412.35']]);
	});

	it('imports a cost once: a re-run finds it by its source reference, unprocessed or already processed, and writes nothing', async () => {
		const node = oracleNode({ resource: 'unprocessedProjectCost', operation: 'importCost', jsonBody: fromItem('cost') });
		const first = await suite.run(workflow([{ cost: laborCost('PSA-TE-1001') }], node));
		expect(first.error).toBeUndefined();
		expect(first.output('Oracle')[0]).toMatchObject({ alreadyImported: false, OriginalTransactionReference: 'PSA-TE-1001', ProjectId: expect.any(Number) });
		const again = await suite.run(workflow([{ cost: laborCost('PSA-TE-1001') }], node));
		expect(again.output('Oracle')[0]).toMatchObject({ alreadyImported: true, importState: 'unprocessed' });
		suite.sandbox.processCosts();
		suite.sandbox.requests.length = 0;
		const afterCosting = await suite.run(workflow([{ cost: laborCost('PSA-TE-1001') }], node));
		expect(afterCosting.output('Oracle')[0]).toMatchObject({ alreadyImported: true, importState: 'processed', ExpenditureItemId: expect.any(Number) });
		expect(suite.sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
		expect(suite.sandbox.store.all('projectCosts')).toHaveLength(1);
	});

	it('keeps Oracle\'s error code and the attribute it names when a cost is refused', async () => {
		const node = oracleNode({ resource: 'unprocessedProjectCost', operation: 'create', jsonBody: fromItem('cost') }, { continueOnFail: true });
		const result = await suite.run(workflow([{ cost: laborCost('PSA-TE-9', { ExpenditureType: 'Golf' }) }], node));
		expect(result.output('Oracle')[0]).toMatchObject({ code: 'PJC_INVALID_EXP_TYPE', fields: ['ExpenditureType'] });
	});

	it('waits out a 429 and then reads', async () => {
		suite.sandbox.addFault(throttleFault(1, '/projects$'));
		const result = await suite.run(workflow([{}], oracleNode({ resource: 'project', operation: 'getMany', limit: 1 })));
		expect(result.error).toBeUndefined();
		expect(result.output('Oracle')).toHaveLength(1);
		expect(suite.sandbox.requests.filter((r) => r.path.endsWith('/projects')).map((r) => r.status)).toEqual([429, 200]);
	});
});

describe('Journal import through the ERP integration service', () => {
	const journal = (name: string, amount: string, revenueAccount = '101.10.41000.000') => ({
		number: name,
		date: '2026-01-31',
		currency: 'USD',
		memo: `Revenue for ${name}`,
		lines: [
			{ lineId: '1', account: { id: '101.10.21000.000' }, debit: { amount, currency: 'USD' } },
			{ lineId: '2', account: { id: revenueAccount }, credit: { amount, currency: 'USD' } },
		],
	});
	const importNode = (options: { continueOnFail?: boolean } = {}) =>
		oracleNode({ resource: 'journal', operation: 'importJournals', journal: fromItem('journal'), ledgerId: US_LEDGER_ID, dataAccessSetId: DATA_ACCESS_SET_ID, journalSource: 'Spreadsheet', journalCategory: 'Revenue', waitForCompletion: true, pollIntervalSeconds: 0, timeoutSeconds: 30 }, options);

	it('imports balanced journals exactly and reports the one rejected line on its own item', async () => {
		const items = [{ journal: journal('REV-A-2026-01', '1019.18') }, { journal: journal('REV-B-2026-01', '0.10', '101.10.49999.000') }, { journal: journal('REV-C-2026-01', '250000.01') }];
		const result = await suite.run(workflow(items, importNode({ continueOnFail: true })));
		expect(result.error).toBeUndefined();
		const out = result.output('Oracle');
		expect(out[0]).toMatchObject({ journalName: 'REV-A-2026-01', status: 'WARNING', imported: true, requestId: expect.stringMatching(/^\d+$/) });
		expect(out[1]).toMatchObject({ code: 'EF04', fields: ['journal.lines[1]'] });
		expect(String(out[1].error)).toContain('101.10.49999.000');
		expect(out[2]).toMatchObject({ journalName: 'REV-C-2026-01', imported: true });
		const imported = suite.sandbox.journals;
		expect(imported.map((j) => j.journalName)).toEqual(['REV-A-2026-01', 'REV-C-2026-01']);
		expect(imported[0].lines).toEqual([
			{ account: '101.10.21000.000', debit: '1019.18', reference: '1' },
			{ account: '101.10.41000.000', credit: '1019.18', reference: '2' },
		]);
		const statusReads = suite.sandbox.requests.filter((r) => r.method === 'GET' && new URLSearchParams(r.query).get('finder')?.startsWith('ESSJobStatusRF'));
		expect(statusReads).toHaveLength(2);
		const upload = suite.sandbox.requests.find((r) => r.method === 'POST')!.body as IDataObject;
		expect(upload).toMatchObject({ OperationName: 'importBulkData', ContentType: 'zip', JobName: 'oracle/apps/ess/financials/generalLedger/programs/common,JournalImportLauncher' });
		expect(String(upload.ParameterList).split(',').slice(0, 3)).toEqual([DATA_ACCESS_SET_ID, 'Spreadsheet', US_LEDGER_ID]);
	});

	it('without Continue On Fail, a journal refused before sending stops the node and nothing is sent', async () => {
		const unbalanced = journal('REV-G-2026-01', '100.00');
		(unbalanced.lines[1] as IDataObject).credit = { amount: '99.99', currency: 'USD' };
		const result = await suite.run(workflow([{ journal: journal('REV-H-2026-01', '5.00') }, { journal: unbalanced }], importNode()));
		expect(result.error).toContain('debits 100.00 and credits 99.99');
		expect(suite.sandbox.requests).toHaveLength(0);
	});

	it('Get Import Status reads a failed request\'s rejected lines', async () => {
		const failing = await suite.run(workflow([{ journal: journal('REV-F-2026-01', '1.00', '999.10.41000.000') }], oracleNode({ resource: 'journal', operation: 'importJournals', journal: fromItem('journal'), ledgerId: US_LEDGER_ID, dataAccessSetId: DATA_ACCESS_SET_ID, journalSource: 'Spreadsheet', journalCategory: 'Revenue', waitForCompletion: false })));
		const requestId = String(failing.output('Oracle')[0].requestId);
		expect(failing.output('Oracle')[0]).toMatchObject({ status: 'SUBMITTED' });
		const status = await suite.run(workflow([{}], oracleNode({ resource: 'journal', operation: 'getImportStatus', requestId, waitForCompletion: true, pollIntervalSeconds: 0, timeoutSeconds: 30 })));
		expect(status.output('Oracle')[0]).toMatchObject({ requestId, status: 'ERROR', finished: true, lineErrors: [{ journalName: 'REV-F-2026-01', lineNumber: 2, code: 'EF04' }] });
	});

	it('refuses an unbalanced journal before sending it, and imports the balanced one', async () => {
		const unbalanced = journal('REV-D-2026-01', '100.00');
		(unbalanced.lines[1] as IDataObject).credit = { amount: '99.99', currency: 'USD' };
		const result = await suite.run(workflow([{ journal: unbalanced }, { journal: journal('REV-E-2026-01', '5.00') }], importNode({ continueOnFail: true })));
		const out = result.output('Oracle');
		expect(out[0]).toMatchObject({ code: 'INVALID_INPUT', fields: ['journal.lines'] });
		expect(String(out[0].error)).toContain('debits 100.00 and credits 99.99');
		expect(out[1]).toMatchObject({ imported: true, status: 'SUCCEEDED' });
		expect(suite.sandbox.uploads[0]).not.toContain('REV-D-2026-01');
	});
});
