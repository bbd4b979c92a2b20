/**
 * The F&O sandbox over HTTP: Entra bearer tokens, company scoping (default company vs cross-company=true),
 * composite keys, F&O's error body, references checked in the company, open periods, posting.
 */
import axios from 'axios';
import type { AxiosResponse } from 'axios';

import { useFinanceSandbox } from './helpers';

const suite = useFinanceSandbox();

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<AxiosResponse> {
	return await axios.request({ method, url: `${suite.finance.baseUrl}/data${path}`, data: body, headers: { Authorization: `Bearer ${await suite.token()}`, Accept: 'application/json', ...headers }, validateStatus: () => true });
}

describe('Dynamics 365 Finance sandbox', () => {
	it('refuses a request without a valid token for this environment', async () => {
		const none = await axios.get(`${suite.finance.baseUrl}/data/CustomersV3`, { validateStatus: () => true });
		expect(none.status).toBe(401);
		const forged = await axios.get(`${suite.finance.baseUrl}/data/CustomersV3`, { headers: { Authorization: 'Bearer abc.def.ghi' }, validateStatus: () => true });
		expect(forged.status).toBe(401);
	});

	it('reads only the default company without cross-company=true; the UK company with it', async () => {
		const key = "(dataAreaId='gbsi',CustomerAccount='GB-1010')";
		expect((await call('GET', `/CustomersV3${key}`)).status).toBe(404);
		const found = await call('GET', `/CustomersV3${key}?cross-company=true`);
		expect(found.status).toBe(200);
		expect(found.data).toMatchObject({ dataAreaId: 'gbsi', CustomerAccount: 'GB-1010', OrganizationName: "O'Brien & Sons Engineering", SalesCurrencyCode: 'EUR' });
		const defaults = await call('GET', '/CustomersV3?$select=dataAreaId');
		expect(new Set(defaults.data.value.map((c: { dataAreaId: string }) => c.dataAreaId))).toEqual(new Set(['usmf']));
		const all = await call('GET', `/CustomersV3?cross-company=true&$filter=${encodeURIComponent("OrganizationName eq 'O''Brien & Sons Engineering'")}`);
		expect(all.data.value).toHaveLength(1);
	});

	it('answers in F&O\'s error shape and checks a line\'s references in its company', async () => {
		const header = await call('POST', '/ProjectJournalHeaders', { dataAreaId: 'usmf', JournalName: 'Hours', Description: 'test' });
		expect(header.status).toBe(201);
		expect(header.data.JournalBatchNumber).toMatch(/^PJ-\d{6}$/);
		const line = { dataAreaId: 'usmf', JournalId: header.data.JournalBatchNumber, LineNumber: 1, ProjectID: 'SF-006A000102', Category: 'Consulting', Hours: 6, ProjectDate: '2026-02-03T00:00:00Z', ResourceId: 'EMP-0003' };
		// The UK project is in gbsi, so usmf does not know it.
		const wrongCompany = await call('POST', '/ProjectJournalLines', line);
		expect(wrongCompany.status).toBe(400);
		expect(wrongCompany.data.error).toMatchObject({ code: '', innererror: { type: expect.any(String) } });
		expect(wrongCompany.data.error.message).toMatch(/SF-006A000102.*does not exist in company usmf/);
		const closed = await call('POST', '/ProjectJournalLines', { ...line, ProjectID: 'SF-006A000101', ProjectDate: '2025-12-31T00:00:00Z' });
		expect(closed.data.error.message).toMatch(/period is not open/);
		const good = await call('POST', '/ProjectJournalLines', { ...line, ProjectID: 'SF-006A000101' });
		expect(good.status).toBe(201);
		expect((await call('POST', '/ProjectJournalLines', { ...line, ProjectID: 'SF-006A000101', Posted: 'Yes' })).status).toBe(400);
	});

	it('posts a journal once: vouchers made, the header posted, further lines and edits refused', async () => {
		const header = (await call('POST', '/LedgerJournalHeaders', { dataAreaId: 'usmf', JournalName: 'GenJrn', Description: 'Accrual' })).data;
		const key = `(dataAreaId='usmf',JournalBatchNumber='${header.JournalBatchNumber}')`;
		const base = { dataAreaId: 'usmf', JournalBatchNumber: header.JournalBatchNumber, CurrencyCode: 'USD', TransDate: '2026-01-31T00:00:00Z' };
		await call('POST', '/LedgerJournalLines', { ...base, LineNumber: 1, AccountDisplayValue: '601500', DebitAmount: 0.1 });
		await call('POST', '/LedgerJournalLines', { ...base, LineNumber: 2, AccountDisplayValue: '601500', DebitAmount: 0.2 });
		await call('POST', '/LedgerJournalLines', { ...base, LineNumber: 3, AccountDisplayValue: '200100', CreditAmount: 0.3 });
		// 0.1 + 0.2 is not 0.3 in floating point; the sandbox sums exact minor units.
		const posted = await call('POST', `/LedgerJournalHeaders${key}/Microsoft.Dynamics.DataEntities.Post`, {});
		expect(posted.status).toBe(200);
		expect((await call('GET', `/LedgerJournalHeaders${key}`)).data).toMatchObject({ IsPosted: 'Yes', AccountingCurrency: 'USD' });
		expect(suite.finance.vouchers).toHaveLength(1);
		expect((await call('POST', `/LedgerJournalHeaders${key}/Microsoft.Dynamics.DataEntities.Post`, {})).data.error.message).toMatch(/already been posted/);
		expect((await call('POST', '/LedgerJournalLines', { ...base, LineNumber: 4, AccountDisplayValue: '601500', DebitAmount: 1 })).data.error.message).toMatch(/is posted/);
		expect((await call('PATCH', `/LedgerJournalLines(dataAreaId='usmf',JournalBatchNumber='${header.JournalBatchNumber}',LineNumber=1)`, { Text: 'x' })).status).toBe(400);
	});

	it('refuses to post an unbalanced general journal and writes nothing', async () => {
		const header = (await call('POST', '/LedgerJournalHeaders', { dataAreaId: 'usmf', JournalName: 'GenJrn' })).data;
		const base = { dataAreaId: 'usmf', JournalBatchNumber: header.JournalBatchNumber, CurrencyCode: 'USD', TransDate: '2026-01-31T00:00:00Z' };
		await call('POST', '/LedgerJournalLines', { ...base, LineNumber: 1, AccountDisplayValue: '601500', DebitAmount: 100 });
		await call('POST', '/LedgerJournalLines', { ...base, LineNumber: 2, AccountDisplayValue: '200100', CreditAmount: 99.99 });
		const refused = await call('POST', `/LedgerJournalHeaders(dataAreaId='usmf',JournalBatchNumber='${header.JournalBatchNumber}')/Microsoft.Dynamics.DataEntities.Post`, {});
		expect(refused.status).toBe(400);
		expect(refused.data.error.message).toMatch(/out of balance/);
		expect(suite.finance.vouchers).toHaveLength(0);
		expect(suite.finance.service.records('LedgerJournalLines').every((line) => line.Voucher === undefined)).toBe(true);
	});

	it('answers the credential test request (one legal entity)', async () => {
		const response = await call('GET', '/LegalEntities?$top=1&$select=LegalEntityId', undefined, { 'OData-MaxVersion': '4.0', 'OData-Version': '4.0' });
		expect(response.status).toBe(200);
		expect(response.data.value).toEqual([{ '@odata.etag': expect.any(String), LegalEntityId: expect.stringMatching(/^(usmf|gbsi)$/) }]);
	});

	it('names are case-sensitive, $skip is allowed, a page holds at most 10,000 records', async () => {
		expect((await call('GET', '/customersv3')).status).toBe(404);
		expect((await call('GET', '/CustomersV3?$select=organizationname')).status).toBe(400);
		const all = (await call('GET', '/CustomersV3?cross-company=true&$orderby=CustomerAccount&$select=CustomerAccount')).data.value.map((c: { CustomerAccount: string }) => c.CustomerAccount);
		const skipped = (await call('GET', '/CustomersV3?cross-company=true&$orderby=CustomerAccount&$select=CustomerAccount&$skip=10')).data.value.map((c: { CustomerAccount: string }) => c.CustomerAccount);
		expect(skipped).toEqual(all.slice(10));
		const page = await call('GET', '/CustomersV3?cross-company=true', undefined, { Prefer: 'odata.maxpagesize=50000' });
		expect(page.headers['preference-applied']).toBe('odata.maxpagesize=10000');
	});
});
