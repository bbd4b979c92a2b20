/**
 * NetSuite ⇄ canonical mappings, for the Canonical Transform node and for the NetSuite node's
 * "Output: Canonical" option. Pure: no n8n imports, no I/O.
 */
import type { VendorMapper } from '../../../lib/canonical';
import { vendorCanonical } from '../../../lib/canonical';

import { billingScheduleMilestoneMapper } from './billingScheduleMilestone';
import { customerMapper } from './customer';
import { employeeMapper } from './employee';
import { expenseReportMapper } from './expenseReport';
import { invoiceMapper } from './invoice';
import { jobMapper } from './job';
import { journalEntryMapper } from './journalEntry';
import { resourceAllocationMapper } from './resourceAllocation';
import { timeBillMapper } from './timeBill';

export const netSuiteMappers: readonly VendorMapper[] = [
	customerMapper,
	jobMapper,
	employeeMapper,
	timeBillMapper,
	expenseReportMapper,
	invoiceMapper,
	journalEntryMapper,
	resourceAllocationMapper,
	billingScheduleMilestoneMapper,
];

const netSuiteCanonical = vendorCanonical('NetSuite', netSuiteMappers);

export const netSuiteMapperFor = netSuiteCanonical.mapperFor;

/**
 * A NetSuite record (REST API JSON) as a canonical record, for the node's Output: Canonical option, e.g.
 * `toCanonical('timeBill', record, { environment: 'sandbox', correlationId })`; and back.
 */
export const { toCanonical, fromCanonical } = netSuiteCanonical;

export {
	billingScheduleMilestoneMapper,
	customerMapper,
	employeeMapper,
	expenseReportMapper,
	invoiceMapper,
	jobMapper,
	journalEntryMapper,
	resourceAllocationMapper,
	timeBillMapper,
};
