/**
 * Durations kept as whole minutes by a vendor (Kantata OX, Dataverse's msdyn_duration) ⇄ canonical exact
 * decimal hours. Pure and exact: no floats on the way in or out, and a value with no exact counterpart is a
 * problem naming the field, never a rounded number.
 */
import type { Problem } from './problems';

/**
 * Whole minutes as exact decimal hours: 450 → "7.5", 20 → a problem (1/3 h has no exact decimal). A minute
 * count divisible by 3 always has one (minutes / 60 = (minutes / 3) · 5 / 100).
 */
export function hoursFromMinutes(minutes: unknown, path: string, problems: Problem[]): string | undefined {
	if (minutes === undefined || minutes === null) return undefined;
	if (typeof minutes !== 'number' || !Number.isSafeInteger(minutes) || minutes < 0) {
		problems.push({ path, reason: `must be a whole, non-negative number of minutes (got ${JSON.stringify(minutes)})` });
		return undefined;
	}
	if (minutes % 3 !== 0) {
		problems.push({ path, reason: `${minutes} minutes is not an exact decimal number of hours` });
		return undefined;
	}
	const hundredths = BigInt(minutes / 3) * 5n;
	const whole = hundredths / 100n;
	const fraction = (hundredths % 100n).toString().padStart(2, '0').replace(/0+$/, '');
	return fraction ? `${whole}.${fraction}` : String(whole);
}

/**
 * Exact decimal hours as whole minutes: "7.5" → 450; hours that are not a whole number of minutes are a
 * problem saying that `vendorName` records minutes.
 */
export function minutesFromHours(hours: unknown, path: string, problems: Problem[], vendorName: string): number | undefined {
	if (hours === undefined || hours === null) return undefined;
	const match = typeof hours === 'string' ? /^(\d+)(?:\.(\d+))?$/.exec(hours) : undefined;
	if (!match) {
		problems.push({ path, reason: `must be an exact decimal number of hours (got ${JSON.stringify(hours)})` });
		return undefined;
	}
	const fraction = match[2] ?? '';
	const scaled = BigInt(match[1] + fraction) * 60n;
	const divisor = 10n ** BigInt(fraction.length);
	if (scaled % divisor !== 0n) {
		problems.push({ path, reason: `${hours} h is not a whole number of minutes, and ${vendorName} records minutes` });
		return undefined;
	}
	return Number(scaled / divisor);
}
