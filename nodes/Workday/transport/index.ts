/**
 * Workday transport on the connector kit, for its three APIs:
 * - REST (`/ccx/api/<service>/<version>/<tenant>/…`, OAuth 2.0 bearer): `{data, total}` collections paged with
 *   `limit` (at most 100) and `offset`; errors `{error, errors: [{error, field?}]}`.
 * - SOAP (Workday Web Services, `/ccx/service/<tenant>/<service>/<version>`, WS-Security UsernameToken added by
 *   the ISU credential): envelopes built with every value escaped (kit xml), faults read with their validation
 *   errors and the XPath of the field; a fault is Workday's refusal and is never resent.
 * - RaaS (`/ccx/service/customreport2/<tenant>/<owner>/<report>?format=json`, Basic): `Report_Entry`.
 * Throttling: Workday answers 429 or 503 when a tenant is busy; both are resent with the kit's backoff.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IAllExecuteFunctions, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { collectRecords, InvalidInputError, pathSegment, vendorRequest, walkPages } from '../../shared/kit';
import type { HttpFailure, VendorError, VendorProfile, VendorResponse } from '../../shared/kit';
import { parseXml, renderXml, xml, xmlChild, xmlChildren, xmlPath } from '../../shared/kit/xml';
import type { XmlElementSpec, XmlNode } from '../../shared/kit/xml';

export const REST_CREDENTIAL_NAME = 'p2cWorkdayOAuth2Api';
export const ISU_CREDENTIAL_NAME = 'p2cWorkdayIsuApi';

/** Where the ISU credential puts its WS-Security header: the envelope's empty header, written once. */
export const SOAP_HEADER_SLOT = '<env:Header/>';
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const WD_NS = 'urn:com.workday/bsvc';

/** Workday's REST page ceiling. */
export const MAX_REST_LIMIT = 100;
/** Get_Workers' page size ceiling (`Count`, 1–999). */
export const MAX_SOAP_COUNT = 999;
export const DEFAULT_SOAP_COUNT = 100;

/** A WID, or a reference id such as `Employee_ID=21001` (Workday's INSTANCE_MODEL_REFERENCE id pattern). */
export const WORKDAY_ID_PATTERN = '(?:[0-9a-f]{32}|[0-9]+\\$[0-9]+|[A-Za-z_][A-Za-z0-9_]*=[^\\s/?#%\\\\]+)';
const WORKDAY_ID = new RegExp(`^${WORKDAY_ID_PATTERN}$`);

/** A user's Workday id, checked against Workday's id forms before it goes into a path. */
export function workdayId(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (!WORKDAY_ID.test(text)) {
		throw new InvalidInputError(
			field,
			`${field}: ${JSON.stringify(value)} is not a Workday ID: give a WID (32 lower-case hex digits) or a reference ID such as Employee_ID=21001 (field: ${field})`,
			'INVALID_ID',
		);
	}
	// `=` is a legal path character (RFC 3986 sub-delims) and Workday's reference ids are written with it.
	return pathSegment(text, field).replace(/%3D/g, '=');
}

// ---------------------------------------------------------------------------------------------------------
// Errors

/** The first SOAP fault in a body, if the body is a SOAP envelope carrying one. */
export function soapFaultOf(body: unknown): VendorError | undefined {
	if (typeof body !== 'string' || !body.includes('Fault')) return undefined;
	let root: XmlNode;
	try {
		root = parseXml(body);
	} catch {
		return undefined;
	}
	const fault = root.localName === 'Fault' ? root : xmlPath(root, 'Body', 'Fault');
	if (!fault) return undefined;
	const faultCode = xmlChild(fault, 'faultcode')?.text.trim() ?? 'Fault';
	const faultString = xmlChild(fault, 'faultstring')?.text.trim() ?? '';
	const detail = xmlChild(fault, 'detail');
	const validation = xmlChild(detail, 'Validation_Fault');
	const messages: string[] = [];
	const fields: string[] = [];
	for (const error of xmlChildren(validation, 'Validation_Error')) {
		const message = xmlChild(error, 'Message')?.text.trim();
		const detailMessage = xmlChild(error, 'Detail_Message')?.text.trim();
		const xpath = xmlChild(error, 'Xpath')?.text.trim();
		const text = [message, detailMessage && detailMessage !== message ? detailMessage : undefined].filter(Boolean).join(': ');
		if (text) messages.push(text);
		if (xpath) fields.push(fieldOfXpath(xpath));
	}
	const processing = xmlChild(xmlChild(detail, 'Processing_Fault'), 'Detail_Message')?.text.trim();
	if (processing) messages.push(processing);
	return {
		code: faultCode.includes(':') ? faultCode.slice(faultCode.indexOf(':') + 1) : faultCode,
		message: messages.length ? messages.join(' | ') : faultString || 'SOAP fault',
		fields: [...new Set(fields)],
	};
}

