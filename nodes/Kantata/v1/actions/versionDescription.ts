import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { destructiveToolNotice, resourcePickerProperty } from '../../../shared/kit';
import { RESOURCES } from '../../helpers/resources';
import type { KantataResourceName } from '../../helpers/resources';
import { recordProperties } from './record/Record.resource';

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Access Token', value: 'token' },
		{ name: 'OAuth2', value: 'oAuth2' },
	],
	default: 'token',
};

export const kantataCredentials: INodeTypeDescription['credentials'] = [
	{ name: 'p2cKantataTokenApi', required: true, displayOptions: { show: { authentication: ['token'] } } },
	{ name: 'p2cKantataOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
];

export const deleteNotice = destructiveToolNotice(
	'An agent using this tool can delete Kantata records for good. Give the credential a user who may delete only what the agent should, and have the agent confirm before it deletes.',
	['delete', 'bulkDelete'],
);

/** Version 1's parameters, in the order the editor shows them. */
export const properties: INodeProperties[] = [
	authenticationProperty,
	resourcePickerProperty<KantataResourceName>(RESOURCES, 'workspace'),
	...recordProperties,
	deleteNotice,
];
