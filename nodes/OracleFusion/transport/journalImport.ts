/**
 * Journals into Oracle General Ledger through the ERP integration service: canonical journal entries become
 * GL interface rows (`GlInterface.csv`, zipped, File-Based Data Import), `importBulkData` uploads the zip and
 * launches Journal Import, `ESSJobStatusRF` reads the request's status and `ESSJobExecutionDetailsRF` its
 * execution report, whose rejected lines are paired back with their journals by journal name (REFERENCE4).
 *
 * Amounts are exact: each line's decimal is parsed into integer minor units of its currency, debits and
 * credits are summed as bigints, and a journal that does not balance to the minor unit is refused before
 * anything is sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { formatAmount, isCurrencyCode, parseAmount } from '../../../lib/money';
import { InvalidInputError } from '../../shared/kit/path';
import { readZip, writeZip } from '../../shared/kit/zip';

export const JOURNAL_IMPORT_JOB = 'oracle/apps/ess/financials/generalLedger/programs/common,JournalImportLauncher';
export const GL_DOCUMENT_ACCOUNT = 'fin$/generalLedger$/import$';
/** Interface details id of the GL interface, and the job options importBulkData takes for Journal Import. */
export const GL_JOB_OPTIONS = 'InterfaceDetails=15,ImportOption=Y,PurgeOption=N,ExtractFileType=NONE';

/**
 * The GL_INTERFACE columns we fill, in the template's order: STATUS, LEDGER_ID, ACCOUNTING_DATE,
 * USER_JE_SOURCE_NAME, USER_JE_CATEGORY_NAME, CURRENCY_CODE, DATE_CREATED, ACTUAL_FLAG, SEGMENT1–30,
 * ENTERED_DR/CR, ACCOUNTED_DR/CR, REFERENCE1–10, REFERENCE21–30, STAT_AMOUNT, the conversion columns, GROUP_ID.
 * Rows end after GROUP_ID; Journal Import reads the trailing columns as empty.
 */
export const GL_INTERFACE_COLUMNS: string[] = [
	'STATUS',
	'LEDGER_ID',
	'ACCOUNTING_DATE',
	'USER_JE_SOURCE_NAME',
	'USER_JE_CATEGORY_NAME',
	'CURRENCY_CODE',
	'DATE_CREATED',
	'ACTUAL_FLAG',
	...Array.from({ length: 30 }, (_v, i) => `SEGMENT${i + 1}`),
	'ENTERED_DR',
	'ENTERED_CR',
	'ACCOUNTED_DR',
	'ACCOUNTED_CR',
	...Array.from({ length: 10 }, (_v, i) => `REFERENCE${i + 1}`),
	...Array.from({ length: 10 }, (_v, i) => `REFERENCE${i + 21}`),
	'STAT_AMOUNT',
	'USER_CURRENCY_CONVERSION_TYPE',
	'CURRENCY_CONVERSION_DATE',
	'CURRENCY_CONVERSION_RATE',
	'GROUP_ID',
];

export interface JournalImportSettings {
	ledgerId: string;
	journalSource: string;
	journalCategory: string;
	groupId: string;
	/** The creation date written on each row (YYYY-MM-DD). */
	today: string;
}

export interface GlLine {
	journalName: string;
	lineId: string;
	lineNumber: number;
	segments: string[];
	debit?: string;
	credit?: string;
	description?: string;
}

export interface PreparedJournal {
	journalName: string;
	date: string;
	currency: string;
	description: string;
	lines: GlLine[];
	/** Sum of the debits (= the credits), in minor units. */
	totalMinor: bigint;
}

function moneyMinor(value: unknown, currency: string, path: string): bigint | undefined {
	if (value === undefined || value === null) return undefined;
	const money = value as IDataObject;
	if (typeof money !== 'object' || typeof money.amount !== 'string') throw new InvalidInputError(path, `${path}: must be money {"amount": "<decimal text>", "currency": "${currency}"} (field: ${path})`);
	if (money.currency !== currency) throw new InvalidInputError(path, `${path}: is in ${String(money.currency)}, the journal in ${currency}; one journal has one currency (field: ${path})`);
	let minor: bigint | undefined;
	let problem: string | undefined;
	try {
		minor = parseAmount(money.amount, currency);
	} catch (error) {
		problem = (error as Error).message;
	}
	if (minor !== undefined && minor < 0n) problem = 'must not be negative; put it on the other side';
	if (problem !== undefined || minor === undefined) throw new InvalidInputError(path, `${path}: ${problem ?? 'is not an amount'} (field: ${path})`);
	return minor;
}

