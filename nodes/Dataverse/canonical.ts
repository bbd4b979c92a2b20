/**
 * Dataverse record conventions shared by every Dataverse ⇄ canonical mapping (Sales, Project Operations):
 * GUID ids in `<table>id`, `modifiedon` and `versionnumber` (the row version), lookups read as `_x_value`
 * with the related table in `…@Microsoft.Dynamics.CRM.lookuplogicalname` and written with `nav@odata.bind`,
 * Money columns as JSON numbers in the record's transaction currency (whose ISO code is only there when
 * `transactioncurrencyid` is expanded), choices as integers with their label in the formatted-value annotation.
 * Pure: no n8n imports, no I/O.
 */
import type { EntityName, FromCanonicalContext, Problem, ToCanonicalContext, VendorRecord } from '../../lib/canonical';
import { compact, decimalToNumber, isEnterpriseId, isPlainObject, reference, textOf, timestampText } from '../../lib/canonical';
import { isCurrencyCode } from '../../lib/money';

export const DATAVERSE = 'dataverse';

/** The text column an environment adds to hold a record's enterprise id (a custom column, publisher prefix p2c). */
export const ENTERPRISE_ID_COLUMN = 'p2c_enterpriseid';
/** The custom column holding the record's id in the system it came from (an alternate key where flows upsert). */
export const EXTERNAL_ID_COLUMN = 'p2c_externalid';

export const FORMATTED = '@OData.Community.Display.V1.FormattedValue';
export const LOGICAL_NAME = '@Microsoft.Dynamics.CRM.lookuplogicalname';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isDataverseId(value: unknown): value is string {
	return typeof value === 'string' && GUID.test(value);
}

/** Whether a record is a row of `table` (logical name): its primary key column holds a GUID. */
export function isTable(record: VendorRecord, table: string): boolean {
	return isDataverseId(record[`${table}id`]);
}

/** The label of a choice column (formatted value), when the read asked for annotations. */
export function labelOf(record: VendorRecord, column: string): string | undefined {
	const label = record[`${column}${FORMATTED}`];
	return typeof label === 'string' ? label : undefined;
}

/** A lookup (`_parentaccountid_value`) as a canonical reference, with the related record's name when annotated. */
export function lookupRef(record: VendorRecord, attribute: string, entity?: EntityName): Record<string, unknown> | undefined {
	const column = `_${attribute}_value`;
	return reference(DATAVERSE, record[column], record[`${column}${FORMATTED}`], entity);
}

/** The logical name of the table a lookup points to (customer lookups point to account or contact). */
export function lookupTable(record: VendorRecord, attribute: string): string | undefined {
	const value = record[`_${attribute}_value${LOGICAL_NAME}`];
	return typeof value === 'string' ? value : undefined;
}

/**
 * The record's currency: the expanded `transactioncurrencyid.isocurrencycode`, else the run's default
 * currency, else a problem when money must be read.
 */
export function currencyOf(record: VendorRecord, context: ToCanonicalContext, problems: Problem[], required: boolean): string | undefined {
	const expanded = record.transactioncurrencyid;
	const code = isPlainObject(expanded) ? expanded.isocurrencycode : undefined;
	if (typeof code === 'string' && isCurrencyCode(code)) return code;
	if (code !== undefined && code !== null) {
		problems.push({ path: 'payload.transactioncurrencyid.isocurrencycode', reason: `must be an ISO 4217 currency code (got ${JSON.stringify(code)})` });
		return undefined;
	}
	if (context.defaultCurrency) return context.defaultCurrency;
	if (required) {
		problems.push({
			path: 'payload.transactioncurrencyid',
			reason: 'is not expanded, so the currency of its money is unknown: expand transactioncurrencyid($select=isocurrencycode) or set the Default Currency option',
		});
	}
	return undefined;
}

export function sourceOf(record: VendorRecord, idColumn: string, problems: Problem[]) {
	const id = textOf(record[idColumn]);
	if (!id) problems.push({ path: `payload.${idColumn}`, reason: `is required: the Dataverse record id` });
	const modified = timestampText(record.modifiedon);
	const version = textOf(record.versionnumber);
	return compact({
		id: id ?? '',
		modifiedAt: typeof modified === 'string' ? modified : undefined,
		version,
		externalId: textOf(record[EXTERNAL_ID_COLUMN]),
	});
}

export function xrefOf(record: VendorRecord, entity: EntityName): string | undefined {
	const value = record[ENTERPRISE_ID_COLUMN];
	return isEnterpriseId(value) && value.startsWith(`ent-${entity}-`) ? value : undefined;
}

