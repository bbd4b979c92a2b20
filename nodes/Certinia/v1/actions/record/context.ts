import type { SalesforceConnection } from '../../../../Salesforce/transport';
import type { CertiniaResource } from '../../../helpers/objects';

/** What every Certinia operation runs with: the resource, its pse__ object and the org connection. */
export interface CertiniaOperationContext {
	resource: CertiniaResource;
	sObject: string;
	connection: SalesforceConnection;
}
