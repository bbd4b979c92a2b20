import type { INodeProperties } from 'n8n-workflow';

import { recordLocator } from '../../../shared/kit/descriptions';

/**
 * A NetSuite record URL: the UI's (`https://<account>.app.netsuite.com/app/common/entity/custjob.nl?id=123`) or the
 * REST record service's (`…/services/rest/record/v1/<type>/<id>`, also `eid:<external ID>`). One capture
 * group, the id, as n8n's extractValue wants.
 */
export const NETSUITE_RECORD_URL_REGEX =
	'^https?://[^/]+/(?:app/[^?#]*\\.nl\\?(?:[^#]*&)?id=|services/rest/record/v1/[A-Za-z]+/)(\\d+|eid:[^/?#&]+)(?:[/?#&].*)?$';

/** The record an operation acts on: picked from a list (SuiteQL search), pasted as a record URL, or given by ID. */
export const recordIdLocator: INodeProperties = recordLocator({
	description: 'The record, by internal ID (or eid:&lt;external ID&gt;)',
	urlRegex: NETSUITE_RECORD_URL_REGEX,
	urlPlaceholder: 'https://1234567.app.netsuite.com/app/common/entity/custjob.nl?id=107',
	urlError: 'Not a NetSuite record URL (a record page or the REST record service)',
	idRegex: '(\\d+|eid:.+)',
	idPlaceholder: '107',
	idError: 'Use an internal ID (digits) or eid:<external ID>',
});

/** Record body: "Define Below" field/value pairs or a JSON object (expressions welcome). */
export const recordBodyProperties: INodeProperties[] = [
	{
		displayName: 'Specify Body',
		name: 'specifyBody',
		type: 'options',
		options: [
			{ name: 'Define Below', value: 'defineBelow', description: 'Field/value pairs; a dotted name sets a field of a reference' },
			{ name: 'JSON', value: 'json', description: 'The record body as JSON, as in the REST API Browser' },
		],
		default: 'defineBelow',
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { specifyBody: ['defineBelow'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getWritableFields', loadOptionsDependsOn: ['resource'] },
						default: '',
						description:
							'Field of the record, from the account\'s metadata catalog; a reference is set by its internal or external ID. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						// NetSuite's REST keys are lower case: the example names them as they are sent
						hint: 'e.g. companyName, subsidiary.id, parent.externalId',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
					},
				],
			},
		],
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{\n  "companyName": "",\n  "subsidiary": { "id": "1" }\n}',
		displayOptions: { show: { specifyBody: ['json'] } },
		description: 'Record fields as NetSuite expects them (as in the REST API Browser): a reference is an object with its internal or external ID, a sublist an object with an items array',
	},
];

/** Rows per SuiteQL request; NetSuite allows 1 to 1,000. */
export const pageSizeOption: INodeProperties = {
	displayName: 'Page Size',
	name: 'pageSize',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 1000 },
	default: 1000,
	description: 'Rows per SuiteQL request (NetSuite allows at most 1,000). Smaller pages suit wide rows.',
};
