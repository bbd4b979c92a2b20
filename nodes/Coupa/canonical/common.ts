/**
 * What every Coupa mapping shares. Coupa's JSON names attributes with dashes (`invoice-number`, as its XML
 * does), carries money as decimal text in the record's currency (`{"code": "USD"}`), and references as nested
 * objects with an `id`. Money is read exactly (lib/money: an amount with more decimals than the currency has
 * is a problem, never rounded).
 *
 * Where a line's project, task and expenditure type live: Coupa has no project field on purchase-order or
 * invoice lines, so firms carry them in the line's account (chart-of-accounts segments) or in line custom
 * fields. This package reads custom fields `project`, `project-task` and `expenditure-type` first, then account
 * `segment-2` (project), `segment-3` (task) and `segment-4` (expenditure type); `segment-1` stays the company,
 * as in most Coupa charts of accounts.
 */
import type { Problem, VendorRecord } from '../../../lib/canonical';
import { compact, exactDecimalText, isPlainObject, reference, textOf, timestampText } from '../../../lib/canonical';
import { formatAmount, isCurrencyCode, parseAmount } from '../../../lib/money';

export const COUPA = 'coupa';

/** Which account segment carries what, and which custom field overrides it. */
export const PROJECT_SEGMENTS = {
	project: { segment: 'segment-2', customField: 'project' },
	task: { segment: 'segment-3', customField: 'project-task' },
	expenditureType: { segment: 'segment-4', customField: 'expenditure-type' },
} as const;

/** An attribute by its dashed name, or the underscored spelling some integrations send. */
export function attr(record: VendorRecord | undefined, name: string): unknown {
	if (!record) return undefined;
	if (name in record) return record[name];
	const underscored = name.replace(/-/g, '_');
	return record[underscored];
}

export function objectAttr(record: VendorRecord | undefined, name: string): VendorRecord | undefined {
	const value = attr(record, name);
	return isPlainObject(value) ? (value as VendorRecord) : undefined;
}

export function coupaRef(value: unknown, nameFields: string[] = ['name', 'display-name', 'code', 'login']): Record<string, unknown> | undefined {
	if (!isPlainObject(value)) return undefined;
	const record = value as VendorRecord;
	const name = nameFields.map((field) => attr(record, field)).find((v) => typeof v === 'string' && v !== '');
	return reference(COUPA, record.id, name);
}

/** The currency code of a `currency` object (or a bare code). */
export function currencyOf(value: unknown): string | undefined {
	const code = isPlainObject(value) ? attr(value as VendorRecord, 'code') : value;
	return typeof code === 'string' ? code.trim().toUpperCase() : undefined;
}

/**
 * A Coupa decimal as canonical money, exactly: "12500.00" USD → "12500.00"; "0.125" USD is a problem naming
 * the field. JSON numbers are read as their decimal text, never through arithmetic.
 */
export function coupaMoney(value: unknown, currency: string | undefined, path: string, problems: Problem[]): { amount: string; currency: string } | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (!currency || !isCurrencyCode(currency)) {
		problems.push({ path, reason: `has no ISO 4217 currency to read it in (got ${JSON.stringify(currency)})` });
		return undefined;
	}
	const text = exactDecimalText(value);
	if (typeof text !== 'string') {
		problems.push({ path, reason: `must be a decimal amount (got ${JSON.stringify(value)})` });
		return undefined;
	}
	try {
		return { amount: formatAmount(parseAmount(text, currency), currency), currency };
	} catch (error) {
		problems.push({ path, reason: (error as Error).message });
		return undefined;
	}
}

export function decimalOf(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = exactDecimalText(value);
	return typeof text === 'string' && /^-?\d+(\.\d+)?$/.test(text) ? text : undefined;
}

export function dateOf(value: unknown): string | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
}

export function sourceOf(record: VendorRecord, problems: Problem[]) {
	const id = textOf(record.id);
	if (!id) problems.push({ path: 'payload.id', reason: 'is required: the Coupa id of the record' });
	const modified = timestampText(attr(record, 'updated-at'));
	return compact({ id: id ?? '', modifiedAt: typeof modified === 'string' ? modified : undefined });
}

function customFieldsOf(record: VendorRecord | undefined): VendorRecord {
	const fields = objectAttr(record, 'custom-fields');
	return fields ?? {};
}

/** A line's project, task and expenditure type: its custom fields first, then its account's segments. */
export function projectCoding(line: VendorRecord): { project?: Record<string, unknown>; task?: Record<string, unknown>; expenditureType?: string } {
	const custom = customFieldsOf(line);
	const account = objectAttr(line, 'account');
	const pick = (key: keyof typeof PROJECT_SEGMENTS): string | undefined => {
		const { segment, customField } = PROJECT_SEGMENTS[key];
		const value = attr(custom, customField) ?? attr(account, segment);
		if (isPlainObject(value)) return textOf(attr(value as VendorRecord, 'external-ref-code') ?? attr(value as VendorRecord, 'name'));
		return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
	};
	const project = pick('project');
	const task = pick('task');
	return compact({
		project: project ? { id: project } : undefined,
		task: task ? { id: task } : undefined,
		expenditureType: pick('expenditureType'),
	});
}

/** A canonical line's coding back into Coupa line custom fields (the account segments are the chart's, not ours). */
export function projectCodingOut(data: Record<string, unknown>): VendorRecord | undefined {
	const ref = (value: unknown) => (isPlainObject(value) ? textOf((value as VendorRecord).id) : undefined);
	const fields = compact({
		[PROJECT_SEGMENTS.project.customField]: ref(data.project),
		[PROJECT_SEGMENTS.task.customField]: ref(data.task),
		[PROJECT_SEGMENTS.expenditureType.customField]: typeof data.expenditureType === 'string' ? data.expenditureType : undefined,
	});
	return Object.keys(fields).length ? fields : undefined;
}

export function moneyOut(value: unknown): string | undefined {
	return isPlainObject(value) && typeof value.amount === 'string' ? value.amount : undefined;
}