/**
 * The field an XPath names, in the request's terms: `/bsvc:Get_Workers_Request[1]/bsvc:Response_Filter[1]/
 * bsvc:Count[1]` → `Response_Filter.Count`.
 */
export function fieldOfXpath(xpath: string): string {
	const steps = xpath
		.split('/')
		.map((step) => step.replace(/\[\d+\]$/, '').replace(/^[^:]*:/, '').replace(/^@/, ''))
		.filter(Boolean);
	return (steps.length > 1 ? steps.slice(1) : steps).join('.');
}

/** Workday's REST error `{error, errors: [{error, field?, code?}]}` (VALIDATION_ERROR_MODEL_REFERENCE), or a SOAP fault. */
export function parseWorkdayError(body: unknown): VendorError | undefined {
	const fault = soapFaultOf(body);
	if (fault) return fault;
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const record = body as IDataObject;
	if (typeof record.error !== 'string') return undefined;
	const entries = Array.isArray(record.errors) ? (record.errors as IDataObject[]).filter((e) => e && typeof e.error === 'string') : [];
	const messages = entries.map((e) => String(e.error)).filter((m) => m !== record.error);
	const description = typeof record.error_description === 'string' ? `: ${record.error_description}` : '';
	return {
		code: String(entries.find((e) => typeof e.code === 'string')?.code ?? (entries.length ? 'VALIDATION_ERROR' : description ? record.error : 'ERROR')),
		message: [description ? `${record.error}${description}` : record.error, ...messages].join(' | '),
		fields: [...new Set(entries.map((e) => e.field).filter((f): f is string => typeof f === 'string'))],
	};
}

export const WORKDAY_PROFILE: VendorProfile = {
	name: 'Workday',
	parseError: parseWorkdayError,
	// 429, and 503 carrying Workday's own error (maintenance or a busy tenant): not processed, safe to resend.
	isThrottle: (failure: HttpFailure, vendorError) => failure.status === 429 || (failure.status === 503 && vendorError !== undefined),
	// A SOAP fault (HTTP 500) is Workday's answer to this request: resending it gets the same fault.
	isRefusal: (failure: HttpFailure) => soapFaultOf(failure.body) !== undefined,
	retry: { baseDelayMs: 1_000, maxDelayMs: 30_000 },
};

// ---------------------------------------------------------------------------------------------------------
// Connection

export interface WorkdayConnection {
	credentialType: string;
	/** `https://wd2-impl-services1.workday.com`, no trailing slash. */
	host: string;
	/** Already a safe path segment. */
	tenant: string;
	/** Web Services version, `v42.0`. */
	version: string;
}

export const DEFAULT_WEB_SERVICE_VERSION = 'v42.0';

export function hostOf(value: unknown): string {
	const text = String(value ?? '').trim().replace(/\/+$/, '');
	if (!text) throw new Error('Workday credential: Host is empty');
	return /^https?:\/\//i.test(text) ? text : `https://${text}`;
}

export function versionOf(value: unknown): string {
	const raw = String(value ?? '').trim() || DEFAULT_WEB_SERVICE_VERSION;
	const version = raw.startsWith('v') ? raw : `v${raw}`;
	if (!/^v\d{1,2}\.\d$/.test(version)) throw new Error(`Workday credential: web service version "${raw}" must look like v42.0`);
	return version;
}

