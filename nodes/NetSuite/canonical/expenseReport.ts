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
import { expenseReportFields } from './standardFields';

type ExpenseState = 'open' | 'submitted' | 'approved' | 'rejected' | 'paid' | 'void';

const STATE_BY_LABEL: Record<string, ExpenseState> = {
	inprogress: 'open',
	pendingsupervisorapproval: 'submitted',
	pendingaccountingapproval: 'submitted',
	rejectedbysupervisor: 'rejected',
	rejectedbyaccounting: 'rejected',
	rejectedoverriddenbyaccounting: 'rejected',
	approvedbyaccounting: 'approved',
	approvedoverriddenbyaccounting: 'approved',
	paidinfull: 'paid',
	voided: 'void',
};
/** Status letters of the expense report status list, for records without refName. */
const STATE_BY_ID: Record<string, ExpenseState> = {
	A: 'open',
	B: 'submitted',
	C: 'submitted',
	D: 'rejected',
	E: 'rejected',
	F: 'approved',
	G: 'approved',
	H: 'rejected',
	I: 'paid',
	V: 'void',
};

export const expenseReportMapper: VendorMapper = {
	system: NETSUITE,
	object: 'expenseReport',
	aliases: ['expensereport', 'expense'],
	entity: 'expense',
	version: 1,
	knownFields: expenseReportFields,
	matches: (record) => recordTypeOf(record) === 'expensereport',

	toCanonical(record, context) {
		const problems: Problem[] = [];
		const source = sourceOf(record, problems);
		const currency = currencyOf(record.expensereportcurrency, context, 'payload.expensereportcurrency', problems);
		const status = isPlainObject(record.status) ? record.status : undefined;
		const state = status ? lookupLabel(STATE_BY_LABEL, status.refName) ?? STATE_BY_ID[String(status.id)] ?? status.refName : 'open';
		const lines = linesOf(record, 'expense', problems).map((line, index) => {
			if (!isPlainObject(line)) return line;
			const lineCurrency = line.currency === undefined ? currency : currencyOf(line.currency, context, `payload.expense.items[${index}].currency`, problems);
			return compact({
				lineId: textOf(line.line) ?? textOf(line.id),
				date: dateText(line.expensedate),
				category: nsRef(line.category),
				amount: money(line.amount, currency),
				originalAmount: lineCurrency && lineCurrency !== currency ? money(line.foreignamount, lineCurrency) : undefined,
				project: nsRef(line.customer),
				task: nsRef(line.projecttask),
				billable: line.isBillable ?? false,
				reimbursable: typeof line.isnonreimbursable === 'boolean' ? !line.isnonreimbursable : undefined,
				receipt: line.receipt,
				memo: line.memo,
			});
		});
		const data: CanonicalData = compact({
			number: record.tranId,
			resource: nsRef(record.entity),
			date: dateText(record.tranDate),
			approvalState: state,
			status: status ? textOf(status.refName) : undefined,
			currency,
			total: money(record.total, currency),
			lines,
			memo: record.memo,
		});
		return { data, source, enterpriseId: xrefOf(record, 'expense'), problems };
	},

	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const lines = (data.lines ?? []) as Array<Record<string, any>>;
		const record = compact({
			...identityOut('expense', context),
			tranId: data.number,
			entity: nsRefOut(data.resource, context, 'expense.resource', problems),
			tranDate: data.date,
			expensereportcurrency: currencyOut(data.currency),
			memo: data.memo,
			expense: {
				items: lines.map((line, index) =>
					compact({
						line: context.sourceSystem === NETSUITE ? Number(line.lineId) || line.lineId : undefined,
						expensedate: line.date,
						category: nsRefOut(line.category, context, `expense.lines[${index}].category`, problems),
						amount: amountOut(line.amount, `expense.lines[${index}].amount.amount`, problems),
						currency: currencyOut(line.originalAmount?.currency),
						foreignamount: amountOut(line.originalAmount, `expense.lines[${index}].originalAmount.amount`, problems),
						customer: nsRefOut(line.project, context, `expense.lines[${index}].project`, problems),
						projecttask: nsRefOut(line.task, context, `expense.lines[${index}].task`, problems),
						isBillable: line.billable,
						isnonreimbursable: typeof line.reimbursable === 'boolean' ? !line.reimbursable : undefined,
						receipt: line.receipt,
						memo: line.memo,
					}),
				),
			},
		});
		return { record, problems };
	},
};
