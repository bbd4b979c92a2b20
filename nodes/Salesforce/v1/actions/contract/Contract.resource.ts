import type { INodeProperties } from 'n8n-workflow';

import { recordOperationProperty, recordOperationsDescription } from '../record/Record.resource';

export const description: INodeProperties[] = [recordOperationProperty('contract'), ...recordOperationsDescription('contract')];
