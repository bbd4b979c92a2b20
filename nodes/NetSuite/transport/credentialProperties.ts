import type { INodeProperties } from 'n8n-workflow';

/** Fields both NetSuite credentials (TBA and OAuth 2.0 M2M) have. */
export const accountIdProperty: INodeProperties = {
		displayName: 'Account ID',
		name: 'accountId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1234567_SB1',
		description:
			'Account ID from Setup > Company > Company Information, e.g. 1234567 or 1234567_SB1 for a sandbox. The host (and the TBA realm) are derived from it.',
};

export const baseUrlProperty: INodeProperties = {
		displayName: 'Base URL Override',
		name: 'baseUrl',
		type: 'string',
		default: '',
		placeholder: 'http://127.0.0.1:4020',
		description: 'Leave empty to use https://&lt;account&gt;.suitetalk.api.netsuite.com. Set it to reach a proxy or a local sandbox.',
};

export const concurrencyLimitProperty: INodeProperties = {
		displayName: 'Concurrency Limit',
		name: 'concurrencyLimit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000 },
		default: 5,
		description:
			'Most requests in flight at once for this account, shared by every NetSuite node in this n8n process. 5 is the shared-tier account limit; add 10 per SuiteCloud Plus licence.',
};
