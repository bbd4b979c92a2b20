import type { INodeProperties } from 'n8n-workflow';

import { recordOperationProperty, recordOperationsDescription } from '../record/Record.resource';

export const description: INodeProperties[] = [recordOperationProperty('opportunity'), ...recordOperationsDescription('opportunity')];
