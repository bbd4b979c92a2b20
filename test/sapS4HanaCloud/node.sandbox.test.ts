/**
 * The SAP S/4HANA Cloud node against the SAP sandbox, in n8n-core: CSRF recovery, per-item changesets, idempotent
 * re-runs, sap-message warnings, exact decimals, paging, SAP's error body, journal entries through SOAP, OAuth.
 */
import type { IDataObject } from 'n8n-workflow';

import { FIRM_TIME } from '../../sandbox/firm/dataset';
import { recordId, sapNode, useSapSandbox, workflow } from './helpers';

const suite = useSapSandbox();

const timesheet = (extra: IDataObject = {}) =>
	sapNode(
		{
			resource: 'timesheetEntry',
			operation: 'create',
			personWorkAgreementExternalId: '={{ $json.person }}',
			companyCode: '1710',
			date: '={{ $json.date }}',
			hours: '={{ $json.hours }}',
			wbsElement: '={{ $json.wbs }}',
			note: '={{ $json.note }}',
			externalReference: '={{ $json.ref }}',
			releaseOnSave: true,
			...extra,
		},
		{ continueOnFail: true },
	);

const approved = FIRM_TIME.filter((entry) => entry.status === 'Approved' && entry.personExternalId !== 'EMP-0003').map((entry) => ({
	person: entry.personExternalId,
	date: entry.date,
	hours: entry.hours,
	wbs: entry.taskExternalId,
	note: entry.notes,
	ref: `psa:${entry.externalId}`,
}));

const entries = () => suite.sap.service('TimeSheetEntryCollection').records('TimeSheetEntryCollection');

