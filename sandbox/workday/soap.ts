/**
 * Workday Web Services in the sandbox: the SOAP 1.1 envelope, the WS-Security UsernameToken check, and
 * Human_Resources Get_Workers (Request_References, Transaction_Log_Criteria_Data window over the change history,
 * Response_Filter paging with As_Of_Effective_Date / As_Of_Entry_DateTime, Response_Group) and Get_Organizations.
 * Faults are SOAP faults with Workday's Validation_Fault (Message, Detail_Message, Xpath). Elements are written in
 * the WSDL's order (Human_Resources v30.0 in ../shared/specs); answers hold the subset the node reads.
 */
import { parseXml, renderXml, xml, xmlAttribute, xmlChild, xmlChildren, xmlPath } from '../../nodes/shared/kit/xml';
import type { XmlElementSpec, XmlNode } from '../../nodes/shared/kit/xml';
import type { SandboxResponse } from '../core/server';
import type { WorkerEvent, WorkerState } from './seed';
import { dayOf, LOCATIONS } from './seed';
import type { WorkdayTenant } from './tenant';
import { location, organization, ORGANIZATIONS } from './tenant';

const ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const WD = 'urn:com.workday/bsvc';

export class SoapFault extends Error {
	constructor(
		readonly faultCode: string,
		message: string,
		readonly validation: Array<{ message: string; detail?: string; xpath?: string }> = [],
	) {
		super(message);
	}
}

export function faultResponse(fault: SoapFault): SandboxResponse {
	const detail = fault.validation.length
		? xml('detail', {}, [
				xml('wd:Validation_Fault', { 'xmlns:wd': WD }, fault.validation.map((v) => xml('wd:Validation_Error', {}, [xml('wd:Message', {}, v.message), v.detail ? xml('wd:Detail_Message', {}, v.detail) : undefined, v.xpath ? xml('wd:Xpath', {}, v.xpath) : undefined]))),
			])
		: undefined;
	const body = renderXml(xml('SOAP-ENV:Envelope', { 'xmlns:SOAP-ENV': ENV }, [xml('SOAP-ENV:Body', {}, [xml('SOAP-ENV:Fault', {}, [xml('faultcode', {}, fault.faultCode), xml('faultstring', {}, fault.message), detail])])]));
	return { status: 500, headers: { 'Content-Type': 'text/xml;charset=UTF-8' }, body: `<?xml version="1.0" encoding="UTF-8"?>${body}` };
}

function envelopeResponse(payload: XmlElementSpec): SandboxResponse {
	const body = renderXml(xml('env:Envelope', { 'xmlns:env': ENV }, [xml('env:Body', {}, [payload])]));
	return { status: 200, headers: { 'Content-Type': 'text/xml;charset=UTF-8' }, body: `<?xml version="1.0" encoding="UTF-8"?>${body}` };
}

const validation = (message: string, xpath: string, detail?: string) => new SoapFault('SOAP-ENV:Client.validationError', 'Validation error occurred. ' + message, [{ message, xpath, detail }]);

/** Checks the envelope and its UsernameToken and returns the request element inside the Body. */
export function readEnvelope(rawBody: string, expectedUser: string, expectedPassword: string): XmlNode {
	let root: XmlNode;
	try {
		root = parseXml(rawBody);
	} catch (error) {
		throw new SoapFault('SOAP-ENV:Client', `Unable to parse the request: ${(error as Error).message}`);
	}
	if (root.localName !== 'Envelope' || root.attributes[Object.keys(root.attributes).find((k) => k.startsWith('xmlns:') && root.name.startsWith(`${k.slice(6)}:`)) ?? ''] !== ENV) {
		throw new SoapFault('SOAP-ENV:VersionMismatch', 'The request is not a SOAP 1.1 envelope');
	}
	const token = xmlPath(root, 'Header', 'Security', 'UsernameToken');
	const user = xmlChild(token, 'Username')?.text.trim();
	const password = xmlChild(token, 'Password')?.text;
	if (!token || user !== expectedUser || password !== expectedPassword) {
		throw new SoapFault('SOAP-ENV:Client.authenticationError', 'invalid username or password');
	}
	const request = xmlChild(root, 'Body')?.children[0];
	if (!request) throw new SoapFault('SOAP-ENV:Client', 'The SOAP body is empty');
	return request;
}

const BOOLEAN = /^(true|false|1|0)$/;

function bool(node: XmlNode | undefined, xpath: string): boolean | undefined {
	if (!node) return undefined;
	const text = node.text.trim();
	if (!BOOLEAN.test(text)) throw validation(`Invalid boolean value '${text}'`, xpath);
	return text === 'true' || text === '1';
}

