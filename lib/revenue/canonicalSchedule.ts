/**
 * An engine result as canonical revenue schedules: one `revenueSchedule` record per performance obligation (of
 * the contract and of each separate contract a modification created), with its lines per period, a status for
 * each line relative to a date, and the total as the exact sum of the lines in minor units. Pure: the same
 * contract, result and options give the same records (the correlation id aside), so keys are stable across runs.
 */
import { enterpriseIdFor, idempotencyKeyFor, SCHEMA_VERSION, validateCanonical } from '../canonical';
import type { CanonicalRecord, Environment, LineageStep } from '../canonical';
import { formatAmount, parseAmount } from '../money';
import { parseIsoDate } from './dates';
import type { Issue, Pattern, RevenueResult, ScheduleLine } from './types';

/** The system and object the records say they come from: this package's revenue engine, per obligation. */
export const SCHEDULE_SOURCE_SYSTEM = 'revenueSchedule';
export const SCHEDULE_SOURCE_OBJECT = 'performanceObligation';
export const SCHEDULE_MAPPER = `${SCHEDULE_SOURCE_SYSTEM}.${SCHEDULE_SOURCE_OBJECT}@1`;

export type ScheduleMethod = 'pointInTime' | 'straightLine' | 'milestones' | 'percentComplete' | 'asInvoiced';

/** The canonical method of each engine pattern (written out so a new pattern cannot compile without one). */
export const METHOD_OF_PATTERN: Record<Pattern['type'], ScheduleMethod> = {
	pointInTime: 'pointInTime',
	straightLine: 'straightLine',
	milestones: 'milestones',
	percentComplete: 'percentComplete',
	asInvoiced: 'asInvoiced',
};

export interface CanonicalScheduleOptions {
	environment: Environment;
	correlationId: string;
	/**
	 * Lines of periods that end on or before this ISO date are `recognized`, later ones `planned`. Without it
	 * nothing is claimed recognized: every line is `planned`.
	 */
	statusAsOf?: string;
}

export interface CanonicalSchedules {
	records: CanonicalRecord[];
	/** Why the contract has no canonical schedules; each message names the field. Empty when records came out. */
	issues: Issue[];
}

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw => value !== null && typeof value === 'object' && !Array.isArray(value);
const listOf = (value: unknown): Raw[] => (Array.isArray(value) ? value.filter(isObject) : []);
const textOf = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined);

/** A project given as an id or `{ id, name }` on the contract or an obligation, as a canonical reference. */
function projectRef(value: unknown): Record<string, unknown> | undefined {
	const id = textOf(value);
	if (id !== undefined) return { id };
	if (!isObject(value)) return undefined;
	const ref: Record<string, unknown> = { id: textOf(value.id) ?? value.id };
	const name = textOf(value.name);
	if (name !== undefined) ref.name = name;
	return ref;
}

interface ObligationFacts {
	pattern?: string;
	project?: unknown;
}

/** The modifications in the order the engine applies them: by date, then as listed. */
function modificationsInOrder(contract: Raw): Raw[] {
	const listed = listOf(contract.modifications);
	const day = (modification: Raw) => parseIsoDate(modification.date) ?? 0;
	return listed.map((modification, index) => ({ modification, index })).sort((a, b) => day(a.modification) - day(b.modification) || a.index - b.index).map(({ modification }) => modification);
}

/**
 * Each obligation's pattern in force at the end of the contract (a modification's change replaces it) and its
 * project. `separate` names the modification whose separate contract is meant; otherwise the contract itself.
 */
function obligationFacts(contract: Raw, separate?: Raw): Map<string, ObligationFacts> {
	const facts = new Map<string, ObligationFacts>();
	const add = (obligation: Raw) => {
		const id = textOf(obligation.id);
		if (id === undefined) return;
		const pattern = isObject(obligation.pattern) ? textOf(obligation.pattern.type) : undefined;
		facts.set(id, { pattern, project: obligation.project });
	};
	if (separate) {
		listOf(separate.addObligations).forEach(add);
		return facts;
	}
	listOf(contract.obligations).forEach(add);
	for (const modification of modificationsInOrder(contract)) {
		if (modification.treatment === 'separateContract') continue;
		listOf(modification.addObligations).forEach(add);
		for (const change of listOf(modification.changes)) {
			const id = textOf(change.obligationId);
			const known = id === undefined ? undefined : facts.get(id);
			if (known && isObject(change.pattern)) known.pattern = textOf(change.pattern.type);
		}
	}
	return facts;
}

/** The raw modification a separate contract came from (the engine names it `<contract>/<modification id>`). */
function separateModification(contract: Raw, parentId: string, separateId: string | null): Raw | undefined {
	return listOf(contract.modifications).find((modification) => modification.treatment === 'separateContract' && `${parentId}/${textOf(modification.id) ?? ''}` === separateId);
}