/** A canonical journal entry checked and turned into GL interface lines; throws naming the field otherwise. */
export function prepareJournal(journal: IDataObject, field = 'journal'): PreparedJournal {
	const journalName = String(journal.number ?? '').trim();
	if (!journalName) throw new InvalidInputError(`${field}.number`, `${field}.number: the journal name is required; it is how Oracle's report pairs errors back (field: ${field}.number)`);
	if (journalName.length > 100) throw new InvalidInputError(`${field}.number`, `${field}.number: a journal name has at most 100 characters (field: ${field}.number)`);
	const date = String(journal.date ?? '');
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new InvalidInputError(`${field}.date`, `${field}.date: the accounting date must be YYYY-MM-DD (field: ${field}.date)`);
	const currency = String(journal.currency ?? '');
	if (!isCurrencyCode(currency)) throw new InvalidInputError(`${field}.currency`, `${field}.currency: must be an ISO 4217 code (field: ${field}.currency)`);
	const rawLines = Array.isArray(journal.lines) ? (journal.lines as IDataObject[]) : [];
	if (rawLines.length < 2) throw new InvalidInputError(`${field}.lines`, `${field}.lines: a journal needs at least two lines (field: ${field}.lines)`);
	let debits = 0n;
	let credits = 0n;
	const lines: GlLine[] = rawLines.map((line, index) => {
		const path = `${field}.lines[${index}]`;
		const account = String((line.account as IDataObject | undefined)?.id ?? '').trim();
		const segments = account.split(/[.-]/);
		if (!account || segments.length > 30 || segments.some((s) => !/^[A-Za-z0-9]{1,25}$/.test(s))) {
			throw new InvalidInputError(`${path}.account.id`, `${path}.account.id: write the account as its segment values joined by "." (e.g. 101.10.41000.000), up to 30 segments (field: ${path}.account.id)`);
		}
		const debit = moneyMinor(line.debit, currency, `${path}.debit`);
		const credit = moneyMinor(line.credit, currency, `${path}.credit`);
		if ((debit === undefined) === (credit === undefined)) throw new InvalidInputError(path, `${path}: a line has either a debit or a credit (field: ${path})`);
		debits += debit ?? 0n;
		credits += credit ?? 0n;
		return {
			journalName,
			lineId: String(line.lineId ?? index + 1),
			lineNumber: index + 1,
			segments,
			debit: debit === undefined ? undefined : formatAmount(debit, currency),
			credit: credit === undefined ? undefined : formatAmount(credit, currency),
			description: typeof line.memo === 'string' ? line.memo : undefined,
		};
	});
	if (debits !== credits) {
		throw new InvalidInputError(`${field}.lines`, `${field}.lines: debits ${formatAmount(debits, currency)} and credits ${formatAmount(credits, currency)} ${currency} differ; Oracle would not post an unbalanced journal (field: ${field}.lines)`);
	}
	return { journalName, date, currency, description: typeof journal.memo === 'string' ? journal.memo : journalName, lines, totalMinor: debits };
}