function dateTime(node: XmlNode | undefined, xpath: string): number | undefined {
	if (!node) return undefined;
	const text = node.text.trim();
	const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? Date.parse(text) : Number.NaN;
	if (Number.isNaN(ms)) throw validation(`Invalid dateTime value '${text}': a date and time with its zone is required`, xpath);
	return ms;
}

function date(node: XmlNode | undefined, xpath: string): string | undefined {
	if (!node) return undefined;
	const text = node.text.trim().slice(0, 10);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text))) throw validation(`Invalid date value '${node.text.trim()}'`, xpath);
	return text;
}

function wholeNumber(node: XmlNode | undefined, xpath: string, min: number, max: number): number | undefined {
	if (!node) return undefined;
	const text = node.text.trim();
	if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw validation(`The value '${text}' must be a whole number from ${min} to ${max}`, xpath);
	return Number(text);
}

interface Paging {
	page: number;
	count: number;
	asOfEffectiveDate: string;
	asOfEntryMs: number;
}

function paging(tenant: WorkdayTenant, request: XmlNode, operation: string): Paging {
	const filter = xmlChild(request, 'Response_Filter');
	const base = `/bsvc:${operation}_Request[1]/bsvc:Response_Filter[1]`;
	const page = wholeNumber(xmlChild(filter, 'Page'), `${base}/bsvc:Page[1]`, 1, 999_999_999_999) ?? 1;
	const count = wholeNumber(xmlChild(filter, 'Count'), `${base}/bsvc:Count[1]`, 1, 999) ?? 100;
	const asOfEntry = dateTime(xmlChild(filter, 'As_Of_Entry_DateTime'), `${base}/bsvc:As_Of_Entry_DateTime[1]`);
	// Workday's own rule: paging past the first page needs the entry moment that fixes the result set.
	if (page > 1 && asOfEntry === undefined) throw validation('As_Of_Entry_DateTime is required when Page is greater than 1, so the pages are one result set', `${base}/bsvc:As_Of_Entry_DateTime[1]`);
	return {
		page,
		count,
		asOfEffectiveDate: date(xmlChild(filter, 'As_Of_Effective_Date'), `${base}/bsvc:As_Of_Effective_Date[1]`) ?? tenant.today(),
		asOfEntryMs: asOfEntry ?? tenant.now(),
	};
}

function responseResults(total: number, paged: Paging, pageResults: number): XmlElementSpec {
	return xml('wd:Response_Results', {}, [
		xml('wd:Total_Results', {}, String(total)),
		xml('wd:Total_Pages', {}, String(Math.max(1, Math.ceil(total / paged.count)))),
		xml('wd:Page_Results', {}, String(pageResults)),
		xml('wd:Page', {}, String(paged.page)),
	]);
}

function ids(entries: Array<[string, string]>): XmlElementSpec[] {
	return entries.map(([type, value]) => xml('wd:ID', { 'wd:type': type }, value));
}

function orgReference(name: string, referenceId: string): XmlElementSpec | undefined {
	const org = organization(referenceId);
	if (!org) return undefined;
	const typeId = org.type === 'Company' ? 'Company_Reference_ID' : org.type === 'Cost_Center' ? 'Cost_Center_Reference_ID' : 'Organization_Reference_ID';
	return xml(name, { 'wd:Descriptor': org.name }, ids([['WID', org.wid], [typeId, org.referenceId]]));
}

function workerReference(tenant: WorkdayTenant, name: string, employeeId: string, descriptor?: string): XmlElementSpec {
	return xml(name, descriptor ? { 'wd:Descriptor': descriptor } : {}, ids([['WID', tenant.workerWid(employeeId)], ['Employee_ID', employeeId]]));
}

interface ResponseGroup {
	reference: boolean;
	personal: boolean;
	employment: boolean;
	compensation: boolean;
	organizations: boolean;
	management: boolean;
	transactionLog: boolean;
}

function responseGroup(request: XmlNode): ResponseGroup {
	const group = xmlChild(request, 'Response_Group');
	const base = '/bsvc:Get_Workers_Request[1]/bsvc:Response_Group[1]';
	const flag = (name: string, fallback: boolean) => bool(xmlChild(group, name), `${base}/bsvc:${name}[1]`) ?? fallback;
	// Workday's defaults with no Response_Group: reference, personal and employment information.
	return {
		reference: flag('Include_Reference', true),
		personal: flag('Include_Personal_Information', !group),
		employment: flag('Include_Employment_Information', !group),
		compensation: flag('Include_Compensation', false),
		organizations: flag('Include_Organizations', false),
		management: flag('Include_Management_Chain_Data', false),
		transactionLog: flag('Include_Transaction_Log_Data', false),
	};
}

