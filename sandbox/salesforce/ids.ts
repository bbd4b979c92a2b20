/**
 * Salesforce record ids: a 3-character key prefix per object, a 15-character case-sensitive id, and the
 * 18-character form whose last three characters encode the case of the first fifteen (so it survives
 * case-insensitive systems). The API answers with 18-character ids and accepts both forms.
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The three checksum characters of a 15-character id. */
export function idChecksum(id15: string): string {
	let suffix = '';
	for (let block = 0; block < 3; block++) {
		let flags = 0;
		for (let i = 0; i < 5; i++) {
			const c = id15.charAt(block * 5 + i);
			if (c >= 'A' && c <= 'Z') flags |= 1 << i;
		}
		suffix += CHECKSUM_ALPHABET.charAt(flags);
	}
	return suffix;
}

/** The 18-character form of a 15- or 18-character id (an 18-character id is re-derived from its first 15). */
export function to18(id: string): string {
	const id15 = id.slice(0, 15);
	return id15 + idChecksum(id15);
}

/**
 * The canonical 18-character id for a 15- or 18-character id. An 18-character id may arrive with its case
 * lost (spreadsheets, case-insensitive keys); its suffix tells which letters were upper case.
 */
export function canonicalId(id: string): string | undefined {
	if (!ID_PATTERN.test(id)) return undefined;
	if (id.length === 15) return to18(id);
	let id15 = '';
	for (let block = 0; block < 3; block++) {
		const flags = CHECKSUM_ALPHABET.indexOf(id.charAt(15 + block).toUpperCase());
		if (flags < 0) return undefined;
		for (let i = 0; i < 5; i++) {
			const c = id.charAt(block * 5 + i);
			id15 += flags & (1 << i) ? c.toUpperCase() : c.toLowerCase();
		}
	}
	return to18(id15);
}

/** True when the value has the shape of an id and, for the 18-character form, a matching checksum. */
export function isValidId(value: string): boolean {
	if (!ID_PATTERN.test(value)) return false;
	if (value.length === 15) return true;
	// Salesforce accepts an 18-character id whose suffix case differs; compare case-insensitively.
	return idChecksum(value.slice(0, 15)).toLowerCase() === value.slice(15).toLowerCase();
}

/** Deterministic id generator: prefix + pod "Dn" + zero padding + base-62 counter. */
export function makeId(prefix: string, n: number): string {
	let digits = '';
	let rest = n;
	do {
		digits = BASE62.charAt(rest % 62) + digits;
		rest = Math.floor(rest / 62);
	} while (rest > 0);
	const id15 = `${prefix}Dn${digits.padStart(10, '0')}`;
	return to18(id15);
}
