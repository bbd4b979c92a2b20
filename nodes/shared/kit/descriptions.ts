import type { INodeProperties } from 'n8n-workflow';

/** n8n's usual "Return All" switch with the "Limit" it hides, for every paged read operation. */
export const returnAllProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/**
 * The hidden, expirable field a token-exchange credential caches its access token in: n8n runs the
 * credential's `preAuthentication` when it is empty, and again once when a request answers 401.
 */
export const cachedAccessTokenProperty: INodeProperties = {
		displayName: 'Access Token',
		name: 'accessToken',
		type: 'hidden',
		typeOptions: { expirable: true, password: true },
		default: '',
};

/**
 * A subtitle that reads as the editor's own labels ("Get Many: Opportunity", not "getMany: opportunity"): each
 * named parameter's value is looked up among the display names of every option list of that name.
 */
export function readableSubtitle(properties: INodeProperties[], parameterNames: string[]): string {
	const parts = parameterNames.map((name) => {
		const labels: Record<string, string> = {};
		for (const property of properties.filter((p) => p.name === name && p.type === 'options')) {
			for (const option of (property.options ?? []) as Array<{ name: string; value: unknown }>) labels[String(option.value)] = option.name;
		}
		return `(${JSON.stringify(labels)}[$parameter["${name}"]] ?? $parameter["${name}"])`;
	});
	return `={{ ${parts.join(' + ": " + ')} }}`;
}

export interface RecordLocatorOptions {
	description: string;
	/** A record page URL pattern with one capture group, the id (n8n's extractValue takes the first group). */
	urlRegex: string;
	urlPlaceholder: string;
	urlError: string;
	/** The id pattern, anchored by the helper. */
	idRegex: string;
	idPlaceholder: string;
	idError: string;
	/** The listSearch method behind From List (searched, paged). */
	searchListMethod?: string;
}

/**
 * The `recordId` resource locator every connector offers where a user picks a record: From List (searched,
 * paged), By URL (the vendor's record page) and By ID, each validated before the node runs.
 */
export function recordLocator(options: RecordLocatorOptions): INodeProperties {
	return {
		displayName: 'Record',
		name: 'recordId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a record...',
				typeOptions: { searchListMethod: options.searchListMethod ?? 'searchRecords', searchable: true },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: options.urlPlaceholder,
				validation: [{ type: 'regex', properties: { regex: options.urlRegex, errorMessage: options.urlError } }],
				extractValue: { type: 'regex', regex: options.urlRegex },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.idPlaceholder,
				validation: [{ type: 'regex', properties: { regex: `^${options.idRegex}$`, errorMessage: options.idError } }],
			},
		],
	};
}

/**
 * The "Map Fields" resource mapper every connector offers on writes where the vendor describes its fields: the
 * columns come from the node's `getMappingColumns` and are reloaded when the resource or operation changes.
 * `shownWhen` is the body-mode switch that shows it.
 */
export function mappedFieldsProperty(shownWhen: Record<string, string[]>, description: string): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		displayOptions: { show: shownWhen },
		typeOptions: {
			loadOptionsDependsOn: ['resource', 'operation'],
			resourceMapper: {
				resourceMapperMethod: 'getMappingColumns',
				mode: 'add',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
		description,
	};
}