export async function workdayConnection(context: IAllExecuteFunctions, credentialType: string): Promise<WorkdayConnection> {
	const credentials = await context.getCredentials(credentialType);
	return {
		credentialType,
		host: hostOf(credentials.host),
		tenant: pathSegment(String(credentials.tenant ?? '').trim(), 'tenant'),
		version: versionOf(credentials.webServiceVersion),
	};
}

interface CallSettings {
	correlationId?: string;
	itemIndex?: number;
}

// ---------------------------------------------------------------------------------------------------------
// REST

/** REST services and the version this node speaks. */
export const REST_SERVICES = { common: 'common/v1', absenceManagement: 'absenceManagement/v1' } as const;
export type RestService = keyof typeof REST_SERVICES;

export function restUrl(connection: WorkdayConnection, service: RestService, path: string): string {
	return `${connection.host}/ccx/api/${REST_SERVICES[service]}/${connection.tenant}${path}`;
}

export async function restRequest<T = IDataObject>(
	context: IAllExecuteFunctions,
	connection: WorkdayConnection,
	options: { method?: IHttpRequestMethods; service: RestService; path: string; qs?: IDataObject; body?: IDataObject } & CallSettings,
): Promise<VendorResponse<T>> {
	return await vendorRequest<T>(
		context,
		WORKDAY_PROFILE,
		{ method: options.method ?? 'GET', url: restUrl(connection, options.service, options.path), qs: options.qs, body: options.body },
		{ credentialType: connection.credentialType, correlationId: options.correlationId, itemIndex: options.itemIndex, renewTokenOn401: true },
	);
}

/** Every record of a `{data, total}` collection (or up to `limit`), at most 100 per page, by `offset`. */
export async function restList(
	context: IAllExecuteFunctions,
	connection: WorkdayConnection,
	service: RestService,
	path: string,
	qs: IDataObject = {},
	options: { limit?: number } & CallSettings = {},
): Promise<IDataObject[]> {
	const pageSize = Math.min(MAX_REST_LIMIT, options.limit !== undefined ? Math.max(1, options.limit) : MAX_REST_LIMIT);
	const pages = walkPages<{ data: IDataObject[]; total: number; offset: number }, number>(
		async (offset) => {
			const start = offset ?? 0;
			const body = (await restRequest<IDataObject>(context, connection, { service, path, qs: { ...qs, limit: pageSize, offset: start }, ...options })).body;
			return { data: Array.isArray(body.data) ? (body.data as IDataObject[]) : [], total: Number(body.total ?? 0), offset: start };
		},
		(page) => (page.data.length > 0 && page.offset + page.data.length < page.total ? page.offset + page.data.length : undefined),
	);
	return await collectRecords(pages, (page) => page.data, options.limit);
}

// ---------------------------------------------------------------------------------------------------------
// SOAP

export type SoapService = 'Human_Resources' | 'Staffing' | 'Financial_Management';

/** A SOAP 1.1 envelope around one request element; the header is left for the credential's UsernameToken. */
export function soapEnvelope(request: XmlElementSpec): string {
	return `<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="${SOAP_ENV_NS}" xmlns:wd="${WD_NS}">${SOAP_HEADER_SLOT}<env:Body>${renderXml(request)}</env:Body></env:Envelope>`;
}

export function soapUrl(connection: WorkdayConnection, service: SoapService): string {
	return `${connection.host}/ccx/service/${connection.tenant}/${service}/${connection.version}`;
}

