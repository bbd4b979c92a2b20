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

/** An operation as the editor lists it ("Get Many") and the verb its action starts with ("Get many"). */
export interface OperationLabel {
	name: string;
	verb: string;
	/** The action names the records in the plural ("Get many accounts"). */
	many?: boolean;
}

/** What an operation's action names: one record with its article ("an account"), or many ("accounts"). */
export interface ActionTarget {
	one: string;
	many: string;
}

export function article(word: string): string {
	return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** "Get an account", "Get many accounts". */
export function operationAction(label: OperationLabel, target: ActionTarget): string {
	return `${label.verb} ${label.many ? target.many : target.one}`;
}

/**
 * The Operation picker of one resource: its operations sorted by name, each with its action and a description
 * (`describe`'s, or the action when it gives none). The default is Get Many when offered, else the first.
 */
export function operationPickerProperty<Operation extends string>(options: {
	resource: string;
	operations: Operation[];
	labels: Record<Operation, OperationLabel>;
	target: ActionTarget;
	describe: (operation: Operation) => string | undefined;
	default?: string;
}): INodeProperties {
	const { labels, target } = options;
	const operations = [...options.operations].sort((a, b) => labels[a].name.localeCompare(labels[b].name));
	const defaultOperation: string = options.default ?? (options.operations.includes('getMany' as Operation) ? 'getMany' : options.operations[0]);
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: defaultOperation,
		displayOptions: { show: { resource: [options.resource] } },
		options: operations.map((operation) => ({
			name: labels[operation].name,
			value: operation,
			description: options.describe(operation) ?? operationAction(labels[operation], target),
			action: operationAction(labels[operation], target),
		})),
	};
}

/** Options naming resources by their labels, sorted as the editor lists them (`names`: a subset, default all). */
export function labelledOptions<Name extends string>(resources: Record<Name, { label: string }>, names: Name[] = Object.keys(resources) as Name[]): Array<{ name: string; value: Name }> {
	return names.map((name) => ({ name: resources[name].label, value: name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The Resource picker over resources by their labels. */
export function resourcePickerProperty<Name extends string>(resources: Record<Name, { label: string }>, defaultResource: Name): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: labelledOptions(resources),
		default: defaultResource,
	};
}

/** The notice shown where the node runs as an agent's tool on operations that destroy data (`text` says what and how to limit it). */
export function destructiveToolNotice(text: string, operations: string[]): INodeProperties {
	return {
		displayName: text,
		name: 'deleteAsToolNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: operations, '@tool': [true] } },
	};
}