function csvCell(value: string | undefined): string {
	if (value === undefined) return '';
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** GL interface rows, one per line; each journal is its own batch (REFERENCE1), so a rejected journal takes no other with it. */
export function glInterfaceCsv(journals: PreparedJournal[], settings: JournalImportSettings): string {
	const rows: string[] = [];
	for (const journal of journals) {
		for (const line of journal.lines) {
			const row: Record<string, string | undefined> = {
				STATUS: 'NEW',
				LEDGER_ID: settings.ledgerId,
				ACCOUNTING_DATE: journal.date.replace(/-/g, '/'),
				USER_JE_SOURCE_NAME: settings.journalSource,
				USER_JE_CATEGORY_NAME: settings.journalCategory,
				CURRENCY_CODE: journal.currency,
				DATE_CREATED: settings.today.replace(/-/g, '/'),
				ACTUAL_FLAG: 'A',
				ENTERED_DR: line.debit,
				ENTERED_CR: line.credit,
				REFERENCE1: journal.journalName,
				REFERENCE2: journal.description,
				REFERENCE4: journal.journalName,
				REFERENCE5: journal.description,
				REFERENCE10: line.description,
				REFERENCE21: line.lineId,
				GROUP_ID: settings.groupId,
			};
			line.segments.forEach((segment, i) => (row[`SEGMENT${i + 1}`] = segment));
			rows.push(GL_INTERFACE_COLUMNS.map((column) => csvCell(row[column])).join(','));
		}
	}
	return `${rows.join('\r\n')}\r\n`;
}

export function importBulkDataBody(zip: Buffer, settings: JournalImportSettings & { dataAccessSetId: string }): IDataObject {
	return {
		OperationName: 'importBulkData',
		DocumentContent: zip.toString('base64'),
		ContentType: 'zip',
		FileName: `GlInterface_${settings.groupId}.zip`,
		DocumentAccount: GL_DOCUMENT_ACCOUNT,
		JobName: JOURNAL_IMPORT_JOB,
		// Data access set, source, ledger, group, post errors to suspense, create summary, import descriptive flexfields.
		ParameterList: [settings.dataAccessSetId, settings.journalSource, settings.ledgerId, settings.groupId, 'N', 'N', 'N'].join(','),
		CallbackURL: '#NULL',
		NotificationCode: '10',
		JobOptions: GL_JOB_OPTIONS,
	};
}

export function glInterfaceZip(csv: string): Buffer {
	return writeZip([{ name: 'GlInterface.csv', content: Buffer.from(csv, 'utf8') }]);
}

/** A GROUP_ID from the journal names: the same journals give the same group, different ones (almost surely) another. */
export function groupIdOf(journalNames: string[]): string {
	let hash = 0x811c9dc5;
	for (const char of [...journalNames].sort().join('\n')) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
	return String(100_000 + (hash % 899_900_000));
}

export const TERMINAL_STATES = new Set(['SUCCEEDED', 'ERROR', 'WARNING', 'CANCELED', 'CANCELLED', 'EXPIRED', 'FINISHED']);

export interface LineError {
	journalName: string;
	lineNumber?: number;
	code: string;
	message: string;
}

function parseCsvLine(line: string): string[] {
	const cells: string[] = [];
	let current = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (quoted) {
			if (c === '"' && line[i + 1] === '"') {
				current += '"';
				i++;
			} else if (c === '"') quoted = false;
			else current += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			cells.push(current);
			current = '';
		} else current += c;
	}
	cells.push(current);
	return cells;
}

/**
 * The rejected lines of a Journal Import execution report (`DocumentContent` of ESSJobExecutionDetailsRF, a
 * base64 zip): every CSV table in it with the columns REFERENCE4, LINE, ERROR_CODE and ERROR_MESSAGE.
 */
export function lineErrorsOf(documentContent: string): LineError[] {
	const errors: LineError[] = [];
	for (const entry of readZip(Buffer.from(documentContent, 'base64'))) {
		const lines = entry.content.toString('utf8').split(/\r?\n/).filter((l) => l.trim());
		let header: string[] | undefined;
		for (const line of lines) {
			const cells = parseCsvLine(line);
			if (cells.includes('REFERENCE4') && cells.includes('ERROR_CODE')) {
				header = cells;
				continue;
			}
			if (!header || cells.length < header.length) continue;
			const at = (name: string) => cells[header!.indexOf(name)];
			const lineNumber = Number(at('LINE'));
			errors.push({ journalName: at('REFERENCE4'), lineNumber: Number.isInteger(lineNumber) && lineNumber > 0 ? lineNumber : undefined, code: at('ERROR_CODE'), message: at('ERROR_MESSAGE') ?? '' });
		}
	}
	return errors;
}