/** Sends one SOAP request and returns the response element inside the Body (`wd:Get_Workers_Response`). */
export async function soapRequest(context: IAllExecuteFunctions, connection: WorkdayConnection, service: SoapService, request: XmlElementSpec, settings: CallSettings = {}): Promise<XmlNode> {
	const response = await vendorRequest<string>(
		context,
		WORKDAY_PROFILE,
		{
			method: 'POST',
			url: soapUrl(connection, service),
			body: soapEnvelope(request),
			json: false,
			encoding: 'text',
			headers: { 'Content-Type': 'text/xml; charset=utf-8', Accept: 'text/xml', SOAPAction: '""' },
		},
		// Every operation this node sends is a Get_: reading twice is reading once.
		{ credentialType: connection.credentialType, correlationId: settings.correlationId, itemIndex: settings.itemIndex, idempotent: true },
	);
	const text = typeof response.body === 'string' ? response.body : String(response.body ?? '');
	const fault = soapFaultOf(text);
	if (fault) {
		const error = new NodeOperationError(context.getNode(), `Workday: ${fault.code}: ${fault.message}${fault.fields.length ? ` (field: ${fault.fields.join(', ')})` : ''}`, { itemIndex: settings.itemIndex });
		Object.assign(error.context, { vendorErrorCode: fault.code, vendorErrorFields: fault.fields });
		throw error;
	}
	let root: XmlNode;
	try {
		root = parseXml(text);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `Workday answered ${service} with something that is not a SOAP envelope: ${(error as Error).message}`, { itemIndex: settings.itemIndex });
	}
	const body = xmlChild(root, 'Body');
	const payload = body?.children[0];
	if (root.localName !== 'Envelope' || !payload) throw new NodeOperationError(context.getNode(), `Workday answered ${service} without a SOAP body`, { itemIndex: settings.itemIndex });
	return payload;
}

/** `Response_Results` of a Get_ response. */
export function responseResults(response: XmlNode): { totalResults: number; totalPages: number; page: number; pageResults: number } {
	const results = xmlChild(response, 'Response_Results');
	const number = (name: string) => Number(xmlChild(results, name)?.text.trim() || '0');
	return { totalResults: number('Total_Results'), totalPages: number('Total_Pages'), page: number('Page'), pageResults: number('Page_Results') };
}

export interface SoapPagingOptions extends CallSettings {
	/** One entry moment for every page, so the pages are one consistent snapshot. */
	asOfEntryDateTime: string;
	count?: number;
	limit?: number;
}

/**
 * Walks the pages of a Get_ operation: `build(page)` gives the request for a page number; the response's
 * `Response_Data` children named `recordName` are collected, page 1 to `Total_Pages`.
 */
export async function soapList(
	context: IAllExecuteFunctions,
	connection: WorkdayConnection,
	service: SoapService,
	build: (page: number) => XmlElementSpec,
	recordName: string,
	options: { limit?: number } & CallSettings = {},
): Promise<XmlNode[]> {
	const pages = walkPages<{ records: XmlNode[]; page: number; totalPages: number }, number>(
		async (page) => {
			const number = page ?? 1;
			const response = await soapRequest(context, connection, service, build(number), options);
			const results = responseResults(response);
			return { records: xmlChildren(xmlChild(response, 'Response_Data'), recordName), page: number, totalPages: results.totalPages };
		},
		(page) => (page.page < page.totalPages && page.records.length > 0 ? page.page + 1 : undefined),
	);
	return await collectRecords(pages, (page) => page.records, options.limit);
}

/** `<wd:ID wd:type="Employee_ID">21001</wd:ID>` inside a reference element. */
export function referenceSpec(name: string, type: string, id: string): XmlElementSpec {
	return xml(name, {}, [xml('wd:ID', { 'wd:type': type }, id)]);
}

// ---------------------------------------------------------------------------------------------------------
// RaaS

/** Runs a custom report shared with the integration user; prompts go as query parameters. */
export async function runReport(
	context: IAllExecuteFunctions,
	connection: WorkdayConnection,
	owner: string,
	report: string,
	prompts: IDataObject,
	settings: CallSettings = {},
): Promise<IDataObject[]> {
	const url = `${connection.host}/ccx/service/customreport2/${connection.tenant}/${pathSegment(owner, 'reportOwner')}/${pathSegment(report, 'reportName')}`;
	const response = await vendorRequest<IDataObject>(
		context,
		WORKDAY_PROFILE,
		{ method: 'GET', url, qs: { ...prompts, format: 'json' } },
		{ credentialType: connection.credentialType, correlationId: settings.correlationId, itemIndex: settings.itemIndex },
	);
	const entries = (response.body ?? {}).Report_Entry;
	if (entries === undefined) return [];
	if (!Array.isArray(entries)) throw new NodeOperationError(context.getNode(), `Workday report ${report} answered without a Report_Entry list`, { itemIndex: settings.itemIndex });
	return entries as IDataObject[];
}
