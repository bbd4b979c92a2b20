/** Definitions shared by the OData v4 sandbox core: entity sets, properties, dialects and errors. */

export type EdmType =
	| 'Edm.String'
	| 'Edm.Guid'
	| 'Edm.Int32'
	| 'Edm.Int64'
	| 'Edm.Decimal'
	| 'Edm.Double'
	| 'Edm.Boolean'
	| 'Edm.DateTimeOffset'
	| 'Edm.Date';

export interface ODataPropertyDefinition {
	type: EdmType;
	maxLength?: number;
	/** Must be present (and not null) on create. */
	required?: boolean;
	/** Allowed values (Dataverse option set numbers, F&O enum member names). */
	enumValues?: Array<string | number>;
	/** Set by the service only; a write that sends it is refused. */
	readOnly?: boolean;
	/** Value given on create when the body leaves it out. */
	default?: unknown;
}

/** A single-valued navigation property written with `nav@odata.bind` and read as a column (Dataverse `_x_value`). */
export interface ODataLookupDefinition {
	target: string;
	column: string;
}

/**
 * A collection-valued navigation property (`$expand`, `set(key)/nav`): the records of `source` that hold this
 * record's whole key. `column` holds the key's last part (the record's own id: `accountid`, an F&O journal
 * number); the parts before it (an F&O `dataAreaId`) are held in the child's properties of the same name, unless
 * `parentKey` maps every key property to the child column that holds it.
 */
export interface ODataCollectionDefinition {
	source: string;
	column: string;
	parentKey?: Record<string, string>;
}

export interface ODataEntitySetDefinition {
	/** The entity set name in URLs (`accounts`, `CustomersV3`). */
	name: string;
	/** The entity type's name (`account`, `CustomerV3`), used in `@odata.context` and messages. */
	entityType: string;
	/** Primary key properties, in predicate order (`['accountid']`, `['dataAreaId', 'CustomerAccount']`). */
	key: string[];
	/** Alternate keys, each a list of properties (`[['accountnumber']]`). */
	alternateKeys?: string[][];
	properties: Record<string, ODataPropertyDefinition>;
	lookups?: Record<string, ODataLookupDefinition>;
	collections?: Record<string, ODataCollectionDefinition>;
	/** Set and property names in URLs and bodies match regardless of case. */
	caseInsensitiveNames?: boolean;
}

export type ODataRecord = Record<string, unknown>;

/** What a failure is, so each dialect can name it with the vendor's own code. */
export type ODataErrorKind =
	| 'badRequest'
	| 'unknownProperty'
	| 'invalidValue'
	| 'requiredMissing'
	| 'readOnlyProperty'
	| 'notFound'
	| 'segmentNotFound'
	| 'invalidKey'
	| 'duplicateKey'
	| 'preconditionFailed'
	| 'methodNotAllowed'
	| 'batchTooLarge'
	| 'skipNotSupported'
	| 'queryInvalid'
	| 'unauthorized'
	| 'forbidden'
	| 'throttled'
	| 'notSupportedBySandbox'
	| 'validation';

/** A refusal: handlers and hooks throw it; the service answers it in the dialect's error shape. */
export class ODataError extends Error {
	constructor(
		readonly status: number,
		readonly kind: ODataErrorKind,
		message: string,
		/** A vendor code that overrides the dialect's code for the kind (e.g. a hook's own Dataverse code). */
		readonly code?: string,
		readonly headers?: Record<string, string>,
		/** Extra members for the dialect's body (F&O innererror, Dataverse annotations). */
		readonly details?: Record<string, unknown>,
	) {
		super(message);
		this.name = 'ODataError';
	}
}

/** How a vendor's OData service differs: error shape and codes, paging limits, $skip, write answers. */
export interface ODataDialect {
	name: string;
	/** The schema namespace in qualified type names (`Microsoft.Dynamics.CRM`, `Microsoft.Dynamics.DataEntities`). */
	namespace?: string;
	/** Dataverse rejects `$skip`; F&O allows it. */
	allowSkip: boolean;
	/** The page size when the client asks for none, and the largest `odata.maxpagesize` honoured. */
	defaultPageSize: number;
	maxPageSize: number;
	/** F&O answers a create with 201 and the entity; Dataverse with 204 and OData-EntityId unless asked. */
	createReturnsRepresentation: boolean;
	/** Dataverse: PATCH on a key that does not exist creates the record (upsert). */
	patchUpserts: boolean;
	/**
	 * The HTTP status of a batch the service stopped at a failure (no `odata.continue-on-error`): `ok` answers 200
	 * as the OData standard has it; `failingRequest` answers with that request's status, as Dataverse does (the
	 * multipart body still holds every answer up to the failure).
	 */
	stoppedBatchStatus?: 'ok' | 'failingRequest';
	/** SQL-backed services compare strings without regard to case. */
	caseInsensitiveStrings: boolean;
	/** The vendor's code for a kind of failure (may be empty, as F&O's often is). */
	errorCode(kind: ODataErrorKind): string;
	/** The error body, e.g. `{"error":{"code","message"}}`. */
	errorBody(error: ODataError, code: string): unknown;
}

/** A neutral dialect: OData's standard error body, `$skip` allowed, 204 on create. */
export const standardDialect: ODataDialect = {
	name: 'standard',
	allowSkip: true,
	defaultPageSize: 1000,
	maxPageSize: 5000,
	createReturnsRepresentation: false,
	patchUpserts: false,
	caseInsensitiveStrings: true,
	errorCode: (kind) => kind,
	errorBody: (error, code) => ({ error: { code, message: error.message, ...(error.details ?? {}) } }),
};
