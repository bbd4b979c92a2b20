import { InvalidInputError } from '../../../../shared/kit';
import type { SalesforceConnection } from '../../../transport';
import type { RecordResource } from '../../../helpers/objects';

/** What every record operation runs with. */
export interface OperationContext {
	resource: RecordResource;
	sObject: string;
	connection: SalesforceConnection;
}

/** Record ids go into URL paths: only the id alphabet is allowed (the path itself is checked again by the kit). */
export function checkedRecordId(value: unknown): string {
	const id = String(value ?? '').trim();
	if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id)) {
		throw new InvalidInputError('recordId', `Record ID ${JSON.stringify(id)} is not a Salesforce id (15 or 18 letters and digits) (field: recordId)`, 'INVALID_ID');
	}
	return id;
}
