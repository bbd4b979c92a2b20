import type { Rational, RoundingMode } from '../money';
import type { Calendar } from './calendar';
import type { DayNumber } from './dates';

/** A problem found in the input or while computing, with a stable code and a message naming the field path. */
export interface Issue {
	code: string;
	message: string;
}

export type StraightLineConvention = 'exactDays' | 'evenPeriods' | 'prorateFirstLast' | 'periodRate';

export type Pattern =
	| { type: 'pointInTime'; date: DayNumber }
	| { type: 'straightLine'; start: DayNumber; end: DayNumber; convention: StraightLineConvention }
	| { type: 'milestones'; milestones: Array<{ id: string; date: DayNumber; percent?: Rational; amount?: bigint }> }
	| {
			type: 'percentComplete';
			measure: 'cost' | 'hours';
			progress: Array<{ periodEnd: DayNumber; cumulativeActual: Rational; estimatedTotal: Rational }>;
			percentPrecision?: number;
	  }
	| { type: 'asInvoiced'; invoices: Array<{ date: DayNumber; amount: bigint }> };

export interface Obligation {
	id: string;
	name?: string;
	/** Standalone selling price in major units (exact; may have more decimals than the currency). */
	ssp?: Rational;
	sspRange?: { min: Rational; max: Rational };
	specifiedAmount?: bigint;
	pattern: Pattern;
}

export interface VariableConsideration {
	id: string;
	/** Position in the input's variableConsideration list, so messages can name the field. */
	index: number;
	amount: bigint;
	method: 'expectedValue' | 'mostLikely';
	constrained: boolean;
	constraintLiftedOn?: DayNumber;
	outcome?: 'earned' | 'lost';
	outcomeDate?: DayNumber;
}

export interface Modification {
	id: string;
	/** Position in the input's modifications list, so messages can name the field. */
	index: number;
	date: DayNumber;
	treatment: 'separateContract' | 'prospective' | 'cumulativeCatchUp';
	priceChange: bigint;
	addObligations: Obligation[];
	removeObligations: string[];
	changes: Array<{ obligationId: string; pattern?: Pattern; ssp?: Rational }>;
}

export type AllocationMethod = 'relativeSsp' | 'residual' | 'specified';

export interface Contract {
	contractId: string;
	currency: string;
	/** Decimal places of the currency's minor unit. */
	units: number;
	transactionPrice: bigint;
	variableConsideration: VariableConsideration[];
	allocation: { method: AllocationMethod; residualObligationId?: string };
	rounding: RoundingMode;
	calendar: Calendar;
	obligations: Obligation[];
	modifications: Modification[];
	billings: Array<{ date: DayNumber; amount: bigint }>;
	closedThrough?: DayNumber;
}

export interface AccountNames {
	revenue: string;
	contractLiability: string;
	contractAsset: string;
	unbilledReceivable: string;
	receivable: string;
}

export interface RevenueOptions {
	/** Recognise through this ISO date: later events are ignored and later periods are left out. */
	asOf?: string;
	accounts?: Partial<AccountNames>;
	/** Explain every number in `trace` (default true). */
	trace?: boolean;
	/** Bounds on the work one contract may ask for (see DEFAULT_LIMITS). */
	limits?: Partial<RevenueLimits>;
}

/**
 * What one contract may cost: the periods from its first to its last dated event (the balances cover every one of
 * them) and the schedule lines of all its obligations. Checked before anything is generated.
 */
export interface RevenueLimits {
	maxPeriods: number;
	maxLines: number;
}

export type LineKind = 'recognition' | 'catchUp' | 'reversal';

export interface ScheduleLine {
	obligationId: string;
	period: string;
	periodStart: string;
	periodEnd: string;
	amount: string;
	cumulative: string;
	kind: LineKind;
}

export interface PeriodBalance {
	period: string;
	periodStart: string;
	periodEnd: string;
	revenue: string;
	billed: string;
	contractAsset: string;
	contractLiability: string;
	unbilledReceivable: string;
}

export interface JournalEntry {
	date: string;
	period: string;
	lines: Array<{ account: string; debit: string; credit: string }>;
}

export interface RevenueResult {
	contractId: string | null;
	currency: string | null;
	transactionPrice: string | null;
	allocations: Array<{ obligationId: string; ssp: string | null; allocated: string }>;
	schedule: ScheduleLine[];
	periods: PeriodBalance[];
	journal: JournalEntry[];
	warnings: Issue[];
	errors: Issue[];
	trace: string[];
	/** Contracts created by modifications treated as separate contracts (ASC 606-10-25-12). */
	separateContracts?: RevenueResult[];
}