function workerElement(tenant: WorkdayTenant, employeeId: string, state: WorkerState, group: ResponseGroup, log: WorkerEvent[], asOfEffectiveDate: string): XmlElementSpec {
	const name = `${state.firstName} ${state.lastName}`;
	const terminated = state.active === false && state.terminationDate !== undefined && state.terminationDate <= asOfEffectiveDate;
	const manager = state.managerId ? tenant.stateOf(state.managerId, asOfEffectiveDate, tenant.now()) : undefined;
	const site = location(state.location);
	const data: Array<XmlElementSpec | undefined> = [
		xml('wd:Worker_ID', {}, employeeId),
		xml('wd:User_ID', {}, state.email.split('@')[0]),
		group.personal
			? xml('wd:Personal_Data', {}, [
					xml('wd:Name_Data', {}, [xml('wd:Legal_Name_Data', {}, [xml('wd:Name_Detail_Data', { 'wd:Formatted_Name': name, 'wd:Reporting_Name': `${state.lastName}, ${state.firstName}` }, [xml('wd:Country_Reference', {}, ids([['ISO_3166-1_Alpha-2_Code', state.company === 'MAG-UK' ? 'GB' : 'US']])), xml('wd:First_Name', {}, state.firstName), xml('wd:Last_Name', {}, state.lastName)])])]),
					xml('wd:Contact_Data', {}, [xml('wd:Email_Address_Data', {}, [xml('wd:Email_Address', {}, state.email), xml('wd:Usage_Data', { 'wd:Public': '1' }, [xml('wd:Type_Data', { 'wd:Primary': '1' }, [xml('wd:Type_Reference', {}, ids([['Communication_Usage_Type_ID', 'WORK']]))])])])]),
				])
			: undefined,
		group.employment
			? xml('wd:Employment_Data', {}, [
					xml('wd:Worker_Job_Data', { 'wd:Primary_Job': '1' }, [
						xml('wd:Position_Data', { 'wd:Effective_Date': asOfEffectiveDate }, [
							xml('wd:Position_ID', {}, `P-${employeeId}`),
							xml('wd:Business_Title', {}, state.title),
							xml('wd:Worker_Type_Reference', {}, ids([['Employee_Type_ID', 'Regular']])),
							xml('wd:Position_Time_Type_Reference', {}, ids([['Position_Time_Type_ID', state.ftePercent === '100' ? 'Full_time' : 'Part_time']])),
							xml('wd:Scheduled_Weekly_Hours', {}, state.weeklyHours),
							xml('wd:Default_Weekly_Hours', {}, state.company === 'MAG-UK' ? '37.5' : '40'),
							xml('wd:Full_Time_Equivalent_Percentage', {}, state.ftePercent),
							site ? xml('wd:Business_Site_Summary_Data', {}, [xml('wd:Location_Reference', { 'wd:Descriptor': site.name }, ids([['WID', site.wid], ['Location_ID', site.id]])), xml('wd:Name', {}, site.name)]) : undefined,
							state.managerId ? workerReference(tenant, 'wd:Manager_as_of_last_detected_manager_change_Reference', state.managerId, manager ? `${manager.firstName} ${manager.lastName}` : undefined) : undefined,
						]),
					]),
					xml('wd:Worker_Status_Data', {}, [
						xml('wd:Active', {}, terminated ? '0' : '1'),
						xml('wd:Hire_Date', {}, state.hireDate),
						xml('wd:Terminated', {}, terminated ? '1' : '0'),
						terminated ? xml('wd:Termination_Date', {}, state.terminationDate!) : undefined,
					]),
				])
			: undefined,
		group.compensation
			? xml('wd:Compensation_Data', {}, [
					xml('wd:Compensation_Effective_Date', {}, state.costRateEffective),
					xml('wd:Salary_and_Hourly_Data', {}, [
						xml('wd:Compensation_Plan_Reference', {}, ids([['Compensation_Plan_ID', 'Hourly_Cost']])),
						xml('wd:Amount', {}, state.costRate),
						xml('wd:Currency_Reference', {}, ids([['Currency_ID', state.currency]])),
						xml('wd:Frequency_Reference', {}, ids([['Frequency_ID', 'Hourly']])),
						xml('wd:Assignment_Effective_Date', {}, state.costRateEffective),
					]),
				])
			: undefined,
		group.organizations
			? xml(
					'wd:Organization_Data',
					{},
					[state.company, state.costCenter, state.supervisoryOrg].map((referenceId) => {
						const org = organization(referenceId)!;
						return xml('wd:Worker_Organization_Data', {}, [
							orgReference('wd:Organization_Reference', referenceId),
							xml('wd:Organization_Data', {}, [xml('wd:Organization_Reference_ID', {}, org.referenceId), xml('wd:Organization_Code', {}, org.code), xml('wd:Organization_Name', {}, org.name), xml('wd:Organization_Type_Reference', {}, ids([['Organization_Type_ID', org.type]]))]),
						]);
					}),
				)
			: undefined,
		group.management && state.managerId
			? xml('wd:Management_Chain_Data', {}, [xml('wd:Worker_Supervisory_Management_Chain_Data', {}, [xml('wd:Management_Chain_Data', {}, [orgReference('wd:Organization_Reference', state.supervisoryOrg), workerReference(tenant, 'wd:Manager_Reference', state.managerId)])])])
			: undefined,
		group.transactionLog
			? xml(
					'wd:Transaction_Log_Entry_Data',
					{},
					log.map((event) =>
						xml('wd:Transaction_Log_Entry', {}, [
							xml('wd:Transaction_Log_Reference', { 'wd:Descriptor': `${event.type}: ${name}` }, ids([['WID', event.wid]])),
							xml('wd:Transaction_Log_Data', {}, [
								xml('wd:Transaction_Log_Description', {}, `${event.type}: ${name}`),
								xml('wd:Transaction_Effective_Moment', {}, `${event.effectiveDate}T00:00:00.000Z`),
								xml('wd:Transaction_Entry_Moment', {}, event.enteredAt),
								xml('wd:Transaction_Log_Type_Reference', { 'wd:Descriptor': event.type }, ids([['Business_Process_Type', event.type]])),
							]),
						]),
					),
				)
			: undefined,
	];
	return xml('wd:Worker', {}, [group.reference ? workerReference(tenant, 'wd:Worker_Reference', employeeId, name) : undefined, xml('wd:Worker_Descriptor', {}, name), xml('wd:Worker_Data', {}, data)]);
}

