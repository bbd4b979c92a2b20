import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_API_VERSION } from './auth';

/** Fields both Salesforce credentials (JWT bearer and client credentials) have. */
export const instanceUrlProperty: INodeProperties = {
		displayName: 'Instance URL',
		name: 'instanceUrl',
		type: 'hidden',
		default: '',
};

export const apiVersionProperty: INodeProperties = {
		displayName: 'API Version',
		name: 'apiVersion',
		type: 'string',
		default: DEFAULT_API_VERSION,
		description: 'REST API version every request uses, e.g. v62.0',
};
