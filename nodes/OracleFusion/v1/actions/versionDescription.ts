import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { destructiveToolNotice, resourcePickerProperty } from '../../../shared/kit';
import { RESOURCES } from '../../helpers/resources';
import type { OracleResourceName } from '../../helpers/resources';
import { recordProperties } from './record/Record.resource';

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'OAuth2 (Identity Domain)', value: 'oAuth2' },
		{ name: 'Basic Auth (Test Pods)', value: 'basic' },
	],
	default: 'oAuth2',
};

export const oracleCredentials: INodeTypeDescription['credentials'] = [
	{ name: 'p2cOracleFusionOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
	{ name: 'p2cOracleFusionBasicApi', required: true, displayOptions: { show: { authentication: ['basic'] } } },
];

export const deleteNotice = destructiveToolNotice(
	'An agent using this tool can delete Oracle records for good. Give the credential a user whose roles allow only what the agent should do, and have the agent confirm before it deletes.',
	['delete', 'batch'],
);

/** Version 1's parameters, in the order the editor shows them. */
export const properties: INodeProperties[] = [
	authenticationProperty,
	resourcePickerProperty<OracleResourceName>(RESOURCES, 'project'),
	...recordProperties,
	deleteNotice,
];