describe('SAP S/4HANA Cloud node against the sandbox', () => {
	it('recovers a CSRF token that SAP invalidated mid-run with one re-fetch, and writes every item exactly once', async () => {
		suite.sap.sapSettings.invalidateCsrfAfterWrites = 1;
		const names = ['Csrf Test One', 'Csrf Test Two', 'Csrf Test Three'];
		const result = await suite.run(
			workflow(
				names.map((name) => ({ name })),
				sapNode({ resource: 'businessPartner', operation: 'create', fieldsJson: '={{ JSON.stringify({ BusinessPartnerCategory: "2", BusinessPartnerGrouping: "BP02", OrganizationBPName1: $json.name }) }}' }),
			),
		);
		expect(result.error).toBeUndefined();
		expect(result.output('SAP').map((bp) => bp.OrganizationBPName1)).toEqual(names);
		const stored = suite.sap.service('A_BusinessPartner').records('A_BusinessPartner').filter((bp) => names.includes(String(bp.OrganizationBPName1)));
		expect(stored.map((bp) => bp.OrganizationBPName1).sort()).toEqual([...names].sort());
		const posts = suite.sap.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/A_BusinessPartner'));
		// Item two was refused once (403 Required), then sent again after one new token: four POSTs, three writes.
		expect(posts.map((r) => r.status)).toEqual([201, 403, 201, 201]);
		expect(suite.sap.csrfFetches).toBe(2);
		// The resent request carried the new token with the same session cookie.
		expect(posts[2].headers['x-csrf-token']).not.toBe(posts[1].headers['x-csrf-token']);
	});

	it('sends every timesheet entry in its own changeset: a refused entry fails alone on its item, naming the field', async () => {
		const items = [approved[0], { ...approved[1], wbs: 'NO-SUCH-WBS' }, approved[2]];
		const result = await suite.run(workflow(items, timesheet()));
		expect(result.error).toBeUndefined();
		const out = result.output('SAP');
		expect(out).toHaveLength(3);
		expect(out[0]).toMatchObject({ PersonWorkAgreementExternalID: approved[0].person, TimeSheetStatus: '30' });
		expect(out[1]).toMatchObject({ code: 'CATS_APPL/041', fields: ['TimeSheetDataFields/WBSElement'] });
		expect(String(out[1].error)).toContain('WBS element NO-SUCH-WBS does not exist');
		expect(out[2]).toMatchObject({ PersonWorkAgreementExternalID: approved[2].person });
		expect(entries().map((e) => (e.TimeSheetDataFields as IDataObject).TimeSheetNote).sort()).toEqual([`[${approved[0].ref}] ${approved[0].note}`, `[${approved[2].ref}] ${approved[2].note}`].sort());
		expect(suite.sap.requests.filter((r) => r.path.endsWith('/$batch'))).toHaveLength(1);
	});

	it('keeps hours exact: 8.5 is sent as the decimal text 8.50, read back as 8.5 in canonical output', async () => {
		const result = await suite.run(workflow([approved[1]], timesheet()));
		expect(result.output('SAP')[0].TimeSheetDataFields).toMatchObject({ RecordedHours: '8.50' });
		const canonical = await suite.run(workflow([{}], sapNode({ resource: 'timesheetEntry', operation: 'getMany', returnAll: true, output: 'canonical' })));
		expect(canonical.output('SAP').map((record) => (record as IDataObject & { timeEntry?: IDataObject }).timeEntry?.hours)).toEqual(['8.5']);
	});

	it('writes nothing new on a re-run: entries carrying the external reference are skipped', async () => {
		const first = await suite.run(workflow(approved, timesheet()));
		expect(first.output('SAP').every((item) => typeof item.TimeSheetRecord === 'string' && item.TimeSheetRecord !== '')).toBe(true);
		expect(entries()).toHaveLength(approved.length);
		const batchesBefore = suite.sap.requests.filter((r) => r.path.endsWith('/$batch')).length;
		const second = await suite.run(workflow(approved, timesheet()));
		expect(second.output('SAP').every((item) => item.skipped === true)).toBe(true);
		expect(String(second.output('SAP')[0].reason)).toContain('already on timesheet record');
		expect(entries()).toHaveLength(approved.length);
		expect(suite.sap.requests.filter((r) => r.path.endsWith('/$batch')).length).toBe(batchesBefore);
	});

	it('surfaces sap-message warnings on the item', async () => {
		const result = await suite.run(workflow([approved[0]], timesheet({ releaseOnSave: false })));
		expect(result.output('SAP')[0].sapMessages).toEqual([{ code: 'CATS_APPL/300', message: 'Time sheet record saved; it is not released for approval', severity: 'warning', target: '' }]);
		expect(result.output('SAP')[0].TimeSheetStatus).toBe('10');
	});

	it('keeps SAP’s error body: T100 code, message and the property errordetails name', async () => {
		const result = await suite.run(workflow([{}], sapNode({ resource: 'project', operation: 'update', recordId: recordId('00000000-0000-4000-8000-00000000abcd'), fieldsJson: '{"ProjectDescription":"x"}' }, { continueOnFail: true })));
		expect(result.output('SAP')[0]).toMatchObject({ code: '/IWBEP/CM_MGW_RT/021' });
		const tooLong = await suite.run(workflow([{}], sapNode({ resource: 'businessPartner', operation: 'create', fieldsJson: JSON.stringify({ BusinessPartnerCategory: '2', BusinessPartnerGrouping: 'BP02', OrganizationBPName1: 'x'.repeat(41) }) }, { continueOnFail: true })));
		expect(tooLong.output('SAP')[0]).toMatchObject({ code: '/IWBEP/CM_MGW_RT/022', fields: ['OrganizationBPName1'] });
	});

	it('reads every page through __next and keeps __metadata out of the records', async () => {
		await suite.run(workflow([{}], sapNode({ resource: 'businessPartner', operation: 'getMany', returnAll: true }))); // warm-up: nothing to assert
		suite.sap.requests.length = 0;
		await fetch(`${suite.sap.baseUrl}/__admin/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pageSize: 4 }) });
		const result = await suite.run(workflow([{}], sapNode({ resource: 'businessPartner', operation: 'getMany', returnAll: true })));
		const all = suite.sap.service('A_BusinessPartner').records('A_BusinessPartner');
		expect(result.output('SAP').map((bp) => bp.BusinessPartner).sort()).toEqual(all.map((bp) => bp.BusinessPartner).sort());
		expect(result.output('SAP')[0].__metadata).toBeUndefined();
		const reads = suite.sap.requests.filter((r) => r.path.endsWith('/A_BusinessPartner'));
		expect(reads.length).toBe(Math.ceil(all.length / 4));
		expect(reads.slice(1).every((r) => new URLSearchParams(r.query).has('$skiptoken'))).toBe(true);
		await fetch(`${suite.sap.baseUrl}/__admin/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pageSize: 1000 }) });
	});

	it('gets a project with its WBS elements and maps it to a canonical project with tasks', async () => {
		const project = suite.sap.service('A_EnterpriseProject').records('A_EnterpriseProject').find((p) => p.Project === 'SF-006A000101')!;
		const raw = await suite.run(workflow([{}], sapNode({ resource: 'project', operation: 'get', recordId: recordId(String(project.ProjectUUID)) })));
		expect(raw.output('SAP')[0]).toMatchObject({ Project: 'SF-006A000101', CompanyCode: '1710', ProjectStartDate: '/Date(1768176000000)/' });
		expect((raw.output('SAP')[0].to_EnterpriseProjectElement as IDataObject[]).map((e) => e.ProjectElement)).toEqual(['SF-006A000101-T1', 'SF-006A000101-T2', 'SF-006A000101-T3', 'SF-006A000101-M1']);
		const canonical = await suite.run(workflow([{}], sapNode({ resource: 'project', operation: 'get', recordId: recordId(String(project.ProjectUUID)), output: 'canonical' })));
		const mapped = canonical.output('SAP')[0] as IDataObject & { project: IDataObject };
		expect(mapped.project).toMatchObject({ number: 'SF-006A000101', startDate: '2026-01-12', endDate: '2026-06-30', currency: 'USD' });
		expect((mapped.project.tasks as IDataObject[]).map((t) => [t.taskId, t.billable])).toEqual([['SF-006A000101-T1', true], ['SF-006A000101-T2', true], ['SF-006A000101-T3', true], ['SF-006A000101-M1', false]]);
	});

	it('flags a WBS element as billing element and blocks time recording on it', async () => {
		const element = suite.sap.service('A_EnterpriseProjectElement').records('A_EnterpriseProjectElement').find((e) => e.ProjectElement === 'SF-006A000102-T2')!;
		const id = recordId(String(element.ProjectElementUUID));
		const flagged = await suite.run(workflow([{}], sapNode({ resource: 'wbsElement', operation: 'update', recordId: id, fieldsJson: '{"WBSElementIsBillingElement": false}' })));
		expect(flagged.error).toBeUndefined();
		expect(suite.sap.service('A_EnterpriseProjectElement').get('A_EnterpriseProjectElement', { ProjectElementUUID: element.ProjectElementUUID })!.WBSElementIsBillingElement).toBe(false);
		await suite.run(workflow([{}], sapNode({ resource: 'wbsBlockingFunction', operation: 'update', recordId: id, fieldsJson: '{"EntProjTimeRecgIsBlkd": true}' })));
		const refused = await suite.run(workflow([{ person: 'EMP-0003', date: '2026-04-01', hours: '2', wbs: 'SF-006A000102-T2', note: 'x', ref: 'psa:blocked' }], timesheet({ companyCode: '4410' })));
		expect(refused.output('SAP')[0]).toMatchObject({ code: 'CJ/420', fields: ['TimeSheetDataFields/WBSElement'] });
	});

	it('changes and cancels a timesheet entry through TimeSheetOperation U and D', async () => {
		const created = (await suite.run(workflow([approved[0]], timesheet()))).output('SAP')[0];
		const record = String(created.TimeSheetRecord);
		const common = { resource: 'timesheetEntry', personWorkAgreementExternalId: approved[0].person, companyCode: '1710', timeSheetRecord: record };
		const changed = await suite.run(workflow([{}], sapNode({ ...common, operation: 'change', date: approved[0].date, hours: '6.25', wbsElement: approved[0].wbs, note: 'corrected' })));
		expect(changed.output('SAP')[0]).toMatchObject({ TimeSheetRecord: record, TimeSheetDataFields: expect.objectContaining({ RecordedHours: '6.25' }) });
		const cancelled = await suite.run(workflow([{}], sapNode({ ...common, operation: 'delete' })));
		expect(cancelled.output('SAP')[0]).toMatchObject({ TimeSheetRecord: record, TimeSheetStatus: '60' });
		const posts = suite.sap.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/TimeSheetEntryCollection'));
		expect(posts.map((r) => (r.body as IDataObject).TimeSheetOperation)).toEqual(['U', 'D']);
	});

	it('posts a balanced journal entry through SOAP once; a re-run finds it by its reference and skips it', async () => {
		const journal = {
			resource: 'journalEntry',
			operation: 'post',
			journalCompanyCode: '1710',
			postingDate: '2026-01-31',
			reference: 'REV-006A000101-2026-01',
			headerText: 'Revenue January',
			lines: JSON.stringify([
				{ glAccount: '21700000', amount: '10416.67', currency: 'USD', side: 'debit', text: 'Release deferred revenue' },
				{ glAccount: '41000000', amount: '10416.67', currency: 'USD', side: 'credit', text: 'Revenue from services', profitCenter: 'YB_US_CONS' },
			]),
		};
		const first = await suite.run(workflow([{}], sapNode(journal)));
		expect(first.output('SAP')[0]).toMatchObject({ posted: true, companyCode: '1710', fiscalYear: '2026' });
		expect(suite.sap.journals).toHaveLength(1);
		expect(suite.sap.journals[0].lines.map((line) => [line.amount, line.debitCredit])).toEqual([['10416.67', 'S'], ['-10416.67', 'H']]);
		const soap = suite.sap.requests.find((r) => r.path.endsWith('/journalentrycreaterequestconfi'))!;
		expect(String(soap.body)).toContain('<AmountInTransactionCurrency currencyCode="USD">-10416.67</AmountInTransactionCurrency>');
		const second = await suite.run(workflow([{}], sapNode(journal)));
		expect(second.output('SAP')[0]).toMatchObject({ skipped: true, accountingDocument: first.output('SAP')[0].accountingDocument });
		expect(suite.sap.journals).toHaveLength(1);
	});

	it('reports a journal SAP refuses with its log: unbalanced, or in a closed period, naming the element', async () => {
		const base = { resource: 'journalEntry', operation: 'post', journalCompanyCode: '1710', createdByUser: 'N8N' };
		const unbalanced = await suite.run(workflow([{}], sapNode({ ...base, postingDate: '2026-02-28', reference: 'R-1', lines: JSON.stringify([{ glAccount: '21700000', amount: '100.00', currency: 'USD', side: 'debit' }, { glAccount: '41000000', amount: '99.99', currency: 'USD', side: 'credit' }]) }, { continueOnFail: true })));
		expect(unbalanced.output('SAP')[0]).toMatchObject({ code: 'F5/702(FINS_FI_MISC)', fields: ['Item'] });
		expect(String(unbalanced.output('SAP')[0].error)).toContain('0.01');
		const closed = await suite.run(workflow([{}], sapNode({ ...base, postingDate: '2025-12-31', reference: 'R-2', lines: JSON.stringify([{ glAccount: '21700000', amount: '1.00', currency: 'USD', side: 'debit' }, { glAccount: '41000000', amount: '1.00', currency: 'USD', side: 'credit' }]) }, { continueOnFail: true })));
		expect(closed.output('SAP')[0]).toMatchObject({ code: 'F5/201(FINS_FI_MISC)', fields: ['PostingDate'] });
		const float = await suite.run(workflow([{}], sapNode({ ...base, postingDate: '2026-02-28', reference: 'R-3', lines: JSON.stringify([{ glAccount: '21700000', amount: 1.1, currency: 'USD', side: 'debit' }, { glAccount: '41000000', amount: '1.10', currency: 'USD', side: 'credit' }]) }, { continueOnFail: true })));
		expect(float.output('SAP')[0]).toMatchObject({ fields: ['lines[0].amount'] });
		expect(suite.sap.journals).toHaveLength(0);
	});

	it('reads a billing document with its items as a canonical invoice in exact money', async () => {
		const result = await suite.run(workflow([{}], sapNode({ resource: 'billingDocument', operation: 'get', recordId: recordId('90000001'), output: 'canonical' })));
		const invoice = (result.output('SAP')[0] as IDataObject & { invoice: IDataObject }).invoice;
		expect(invoice).toMatchObject({ number: '90000001', total: { amount: '4400.00', currency: 'USD' }, issueDate: '2026-01-31', subtotal: { amount: '4400.00', currency: 'USD' }, taxTotal: { amount: '0.00', currency: 'USD' }, status: 'open' });
		expect(invoice.lines).toEqual([{ lineId: '10', description: 'Consulting services January', quantity: '22', amount: { amount: '4400.00', currency: 'USD' } }]);
	});

	it('authenticates with OAuth 2.0 client credentials, fetching the token once for the run', async () => {
		const result = await suite.run(workflow([{}, {}], sapNode({ resource: 'customer', operation: 'getMany', limit: 2 }, { oauth: true })), suite.oauth());
		expect(result.error).toBeUndefined();
		expect(result.output('SAP')).toHaveLength(4);
		expect(suite.sap.requests.filter((r) => r.path === '/sap/bc/sec/oauth2/token')).toHaveLength(1);
		expect(suite.sap.requests.filter((r) => r.path.endsWith('/A_Customer')).every((r) => r.headers.authorization === undefined || r.status === 200)).toBe(true);
	});

	it('recovers a $batch whose answer was lost after SAP committed it: entries found by reference, none written twice', async () => {
		suite.sap.addFault({ kind: 'lostResponse', method: 'POST', path: '/\\$batch$', times: 1 });
		const result = await suite.run(workflow(approved, timesheet()));
		expect(result.error).toBeUndefined();
		expect(result.output('SAP')).toHaveLength(approved.length);
		expect(result.output('SAP').every((item) => item.recoveredAfterLostAnswer === true && typeof item.TimeSheetRecord === 'string')).toBe(true);
		expect(entries()).toHaveLength(approved.length);
		expect(suite.sap.requests.filter((r) => r.path.endsWith('/$batch'))).toHaveLength(1);
	});

	it('recovers a journal post whose answer was lost: found among the G/L line items, not posted twice', async () => {
		suite.sap.addFault({ kind: 'lostResponse', method: 'POST', path: 'journalentrycreaterequestconfi$', times: 1 });
		const result = await suite.run(
			workflow([{}], sapNode({ resource: 'journalEntry', operation: 'post', journalCompanyCode: '1710', postingDate: '2026-03-31', reference: 'REV-LOST-2026-03', lines: JSON.stringify([{ glAccount: '21700000', amount: '5.00', currency: 'USD', side: 'debit' }, { glAccount: '41000000', amount: '5.00', currency: 'USD', side: 'credit' }]) })),
		);
		expect(result.error).toBeUndefined();
		expect(result.output('SAP')[0]).toMatchObject({ posted: true, recoveredAfterLostAnswer: true, accountingDocument: suite.sap.journals[0].accountingDocument });
		expect(suite.sap.journals).toHaveLength(1);
	});
});
