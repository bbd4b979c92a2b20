import type { CanonicalData, Problem, VendorMapper } from '../../../lib/canonical';
import { dateText, decimalToNumber, exactDecimalText, isPlainObject, lookupLabel } from '../../../lib/canonical';
import { formatAmount, isCurrencyCode, parseAmount } from '../../../lib/money';

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
	sublist,
	textOf,
	xrefOf,
} from './common';
import { invoiceFields } from './standardFields';

type InvoiceStatus = 'draft' | 'pendingApproval' | 'open' | 'partiallyPaid' | 'paid' | 'void' | 'rejected';

const STATUS_BY_LABEL: Record<string, InvoiceStatus> = {
	open: 'open',
	paidinfull: 'paid',
	pendingapproval: 'pendingApproval',
	rejected: 'rejected',
	voided: 'void',
};
const STATUS_BY_ID: Record<string, InvoiceStatus> = { A: 'open', B: 'paid', D: 'pendingApproval', E: 'rejected', V: 'void' };

/**
 * The exact sum of amounts in minor units, or undefined when any is missing or not a valid amount. Used for
 * totals a record leaves out (NetSuite computes subtotal and total on save; a record built by hand may lack them).
 */
function sumOf(values: unknown[], currency: string | undefined): { amount: string; currency: string } | undefined {
	if (!currency || !isCurrencyCode(currency)) return undefined;
	try {
		const minor = values.reduce<bigint>((sum, value) => sum + parseAmount(exactDecimalText(value) as string, currency), 0n);
		return { amount: formatAmount(minor, currency), currency };
	} catch {
		return undefined;
	}
}

/** Shipping and handling, summed exactly, so the invoice total can be checked to the cent. */
function shippingTotal(record: Record<string, unknown>, currency: string | undefined): unknown {
	const parts = [record.shippingCost, record.handlingCost].filter((value) => value !== undefined && value !== null);
	if (parts.length === 0 || !currency || !isCurrencyCode(currency)) return undefined;
	try {
		const minor = parts.reduce<bigint>((sum, value) => sum + parseAmount(exactDecimalText(value) as string, currency), 0n);
		return { amount: formatAmount(minor, currency), currency };
	} catch {
		return money(parts[0], currency);
	}
}

export const invoiceMapper: VendorMapper = {
	system: NETSUITE,
	object: 'invoice',
	entity: 'invoice',
	version: 1,
	knownFields: invoiceFields,
	matches: (record) => recordTypeOf(record) === 'invoice',

	toCanonical(record, context) {
		const problems: Problem[] = [];
		const source = sourceOf(record, problems);
		const currency = currencyOf(record.currency, context, 'payload.currency', problems);
		const statusRef = isPlainObject(record.status) ? record.status : undefined;
		let status: unknown = statusRef ? lookupLabel(STATUS_BY_LABEL, statusRef.refName) ?? STATUS_BY_ID[String(statusRef.id)] ?? statusRef.refName : 'open';
		if (status === 'open' && typeof record.amountPaid === 'number' && record.amountPaid > 0) status = 'partiallyPaid';
		const lines = linesOf(record, 'item', problems).map((line) => {
			if (!isPlainObject(line)) return line;
			return compact({
				lineId: textOf(line.line) ?? textOf(line.lineUniqueKey),
				item: nsRef(line.item),
				description: line.description,
				quantity: exactDecimalText(line.quantity ?? undefined),
				rate: money(line.rate, currency),
				amount: money(line.amount, currency),
				taxAmount: money(line.tax1Amt, currency),
				project: nsRef(line.job),
				revenueStartDate: dateText(line.revRecStartDate),
				revenueEndDate: dateText(line.revRecEndDate),
			});
		});
		const lineAmounts = sublist(record.item).map((line) => (isPlainObject(line) ? line.amount : undefined));
		const subtotal = record.subtotal ?? undefined;
		const computedSubtotal = subtotal === undefined ? sumOf(lineAmounts, currency) : undefined;
		const computedTotal =
			record.total === undefined || record.total === null
				? sumOf(
						[subtotal ?? computedSubtotal?.amount, record.discountTotal, record.taxTotal, record.shippingCost, record.handlingCost].filter(
							(value) => value !== undefined && value !== null,
						),
						currency,
					)
				: undefined;
		const data: CanonicalData = compact({
			number: record.tranId,
			customer: nsRef(record.entity),
			project: nsRef(record.job),
			issueDate: dateText(record.tranDate),
			dueDate: dateText(record.dueDate),
			status,
			currency,
			lines,
			subtotal: computedSubtotal ?? money(record.subtotal, currency),
			discountTotal: money(record.discountTotal, currency),
			taxTotal: money(record.taxTotal, currency),
			shippingTotal: shippingTotal(record, currency),
			total: computedTotal ?? money(record.total, currency),
			amountPaid: money(record.amountPaid, currency),
			amountDue: money(record.amountRemaining, currency),
			paymentTerms: isPlainObject(record.terms) ? textOf(record.terms.refName) : undefined,
			purchaseOrder: record.otherRefNum,
			memo: record.memo,
			legalEntity: nsRef(record.subsidiary),
		});
		return { data, source, enterpriseId: xrefOf(record, 'invoice'), problems };
	},

	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const lines = (data.lines ?? []) as Array<Record<string, any>>;
		const record = compact({
			...identityOut('invoice', context),
			tranId: data.number,
			entity: nsRefOut(data.customer, context, 'invoice.customer', problems),
			job: nsRefOut(data.project, context, 'invoice.project', problems),
			tranDate: data.issueDate,
			dueDate: data.dueDate,
			currency: currencyOut(data.currency),
			otherRefNum: data.purchaseOrder,
			memo: data.memo,
			subsidiary: nsRefOut(data.legalEntity, context, 'invoice.legalEntity', problems),
			item: {
				items: lines.map((line, index) =>
					compact({
						line: context.sourceSystem === NETSUITE ? Number(line.lineId) || line.lineId : undefined,
						item: nsRefOut(line.item, context, `invoice.lines[${index}].item`, problems),
						description: line.description,
						quantity: decimalToNumber(line.quantity, `invoice.lines[${index}].quantity`, problems),
						rate: amountOut(line.rate, `invoice.lines[${index}].rate.amount`, problems),
						amount: amountOut(line.amount, `invoice.lines[${index}].amount.amount`, problems),
						job: nsRefOut(line.project, context, `invoice.lines[${index}].project`, problems),
						revRecStartDate: line.revenueStartDate,
						revRecEndDate: line.revenueEndDate,
					}),
				),
			},
		});
		return { record, problems };
	},
};
