/** Canonical records of the firm's time entries (sandbox/firm/dataset.ts), built the way the vendor mappings build them. */
import type { IDataObject } from 'n8n-workflow';

import { enterpriseIdFor, idempotencyKeyFor, SCHEMA_VERSION } from '../../lib/canonical';
import { FIRM_PEOPLE, FIRM_TIME } from '../../sandbox/firm/dataset';

function minorToDecimal(minor: string): string {
	const digits = minor.padStart(3, '0');
	return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** One canonical time entry per firm entry; `overrides` change its data, `modifiedAt` its version. */
export function canonicalTimeEntry(externalId: string, options: { modifiedAt?: string; version?: string; overrides?: IDataObject } = {}): IDataObject {
	const entry = FIRM_TIME.find((e) => e.externalId === externalId)!;
	const person = FIRM_PEOPLE.find((p) => p.externalId === entry.personExternalId)!;
	const data: IDataObject = {
		date: entry.date,
		hours: entry.hours,
		resource: { id: person.externalId, name: `${person.firstName} ${person.lastName}` },
		project: { id: entry.projectExternalId },
		task: { id: entry.taskExternalId },
		approvalState: entry.status === 'Approved' ? 'approved' : entry.status === 'Submitted' ? 'submitted' : 'open',
		billable: entry.billable,
		billRate: { amount: minorToDecimal(person.billRateMinor), currency: person.currency, unit: 'hour' },
		description: entry.notes,
		...(options.overrides ?? {}),
	};
	const source = { system: 'kantata', environment: 'sandbox', object: 'TimeEntry', id: entry.externalId, ...(options.modifiedAt ? { modifiedAt: options.modifiedAt } : {}), ...(options.version ? { version: options.version } : {}) };
	return {
		envelope: {
			schemaVersion: SCHEMA_VERSION,
			entity: 'timeEntry',
			source,
			enterpriseId: enterpriseIdFor('timeEntry', 'kantata', entry.externalId),
			correlationId: `corr-${entry.externalId}`,
			idempotencyKey: idempotencyKeyFor('timeEntry', source, data),
			lineage: [{ step: 'extract', system: 'kantata', object: 'TimeEntry', id: entry.externalId }],
		},
		timeEntry: data,
	};
}

export const APPROVED_ENTRIES = ['PSA-TE-1001', 'PSA-TE-1002', 'PSA-TE-1003', 'PSA-TE-1005'];