function lineOf(line: ScheduleLine, currency: string, statusAsOf: string | undefined): Record<string, unknown> {
	return {
		period: line.period,
		periodStart: line.periodStart,
		periodEnd: line.periodEnd,
		amount: { amount: line.amount, currency },
		status: statusAsOf !== undefined && line.periodEnd <= statusAsOf ? 'recognized' : 'planned',
		kind: line.kind,
	};
}

/**
 * The canonical revenue schedules of a contract the engine computed without errors. `contract` is the input the
 * engine was given (for each obligation's pattern and project). An obligation with no schedule line yet (as
 * invoiced with nothing invoiced, removed before it recognised anything) has no record: a schedule needs a line.
 */
export function canonicalRevenueSchedules(contract: unknown, result: RevenueResult, options: CanonicalScheduleOptions): CanonicalSchedules {
	const raw = isObject(contract) ? contract : {};
	const parentId = result.contractId ?? '';
	const records: CanonicalRecord[] = [];
	const issues: Issue[] = [];
	const unscheduled: string[] = [];
	for (const one of [result, ...(result.separateContracts ?? [])]) {
		const contractId = one.contractId ?? '';
		const currency = one.currency ?? '';
		const modification = one === result ? undefined : separateModification(raw, parentId, one.contractId);
		const facts = obligationFacts(raw, modification);
		// A separate contract's obligations sit under its modification's addObligations in the input.
		const field = modification ? `modifications.${textOf(modification.id) ?? ''}.addObligations` : 'obligations';
		const linesByObligation = new Map<string, ScheduleLine[]>();
		for (const line of one.schedule) {
			const lines = linesByObligation.get(line.obligationId);
			if (lines) lines.push(line);
			else linesByObligation.set(line.obligationId, [line]);
		}
		for (const { obligationId } of one.allocations) {
			const lines = linesByObligation.get(obligationId) ?? [];
			if (lines.length === 0) {
				unscheduled.push(`${field}.${obligationId}`);
				continue;
			}
			const fact = facts.get(obligationId);
			const method = fact?.pattern === undefined ? undefined : METHOD_OF_PATTERN[fact.pattern as Pattern['type']];
			if (method === undefined) {
				issues.push({ code: 'UNKNOWN_METHOD', message: `${field}.${obligationId}.pattern.type: '${fact?.pattern ?? ''}' has no canonical method (${Object.keys(METHOD_OF_PATTERN).join(', ')})` });
				continue;
			}
			let total = 0n;
			for (const line of lines) total += parseAmount(line.amount, currency);
			const data: Record<string, unknown> = { contract: { id: contractId }, obligationId };
			const project = projectRef(fact?.project ?? raw.project);
			if (project) data.project = project;
			data.method = method;
			data.currency = currency;
			data.total = { amount: formatAmount(total, currency), currency };
			data.lines = lines.map((line) => lineOf(line, currency, options.statusAsOf));
			const source = { system: SCHEDULE_SOURCE_SYSTEM, environment: options.environment, object: SCHEDULE_SOURCE_OBJECT, id: `${contractId}/${obligationId}` };
			const map: LineageStep = { step: 'map', system: 'canonical', mapper: SCHEDULE_MAPPER };
			if (options.statusAsOf !== undefined) map.detail = `lines of periods ending on or before ${options.statusAsOf} recognized`;
			const record: CanonicalRecord = {
				envelope: {
					schemaVersion: SCHEMA_VERSION,
					entity: 'revenueSchedule',
					source,
					enterpriseId: enterpriseIdFor('revenueSchedule', SCHEDULE_SOURCE_SYSTEM, source.id),
					correlationId: options.correlationId,
					idempotencyKey: idempotencyKeyFor('revenueSchedule', source, data),
					lineage: [{ step: 'extract', system: SCHEDULE_SOURCE_SYSTEM, object: 'contract', id: contractId }, map],
				},
				revenueSchedule: data,
			};
			const validation = validateCanonical('revenueSchedule', record, { unknownFields: 'strict' });
			if (!validation.valid) {
				for (const problem of validation.problems) issues.push({ code: 'INVALID_CANONICAL', message: `${field}.${obligationId} → ${problem.path}: ${problem.reason}` });
				continue;
			}
			records.push(record);
		}
	}
	if (issues.length) return { records: [], issues };
	if (records.length === 0) {
		return { records, issues: [{ code: 'NOTHING_SCHEDULED', message: `${unscheduled.join(', ') || 'obligations'}: no obligation has a schedule line yet (nothing invoiced, no progress or milestone reached), so there is no canonical revenue schedule` }] };
	}
	return { records, issues };
}
