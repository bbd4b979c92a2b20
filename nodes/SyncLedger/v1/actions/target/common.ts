import type { INodeProperties } from 'n8n-workflow';

export const targetSystemProperty: INodeProperties = {
	displayName: 'Target System',
	name: 'targetSystem',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'netsuite',
	description: 'The system whose breaker this is, as Record Result names it (Target System there)',
};

export const failureCodeProperty: INodeProperties = {
	displayName: 'Failure Code',
	name: 'failureCode',
	type: 'string',
	default: '={{ $json.code ?? "" }}',
	description:
		"The error code of a failed request (the package's nodes put it on every error item: HTTP_503, ECONNREFUSED …). 5xx, 408, 429 and network codes mean the target did not answer; any other code is an answer.",
};
