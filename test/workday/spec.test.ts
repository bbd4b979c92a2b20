/**
 * Our requests and the sandbox's answers against ../shared/specs/workday: Get_Workers and Get_Organizations
 * requests (element names, their order in each WSDL sequence, attributes), the sandbox's Get_Workers answer in the
 * same terms, and REST paths, query parameters and response shapes against the common and absence OpenAPI files.
 */
import type { IDataObject } from 'n8n-workflow';
import { parse as parseYaml } from 'yaml';

import { getOrganizationsRequest, getWorkersRequest, RESOURCE_RESPONSE_GROUP } from '../../nodes/Workday/helpers/soapRequests';
import { REST_SERVICES } from '../../nodes/Workday/transport';
import { parseXml, renderXml, xmlChild, xmlChildren } from '../../nodes/shared/kit/xml';
import type { XmlNode } from '../../nodes/shared/kit/xml';
import { createWorkdaySandbox, workdayIsuSandboxCredentials, workdayOAuth2SandboxCredentials } from '../../sandbox/workday';
import type { WorkdaySandbox } from '../../sandbox/workday';
import { withIsuAuthentication } from '../../nodes/Workday/transport/auth';
import { soapEnvelope } from '../../nodes/Workday/transport';
import { describeWithSpecs, readSpec } from '../helpers/specs';

interface Sequence {
	elements: Array<{ name: string; type?: string }>;
	attributes: string[];
	/** Simple content (xsd:extension of a simple type): text allowed. */
	simple: boolean;
}

/** complexType name → its elements in sequence order (inline types named after the element path). */
function complexTypes(schema: XmlNode): Map<string, Sequence> {
	const types = new Map<string, Sequence>();
	const walk = (node: XmlNode, into: Sequence) => {
		for (const child of node.children) {
			if (child.localName === 'element') into.elements.push({ name: child.attributes.name ?? child.attributes.ref?.replace(/^wd:/, '') ?? '', type: child.attributes.type?.replace(/^wd:/, '') });
			else if (child.localName === 'attribute') into.attributes.push(child.attributes.name ?? child.attributes.ref?.replace(/^wd:/, '') ?? '');
			else if (child.localName === 'extension') {
				into.simple = /^xsd:/.test(child.attributes.base ?? '');
				walk(child, into);
			} else if (child.localName !== 'annotation') walk(child, into);
		}
	};
	for (const type of schema.children.filter((c) => c.localName === 'complexType')) {
		const sequence: Sequence = { elements: [], attributes: [], simple: false };
		walk(type, sequence);
		types.set(type.attributes.name, sequence);
	}
	return types;
}

/** Problems of an element against its WSDL type: unknown children, children out of sequence order, unknown attributes. */
function conformance(node: XmlNode, typeName: string, types: Map<string, Sequence>, path: string, problems: string[]): void {
	const type = types.get(typeName);
	if (!type) return; // a simple type: text content, checked by the server
	for (const attribute of Object.keys(node.attributes)) {
		const local = attribute.replace(/^[^:]*:/, '');
		if (attribute.startsWith('xmlns')) continue;
		if (!type.attributes.includes(local)) problems.push(`${path}/@${local}: not an attribute of ${typeName}`);
	}
	let last = -1;
	for (const child of node.children) {
		const index = type.elements.findIndex((e) => e.name === child.localName);
		if (index < 0) {
			problems.push(`${path}/${child.localName}: not an element of ${typeName}`);
			continue;
		}
		if (index < last) problems.push(`${path}/${child.localName}: out of the WSDL's order in ${typeName}`);
		last = Math.max(last, index);
		const childType = type.elements[index].type;
		if (childType && !childType.startsWith('xsd:')) conformance(child, childType, types, `${path}/${child.localName}`, problems);
	}
}