/** Get_Workers_Response carries no version attribute in the WSDL, unlike Get_Organizations_Response. */
export function getWorkers(tenant: WorkdayTenant, request: XmlNode): SandboxResponse {
	const paged = paging(tenant, request, 'Get_Workers');
	const group = responseGroup(request);
	const base = '/bsvc:Get_Workers_Request[1]';
	let employeeIds: string[];
	let logByWorker = new Map<string, WorkerEvent[]>();
	const references = xmlChildren(xmlChild(request, 'Request_References'), 'Worker_Reference');
	const criteria = xmlChild(request, 'Request_Criteria');
	if (references.length) {
		employeeIds = references.map((reference, index) => {
			const id = xmlChild(reference, 'ID');
			const type = xmlAttribute(id, 'type') ?? '';
			const value = id?.text.trim() ?? '';
			const found = type === 'Employee_ID' ? (tenant.employeeIds().includes(value) ? value : undefined) : type === 'WID' ? tenant.employeeIdOfWid(value) : undefined;
			if (!found || !tenant.stateOf(found, '9999-12-31', paged.asOfEntryMs)) {
				throw validation(`Invalid ID value.  '${value}' is not a valid ID value for type = '${type}'`, `${base}/bsvc:Request_References[1]/bsvc:Worker_Reference[${index + 1}]/bsvc:ID[1]`);
			}
			return found;
		});
	} else {
		const logCriteria = xmlChildren(criteria, 'Transaction_Log_Criteria_Data');
		const excludeInactive = bool(xmlChild(criteria, 'Exclude_Inactive_Workers'), `${base}/bsvc:Request_Criteria[1]/bsvc:Exclude_Inactive_Workers[1]`) ?? false;
		if (logCriteria.length) {
			const range = xmlChild(logCriteria[0], 'Transaction_Date_Range_Data');
			const rangePath = `${base}/bsvc:Request_Criteria[1]/bsvc:Transaction_Log_Criteria_Data[1]/bsvc:Transaction_Date_Range_Data[1]`;
			const from = dateTime(xmlChild(range, 'Updated_From'), `${rangePath}/bsvc:Updated_From[1]`);
			const through = dateTime(xmlChild(range, 'Updated_Through'), `${rangePath}/bsvc:Updated_Through[1]`);
			if (from !== undefined && through !== undefined && from > through) throw validation('Updated_From must be on or before Updated_Through', `${rangePath}/bsvc:Updated_From[1]`);
			const effectiveFrom = date(xmlChild(range, 'Effective_From'), `${rangePath}/bsvc:Effective_From[1]`);
			const effectiveThrough = date(xmlChild(range, 'Effective_Through'), `${rangePath}/bsvc:Effective_Through[1]`);
			const types = xmlChildren(xmlChild(logCriteria[0], 'Transaction_Type_References'), 'Transaction_Type_Reference').map((reference) => xmlChild(reference, 'ID')?.text.trim() ?? '');
			// The log as it stood at As_Of_Entry_DateTime: later entries are not yet there.
			const events = tenant.eventsIn({ from, through: Math.min(through ?? Number.POSITIVE_INFINITY, paged.asOfEntryMs), effectiveFrom, effectiveThrough, types });
			logByWorker = new Map();
			for (const event of events) logByWorker.set(event.employeeId, [...(logByWorker.get(event.employeeId) ?? []), event]);
			employeeIds = [...logByWorker.keys()].sort();
		} else {
			employeeIds = tenant.employeeIds().filter((id) => tenant.stateOf(id, '9999-12-31', paged.asOfEntryMs));
		}
		if (excludeInactive) employeeIds = employeeIds.filter((id) => tenant.stateOf(id, paged.asOfEffectiveDate, paged.asOfEntryMs)?.active !== false);
	}
	const total = employeeIds.length;
	const slice = employeeIds.slice((paged.page - 1) * paged.count, paged.page * paged.count);
	const workers = slice.map((id) => {
		// A worker hired after the effective date is shown as hired (Workday shows the pending hire).
		const state = tenant.stateOf(id, paged.asOfEffectiveDate, paged.asOfEntryMs) ?? tenant.stateOf(id, '9999-12-31', paged.asOfEntryMs)!;
		return workerElement(tenant, id, state, group, (logByWorker.get(id) ?? []).sort((a, b) => Date.parse(a.enteredAt) - Date.parse(b.enteredAt)), paged.asOfEffectiveDate);
	});
	return envelopeResponse(
		xml('wd:Get_Workers_Response', { 'xmlns:wd': WD }, [
			xml('wd:Response_Filter', {}, [xml('wd:As_Of_Effective_Date', {}, paged.asOfEffectiveDate), xml('wd:As_Of_Entry_DateTime', {}, new Date(paged.asOfEntryMs).toISOString()), xml('wd:Page', {}, String(paged.page)), xml('wd:Count', {}, String(paged.count))]),
			responseResults(total, paged, workers.length),
			xml('wd:Response_Data', {}, workers),
		]),
	);
}

