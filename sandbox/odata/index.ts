/** The OData v4 sandbox core (see README.md beside this file). */
export { ODataService, ODATA_BATCH_LIMIT } from './service';
export type {
	ODataActionHandler,
	ODataBoundActionHandler,
	ODataRequestContext,
	ODataServiceHooks,
	ODataServiceOptions,
	ODataWriteContext,
	ODataWriteEvent,
	ODataWriteOperation,
} from './service';
export { ODataError, standardDialect } from './types';
export type {
	EdmType,
	ODataCollectionDefinition,
	ODataDialect,
	ODataEntitySetDefinition,
	ODataErrorKind,
	ODataLookupDefinition,
	ODataPropertyDefinition,
	ODataRecord,
} from './types';
export { parseFilter, evaluateFilter } from './filter';
export { parseBatchRequest, writeBatchResponse } from './multipart';
