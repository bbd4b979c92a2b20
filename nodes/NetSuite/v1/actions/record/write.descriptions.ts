import type { INodeProperties } from 'n8n-workflow';

export const fetchRecordOption: INodeProperties = {
	displayName: 'Return Full Record',
	name: 'fetchRecord',
	type: 'boolean',
	default: false,
	description: 'Whether to read the record back after the write (one more request) instead of returning its ID only',
};

export const replaceSublistsOption: INodeProperties = {
	displayName: 'Replace Sublists',
	name: 'replace',
	type: 'string',
	default: '',
	placeholder: 'item,expense',
	description: 'Comma-separated sublists whose lines are replaced by the ones in the body instead of merged',
};
