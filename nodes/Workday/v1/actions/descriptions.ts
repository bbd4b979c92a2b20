/** The Workday node's parameters, by resource; which credential a resource uses follows from its API. */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { outputProperties } from '../../../shared/canonicalOutput';
import { recordLocator, returnAllProperties } from '../../../shared/kit';
import { CHANGE_TYPES } from '../../helpers/changes';
import { WORKDAY_ID_PATTERN } from '../../transport';

export const REST_RESOURCES = ['worker', 'supervisoryOrganization', 'timeOff', 'jobChangeReason'];
export const ISU_RESOURCES = ['workerWebService', 'organizationWebService', 'report'];

export const workdayCredentials: INodeTypeDescription['credentials'] = [
	{ name: 'p2cWorkdayOAuth2Api', required: true, displayOptions: { show: { resource: REST_RESOURCES } } },
	{ name: 'p2cWorkdayIsuApi', required: true, displayOptions: { show: { resource: ISU_RESOURCES } } },
];

const show = (resource: string, operation: string[]) => ({ show: { resource: [resource], operation } });

/** A Workday page URL or REST URL ends in the WID of the record (`…/workers/<wid>`, `…/d/inst/…/<wid>.htmld`). */
const WORKDAY_URL_REGEX = '^https?://[^?#]+/([0-9a-f]{32})(?:[/?#.].*)?$';

function locator(resource: string, operations: string[], what: string, searchListMethod: string): INodeProperties {
	return {
		...recordLocator({
			description: `The ${what}`,
			urlRegex: WORKDAY_URL_REGEX,
			urlPlaceholder: 'https://wd2-impl-services1.workday.com/ccx/api/common/v1/acme/workers/3aa5550b7fe348b98d7b5741afc65534',
			urlError: 'Not a Workday URL ending in a WID (32 hex digits)',
			idRegex: WORKDAY_ID_PATTERN,
			idPlaceholder: 'Employee_ID=21001 or 3aa5550b7fe348b98d7b5741afc65534',
			idError: 'A WID (32 lower-case hex digits) or a reference ID such as Employee_ID=21001',
			searchListMethod,
		}),
		displayOptions: show(resource, operations),
	};
}

const operation = (resource: string, options: Array<{ name: string; value: string; description: string; action: string }>, defaultValue: string): INodeProperties => ({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [resource] } },
	options,
	default: defaultValue,
});

