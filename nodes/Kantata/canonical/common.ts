/**
 * What every Kantata mapping shares: references (Kantata ids, strings), exact money from integer cents and
 * exact hours from whole minutes (no floats on the way in or out), the source block and the external
 * reference a record written from another system carries.
 */
import type { FromCanonicalContext, Problem, VendorRecord } from '../../../lib/canonical';
import { compact, isPlainObject, reference, textOf, timestampText } from '../../../lib/canonical';
import { minutesFromHours as sharedMinutesFromHours } from '../../../lib/canonical/durations';
import { formatAmount, isCurrencyCode, minorUnitsOf, parseAmount } from '../../../lib/money';

export const KANTATA = 'kantata';

export function ktRef(id: unknown, name?: unknown): Record<string, unknown> | undefined {
	return reference(KANTATA, id, name);
}

/**
 * A canonical reference as a Kantata id. Kantata bodies take only its own ids, so a reference into another
 * system is a problem naming the field (resolve it first, e.g. through external references).
 */
export function ktRefOut(ref: unknown, context: FromCanonicalContext, path: string, problems: Problem[]): string | undefined {
	if (!isPlainObject(ref)) return undefined;
	if (context.sourceSystem === KANTATA) return textOf(ref.id);
	problems.push({ path, reason: `refers to a ${context.sourceSystem} record (id ${String(ref.id)}); Kantata needs its own id here, so look it up through external references first` });
	return undefined;
}

export function sourceOf(record: VendorRecord, problems: Problem[]) {
	const id = textOf(record.id);
	if (!id) problems.push({ path: 'payload.id', reason: 'is required: the Kantata id of the record' });
	const modifiedAt = timestampText(record.updated_at);
	return compact({ id: id ?? '', modifiedAt: typeof modifiedAt === 'string' ? modifiedAt : undefined, externalId: externalIdOf(record) });
}

/**
 * Kantata keeps another system's id of a record as an external reference. Read with Include: External References,
 * a record that has exactly one carries that id (`service_model_ref`) as its source's external id, as the other
 * vendors' External ID fields do; with none or several (which system's id would it be?) it carries none.
 */
function externalIdOf(record: VendorRecord): string | undefined {
	const included = record.included as { external_references?: unknown } | undefined;
	const references = Array.isArray(included?.external_references) ? (included.external_references as VendorRecord[]) : [];
	const own = references.filter((reference) => String(reference.subject_id) === String(record.id));
	return own.length === 1 ? textOf(own[0].service_model_ref) : undefined;
}

/**
 * Integer cents as canonical money, exactly. Kantata counts money in the currency's base unit
 * (`currency_base_unit`, 100 for USD); one that disagrees with ISO 4217's minor units is a problem, never a
 * silent rescale.
 */
export function moneyFromCents(cents: unknown, currency: unknown, baseUnit: unknown, path: string, problems: Problem[]): { amount: string; currency: string } | undefined {
	if (cents === undefined || cents === null) return undefined;
	if (typeof currency !== 'string' || !isCurrencyCode(currency)) {
		problems.push({ path: 'payload.currency', reason: `must be an ISO 4217 currency code for ${path} (got ${JSON.stringify(currency)})` });
		return undefined;
	}
	const text = typeof cents === 'number' && Number.isSafeInteger(cents) ? String(cents) : typeof cents === 'string' && /^-?\d+$/.test(cents) ? cents : undefined;
	if (text === undefined) {
		problems.push({ path, reason: `must be a whole number of cents (got ${JSON.stringify(cents)})` });
		return undefined;
	}
	if (baseUnit !== undefined && baseUnit !== null && Number(baseUnit) !== 10 ** minorUnitsOf(currency)) {
		problems.push({ path: 'payload.currency_base_unit', reason: `is ${String(baseUnit)}, but ${currency} has ${minorUnitsOf(currency)} decimal places, so the cents cannot be read exactly` });
		return undefined;
	}
	return { amount: formatAmount(BigInt(text), currency), currency };
}

/** Canonical money as Kantata integer cents (minor units); an amount with more decimals than the currency is a problem. */
export function centsFromMoney(money: unknown, path: string, problems: Problem[]): number | undefined {
	if (!isPlainObject(money)) return undefined;
	try {
		const minor = parseAmount(String(money.amount), String(money.currency));
		if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) {
			problems.push({ path, reason: 'is too large for Kantata cents' });
			return undefined;
		}
		return Number(minor);
	} catch (error) {
		problems.push({ path, reason: (error as Error).message });
		return undefined;
	}
}

/** Whole minutes as exact decimal hours (the package's one implementation, lib/canonical/durations). */
export { hoursFromMinutes } from '../../../lib/canonical/durations';

/** Exact decimal hours as whole minutes: "7.5" → 450; hours that are not a whole number of minutes are a problem. */
export function minutesFromHours(hours: unknown, path: string, problems: Problem[]): number | undefined {
	return sharedMinutesFromHours(hours, path, problems, 'Kantata');
}

/** The external reference a record written from another system carries, so a re-run finds it. */
export function externalReferenceOut(entity: string, context: FromCanonicalContext): VendorRecord | undefined {
	if (context.sourceSystem === KANTATA) return undefined;
	return { service_name: context.sourceSystem, service_model: entity, service_model_ref: context.sourceExternalId ?? context.sourceId };
}
