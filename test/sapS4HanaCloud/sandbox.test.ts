/**
 * The SAP sandbox on the wire, without the node: the OData v2 flavour of the core (envelope, literals, v2 filter
 * functions, exact decimals and dates, the sets' SAP flags, changesets undone as a unit) and SAP Gateway's CSRF
 * check bound to the session cookie.
 */
import { SAP_COMMUNICATION_PASSWORD, SAP_COMMUNICATION_USER, createSapS4HanaCloudSandbox } from '../../sandbox/sapS4HanaCloud';
import type { SapS4HanaCloudSandbox } from '../../sandbox/sapS4HanaCloud';

let sap: SapS4HanaCloudSandbox;
const auth = `Basic ${Buffer.from(`${SAP_COMMUNICATION_USER}:${SAP_COMMUNICATION_PASSWORD}`).toString('base64')}`;
const BP = '/sap/opu/odata/sap/API_BUSINESS_PARTNER';
const TS = '/sap/opu/odata/sap/API_MANAGE_WORKFORCE_TIMESHEET';

beforeAll(async () => {
	sap = createSapS4HanaCloudSandbox({ latencyMs: 0 });
	await sap.start(0);
});
afterAll(async () => await sap.stop());
beforeEach(async () => {
	sap.reset();
	await sap.seeding;
});

async function session(service = BP): Promise<{ token: string; cookie: string }> {
	const response = await fetch(`${sap.baseUrl}${service}/`, { headers: { authorization: auth, 'x-csrf-token': 'Fetch' } });
	return { token: String(response.headers.get('x-csrf-token')), cookie: String(response.headers.get('set-cookie')).split(';')[0] };
}

const get = async (path: string) => {
	const response = await fetch(`${sap.baseUrl}${path}`, { headers: { authorization: auth, accept: 'application/json' } });
	return { status: response.status, body: (await response.json()) as any };
};

describe('SAP sandbox (OData v2 on the core)', () => {
	it('answers v2 filters: substringof and startswith with eq true / eq false, datetime literals, $inlinecount', async () => {
		const contains = await get(`${BP}/A_BusinessPartner?$inlinecount=allpages&$filter=${encodeURIComponent("substringof('O''Brien',OrganizationBPName1) eq true")}`);
		expect(contains.body.d.__count).toBe('1');
		expect(contains.body.d.results[0].OrganizationBPName1).toBe("O'Brien & Sons Engineering");
		const notStarting = await get(`${BP}/A_BusinessPartner?$inlinecount=allpages&$filter=${encodeURIComponent("startswith(OrganizationBPName1,'Tail') eq false")}`);
		expect(Number(notStarting.body.d.__count)).toBe(sap.service('A_BusinessPartner').records('A_BusinessPartner').length - 1);
		const dated = await get(`${BP}/A_Customer?$filter=${encodeURIComponent("CreationDate eq datetime'2025-11-03T00:00:00'")}&$top=1`);
		expect(dated.body.d.results[0].CreationDate).toBe('/Date(1762128000000)/');
		expect(dated.body.d.results[0].__metadata.type).toBe('API_BUSINESS_PARTNER.A_CustomerType');
	});

	it('refuses a float for an Edm.Decimal, too many decimals, and an ISO date where v2 wants /Date(ms)/, naming the property', async () => {
		const { token, cookie } = await session(TS);
		const post = async (fields: Record<string, unknown>, date = '/Date(1768262400000)/') => {
			const response = await fetch(`${sap.baseUrl}${TS}/TimeSheetEntryCollection`, {
				method: 'POST',
				headers: { authorization: auth, 'x-csrf-token': token, cookie, 'content-type': 'application/json' },
				body: JSON.stringify({ PersonWorkAgreementExternalID: 'EMP-0002', CompanyCode: '1710', TimeSheetDate: date, TimeSheetOperation: 'C', TimeSheetDataFields: { WBSElement: 'SF-006A000101-T1', ...fields } }),
			});
			return { status: response.status, body: (await response.json()) as any };
		};
		for (const [fields, date, property] of [[{ RecordedHours: 7.5 }, undefined, 'TimeSheetDataFields/RecordedHours'], [{ RecordedHours: '7.505' }, undefined, 'TimeSheetDataFields/RecordedHours'], [{ RecordedHours: '7.50' }, '2026-01-13T00:00:00', 'TimeSheetDate']] as const) {
			const answer = await post(fields, date);
			expect([answer.status, answer.body.error.innererror.errordetails[0].propertyref]).toEqual([400, property]);
		}
		expect((await post({ RecordedHours: '7.50' })).status).toBe(201);
	});

	it('enforces sap:creatable / updatable / deletable of the published sets', async () => {
		const { token, cookie } = await session();
		const write = (method: string, path: string, body = '{}') => fetch(`${sap.baseUrl}${BP}${path}`, { method, headers: { authorization: auth, 'x-csrf-token': token, cookie, 'content-type': 'application/json' }, body });
		expect((await write('POST', '/A_Customer', JSON.stringify({ Customer: '999' }))).status).toBe(405);
		expect((await write('DELETE', "/A_BusinessPartner('10100001')", '')).status).toBe(405);
	});

	it('refuses a write whose token is not that of its session cookie, with X-CSRF-Token: Required', async () => {
		const first = await session();
		const second = await session();
		const response = await fetch(`${sap.baseUrl}${BP}/A_BusinessPartner`, {
			method: 'POST',
			headers: { authorization: auth, 'x-csrf-token': first.token, cookie: second.cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ BusinessPartnerCategory: '2', BusinessPartnerGrouping: 'BP02', OrganizationBPName1: 'Mixed Session' }),
		});
		expect(response.status).toBe(403);
		expect(response.headers.get('x-csrf-token')).toBe('Required');
		expect(sap.service('A_BusinessPartner').records('A_BusinessPartner').some((bp) => bp.OrganizationBPName1 === 'Mixed Session')).toBe(false);
	});

	it('undoes a changeset whose second request fails and goes on with the next changeset', async () => {
		const { token, cookie } = await session();
		const part = (name: string) => ['Content-Type: application/http', 'Content-Transfer-Encoding: binary', '', 'POST A_BusinessPartner HTTP/1.1', 'Content-Type: application/json', '', JSON.stringify({ BusinessPartnerCategory: '2', BusinessPartnerGrouping: 'BP02', OrganizationBPName1: name })].join('\r\n');
		const changeset = (id: string, parts: string[]) => [`Content-Type: multipart/mixed; boundary=${id}`, '', ...parts.map((p) => `--${id}\r\n${p}`), `--${id}--`].join('\r\n');
		const body = ['--batch_1', changeset('cs_1', [part('Batch One'), part('x'.repeat(41))]), '--batch_1', changeset('cs_2', [part('Batch Two')]), '--batch_1--', ''].join('\r\n');
		const response = await fetch(`${sap.baseUrl}${BP}/$batch`, { method: 'POST', headers: { authorization: auth, 'x-csrf-token': token, cookie, 'content-type': 'multipart/mixed; boundary=batch_1' }, body });
		expect(response.status).toBe(202);
		const text = await response.text();
		expect(text).toContain('HTTP/1.1 400');
		expect(text).toContain('HTTP/1.1 201');
		const names = sap.service('A_BusinessPartner').records('A_BusinessPartner').map((bp) => bp.OrganizationBPName1);
		expect(names).not.toContain('Batch One');
		expect(names).toContain('Batch Two');
	});
});
