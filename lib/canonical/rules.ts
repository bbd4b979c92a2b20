/**
 * Rules that span fields: currencies agree, lines sum exactly to their totals, journals balance, periods run
 * forwards. They run after the schema check passed, on exact integer minor units (never floating point).
 */
import { Rational, toMinorRational } from '../money';
import { isPlainObject } from './json';
import type { Money } from './money';
import { amountProblem, fromMinorUnits, isCurrencyCode, toMinorUnits } from './money';
import type { Problem } from './problems';
import type { EntityName } from './schemas';

type Data = Record<string, any>;

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Every money value and rate (`{ amount, currency }`) in `value`: is the amount exact in the currency's minor
 * units? Runs whether or not the rest of the record passed, so these problems come out together with the others.
 */
export function minorUnitProblems(value: unknown, path: string, problems: Problem[] = []): Problem[] {
	collectMinorUnitProblems(value, path, [], problems);
	return problems;
}

/** The walk of minorUnitProblems; the path below `root` is kept as segments and written out only for a problem. */
function collectMinorUnitProblems(value: unknown, root: string, segments: Array<string | number>, problems: Problem[]): void {
	if (Array.isArray(value)) {
		for (let index = 0; index < value.length; index++) {
			segments.push(index);
			collectMinorUnitProblems(value[index], root, segments, problems);
			segments.pop();
		}
	} else if (isPlainObject(value)) {
		const { amount, currency } = value;
		if (typeof amount === 'string' && typeof currency === 'string' && DECIMAL.test(amount) && isCurrencyCode(currency)) {
			const problem = amountProblem(amount, currency);
			if (problem) problems.push({ path: `${pathText(root, segments)}.amount`, reason: problem });
		}
		for (const key of Object.keys(value)) {
			const entry = value[key];
			if (entry === null || typeof entry !== 'object') continue;
			segments.push(key);
			collectMinorUnitProblems(entry, root, segments, problems);
			segments.pop();
		}
	}
}

/** `root`, then `[index]` for an array entry and `.key` for an object member. */
function pathText(root: string, segments: ReadonlyArray<string | number>): string {
	let text = root;
	for (const segment of segments) text += typeof segment === 'number' ? `[${segment}]` : `.${segment}`;
	return text;
}