describeWithSpecs('Workday against ../shared/specs/workday', () => {
	let types: Map<string, Sequence>;
	let sandbox: WorkdaySandbox;
	let baseUrl: string;

	beforeAll(async () => {
		const wsdl = parseXml(readSpec('workday/Human_Resources.wsdl'));
		const schema = xmlChild(xmlChild(wsdl, 'types'), 'schema')!;
		types = complexTypes(schema);
		sandbox = createWorkdaySandbox({ latencyMs: 0 });
		baseUrl = await sandbox.start(0);
	}, 60_000);
	afterAll(async () => await sandbox.stop());

	it('the WSDL is the Human_Resources service with Get_Workers and Get_Organizations', () => {
		expect(types.get('Get_Workers_RequestType')?.elements.map((e) => e.name)).toEqual(['Request_References', 'Request_Criteria', 'Response_Filter', 'Response_Group']);
		expect(types.has('Get_Organizations_RequestType')).toBe(true);
	});

	it('Get_Workers requests (by reference, by transaction-log window, all) use the WSDL\'s elements in its order', () => {
		const requests = [
			getWorkersRequest({ version: 'v42.0', references: [['Employee_ID', 'EMP-0001'], ['WID', 'a'.repeat(32)]], asOfEffectiveDate: '2026-12-01', asOfEntryDateTime: '2026-12-03T10:00:00Z', page: 2, count: 50, responseGroup: { ...RESOURCE_RESPONSE_GROUP, managementChain: true, transactionLog: true } }),
			getWorkersRequest({ version: 'v42.0', updatedFrom: '2026-11-01T00:00:00Z', updatedThrough: '2026-12-01T00:00:00Z', effectiveFrom: '2026-11-01', effectiveThrough: '2027-01-31', transactionTypes: ['Hire'], excludeInactive: true, asOfEntryDateTime: '2026-12-01T00:00:00Z' }),
			getWorkersRequest({ version: 'v42.0' }),
		];
		for (const request of requests) {
			const problems: string[] = [];
			conformance(parseXml(renderXml({ ...request, attributes: { ...request.attributes, 'xmlns:wd': 'urn:com.workday/bsvc' } })), 'Get_Workers_RequestType', types, 'Get_Workers_Request', problems);
			expect(problems).toEqual([]);
		}
		// The minimal Response_Group: the resource's data, no photos, documents or benefits.
		const group = xmlChild(parseXml(renderXml(requests[2])), 'Response_Group')!;
		expect(group.children.map((c) => `${c.localName}=${c.text}`)).toEqual(['Include_Reference=true', 'Include_Personal_Information=true', 'Include_Employment_Information=true', 'Include_Compensation=true', 'Include_Organizations=true']);
	});

	it('Get_Organizations requests conform too', () => {
		const problems: string[] = [];
		conformance(parseXml(renderXml(getOrganizationsRequest({ version: 'v42.0', types: ['Company', 'Cost_Center'], includeInactive: true, asOfEntryDateTime: '2026-12-01T00:00:00Z', page: 1, count: 100 }))), 'Get_Organizations_RequestType', types, 'Get_Organizations_Request', problems);
		expect(problems).toEqual([]);
	});

	it('the sandbox\'s Get_Workers answer conforms to Get_Workers_ResponseType, every include on', async () => {
		const credentials = workdayIsuSandboxCredentials(baseUrl);
		const request = getWorkersRequest({ version: 'v42.0', updatedFrom: new Date(Date.now() - 30 * 86_400_000).toISOString(), updatedThrough: new Date().toISOString(), asOfEntryDateTime: new Date().toISOString(), responseGroup: { ...RESOURCE_RESPONSE_GROUP, managementChain: true, transactionLog: true } });
		const signed = withIsuAuthentication(credentials, { body: soapEnvelope(request), headers: {} });
		const response = await fetch(`${baseUrl}/ccx/service/meridian_impl1/Human_Resources/v42.0`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: String(signed.body) });
		expect(response.status).toBe(200);
		const payload = xmlChild(parseXml(await response.text()), 'Body')!.children[0];
		expect(payload.localName).toBe('Get_Workers_Response');
		expect(xmlChildren(xmlChild(payload, 'Response_Data'), 'Worker').length).toBeGreaterThan(0);
		const problems: string[] = [];
		conformance(payload, 'Get_Workers_ResponseType', types, 'Get_Workers_Response', problems);
		expect(problems).toEqual([]);
	});

	describe('REST', () => {
		const common = () => parseYaml(readSpec('workday/workday.common/openapi.yml')) as IDataObject;
		const absence = () => parseYaml(readSpec('workday/workday.absencemanagement/openapi.yml')) as IDataObject;
		let token = '';
		const get = async (path: string) => {
			if (!token) {
				const c = workdayOAuth2SandboxCredentials(baseUrl);
				const answer = await fetch(`${baseUrl}/ccx/oauth2/meridian_impl1/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}` }, body: `grant_type=refresh_token&refresh_token=${c.refreshToken}` });
				token = String(((await answer.json()) as IDataObject).access_token);
			}
			const response = await fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
			return { status: response.status, body: (await response.json()) as IDataObject };
		};
		const properties = (spec: IDataObject, schema: string): string[] => {
			const definition = ((spec.components as IDataObject).schemas as IDataObject)[schema] as IDataObject;
			const parts = (definition.allOf as IDataObject[] | undefined) ?? [definition];
			return parts.flatMap((part) => Object.keys((part.properties as IDataObject | undefined) ?? {}));
		};
		const responseSchema = (spec: IDataObject, path: string) => {
			const get = ((spec.paths as IDataObject)[path] as IDataObject).get as IDataObject;
			return (((((get.responses as IDataObject)['200'] ?? (get.responses as IDataObject)[200]) as IDataObject).content as IDataObject)['application/json'] as IDataObject).schema as IDataObject;
		};

		it('every path and query parameter the node sends is in the spec of its service', () => {
			expect(REST_SERVICES).toEqual({ common: 'common/v1', absenceManagement: 'absenceManagement/v1' });
			const sent: Array<[IDataObject, string, string[]]> = [
				[common(), '/workers', ['limit', 'offset', 'search']],
				[common(), '/workers/{id}', []],
				[common(), '/workers/{id}/organizations', ['limit', 'offset']],
				[common(), '/supervisoryOrganizations', ['limit', 'offset']],
				[common(), '/supervisoryOrganizations/{id}', []],
				[common(), '/jobChangeReasons', ['limit', 'offset']],
				[absence(), '/workers/{id}/timeOffDetails', ['fromDate', 'toDate', 'limit', 'offset']],
				[absence(), '/balances', ['worker', 'limit', 'offset']],
			];
			for (const [spec, path, query] of sent) {
				const operation = ((spec.paths as IDataObject)[path] as IDataObject | undefined)?.get as IDataObject | undefined;
				expect({ path, found: Boolean(operation) }).toEqual({ path, found: true });
				const names = ((operation!.parameters as IDataObject[]) ?? []).map((p) => p.name);
				expect({ path, missing: query.filter((q) => !names.includes(q)) }).toEqual({ path, missing: [] });
			}
		});

		it('the sandbox answers in the spec\'s shapes: {data, total} of WorkerSummary, WorkerProfile, SupervisoryOrganizationSummary, errors', async () => {
			const spec = common();
			expect(Object.keys((responseSchema(spec, '/workers').properties as IDataObject) ?? {})).toEqual(['data', 'total']);
			const list = await get('/ccx/api/common/v1/meridian_impl1/workers?limit=2');
			expect(Object.keys(list.body).sort()).toEqual(['data', 'total']);
			const summary = properties(spec, 'WorkerSummary');
			for (const worker of list.body.data as IDataObject[]) expect(Object.keys(worker).filter((k) => !summary.includes(k))).toEqual([]);
			const profile = await get(`/ccx/api/common/v1/meridian_impl1/workers/${(list.body.data as IDataObject[])[0].id}`);
			expect(Object.keys(profile.body).filter((k) => !properties(spec, 'WorkerProfile').includes(k))).toEqual([]);
			expect(String(profile.body.id)).toMatch(/^[0-9a-f]{32}$/);
			const orgs = await get('/ccx/api/common/v1/meridian_impl1/supervisoryOrganizations');
			for (const org of orgs.body.data as IDataObject[]) expect(Object.keys(org).filter((k) => !properties(spec, 'SupervisoryOrganizationSummary').includes(k))).toEqual([]);
			const reasons = await get('/ccx/api/common/v1/meridian_impl1/jobChangeReasons');
			for (const reason of reasons.body.data as IDataObject[]) expect(Object.keys(reason).filter((k) => !properties(spec, 'JobChangeReasonSummary').includes(k))).toEqual([]);
			const memberships = await get(`/ccx/api/common/v1/meridian_impl1/workers/${(list.body.data as IDataObject[])[0].id}/organizations`);
			for (const org of memberships.body.data as IDataObject[]) expect(Object.keys(org).filter((k) => !properties(spec, 'WorkerOrganizationSummary').includes(k))).toEqual([]);
			expect((memberships.body.data as IDataObject[]).map((o) => (o.organizationType as IDataObject).descriptor)).toEqual(['Company', 'Cost Center', 'Supervisory']);
			const absenceSpec = absence();
			const details = await get(`/ccx/api/absenceManagement/v1/meridian_impl1/workers/${(list.body.data as IDataObject[])[0].id}/timeOffDetails`);
			expect((details.body.data as IDataObject[]).length).toBeGreaterThan(0);
			for (const entry of details.body.data as IDataObject[]) {
				expect(Object.keys(entry).filter((k) => !properties(absenceSpec, 'TimeOffDetailsView').includes(k))).toEqual([]);
				expect(typeof entry.quantity).toBe('number');
			}
			const balances = await get('/ccx/api/absenceManagement/v1/meridian_impl1/balances');
			for (const balance of balances.body.data as IDataObject[]) expect(Object.keys(balance).filter((k) => !properties(absenceSpec, 'AbsenceBalanceView').includes(k))).toEqual([]);
			const invalid = await get('/ccx/api/common/v1/meridian_impl1/workers?limit=500');
			expect(invalid.status).toBe(400);
			const validationModel = properties(spec, 'VALIDATION_ERROR_MODEL_REFERENCE').concat(properties(spec, 'ERROR_MODEL_REFERENCE'));
			expect(Object.keys(invalid.body).filter((k) => !validationModel.includes(k))).toEqual([]);
			expect(typeof invalid.body.error).toBe('string');
		});
	});
});
