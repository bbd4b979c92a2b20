import type { CanonicalData, Problem, VendorMapper } from '../../../lib/canonical';
import { dateText, isPlainObject, lookupLabel } from '../../../lib/canonical';

import { NETSUITE, amountOut, compact, hoursOf, identityOut, money, nsRef, nsRefOut, recordTypeOf, sourceOf, textOf, xrefOf } from './common';
import { timeBillFields } from './standardFields';

type ApprovalState = 'open' | 'submitted' | 'approved' | 'rejected';

/** Approval status labels (Advanced Approvals for time: Open, Pending Approval, Approved, Rejected). */
const APPROVAL_BY_LABEL: Record<string, ApprovalState> = {
	open: 'open',
	pendingapproval: 'submitted',
	approved: 'approved',
	rejected: 'rejected',
};
/** Internal ids of NetSuite's approval status list, used when a record carries no refName. */
const APPROVAL_BY_ID: Record<string, ApprovalState> = { '1': 'submitted', '2': 'approved', '3': 'rejected', '4': 'open' };
const APPROVAL_OUT: Record<ApprovalState, { id: string; refName: string }> = {
	submitted: { id: '1', refName: 'Pending Approval' },
	approved: { id: '2', refName: 'Approved' },
	rejected: { id: '3', refName: 'Rejected' },
	open: { id: '4', refName: 'Open' },
};

function approvalOf(record: Record<string, unknown>): unknown {
	const status = record.approvalStatus;
	if (isPlainObject(status)) {
		const state = lookupLabel(APPROVAL_BY_LABEL, status.refName) ?? APPROVAL_BY_ID[String(status.id)];
		return state ?? textOf(status.refName) ?? textOf(status.id);
	}
	if (status !== undefined && status !== null) return lookupLabel(APPROVAL_BY_LABEL, status) ?? APPROVAL_BY_ID[String(status)] ?? status;
	// Without Advanced Approvals a time bill only has the supervisor's tick.
	if (record.supervisorApproval === true) return 'approved';
	return 'open';
}

export const timeBillMapper: VendorMapper = {
	system: NETSUITE,
	object: 'timeBill',
	aliases: ['timebill', 'time', 'timeEntry'],
	entity: 'timeEntry',
	version: 1,
	knownFields: timeBillFields,
	matches: (record) => recordTypeOf(record) === 'timebill',

	toCanonical(record, context) {
		const problems: Problem[] = [];
		const source = sourceOf(record, problems);
		const currency = context.defaultCurrency;
		const rate = record.rate;
		if (rate !== undefined && rate !== null && !currency) {
			problems.push({ path: 'payload.rate', reason: 'has no currency: NetSuite time bills carry none, so set the Default Currency option' });
		}
		const billRate = rate === undefined || rate === null ? undefined : { ...(money(rate, currency) as object), unit: 'hour' };
		const data: CanonicalData = compact({
			date: dateText(record.tranDate),
			hours: hoursOf(record.hours, 'payload.hours', problems),
			resource: nsRef(record.employee),
			project: nsRef(record.customer),
			task: nsRef(record.caseTaskEvent),
			serviceItem: nsRef(record.item),
			approvalState: approvalOf(record),
			billable: record.isBillable ?? false,
			billRate,
			description: record.memo ?? undefined,
			costCenter: nsRef(record.department),
			location: nsRef(record.location),
			legalEntity: nsRef(record.subsidiary),
			timesheet: nsRef(record.timesheet),
			posted: record.posted ?? undefined,
		});
		return { data, source, enterpriseId: xrefOf(record, 'timeEntry'), problems };
	},

	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const out = (field: string) => nsRefOut(data[field], context, `timeEntry.${field}`, problems);
		const approval = APPROVAL_OUT[data.approvalState as ApprovalState];
		const record = compact({
			...identityOut('timeEntry', context),
			tranDate: data.date,
			hours: data.hours,
			employee: out('resource'),
			customer: out('project'),
			caseTaskEvent: out('task'),
			item: out('serviceItem'),
			approvalStatus: approval ? { ...approval } : undefined,
			isBillable: data.billable,
			rate: amountOut(data.billRate, 'timeEntry.billRate.amount', problems),
			memo: data.description,
			department: out('costCenter'),
			location: out('location'),
			subsidiary: out('legalEntity'),
			timesheet: out('timesheet'),
		});
		return { record, problems };
	},
};
