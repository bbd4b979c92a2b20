import type { CanonicalData, Problem, VendorMapper } from '../../../lib/canonical';
import { dateText, decimalToNumber, exactDecimalText, isPlainObject, lookupLabel } from '../../../lib/canonical';

import { NETSUITE, compact, identityOut, nsRef, nsRefOut, recordTypeOf, sourceOf, xrefOf } from './common';
import { resourceAllocationFields } from './standardFields';

type AssignmentStatus = 'proposed' | 'softBooked' | 'confirmed' | 'cancelled';
const BY_TYPE: Record<string, AssignmentStatus> = { hard: 'confirmed', soft: 'softBooked' };
const BY_TYPE_ID: Record<string, AssignmentStatus> = { '1': 'confirmed', '2': 'softBooked' };

function statusOf(record: Record<string, unknown>): unknown {
	const approval = isPlainObject(record.approvalStatus) ? String(record.approvalStatus.refName ?? '') : '';
	if (/reject/i.test(approval)) return 'cancelled';
	if (/pending/i.test(approval)) return 'proposed';
	const type = isPlainObject(record.allocationType) ? record.allocationType : undefined;
	return (type && (lookupLabel(BY_TYPE, type.refName) ?? BY_TYPE_ID[String(type.id)])) ?? 'confirmed';
}

export const resourceAllocationMapper: VendorMapper = {
	system: NETSUITE,
	object: 'resourceAllocation',
	aliases: ['resourceallocation', 'assignment'],
	entity: 'assignment',
	version: 1,
	knownFields: resourceAllocationFields,
	matches: (record) => recordTypeOf(record) === 'resourceallocation',

	toCanonical(record) {
		const problems: Problem[] = [];
		const source = sourceOf(record, problems);
		const data: CanonicalData = compact({
			resource: nsRef(record.allocationResource),
			project: nsRef(record.project),
			task: nsRef(record.projectTask),
			status: statusOf(record),
			startDate: dateText(record.startDate),
			endDate: dateText(record.endDate),
			hours: exactDecimalText(record.numberHours ?? undefined),
			percentOfTime: exactDecimalText(record.percentOfTime ?? undefined),
			notes: record.notes,
		});
		return { data, source, enterpriseId: xrefOf(record, 'assignment'), problems };
	},

	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const record = compact({
			...identityOut('assignment', context),
			allocationResource: nsRefOut(data.resource, context, 'assignment.resource', problems),
			project: nsRefOut(data.project, context, 'assignment.project', problems),
			projectTask: nsRefOut(data.task, context, 'assignment.task', problems),
			allocationType: data.status === 'softBooked' ? { id: '2' } : data.status === 'confirmed' ? { id: '1' } : undefined,
			startDate: data.startDate,
			endDate: data.endDate,
			numberHours: decimalToNumber(data.hours, 'assignment.hours', problems),
			percentOfTime: decimalToNumber(data.percentOfTime, 'assignment.percentOfTime', problems),
			allocationUnit: data.hours !== undefined ? { id: 'H' } : data.percentOfTime !== undefined ? { id: 'P' } : undefined,
			notes: data.notes,
		});
		return { record, problems };
	},
};