/**
 * Identity of a rendered record: its id column when the canonical record came from Dataverse; otherwise the
 * source's id (`p2c_externalid`, an alternate key to upsert by) and the enterprise id (`p2c_enterpriseid`, which
 * lookups bind through), so a re-run finds the same row.
 */
export function identityOut(context: FromCanonicalContext, idColumn: string): VendorRecord {
	if (context.sourceSystem === DATAVERSE) return { [idColumn]: context.sourceId };
	return { [EXTERNAL_ID_COLUMN]: context.sourceExternalId ?? context.sourceId, [ENTERPRISE_ID_COLUMN]: context.enterpriseId };
}

/**
 * A canonical reference as a lookup to write: `nav@odata.bind: "/set(<id>)"` when the record came from
 * Dataverse; otherwise by the related record's enterprise id through an alternate key on that column
 * (`/accounts(p2c_enterpriseid='ent-…')`), which Dataverse resolves the same way.
 */
export function bindOut(ref: unknown, context: FromCanonicalContext, navProperty: string, entitySet: string, path: string, problems: Problem[]): VendorRecord {
	if (!isPlainObject(ref)) return {};
	if (context.sourceSystem === DATAVERSE && isDataverseId(ref.id)) return { [`${navProperty}@odata.bind`]: `/${entitySet}(${ref.id})` };
	if (typeof ref.enterpriseId === 'string') {
		return { [`${navProperty}@odata.bind`]: `/${entitySet}(${ENTERPRISE_ID_COLUMN}='${ref.enterpriseId.replace(/'/g, "''")}')` };
	}
	problems.push({ path, reason: `refers to a ${context.sourceSystem} record (id ${String(ref.id)}) without an enterprise id, so Dataverse cannot bind it` });
	return {};
}

/** A canonical money or decimal as the JSON number a Money / Decimal column takes, only when exact. */
export function numberOut(value: unknown, path: string, problems: Problem[]): number | undefined {
	if (isPlainObject(value)) return decimalToNumber(value.amount, `${path}.amount`, problems);
	if (typeof value === 'string') return decimalToNumber(value, path, problems);
	return undefined;
}

/** Dataverse addresses: `address1_*` (bill to) and `address2_*` (ship to). */
export function addressOf(record: VendorRecord, prefix: 'address1' | 'address2'): Record<string, unknown> | undefined {
	const address = compact({
		line1: record[`${prefix}_line1`],
		line2: [record[`${prefix}_line2`], record[`${prefix}_line3`]].filter((line) => typeof line === 'string' && line !== '').join('\n') || undefined,
		city: record[`${prefix}_city`],
		region: record[`${prefix}_stateorprovince`],
		postalCode: record[`${prefix}_postalcode`],
		country: record[`${prefix}_country`],
	});
	return Object.keys(address).length > 0 ? address : undefined;
}

export function addressOut(address: unknown, prefix: 'address1' | 'address2'): VendorRecord {
	if (!isPlainObject(address)) return {};
	return compact({
		[`${prefix}_line1`]: address.line1,
		[`${prefix}_line2`]: address.line2,
		[`${prefix}_city`]: address.city,
		[`${prefix}_stateorprovince`]: address.region,
		[`${prefix}_postalcode`]: address.postalCode,
		[`${prefix}_country`]: address.country,
	});
}

/** A date-only value (`2026-11-12`) from a Date Only column or a date-time (`2026-11-12T00:00:00Z`). */
export function dateOnly(value: unknown): unknown {
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return value.slice(0, 10);
	return value;
}

/** Columns every table has and mappings knowingly leave out. */
export const SYSTEM_COLUMNS = [
	'@odata.etag', '@odata.context', 'createdon', 'modifiedon', 'versionnumber', 'overriddencreatedon', 'importsequencenumber',
	'timezoneruleversionnumber', 'utcconversiontimezonecode', '_createdby_value', '_modifiedby_value', '_createdonbehalfby_value',
	'_modifiedonbehalfby_value', '_ownerid_value', '_owningbusinessunit_value', '_owninguser_value', '_owningteam_value',
	'exchangerate', '_transactioncurrencyid_value', 'transactioncurrencyid', ENTERPRISE_ID_COLUMN, EXTERNAL_ID_COLUMN,
];

/** Whether a top-level key is an annotation of a known column (`x@OData.Community…`), known through its column. */
export function knownWithAnnotations(columns: readonly string[]): string[] {
	const out = new Set<string>(columns);
	for (const column of columns) {
		out.add(`${column}${FORMATTED}`);
		if (column.startsWith('_') && column.endsWith('_value')) {
			out.add(`${column}${LOGICAL_NAME}`);
			out.add(`${column}@Microsoft.Dynamics.CRM.associatednavigationproperty`);
		}
	}
	return [...out];
}

export { compact, textOf };
