import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { resourcePickerProperty } from '../../../shared/kit';
import { RESOURCES } from '../../helpers/resources';
import type { CoupaResourceName } from '../../helpers/resources';
import { recordProperties } from './record/Record.resource';

export const coupaCredentials: INodeTypeDescription['credentials'] = [{ name: 'p2cCoupaOAuth2Api', required: true }];

/** Version 1's parameters, in the order the editor shows them. */
export const properties: INodeProperties[] = [resourcePickerProperty<CoupaResourceName>(RESOURCES, 'invoice'), ...recordProperties];