const pagedRead = (resource: string, operations: string[]): INodeProperties[] => returnAllProperties.map((p) => ({ ...p, displayOptions: { show: { resource: [resource], operation: operations, ...(p.displayOptions?.show ?? {}) } } }));

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Job Change Reason', value: 'jobChangeReason', description: 'REST' },
			{ name: 'Organization (Web Service)', value: 'organizationWebService', description: 'SOAP Get_Organizations: companies, cost centers, supervisory organizations' },
			{ name: 'Report (RaaS)', value: 'report', description: 'A custom report run as a web service' },
			{ name: 'Supervisory Organization', value: 'supervisoryOrganization', description: 'REST, with the manager' },
			{ name: 'Time Off', value: 'timeOff', description: 'REST Absence Management' },
			{ name: 'Worker', value: 'worker', description: 'REST' },
			{ name: 'Worker (Web Service)', value: 'workerWebService', description: 'SOAP Get_Workers, with the transaction log' },
		],
		default: 'worker',
	},
	operation(
		'worker',
		[
			{ name: 'Get', value: 'get', description: 'Get a worker by WID or Employee_ID', action: 'Get a worker' },
			{ name: 'Get Many', value: 'getMany', description: 'List or search workers (active workers, 100 per page)', action: 'Get many workers' },
			{ name: 'Get Organizations', value: 'getOrganizations', description: "A worker's organizations (company, cost center, supervisory)", action: 'Get a worker s organizations' },
		],
		'get',
	),
	locator('worker', ['get', 'getOrganizations'], 'worker', 'searchWorkers'),
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		description: 'Workers whose name contains any of these space-separated words (Workday searches case-insensitively)',
		displayOptions: show('worker', ['getMany']),
	},
	...pagedRead('worker', ['getMany', 'getOrganizations']),
	operation(
		'supervisoryOrganization',
		[
			{ name: 'Get', value: 'get', description: 'Get a supervisory organization with its manager', action: 'Get a supervisory organization' },
			{ name: 'Get Many', value: 'getMany', description: 'List supervisory organizations with their managers', action: 'Get many supervisory organizations' },
		],
		'getMany',
	),
	locator('supervisoryOrganization', ['get'], 'supervisory organization', 'searchSupervisoryOrganizations'),
	...pagedRead('supervisoryOrganization', ['getMany']),
	operation(
		'timeOff',
		[
			{ name: 'Get Balances', value: 'getBalances', description: 'Time-off plan balances, of one worker or all', action: 'Get time off balances' },
			{ name: 'Get Details', value: 'getDetails', description: "A worker's time-off entries in a date range", action: 'Get time off details' },
		],
		'getDetails',
	),
	locator('timeOff', ['getDetails'], 'worker', 'searchWorkers'),
	{
		displayName: 'Worker WID',
		name: 'balanceWorker',
		type: 'string',
		default: '',
		placeholder: '3aa5550b7fe348b98d7b5741afc65534',
		description: "Only this worker's balances (a WID); empty for every worker's",
		displayOptions: show('timeOff', ['getBalances']),
	},
	{
		displayName: 'Filters',
		name: 'timeOffFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show('timeOff', ['getDetails']),
		options: [
			{ displayName: 'From Date', name: 'fromDate', type: 'string', default: '', placeholder: '2026-01-01' },
			{ displayName: 'To Date', name: 'toDate', type: 'string', default: '', placeholder: '2026-12-31' },
		],
	},
	...pagedRead('timeOff', ['getDetails', 'getBalances']),
	operation('jobChangeReason', [{ name: 'Get Many', value: 'getMany', description: 'Job change reasons', action: 'Get many job change reasons' }], 'getMany'),
	...pagedRead('jobChangeReason', ['getMany']),
	operation(
		'workerWebService',
		[
			{ name: 'Get Workers', value: 'getWorkers', description: 'Get_Workers: chosen workers, workers changed in a window, or all, as of a date', action: 'Get workers' },
			{ name: 'Get Changes', value: 'getChanges', description: 'Each transaction-log entry of a window as one item: change type, effective date, the worker as of then', action: 'Get worker changes' },
		],
		'getWorkers',
	),
	{
		displayName: 'Select',
		name: 'selection',
		type: 'options',
		options: [
			{ name: 'By Employee ID', value: 'ids', description: 'The workers named below' },
			{ name: 'Changed in a Window', value: 'changed', description: 'Workers with a transaction entered between two moments (Transaction_Log_Criteria_Data)' },
			{ name: 'All Workers', value: 'all' },
		],
		default: 'ids',
		displayOptions: show('workerWebService', ['getWorkers']),
	},
	{
		displayName: 'Employee IDs',
		name: 'employeeIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'EMP-0001, EMP-0002',
		description: 'Comma-separated Employee_ID values',
		displayOptions: { show: { resource: ['workerWebService'], operation: ['getWorkers'], selection: ['ids'] } },
	},
	{
		displayName: 'Updated From',
		name: 'updatedFrom',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Start of the entry-moment window (Updated_From)',
		displayOptions: { show: { resource: ['workerWebService'], operation: ['getChanges'] } },
	},
	{
		displayName: 'Updated From',
		name: 'updatedFrom',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Start of the entry-moment window (Updated_From)',
		displayOptions: { show: { resource: ['workerWebService'], operation: ['getWorkers'], selection: ['changed'] } },
	},
	{
		displayName: 'Updated Through',
		name: 'updatedThrough',
		type: 'dateTime',
		default: '',
		description: 'End of the window (Updated_Through); empty for now',
		displayOptions: { show: { resource: ['workerWebService'], operation: ['getChanges'] } },
	},
	{
		displayName: 'Updated Through',
		name: 'updatedThrough',
		type: 'dateTime',
		default: '',
		description: 'End of the window (Updated_Through); empty for now',
		displayOptions: { show: { resource: ['workerWebService'], operation: ['getWorkers'], selection: ['changed'] } },
	},
	{
		displayName: 'Change Types',
		name: 'changeTypes',
		type: 'multiOptions',
		options: CHANGE_TYPES.map(({ name, value, description }) => ({ name, value, description })),
		default: [],
		description: 'Which changes to output; none picked means all',
		displayOptions: show('workerWebService', ['getChanges']),
	},
	{
		displayName: 'Options',
		name: 'workerOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show('workerWebService', ['getWorkers']),
		options: [
			{ displayName: 'As of Effective Date', name: 'asOfEffectiveDate', type: 'string', default: '', placeholder: '2026-12-01', description: 'The date the data is read as of (As_Of_Effective_Date); empty for today' },
			{ displayName: 'Exclude Inactive Workers', name: 'excludeInactive', type: 'boolean', default: false },
			{ displayName: 'Include Management Chain', name: 'managementChain', type: 'boolean', default: false },
			{ displayName: 'Include Transaction Log', name: 'transactionLog', type: 'boolean', default: false },
			{ displayName: 'Page Size', name: 'count', type: 'number', typeOptions: { minValue: 1, maxValue: 999 }, default: 100, description: 'Workers per Get_Workers page (Count, 1–999)' },
		],
	},
	...pagedRead('workerWebService', ['getWorkers']),
	operation(
		'organizationWebService',
		[{ name: 'Get Organizations', value: 'getOrganizations', description: 'Get_Organizations of the chosen types', action: 'Get organizations' }],
		'getOrganizations',
	),
	{
		displayName: 'Organization Types',
		name: 'organizationTypes',
		type: 'multiOptions',
		options: [
			{ name: 'Company', value: 'Company' },
			{ name: 'Cost Center', value: 'Cost_Center' },
			{ name: 'Supervisory', value: 'Supervisory' },
		],
		default: ['Cost_Center', 'Company'],
		displayOptions: show('organizationWebService', ['getOrganizations']),
	},
	{
		displayName: 'Include Inactive',
		name: 'includeInactive',
		type: 'boolean',
		default: false,
		description: 'Whether inactive organizations are included',
		displayOptions: show('organizationWebService', ['getOrganizations']),
	},
	...pagedRead('organizationWebService', ['getOrganizations']),
	operation('report', [{ name: 'Run', value: 'run', description: 'Run a custom report (RaaS) and output its Report_Entry rows', action: 'Run a report' }], 'run'),
	{
		displayName: 'Report Owner',
		name: 'reportOwner',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'lmcneil',
		description: 'The user who owns the report (the path segment before the report name in its web service URL)',
		displayOptions: show('report', ['run']),
	},
	{
		displayName: 'Report Name',
		name: 'reportName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Worker_Loaded_Cost_Rates',
		displayOptions: show('report', ['run']),
	},
	{
		displayName: 'Prompts',
		name: 'prompts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Prompt',
		default: {},
		description: "The report's prompts, by their web service alias (e.g. Effective_as_of_Date)",
		displayOptions: show('report', ['run']),
		options: [
			{
				displayName: 'Prompt',
				name: 'prompt',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	...outputProperties(
		{ show: { resource: ['worker', 'workerWebService'], operation: ['get', 'getMany', 'getWorkers', 'getChanges'] } },
		'Workers map to canonical resources (status, cost rate with its effective date, FTE, weekly hours, location, legal entity, cost center, manager); Get Changes keeps the change under workdayChange.',
	),
];
