import type { CanonicalData, Problem, VendorMapper } from '../../../lib/canonical';
import { dateText, isPlainObject, lookupLabel } from '../../../lib/canonical';

import {
	NETSUITE,
	amountOut,
	compact,
	currencyOf,
	currencyOut,
	identityOut,
	money,
	nsRef,
	nsRefOut,
	recordTypeOf,
	sourceOf,
	linesOf,
	textOf,
	xrefOf,
} from './common';
import { journalEntryFields } from './standardFields';

type JournalApproval = 'pendingApproval' | 'approved' | 'rejected';
const APPROVAL_BY_LABEL: Record<string, JournalApproval> = { pendingapproval: 'pendingApproval', approved: 'approved', rejected: 'rejected' };
const APPROVAL_BY_ID: Record<string, JournalApproval> = { '1': 'pendingApproval', '2': 'approved', '3': 'rejected' };

export const journalEntryMapper: VendorMapper = {
	system: NETSUITE,
	object: 'journalEntry',
	aliases: ['journalentry', 'journal'],
	entity: 'journalEntry',
	version: 1,
	knownFields: journalEntryFields,
	matches: (record) => recordTypeOf(record) === 'journalentry',

	toCanonical(record, context) {
		const problems: Problem[] = [];
		const source = sourceOf(record, problems);
		const currency = currencyOf(record.currency, context, 'payload.currency', problems);
		const approval = isPlainObject(record.approvalStatus)
			? lookupLabel(APPROVAL_BY_LABEL, record.approvalStatus.refName) ?? APPROVAL_BY_ID[String(record.approvalStatus.id)] ?? record.approvalStatus.refName
			: typeof record.approved === 'boolean'
				? record.approved
					? 'approved'
					: 'pendingApproval'
				: undefined;
		const lines = linesOf(record, 'line', problems).map((line) => {
			if (!isPlainObject(line)) return line;
			return compact({
				lineId: textOf(line.line),
				account: nsRef(line.account),
				debit: money(line.debit, currency),
				credit: money(line.credit, currency),
				memo: line.memo,
				costCenter: nsRef(line.department),
				class: nsRef(line.class),
				location: nsRef(line.location),
				entity: nsRef(line.entity),
			});
		});
		const data: CanonicalData = compact({
			number: record.tranId,
			date: dateText(record.tranDate),
			period: isPlainObject(record.postingPeriod) ? textOf(record.postingPeriod.refName) : undefined,
			currency,
			legalEntity: nsRef(record.subsidiary),
			approvalState: approval,
			reversalDate: dateText(record.reversalDate),
			memo: record.memo,
			lines,
		});
		return { data, source, enterpriseId: xrefOf(record, 'journalEntry'), problems };
	},

	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const lines = (data.lines ?? []) as Array<Record<string, any>>;
		const record = compact({
			...identityOut('journalEntry', context),
			tranId: data.number,
			tranDate: data.date,
			currency: currencyOut(data.currency),
			subsidiary: nsRefOut(data.legalEntity, context, 'journalEntry.legalEntity', problems),
			reversalDate: data.reversalDate,
			memo: data.memo,
			line: {
				items: lines.map((line, index) =>
					compact({
						line: context.sourceSystem === NETSUITE ? Number(line.lineId) || line.lineId : undefined,
						account: nsRefOut(line.account, context, `journalEntry.lines[${index}].account`, problems),
						debit: amountOut(line.debit, `journalEntry.lines[${index}].debit.amount`, problems),
						credit: amountOut(line.credit, `journalEntry.lines[${index}].credit.amount`, problems),
						memo: line.memo,
						department: nsRefOut(line.costCenter, context, `journalEntry.lines[${index}].costCenter`, problems),
						class: nsRefOut(line.class, context, `journalEntry.lines[${index}].class`, problems),
						location: nsRefOut(line.location, context, `journalEntry.lines[${index}].location`, problems),
						entity: nsRefOut(line.entity, context, `journalEntry.lines[${index}].entity`, problems),
					}),
				),
			},
		});
		return { record, problems };
	},
};
