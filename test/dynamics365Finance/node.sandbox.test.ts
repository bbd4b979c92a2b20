/**
 * The Dynamics 365 Finance node in n8n-core against the F&O sandbox (tokens from the Entra sandbox): reads per
 * company and across companies, canonical output, upsert by key and by external reference (a re-run updates,
 * never duplicates), journals with their lines in one changeset, Add Lines where one bad line fails alone,
 * posting once, throttling honoured and a create whose answer was lost made once.
 */
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { throttleFault } from '../../sandbox/dynamicsFinance';
import { financeNode, recordId, runWith, useFinanceSandbox, workflow } from './helpers';

const suite = useFinanceSandbox();

const hourLine = (n: number, extra: IDataObject = {}) => ({ LineNumber: n, ProjectID: 'SF-006A000101', ActivityNumber: 'SF-006A000101-T1', Category: 'Consulting', ResourceId: 'EMP-0002', ProjectDate: '2026-01-13', Hours: 7.5, LineProperty: 'Billable', SalesPrice: 200, CurrencyId: 'USD', ...extra });

function journalCreate(externalReference: string, lines: IDataObject[]) {
	return financeNode({ resource: 'hourJournal', operation: 'create', company: 'usmf', externalReference, jsonBody: JSON.stringify({ JournalName: 'Hours' }), linesJson: JSON.stringify(lines) });
}