export function crossFieldProblems(entity: EntityName, data: Data): Problem[] {
	const problems: Problem[] = [];
	const at = (path: string) => `${entity}.${path}`;
	const sameCurrency = (money: Money | undefined, path: string, currency: string | undefined) => {
		if (money && currency && money.currency !== currency) {
			problems.push({ path: at(`${path}.currency`), reason: `must be ${currency}, the ${entity}'s currency (got ${money.currency})` });
			return false;
		}
		return true;
	};
	const ordered = (from: string | undefined, to: string | undefined, fromPath: string, toPath: string) => {
		if (from && to && to < from) problems.push({ path: at(toPath), reason: `must not be before ${fromPath} (${from})` });
	};
	const sumMatches = (amounts: Array<Money | undefined>, total: Money | undefined, path: string, what: string) => {
		if (!total || amounts.some((amount) => !amount || amount.currency !== total.currency)) return;
		const sum = amounts.reduce((acc, amount) => acc + toMinorUnits(amount as Money), 0n);
		if (sum !== toMinorUnits(total)) {
			problems.push({
				path: at(path),
				reason: `must equal ${what} exactly: ${what} come to ${fromMinorUnits(sum, total.currency)} ${total.currency} but ${path} is ${total.amount}`,
			});
		}
	};

	switch (entity) {
		case 'contract': {
			const lines = (data.lines ?? []) as Data[];
			sameCurrency(data.totalValue, 'totalValue', data.currency);
			const linesOk = lines.every((line, index) => sameCurrency(line.amount, `lines[${index}].amount`, data.currency));
			if (linesOk && lines.length > 0) sumMatches(lines.map((line) => line.amount), data.totalValue, 'totalValue', 'the line amounts');
			ordered(data.startDate, data.endDate, 'startDate', 'endDate');
			break;
		}
		case 'project':
			sameCurrency(data.budget?.cost, 'budget.cost', data.currency);
			sameCurrency(data.budget?.revenue, 'budget.revenue', data.currency);
			ordered(data.startDate, data.endDate, 'startDate', 'endDate');
			((data.tasks ?? []) as Data[]).forEach((task, index) =>
				ordered(task.startDate, task.endDate, `tasks[${index}].startDate`, `tasks[${index}].endDate`),
			);
			break;
		case 'resource':
			for (const list of ['costRates', 'billRates']) {
				((data[list] ?? []) as Data[]).forEach((entry, index) =>
					ordered(entry.effectiveFrom, entry.effectiveTo, `${list}[${index}].effectiveFrom`, `${list}[${index}].effectiveTo`),
				);
			}
			ordered(data.hireDate, data.terminationDate, 'hireDate', 'terminationDate');
			break;
		case 'assignment':
		case 'resourceRequest':
			ordered(data.startDate, data.endDate, 'startDate', 'endDate');
			break;
		case 'expense': {
			const lines = data.lines as Data[];
			sameCurrency(data.total, 'total', data.currency);
			if (lines.every((line, index) => sameCurrency(line.amount, `lines[${index}].amount`, data.currency))) {
				sumMatches(lines.map((line) => line.amount), data.total, 'total', 'the line amounts');
			}
			lines.forEach((line, index) => expenseLineProblems(line, `lines[${index}]`, data.currency).forEach((problem) => problems.push({ ...problem, path: at(problem.path) })));
			break;
		}
		case 'invoice': {
			const lines = data.lines as Data[];
			const headerOk = ['subtotal', 'discountTotal', 'taxTotal', 'shippingTotal', 'total', 'amountPaid', 'amountDue'].every((field) =>
				sameCurrency(data[field], field, data.currency),
			);
			const linesOk = lines.every((line, index) => sameCurrency(line.amount, `lines[${index}].amount`, data.currency));
			if (linesOk) sumMatches(lines.map((line) => line.amount), data.subtotal, 'subtotal', 'the line amounts');
			if (headerOk) {
				sumMatches(
					[data.subtotal, data.discountTotal, data.taxTotal, data.shippingTotal].filter(Boolean),
					data.total,
					'total',
					'subtotal + discountTotal + taxTotal + shippingTotal',
				);
				if (data.amountPaid && data.amountDue) {
					const due = toMinorUnits(data.total) - toMinorUnits(data.amountPaid);
					if (due !== toMinorUnits(data.amountDue)) {
						problems.push({
							path: at('amountDue'),
							reason: `must equal total minus amountPaid exactly (${fromMinorUnits(due, data.currency)} ${data.currency}), got ${data.amountDue.amount}`,
						});
					}
				}
			}
			ordered(data.issueDate, data.dueDate, 'issueDate', 'dueDate');
			break;
		}
		case 'costCommitment':
			for (const field of ['unitPrice', 'amount', 'invoicedAmount']) sameCurrency(data[field], field, data.currency);
			ordered(data.orderDate, data.needByDate, 'orderDate', 'needByDate');
			break;
		case 'supplierInvoice': {
			const lines = data.lines as Data[];
			for (const field of ['subtotal', 'taxTotal', 'total']) sameCurrency(data[field], field, data.currency);
			if (lines.every((line, index) => sameCurrency(line.amount, `lines[${index}].amount`, data.currency))) {
				sumMatches(lines.map((line) => line.amount), data.subtotal, 'subtotal', 'the line amounts');
			}
			ordered(data.invoiceDate, data.dueDate, 'invoiceDate', 'dueDate');
			break;
		}
		case 'revenueSchedule': {
			const lines = data.lines as Data[];
			sameCurrency(data.total, 'total', data.currency);
			if (lines.every((line, index) => sameCurrency(line.amount, `lines[${index}].amount`, data.currency))) {
				sumMatches(lines.map((line) => line.amount), data.total, 'total', 'the line amounts');
			}
			lines.forEach((line, index) => ordered(line.periodStart, line.periodEnd, `lines[${index}].periodStart`, `lines[${index}].periodEnd`));
			break;
		}
		case 'journalEntry': {
			const lines = data.lines as Data[];
			let debits = 0n;
			let credits = 0n;
			let comparable = true;
			lines.forEach((line, index) => {
				const sides = [line.debit, line.credit].filter(Boolean) as Money[];
				if (sides.length !== 1) {
					problems.push({ path: at(`lines[${index}]`), reason: 'must have exactly one of debit or credit' });
					comparable = false;
					return;
				}
				const side = line.debit ? 'debit' : 'credit';
				if (!sameCurrency(sides[0], `lines[${index}].${side}`, data.currency)) {
					comparable = false;
					return;
				}
				const minor = toMinorUnits(sides[0]);
				if (minor < 0n) {
					problems.push({ path: at(`lines[${index}].${side}.amount`), reason: 'must not be negative (use the other side instead)' });
					comparable = false;
				}
				if (side === 'debit') debits += minor;
				else credits += minor;
			});
			if (comparable && debits !== credits) {
				problems.push({
					path: at('lines'),
					reason: `must balance: debits total ${fromMinorUnits(debits, data.currency)} but credits total ${fromMinorUnits(credits, data.currency)} ${data.currency}`,
				});
			}
			break;
		}
		default:
			break;
	}
	return problems;
}

