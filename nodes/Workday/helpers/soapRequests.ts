/**
 * Get_Workers and Get_Organizations requests, element names and order as the Human_Resources WSDL has them
 * (Get_Workers_Request: Request_References | Request_Criteria, Response_Filter, Response_Group; inside each the
 * WSDL's sequence). Every value is escaped by the kit's XML builder.
 */
import type { IDataObject } from 'n8n-workflow';

import { InvalidInputError } from '../../shared/kit';
import { xml, xmlToJson } from '../../shared/kit/xml';
import type { XmlElementSpec, XmlNode } from '../../shared/kit/xml';
import { MAX_SOAP_COUNT, referenceSpec } from '../transport';

/** Response_Group switches in the WSDL's order, with what each asks for. */
export const RESPONSE_GROUP_FIELDS = [
	['Include_Reference', 'reference'],
	['Include_Personal_Information', 'personal'],
	['Include_Employment_Information', 'employment'],
	['Include_Compensation', 'compensation'],
	['Include_Organizations', 'organizations'],
	['Include_Management_Chain_Data', 'managementChain'],
	['Include_Transaction_Log_Data', 'transactionLog'],
] as const;

export type ResponseGroup = Partial<Record<(typeof RESPONSE_GROUP_FIELDS)[number][1], boolean>>;

/** What the canonical resource needs, and nothing heavier (no photos, documents, benefits). */
export const RESOURCE_RESPONSE_GROUP: ResponseGroup = { reference: true, personal: true, employment: true, compensation: true, organizations: true };

export interface GetWorkersInput {
	/** Specific workers: `[type, id]`, type Employee_ID, Contingent_Worker_ID or WID. */
	references?: Array<[string, string]>;
	/** The transaction-log window: entry moments (ISO instants with their zone). */
	updatedFrom?: string;
	updatedThrough?: string;
	effectiveFrom?: string;
	effectiveThrough?: string;
	/** Business_Process_Type ids to keep. */
	transactionTypes?: string[];
	excludeInactive?: boolean;
	asOfEffectiveDate?: string;
	asOfEntryDateTime?: string;
	page?: number;
	count?: number;
	responseGroup?: ResponseGroup;
	version: string;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An instant for Workday: with its zone, never read in the server's zone. */
export function instant(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : value instanceof Date ? value.toISOString() : '';
	if (!INSTANT.test(text) || Number.isNaN(Date.parse(text))) throw new InvalidInputError(field, `${field}: ${JSON.stringify(value)} is not a date and time with its zone, such as 2026-11-01T00:00:00Z (field: ${field})`);
	return text;
}

export function dateOnly(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim().slice(0, 10) : '';
	if (!DATE.test(text) || Number.isNaN(Date.parse(text))) throw new InvalidInputError(field, `${field}: ${JSON.stringify(value)} is not a date written YYYY-MM-DD (field: ${field})`);
	return text;
}

function responseFilter(input: { asOfEffectiveDate?: string; asOfEntryDateTime?: string; page?: number; count?: number }): XmlElementSpec {
	const count = input.count ?? 100;
	if (!Number.isInteger(count) || count < 1 || count > MAX_SOAP_COUNT) throw new InvalidInputError('count', `count: Workday pages hold 1 to ${MAX_SOAP_COUNT} records, got ${count} (field: count)`);
	return xml('wd:Response_Filter', {}, [
		input.asOfEffectiveDate ? xml('wd:As_Of_Effective_Date', {}, input.asOfEffectiveDate) : undefined,
		input.asOfEntryDateTime ? xml('wd:As_Of_Entry_DateTime', {}, input.asOfEntryDateTime) : undefined,
		xml('wd:Page', {}, String(input.page ?? 1)),
		xml('wd:Count', {}, String(count)),
	]);
}

export function getWorkersRequest(input: GetWorkersInput): XmlElementSpec {
	const references = input.references ?? [];
	const window = input.updatedFrom !== undefined || input.updatedThrough !== undefined || input.effectiveFrom !== undefined || input.effectiveThrough !== undefined;
	const group = input.responseGroup ?? RESOURCE_RESPONSE_GROUP;
	return xml('wd:Get_Workers_Request', { 'wd:version': input.version }, [
		references.length ? xml('wd:Request_References', { 'wd:Skip_Non_Existing_Instances': 'false' }, references.map(([type, id]) => referenceSpec('wd:Worker_Reference', type, id))) : undefined,
		!references.length && (window || input.excludeInactive)
			? xml('wd:Request_Criteria', {}, [
					window
						? xml('wd:Transaction_Log_Criteria_Data', {}, [
								xml('wd:Transaction_Date_Range_Data', {}, [
									input.updatedFrom ? xml('wd:Updated_From', {}, input.updatedFrom) : undefined,
									input.updatedThrough ? xml('wd:Updated_Through', {}, input.updatedThrough) : undefined,
									input.effectiveFrom ? xml('wd:Effective_From', {}, input.effectiveFrom) : undefined,
									input.effectiveThrough ? xml('wd:Effective_Through', {}, input.effectiveThrough) : undefined,
								]),
								input.transactionTypes?.length
									? xml('wd:Transaction_Type_References', {}, input.transactionTypes.map((type) => referenceSpec('wd:Transaction_Type_Reference', 'Business_Process_Type', type)))
									: undefined,
							])
						: undefined,
					input.excludeInactive ? xml('wd:Exclude_Inactive_Workers', {}, 'true') : undefined,
				])
			: undefined,
		responseFilter(input),
		xml(
			'wd:Response_Group',
			{},
			RESPONSE_GROUP_FIELDS.map(([element, key]) => (group[key] === undefined ? undefined : xml(`wd:${element}`, {}, group[key] ? 'true' : 'false'))),
		),
	]);
}

export const ORGANIZATION_TYPES = ['Company', 'Cost_Center', 'Supervisory'] as const;

export function getOrganizationsRequest(input: { types: string[]; includeInactive?: boolean; asOfEntryDateTime?: string; page?: number; count?: number; version: string }): XmlElementSpec {
	return xml('wd:Get_Organizations_Request', { 'wd:version': input.version }, [
		xml('wd:Request_Criteria', {}, [...input.types.map((type) => referenceSpec('wd:Organization_Type_Reference', 'Organization_Type_ID', type)), input.includeInactive ? xml('wd:Include_Inactive', {}, 'true') : undefined]),
		responseFilter(input),
		xml('wd:Response_Group', {}, [xml('wd:Include_Roles_Data', {}, 'false'), xml('wd:Include_Hierarchy_Data', {}, 'false')]),
	]);
}

/** A Worker element as the node outputs it (JSON of the XML), with the as-of date it was read at. */
export function workerJson(node: XmlNode, asOfEffectiveDate?: string): IDataObject {
	const json = xmlToJson(node) as IDataObject;
	return asOfEffectiveDate ? { ...json, asOfEffectiveDate } : json;
}