export function getOrganizations(tenant: WorkdayTenant, request: XmlNode, version: string): SandboxResponse {
	const paged = paging(tenant, request, 'Get_Organizations');
	const criteria = xmlChild(request, 'Request_Criteria');
	const types = xmlChildren(criteria, 'Organization_Type_Reference').map((reference, index) => {
		const value = xmlChild(reference, 'ID')?.text.trim() ?? '';
		if (!['Company', 'Cost_Center', 'Supervisory', 'Location'].includes(value)) {
			throw validation(`Invalid ID value.  '${value}' is not a valid ID value for type = 'Organization_Type_ID'`, `/bsvc:Get_Organizations_Request[1]/bsvc:Request_Criteria[1]/bsvc:Organization_Type_Reference[${index + 1}]/bsvc:ID[1]`);
		}
		return value;
	});
	const orgs = ORGANIZATIONS.filter((o) => !types.length || types.includes(o.type));
	const slice = orgs.slice((paged.page - 1) * paged.count, paged.page * paged.count);
	return envelopeResponse(
		xml('wd:Get_Organizations_Response', { 'xmlns:wd': WD, 'wd:version': version }, [
			responseResults(orgs.length, paged, slice.length),
			xml(
				'wd:Response_Data',
				{},
				slice.map((org) =>
					xml('wd:Organization', {}, [
						orgReference('wd:Organization_Reference', org.referenceId),
						xml('wd:Organization_Data', {}, [
							xml('wd:Reference_ID', {}, org.referenceId),
							xml('wd:Name', {}, org.name),
							xml('wd:Organization_Code', {}, org.code),
							xml('wd:Organization_Type_Reference', {}, ids([['Organization_Type_ID', org.type]])),
							xml('wd:Inactive', {}, '0'),
							org.managerId ? workerReference(tenant, 'wd:Manager_Reference', org.managerId) : undefined,
						]),
					]),
				),
			),
		]),
	);
}

export { LOCATIONS, dayOf };
