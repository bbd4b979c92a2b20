/** Exception queue records: one bad record parks here with its payload instead of failing the batch. */
import { summarize } from './audit';

export type BusinessDomain = 'finance' | 'pmo' | 'hrOperations';

export const DOMAIN_OWNERS: Record<BusinessDomain, string> = {
	finance: 'Finance',
	pmo: 'PMO',
	hrOperations: 'HR Operations',
};

export type ExceptionStatus = 'open' | 'replayed' | 'resolved';

export interface ExceptionRecord {
	id?: number;
	key: string;
	status: ExceptionStatus;
	reason: string;
	domain: BusinessDomain;
	owner: string;
	correlationId: string;
	workflowId: string;
	executionId: string;
	/** The record as JSON (scrubbed of credentials), editable in the Data Table before a replay. */
	payload: string;
	raisedAt: string;
	resolvedAt?: string | null;
	resolution?: string | null;
	replayCount: number;
}

export function isDomain(value: unknown): value is BusinessDomain {
	return typeof value === 'string' && value in DOMAIN_OWNERS;
}

export function newException(fields: {
	key: string;
	reason: string;
	domain: BusinessDomain;
	owner?: string;
	correlationId: string;
	workflowId: string;
	executionId: string;
	payload: unknown;
	at: Date;
}): ExceptionRecord {
	if (!fields.reason.trim()) throw new Error('an exception needs a reason');
	return {
		key: fields.key,
		status: 'open',
		reason: fields.reason.slice(0, 2000),
		domain: fields.domain,
		owner: fields.owner?.trim() || DOMAIN_OWNERS[fields.domain],
		correlationId: fields.correlationId,
		workflowId: fields.workflowId,
		executionId: fields.executionId,
		payload: summarize(fields.payload, 60_000),
		raisedAt: fields.at.toISOString(),
		resolvedAt: null,
		resolution: null,
		replayCount: 0,
	};
}

/**
 * A replayed record that failed again: its exception opens again with the new reason and the payload as it was
 * posted (without the replay marker), so one parked record stays one exception however often it is replayed.
 */
export function reopenedException(fields: { reason: string; payload: unknown }): Pick<ExceptionRecord, 'status' | 'reason' | 'payload'> {
	if (!fields.reason.trim()) throw new Error('an exception needs a reason');
	const payload = fields.payload && typeof fields.payload === 'object' && !Array.isArray(fields.payload) ? withoutReplayMarker(fields.payload as Record<string, unknown>) : fields.payload;
	return { status: 'open', reason: fields.reason.slice(0, 2000), payload: summarize(payload, 60_000) };
}

/** The exception a payload is a replay of (Exception → Replay sets `replay.exceptionId`), if any. */
export function replayedExceptionId(payload: unknown): number | undefined {
	const replay = payload && typeof payload === 'object' ? (payload as { replay?: { exceptionId?: unknown } }).replay : undefined;
	const id = Number(replay?.exceptionId);
	return replay?.exceptionId !== undefined && replay.exceptionId !== null && replay.exceptionId !== '' && Number.isInteger(id) ? id : undefined;
}

function withoutReplayMarker(payload: Record<string, unknown>): Record<string, unknown> {
	const { replay, ...rest } = payload;
	const id = (replay as { exceptionId?: unknown } | undefined)?.exceptionId;
	// Replay's own note ("replaying exception 12") is not part of the record.
	if (rest.reason === `replaying exception ${String(id)}`) delete rest.reason;
	return rest;
}

/** The payload to replay: the stored (possibly edited) JSON, or a named error when a user broke it. */
export function replayPayload(record: Pick<ExceptionRecord, 'payload' | 'id'>): Record<string, unknown> {
	try {
		const parsed = JSON.parse(record.payload) as unknown;
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
	} catch {
		// fall through
	}
	throw new Error(`exception ${record.id ?? ''}: payload is not a JSON object; fix it in the data table before replaying`);
}
