/**
 * Dataverse's OData dialect for the sandbox core: `{"error":{"code":"0x…","message":"…"}}` with the Web API's hex
 * codes, `$skip` refused, pages up to 5,000, 204 + OData-EntityId on create, PATCH as upsert, case-insensitive
 * string comparison (SQL collation). Codes the sandbox uses:
 *
 *   0x80040217  the record does not exist (ObjectDoesNotExist)
 *   0x8006088a  resource not found for the segment (unknown entity set or function)
 *   0x80060888  OData query / property errors (unknown property, $skip, bad query option)
 *   0x80040237  duplicate record (an alternate key already used; If-None-Match: * on an existing record)
 *   0x80060882  the version of the existing record doesn't match (If-Match with a stale ETag)
 *   0x80040203  invalid argument (required column missing, bad value, refused state change)
 *   0x80072322 / 0x80072321 / 0x80072326  service protection (request count, execution time, concurrency)
 *
 * Features the sandbox lacks answer with code `SandboxNotSupported` and a message saying so, never a code that
 * reads like Dataverse's.
 */
import { ODataError } from '../odata/types';
import type { ODataDialect, ODataErrorKind } from '../odata/types';

export const DATAVERSE_CODES = {
	notFound: '0x80040217',
	segmentNotFound: '0x8006088a',
	query: '0x80060888',
	duplicate: '0x80040237',
	versionMismatch: '0x80060882',
	invalidArgument: '0x80040203',
	requestCount: '0x80072322',
	executionTime: '0x80072321',
	concurrency: '0x80072326',
	notSupportedBySandbox: 'SandboxNotSupported',
} as const;

const CODE_OF_KIND: Record<ODataErrorKind, string> = {
	badRequest: DATAVERSE_CODES.query,
	unknownProperty: DATAVERSE_CODES.query,
	invalidValue: DATAVERSE_CODES.invalidArgument,
	requiredMissing: DATAVERSE_CODES.invalidArgument,
	readOnlyProperty: DATAVERSE_CODES.invalidArgument,
	notFound: DATAVERSE_CODES.notFound,
	segmentNotFound: DATAVERSE_CODES.segmentNotFound,
	invalidKey: DATAVERSE_CODES.query,
	duplicateKey: DATAVERSE_CODES.duplicate,
	preconditionFailed: DATAVERSE_CODES.versionMismatch,
	methodNotAllowed: DATAVERSE_CODES.query,
	batchTooLarge: DATAVERSE_CODES.query,
	skipNotSupported: DATAVERSE_CODES.query,
	queryInvalid: DATAVERSE_CODES.query,
	unauthorized: '',
	forbidden: '0x80040220',
	throttled: DATAVERSE_CODES.requestCount,
	notSupportedBySandbox: DATAVERSE_CODES.notSupportedBySandbox,
	validation: DATAVERSE_CODES.invalidArgument,
};

export const dataverseDialect: ODataDialect = {
	name: 'dataverse',
	namespace: 'Microsoft.Dynamics.CRM',
	allowSkip: false,
	defaultPageSize: 5000,
	maxPageSize: 5000,
	createReturnsRepresentation: false,
	patchUpserts: true,
	// A batch stopped at a failure (no odata.continue-on-error) answers with that request's status (documented).
	stoppedBatchStatus: 'failingRequest',
	caseInsensitiveStrings: true,
	errorCode: (kind) => CODE_OF_KIND[kind],
	errorBody: (error: ODataError, code: string) => ({ error: { code, message: error.message } }),
};

export function dataverseError(status: number, code: string, message: string, headers?: Record<string, string>): ODataError {
	return new ODataError(status, 'validation', message, code, headers);
}