describe('Dynamics 365 Finance node against the sandbox', () => {
	it('reads customers of one company, of every company, and as canonical customers', async () => {
		const uk = await suite.run(workflow([{}], financeNode({ resource: 'customer', operation: 'getMany', company: 'gbsi', returnAll: true })));
		expect(uk.error).toBeUndefined();
		expect(uk.output('Finance').map((c) => c.OrganizationName).sort()).toEqual(['Litware Software Ltd', "O'Brien & Sons Engineering", 'Umbrella Health plc']);
		const all = await suite.run(workflow([{}], financeNode({ resource: 'customer', operation: 'getMany', returnAll: true, readOptions: { allCompanies: true } })));
		expect(all.output('Finance')).toHaveLength(14);
		const canonical = await suite.run(workflow([{}], financeNode({ resource: 'customer', operation: 'get', company: 'gbsi', recordId: recordId('GB-1010'), output: 'canonical' })));
		expect(canonical.output('Finance')[0].customer).toMatchObject({ name: "O'Brien & Sons Engineering", number: 'GB-1010', currency: 'EUR', legalEntity: { id: 'gbsi' } });
		const request = suite.finance.requests.find((r) => r.path.startsWith('/data/CustomersV3('))!;
		expect(request.path).toBe("/data/CustomersV3(dataAreaId='gbsi',CustomerAccount='GB-1010')");
		expect(new URLSearchParams(request.query).get('cross-company')).toBe('true');
	});

	it('pages with nextLink when a limit asks for fewer than the total', async () => {
		const result = await suite.run(workflow([{}], financeNode({ resource: 'customer', operation: 'getMany', company: 'usmf', returnAll: false, limit: 3 })));
		expect(result.output('Finance')).toHaveLength(3);
		expect(suite.finance.requests.filter((r) => r.path === '/data/CustomersV3')).toHaveLength(1);
		expect(suite.finance.requests.find((r) => r.path === '/data/CustomersV3')!.headers.prefer).toBe('odata.maxpagesize=3');
	});

	it('upserts a customer by its key and a project by its external reference: a re-run updates, never duplicates', async () => {
		const customer = financeNode({ resource: 'customer', operation: 'upsert', company: 'usmf', matchOn: 'key', jsonBody: JSON.stringify({ CustomerAccount: 'SF-001A000099', OrganizationName: 'Northwind Health Partners', CustomerGroupId: '30', SalesCurrencyCode: 'USD' }) });
		const first = await suite.run(workflow([{}], customer));
		expect(first.output('Finance')[0]).toMatchObject({ created: true, CustomerAccount: 'SF-001A000099' });
		const second = await suite.run(workflow([{}], customer));
		expect(second.output('Finance')[0]).toMatchObject({ created: false, CustomerAccount: 'SF-001A000099' });
		expect(suite.finance.service.records('CustomersV3').filter((c) => c.CustomerAccount === 'SF-001A000099')).toHaveLength(1);

		const project = (name: string) => financeNode({ resource: 'project', operation: 'upsert', company: 'usmf', matchOn: 'externalReference', externalReference: 'dataverse:6f0c0001', jsonBody: JSON.stringify({ ProjectID: 'P-NEW-1', ProjectName: name, ProjectGroup: 'TM', CustomerAccount: 'SF-001A000099' }) });
		expect((await suite.run(workflow([{}], project('Northwind EHR Integration Phase 1')))).output('Finance')[0]).toMatchObject({ created: true, Reference: 'dataverse:6f0c0001' });
		expect((await suite.run(workflow([{}], project('Northwind EHR Integration (renamed)')))).output('Finance')[0]).toMatchObject({ created: false, ProjectName: 'Northwind EHR Integration (renamed)' });
		expect(suite.finance.service.records('Projects').filter((p) => p.Reference === 'dataverse:6f0c0001')).toHaveLength(1);
	});

	it('creates an hour journal with its lines in one changeset; a re-run with the same reference adds nothing', async () => {
		const node = journalCreate('psa:batch-2026-01-16', [hourLine(1), hourLine(2, { Hours: 8.5, ProjectDate: '2026-01-14' })]);
		const first = await suite.run(workflow([{}], node));
		expect(first.error).toBeUndefined();
		const journal = first.output('Finance')[0];
		expect(journal).toMatchObject({ created: true, JournalType: 'Hour', Description: 'psa:batch-2026-01-16' });
		expect((journal.Lines as IDataObject[]).map((l) => [l.LineNumber, l.Hours, l.JournalId])).toEqual([[1, 7.5, journal.JournalBatchNumber], [2, 8.5, journal.JournalBatchNumber]]);
		// One $batch with one changeset: the header as Content-ID 1, each line POSTed to $1/ProjectJournalLines.
		const batches = suite.finance.requests.filter((r) => r.path === '/data/$batch');
		expect(batches).toHaveLength(1);
		const wire = String(batches[0].body);
		expect(wire.match(/boundary=changeset/g)).toHaveLength(1);
		expect(wire.match(/POST \$1\/ProjectJournalLines HTTP\/1\.1/g)).toHaveLength(2);
		const again = await suite.run(workflow([{}], node));
		expect(again.output('Finance')[0]).toMatchObject({ created: false, linesAdded: 0, linesAlreadyThere: 2, JournalBatchNumber: journal.JournalBatchNumber });
		expect(suite.finance.service.records('ProjectJournalHeaders')).toHaveLength(1);
		expect(suite.finance.service.records('ProjectJournalLines')).toHaveLength(2);
	});

	it('a refused line rolls the whole changeset back: no header, no lines', async () => {
		const result = await suite.run(workflow([{}], journalCreate('psa:bad', [hourLine(1), hourLine(2, { ProjectID: 'NOPE' })])));
		expect(result.error).toMatch(/line 2 was refused: .*NOPE.*does not exist in company usmf/);
		expect(suite.finance.service.records('ProjectJournalHeaders')).toHaveLength(0);
		expect(suite.finance.service.records('ProjectJournalLines')).toHaveLength(0);
		// The journal number the failed changeset drew is given back with it.
		const next = await suite.run(workflow([{}], journalCreate('psa:good', [hourLine(1)])));
		expect(next.output('Finance')[0].JournalBatchNumber).toBe('PJ-000001');
	});

	it('Add Lines: one bad line goes to the error item, the rest are added; a re-run skips them; posting is done once', async () => {
		const created = await suite.run(workflow([{}], journalCreate('psa:week-3', [hourLine(1)])));
		const number = String(created.output('Finance')[0].JournalBatchNumber);
		const items = [{ n: 2, project: 'SF-006A000101' }, { n: 3, project: 'SF-006A000102' }, { n: 4, project: 'SF-006A000101' }];
		const addLines = financeNode({ resource: 'hourJournal', operation: 'addLines', company: 'usmf', recordId: recordId(number), lineJson: '={{ JSON.stringify({ LineNumber: $json.n, ProjectID: $json.project, Category: "Consulting", ResourceId: "EMP-0002", ProjectDate: "2026-01-15", Hours: 6 }) }}' }, { continueOnFail: true });
		const first = await suite.run(workflow(items, addLines));
		const out = first.output('Finance');
		expect(out.map((o) => (o.error ? 'error' : o.skipped ? 'skipped' : 'added'))).toEqual(['added', 'error', 'added']);
		expect(out[1]).toMatchObject({ error: expect.stringMatching(/line 3: .*SF-006A000102.*does not exist in company usmf/), fields: ['lineJson'] });
		expect(suite.finance.service.records('ProjectJournalLines').map((l) => l.LineNumber).sort()).toEqual([1, 2, 4]);
		const again = await suite.run(workflow(items, addLines));
		expect(again.output('Finance').map((o) => (o.error ? 'error' : o.skipped ? 'skipped' : 'added'))).toEqual(['skipped', 'error', 'skipped']);

		const post = financeNode({ resource: 'hourJournal', operation: 'post', company: 'usmf', recordId: recordId(number) });
		const posted = await suite.run(workflow([{}], post));
		expect(posted.output('Finance')[0]).toMatchObject({ posted: true, skipped: false, Posted: 'Yes' });
		expect(suite.finance.vouchers).toHaveLength(1);
		const repost = await suite.run(workflow([{}], post));
		expect(repost.output('Finance')[0]).toMatchObject({ posted: true, skipped: true });
		expect(suite.finance.vouchers).toHaveLength(1);
		const late = await suite.run(workflow([{ n: 9, project: 'SF-006A000101' }], addLines));
		expect(late.output('Finance')[0].error).toMatch(/is posted/);
		const headers = await suite.run(workflow([{}], financeNode({ resource: 'hourJournal', operation: 'getMany', company: 'usmf', returnAll: true })));
		expect(headers.output('Finance')).toEqual([expect.objectContaining({ JournalBatchNumber: number, Posted: 'Yes' })]);
		expect(headers.output('Finance')[0].Lines).toBeUndefined();
		const hourFilter = suite.finance.requests.filter((r) => r.path === '/data/ProjectJournalHeaders').pop()!;
		expect(new URLSearchParams(hourFilter.query).get('$filter')).toBe("(dataAreaId eq 'usmf') and (JournalType eq Microsoft.Dynamics.DataEntities.ProjJournalType'Hour')");
		const unposted = await suite.run(workflow([{}], financeNode({ resource: 'hourJournal', operation: 'getMany', company: 'usmf', returnAll: true, filters: { conditions: [{ field: 'Posted', operator: 'eq', value: "NoYes'No'", valueType: 'enum' }] } })));
		expect(unposted.output('Finance')).toEqual([]);
		const postedOnly = await suite.run(workflow([{}], financeNode({ resource: 'hourJournal', operation: 'getMany', company: 'usmf', returnAll: true, filters: { conditions: [{ field: 'Posted', operator: 'eq', value: "Microsoft.Dynamics.DataEntities.NoYes'Yes'", valueType: 'enum' }] } })));
		expect(postedOnly.output('Finance').map((j) => j.JournalBatchNumber)).toEqual([number]);
		const withLines = await suite.run(workflow([{}], financeNode({ resource: 'hourJournal', operation: 'getMany', company: 'usmf', returnAll: true, readOptions: { includeLines: true } })));
		expect((withLines.output('Finance')[0].Lines as IDataObject[]).map((l) => l.LineNumber)).toEqual([1, 2, 4]);
	});

	it('honours 429 with Retry-After and gets the answer', async () => {
		suite.finance.addFault(throttleFault(1, 1, '^/data/Workers'));
		const result = await suite.run(workflow([{}], financeNode({ resource: 'worker', operation: 'get', recordId: recordId('EMP-0003') })));
		expect(result.error).toBeUndefined();
		expect(result.output('Finance')[0]).toMatchObject({ PersonnelNumber: 'EMP-0003', Name: 'Oliver Hale' });
		expect(suite.finance.requests.filter((r) => r.path.startsWith('/data/Workers')).map((r) => r.status)).toEqual([429, 200]);
	});

	it('a journal create whose answer was lost is found by its reference, not created twice', async () => {
		suite.finance.addFault({ kind: 'lostResponse', method: 'POST', path: '^/data/\\$batch$', times: 1 });
		const result = await suite.run(workflow([{}], journalCreate('psa:lost-1', [hourLine(1), hourLine(2)])));
		expect(result.error).toBeUndefined();
		expect(result.output('Finance')[0]).toMatchObject({ created: true, recoveredAfterLostAnswer: true, linesAlreadyThere: 2 });
		expect(suite.finance.service.records('ProjectJournalHeaders')).toHaveLength(1);
		expect(suite.finance.service.records('ProjectJournalLines')).toHaveLength(2);
	});

	it('a customer create whose answer was lost is found by its key, not created twice', async () => {
		suite.finance.addFault({ kind: 'lostResponse', method: 'POST', path: '^/data/CustomersV3$', times: 1 });
		const result = await suite.run(workflow([{}], financeNode({ resource: 'customer', operation: 'create', company: 'gbsi', jsonBody: JSON.stringify({ CustomerAccount: 'GB-2001', OrganizationName: 'Fabrikam UK', CustomerGroupId: '30' }) })));
		expect(result.error).toBeUndefined();
		expect(result.output('Finance')[0]).toMatchObject({ recoveredAfterLostAnswer: true, dataAreaId: 'gbsi' });
		expect(suite.finance.service.records('CustomersV3').filter((c) => c.CustomerAccount === 'GB-2001')).toHaveLength(1);
	});

	it('reads a posted hour journal as canonical time entries, one per line, exact hours and rates', async () => {
		const created = await suite.run(workflow([{}], journalCreate('psa:canon', [hourLine(1, { Hours: 8.5 })])));
		const number = String(created.output('Finance')[0].JournalBatchNumber);
		await suite.run(workflow([{}], financeNode({ resource: 'hourJournal', operation: 'post', company: 'usmf', recordId: recordId(number) })));
		const result = await suite.run(workflow([{}], financeNode({ resource: 'hourJournal', operation: 'get', company: 'usmf', recordId: recordId(number), output: 'canonical' })));
		const entry = result.output('Finance')[0].timeEntry as IDataObject;
		expect(entry).toMatchObject({ hours: '8.5', date: '2026-01-13', posted: true, billable: true, billRate: { amount: '200.00', currency: 'USD', unit: 'hour' }, resource: { id: 'EMP-0002' } });
	});

	it('fee, expense and free-text invoice documents: created with their lines, checked per type, posted once', async () => {
		const fee = financeNode({ resource: 'feeJournal', operation: 'create', company: 'gbsi', externalReference: 'psa:milestone-M1', jsonBody: JSON.stringify({ JournalName: 'Fees' }), linesJson: JSON.stringify([{ LineNumber: 1, ProjectID: 'SF-006A000102', Category: 'Fee', ProjectDate: '2026-03-27', Hours: 0, SalesPrice: 45000, CurrencyId: 'GBP' }]) });
		const feeJournal = (await suite.run(workflow([{}], fee))).output('Finance')[0];
		expect(feeJournal).toMatchObject({ created: true, JournalType: 'Revenue', dataAreaId: 'gbsi' });
		const feeEvents = await suite.run(workflow([{}], financeNode({ resource: 'feeJournal', operation: 'get', company: 'gbsi', recordId: recordId(String(feeJournal.JournalBatchNumber)), output: 'canonical' })));
		expect(feeEvents.output('Finance')[0].billingEvent).toMatchObject({ kind: 'fixedFee', status: 'approved', amount: { amount: '45000.00', currency: 'GBP' }, project: { id: 'gbsi/SF-006A000102' }, date: '2026-03-27' });
		const hourOnFee = financeNode({ resource: 'feeJournal', operation: 'create', company: 'gbsi', jsonBody: JSON.stringify({ JournalName: 'Fees' }), linesJson: JSON.stringify([{ LineNumber: 1, ProjectID: 'SF-006A000102', Category: 'Consulting', ProjectDate: '2026-03-27', Hours: 1 }]) });
		expect((await suite.run(workflow([{}], hourOnFee))).error).toMatch(/Consulting is a Hour category, not Fee/);

		const expense = financeNode({ resource: 'expenseJournal', operation: 'create', company: 'usmf', externalReference: 'psa:PSA-EX-2001', jsonBody: JSON.stringify({ JournalName: 'Expense' }), linesJson: JSON.stringify([{ LineNumber: 1, ProjId: 'SF-006A000101', ProjectCategory: 'Travel', ResourceId: 'EMP-0002', ProjectDate: '2026-01-12', CurrencyCode: 'USD', DebitAmount: 412.35, ProjectLineProperty: 'Billable', Text: 'Flight ORD-DTW' }]) });
		const expenseJournal = (await suite.run(workflow([{}], expense))).output('Finance')[0];
		expect(expenseJournal).toMatchObject({ created: true, Description: 'psa:PSA-EX-2001' });
		const postExpense = financeNode({ resource: 'expenseJournal', operation: 'post', company: 'usmf', recordId: recordId(String(expenseJournal.JournalBatchNumber)) });
		expect((await suite.run(workflow([{}], postExpense))).output('Finance')[0]).toMatchObject({ IsPosted: 'Yes', skipped: false });
		const canonical = await suite.run(workflow([{}], financeNode({ resource: 'expenseJournal', operation: 'get', company: 'usmf', recordId: recordId(String(expenseJournal.JournalBatchNumber)), output: 'canonical' })));
		expect(canonical.output('Finance')[0].expense).toMatchObject({ total: { amount: '412.35', currency: 'USD' }, lines: [{ billable: true, category: { id: 'Travel' } }] });

		const invoice = financeNode({ resource: 'freeTextInvoice', operation: 'create', company: 'usmf', externalReference: 'dataverse:inv-1', jsonBody: JSON.stringify({ CustomerAccount: 'SF-001A000001', InvoiceDate: '2026-06-30', CurrencyCode: 'USD' }), linesJson: JSON.stringify([{ LineNumber: 1, Description: 'Go-live sign-off', MainAccountDisplayValue: '401100', Quantity: 1, UnitPrice: 25000, TransactionCurrencyAmount: 25000, ProjectID: 'SF-006A000101' }]) });
		const created = (await suite.run(workflow([{}], invoice))).output('Finance')[0];
		expect(created).toMatchObject({ created: true, ExternalInvoiceId: 'dataverse:inv-1', IsPosted: 'No' });
		const post = financeNode({ resource: 'freeTextInvoice', operation: 'post', company: 'usmf', recordId: recordId(String(created.InvoiceIdentifier)) });
		expect((await suite.run(workflow([{}], post))).output('Finance')[0]).toMatchObject({ IsPosted: 'Yes', InvoiceId: expect.stringMatching(/^FTINV-/) });
		const read = await suite.run(workflow([{}], financeNode({ resource: 'freeTextInvoice', operation: 'get', company: 'usmf', recordId: recordId(String(created.InvoiceIdentifier)), output: 'canonical' })));
		expect(read.output('Finance')[0].invoice).toMatchObject({ status: 'open', total: { amount: '25000.00', currency: 'USD' }, customer: { id: 'usmf/SF-001A000001' } });
		expect((await suite.run(workflow([{}], invoice))).output('Finance')[0]).toMatchObject({ created: false, linesAlreadyThere: 1 });
		expect(suite.finance.service.records('FreeTextInvoiceHeaders')).toHaveLength(1);
	});

	it('approved time → header alone, one line per item found again by its reference, posted once: a second run writes nothing', async () => {
		const entries = [
			{ id: 'dataverse:0001', date: '2026-01-13', hours: 7.5 },
			{ id: 'dataverse:0002', date: '2026-01-14', hours: 8.5 },
			{ id: 'dataverse:0003', date: '2026-01-15', hours: 6 },
		];
		const header = financeNode({ resource: 'hourJournal', operation: 'create', company: 'usmf', externalReference: 'psa:approved-2026-01-16', jsonBody: JSON.stringify({ JournalName: 'Hours' }), linesJson: '[]' }, { name: 'Header' });
		const lines = financeNode({ resource: 'hourJournal', operation: 'addLines', company: 'usmf', recordId: recordId('PJ-000001'), lineReferenceField: 'Description', lineJson: '={{ JSON.stringify({ Description: $json.id, ProjectID: "SF-006A000101", Category: "Consulting", ResourceId: "EMP-0002", ProjectDate: $json.date, Hours: $json.hours }) }}' }, { name: 'Lines' });
		const post = financeNode({ resource: 'hourJournal', operation: 'post', company: 'usmf', recordId: recordId('PJ-000001') }, { name: 'Post' });
		// The header once per batch, then the entries as lines, then the posting once.
		const run = async () => [await suite.run(workflow([{}], header)), await suite.run(workflow(entries, lines, { ...post, executeOnce: true }))];
		const [firstHeader, first] = await run();
		expect(first.error).toBeUndefined();
		expect(firstHeader.output('Header')[0]).toMatchObject({ created: true, JournalBatchNumber: 'PJ-000001', Lines: [] });
		expect(first.output('Post')[0]).toMatchObject({ Posted: 'Yes', skipped: false });
		expect(suite.finance.service.records('ProjectJournalLines').map((l) => [l.LineNumber, l.Description, l.Hours])).toEqual([[1, 'dataverse:0001', 7.5], [2, 'dataverse:0002', 8.5], [3, 'dataverse:0003', 6]]);
		const versionBefore = suite.finance.service.version;
		const [secondHeader, second] = await run();
		expect(second.error).toBeUndefined();
		expect(secondHeader.output('Header')[0]).toMatchObject({ created: false, linesAdded: 0 });
		expect(second.output('Lines').map((l) => l.skipped)).toEqual([true, true, true]);
		expect(second.output('Post')[0]).toMatchObject({ skipped: true });
		expect(suite.finance.service.version).toBe(versionBefore);
		expect(suite.finance.vouchers).toHaveLength(1);
	});

	it('general journal: an unbalanced one is refused at posting and stays open; a balanced one posts; vendors read and created', async () => {
		const journal = (lines: IDataObject[], reference: string) => financeNode({ resource: 'generalJournal', operation: 'create', company: 'usmf', externalReference: reference, jsonBody: JSON.stringify({ JournalName: 'GenJrn', Description: 'Subcontractor accrual' }), linesJson: JSON.stringify(lines) });
		const line = (n: number, account: string, side: 'DebitAmount' | 'CreditAmount', amount: number) => ({ LineNumber: n, AccountType: 'Ledger', AccountDisplayValue: account, [side]: amount, CurrencyCode: 'USD', TransDate: '2026-01-31', Document: `acc:${n}` });
		const unbalanced = (await suite.run(workflow([{}], journal([line(1, '605100', 'DebitAmount', 1500), line(2, '200100', 'CreditAmount', 1499.99)], 'acc:1')))).output('Finance')[0];
		const postUnbalanced = await suite.run(workflow([{}], financeNode({ resource: 'generalJournal', operation: 'post', company: 'usmf', recordId: recordId(String(unbalanced.JournalBatchNumber)) }, { continueOnFail: true })));
		expect(postUnbalanced.output('Finance')[0]).toMatchObject({ error: expect.stringMatching(/out of balance in USD/) });
		const balanced = (await suite.run(workflow([{}], journal([line(1, '605100', 'DebitAmount', 1500), line(2, '200100', 'CreditAmount', 1500)], 'acc:2')))).output('Finance')[0];
		const posted = await suite.run(workflow([{}], financeNode({ resource: 'generalJournal', operation: 'post', company: 'usmf', recordId: recordId(String(balanced.JournalBatchNumber)) })));
		expect(posted.output('Finance')[0]).toMatchObject({ IsPosted: 'Yes', JournalTotalDebit: 1500, JournalTotalCredit: 1500, IntegrationKey: 'acc:2' });
		expect(suite.finance.service.get('LedgerJournalHeaders', { dataAreaId: 'usmf', JournalBatchNumber: unbalanced.JournalBatchNumber })).toMatchObject({ IsPosted: 'No' });

		const vendor = financeNode({ resource: 'vendor', operation: 'create', company: 'usmf', jsonBody: JSON.stringify({ VendorAccount: 'V-2002', VendorOrganizationName: 'Harbor Freelance Partners', VendorGroupId: 'SUB', CurrencyCode: 'USD' }) });
		expect((await suite.run(workflow([{}], vendor))).output('Finance')[0]).toMatchObject({ created: true, VendorAccount: 'V-2002' });
		const vendors = await suite.run(workflow([{}], financeNode({ resource: 'vendor', operation: 'getMany', company: 'usmf', returnAll: true, filters: { conditions: [{ field: 'VendorGroupId', operator: 'eq', value: 'SUB', valueType: 'string' }] } })));
		expect(vendors.output('Finance').map((v) => v.VendorAccount).sort()).toEqual(['V-2001', 'V-2002']);
	});

	it('a token the environment refuses (401) is renewed once through Entra and the request sent again', async () => {
		const stale = { ...suite.credentials(), accessToken: 'eyJhbGciOiJSUzI1NiJ9.e30.c3RhbGU' };
		const result = await runWith(stale, workflow([{}], financeNode({ resource: 'worker', operation: 'get', recordId: recordId('EMP-0001') })));
		expect(result.error).toBeUndefined();
		expect(result.output('Finance')[0]).toMatchObject({ PersonnelNumber: 'EMP-0001' });
		expect(result.credentials.preAuthenticationCalls).toEqual(['p2cDynamics365FinanceApi']);
		expect(suite.finance.requests.filter((r) => r.path.startsWith('/data/Workers')).map((r) => r.status)).toEqual([401, 200]);
	});

	it('Add Lines sends at most 1,000 requests per $batch and pairs every line back to its item', async () => {
		const created = await suite.run(workflow([{}], journalCreate('psa:big', [])));
		const number = String(created.output('Finance')[0].JournalBatchNumber);
		const items = Array.from({ length: 1003 }, (_, i) => ({ n: i + 1 }));
		const addLines = financeNode({ resource: 'hourJournal', operation: 'addLines', company: 'usmf', recordId: recordId(number), lineJson: '={{ JSON.stringify({ LineNumber: $json.n, ProjectID: "SF-006A000101", Category: "Consulting", ResourceId: "EMP-0002", ProjectDate: "2026-01-15", Hours: 1 }) }}' });
		const batchesBefore = suite.finance.requests.filter((r) => r.path === '/data/$batch').length;
		const result = await suite.run(workflow(items, addLines));
		expect(result.error).toBeUndefined();
		expect(result.output('Finance').map((o) => o.LineNumber)).toEqual(items.map((i) => i.n));
		expect(suite.finance.requests.filter((r) => r.path === '/data/$batch').length - batchesBefore).toBe(2);
		expect(suite.finance.service.records('ProjectJournalLines')).toHaveLength(1003);
	});

	it('the sandbox\'s request-rate throttle answers 429 with Retry-After; the node waits it out and every item gets its record', async () => {
		await axios.post(`${suite.finance.baseUrl}/__admin/settings`, { throttle: { requests: 2, windowSeconds: 1 } });
		try {
			const items = ['EMP-0001', 'EMP-0002', 'EMP-0003'].map((id) => ({ id }));
			const result = await suite.run(workflow(items, financeNode({ resource: 'worker', operation: 'get', recordId: '={{ { __rl: true, mode: "id", value: $json.id } }}' })));
			expect(result.error).toBeUndefined();
			expect(result.output('Finance').map((w) => w.PersonnelNumber)).toEqual(['EMP-0001', 'EMP-0002', 'EMP-0003']);
			const statuses = suite.finance.requests.filter((r) => r.path.startsWith('/data/Workers')).map((r) => r.status);
			expect(statuses).toContain(429);
			expect(statuses.filter((s) => s === 200)).toHaveLength(3);
		} finally {
			await axios.post(`${suite.finance.baseUrl}/__admin/settings`, { throttle: null });
		}
	});

	it('Add Lines: the same reference twice in one run is written once; numbers given by the flow are kept, the others take free ones', async () => {
		const created = await suite.run(workflow([{}], journalCreate('psa:dupes', [hourLine(2)])));
		const number = String(created.output('Finance')[0].JournalBatchNumber);
		const items = [{ ref: 'dataverse:a' }, { ref: 'dataverse:a' }, { ref: 'dataverse:b', n: 7 }, { ref: 'dataverse:c' }];
		const addLines = financeNode({ resource: 'hourJournal', operation: 'addLines', company: 'usmf', recordId: recordId(number), lineReferenceField: 'Description', lineJson: '={{ JSON.stringify({ LineNumber: $json.n, Description: $json.ref, ProjectID: "SF-006A000101", Category: "Consulting", ResourceId: "EMP-0002", ProjectDate: "2026-01-15", Hours: 1 }) }}' });
		const out = (await suite.run(workflow(items, addLines))).output('Finance');
		expect(out.map((o) => o.skipped)).toEqual([false, true, false, false]);
		expect(out[1].reason).toMatch(/earlier item of this run/);
		// New numbers follow the highest on the journal (2): a → 3, c → 4; b keeps the 7 it was given.
		const lines = suite.finance.service.records('ProjectJournalLines').map((l) => [l.LineNumber, l.Description ?? null]);
		expect(lines.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([[2, null], [3, 'dataverse:a'], [4, 'dataverse:c'], [7, 'dataverse:b']]);
	});

	it('reads workers as canonical resources and project contracts as canonical contracts', async () => {
		const workers = await suite.run(workflow([{}], financeNode({ resource: 'worker', operation: 'getMany', returnAll: true, output: 'canonical' })));
		expect(workers.output('Finance').map((w) => (w.resource as IDataObject).number)).toEqual(['EMP-0001', 'EMP-0002', 'EMP-0003', 'EMP-0004']);
		const contract = await suite.run(workflow([{}], financeNode({ resource: 'projectContract', operation: 'get', company: 'gbsi', recordId: recordId('PC-000102'), output: 'canonical' })));
		expect(contract.output('Finance')[0].contract).toMatchObject({ name: 'Umbrella Finance Transformation', customer: { id: 'gbsi/SF-001A000004' }, currency: 'GBP' });
	});
});