/**
 * An expense line's tax and exchange rate: the tax is part of the amount (same currency, same sign, no larger), and
 * a line spent in another currency converts exactly: amount = originalAmount × exchangeRate, rounded half up to the
 * report currency's minor unit, computed on integers (never floating point).
 */
function expenseLineProblems(line: Data, path: string, currency: string | undefined): Problem[] {
	const problems: Problem[] = [];
	const amount = line.amount as Money | undefined;
	const tax = line.taxAmount as Money | undefined;
	if (tax && currency && tax.currency !== currency) problems.push({ path: `${path}.taxAmount.currency`, reason: `must be ${currency}, the expense's currency (got ${tax.currency})` });
	else if (tax && amount && tax.currency === amount.currency) {
		const [taxMinor, amountMinor] = [toMinorUnits(tax), toMinorUnits(amount)];
		const sameSign = taxMinor === 0n || (taxMinor < 0n) === (amountMinor < 0n);
		if (!sameSign || (taxMinor < 0n ? -taxMinor : taxMinor) > (amountMinor < 0n ? -amountMinor : amountMinor)) {
			problems.push({ path: `${path}.taxAmount`, reason: `must be part of amount (${amount.amount} ${amount.currency}): same sign and no larger, got ${tax.amount}` });
		}
	}
	const original = line.originalAmount as Money | undefined;
	const rate = typeof line.exchangeRate === 'string' ? line.exchangeRate : undefined;
	if (rate !== undefined && !original) problems.push({ path: `${path}.exchangeRate`, reason: 'needs originalAmount, the amount it converts' });
	if (rate !== undefined && original && amount && isCurrencyCode(original.currency) && isCurrencyCode(amount.currency) && DECIMAL.test(rate) && !amountProblem(original.amount, original.currency) && !amountProblem(amount.amount, amount.currency)) {
		const expected = convertedMinorUnits(original, rate, amount.currency);
		if (expected !== toMinorUnits(amount)) {
			problems.push({ path: `${path}.exchangeRate`, reason: `converts ${original.amount} ${original.currency} to ${fromMinorUnits(expected, amount.currency)} ${amount.currency}, but amount is ${amount.amount}` });
		}
	}
	return problems;
}

/** originalAmount × rate in the target currency's minor units, rounded half up, exactly (rationals, never floats). */
export function convertedMinorUnits(original: Money, rate: string, currency: string): bigint {
	return toMinorRational(Rational.parse(original.amount).mul(Rational.parse(rate)), currency).roundHalfUp();
}
