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
