/**
 * Oracle's batch: `POST <service root>` with `Content-Type: application/vnd.oracle.adf.batch+json` and
 * `{"parts": [{id, path, operation, payload}]}`. Oracle runs a batch all or none: when one part fails, none is
 * processed and only the failing parts come back (each with its `exception`). So that one bad record never
 * fails the others, the failing parts are reported on their own items and the rest are sent again (nothing
 * of them was written), until a batch goes through or no part is left. A batch whose answer is lost is not
 * resent unless every part is idempotent (get, update, replace, delete, upsert), since its creates may have
 * been committed.
 */
import { NodeApiError } from 'n8n-workflow';
import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';

import { chunk, vendorApiError } from '../../shared/kit';
import type { OracleConnection, OracleService } from './index';
import { apiRequest, BATCH_CONTENT_TYPE, ORACLE_PROFILE, parseOracleError } from './index';

export type BatchOperation = 'get' | 'create' | 'update' | 'replace' | 'delete' | 'upsert';

export interface BatchPart {
	/** The item this part came from; also its part id (`item-<index>`). */
	itemIndex: number;
	/** Relative to the service root, e.g. `/projectBillingEvents` or `/projects/100`. */
	path: string;
	operation: BatchOperation;
	payload?: IDataObject;
}

export type BatchOutcome = { itemIndex: number; payload: IDataObject; error?: undefined } | { itemIndex: number; payload?: undefined; error: Error };

const IDEMPOTENT: ReadonlySet<BatchOperation> = new Set(['get', 'update', 'replace', 'delete', 'upsert']);

export function partIdOf(itemIndex: number): string {
	return `item-${itemIndex}`;
}

/** The error Oracle gave one failing part, as a NodeApiError with its code and fields. */
function partError(context: IAllExecuteFunctions, part: IDataObject, itemIndex: number): NodeApiError {
	const exception = part.exception ?? (typeof part.payload === 'string' ? part.payload : undefined);
	const vendorError = parseOracleError(exception) ?? { code: 'BATCH_PART_FAILED', message: `Oracle refused part ${String(part.id)} without a reason`, fields: [] };
	const status = Number((exception as IDataObject | undefined)?.status ?? 400);
	return vendorApiError(context.getNode(), ORACLE_PROFILE.name, { status: Number.isFinite(status) ? status : 400, headers: {}, body: exception, message: vendorError.message }, vendorError, itemIndex);
}

/** A refused batch as one error: the failing parts' messages, their part ids as the fields. */
function batchRefusal(body: unknown) {
	const failed = failingParts(body);
	if (!failed.length) return undefined;
	return {
		code: 'BATCH_PART_FAILED',
		message: failed.map((p) => `${String(p.id)}: ${parseOracleError(p.exception ?? p.payload)?.message ?? 'refused'}`).join(' | '),
		fields: failed.map((p) => String(p.id)),
	};
}

function failingParts(body: unknown): IDataObject[] {
	const parts = (body as IDataObject | undefined)?.parts;
	if (!Array.isArray(parts)) return [];
	return (parts as IDataObject[]).filter((p) => p && (p.exception !== undefined || typeof p.payload === 'string'));
}

/**
 * Sends `parts` in batches of `size` and returns one outcome per part, in input order. Oracle's answer is paired
 * by part id, never by position.
 */
export async function sendBatch(
	context: IAllExecuteFunctions,
	connection: OracleConnection,
	parts: BatchPart[],
	options: { size: number; service?: OracleService; correlationId?: string },
): Promise<BatchOutcome[]> {
	const outcomes = new Map<number, BatchOutcome>();
	for (const group of chunk(parts, options.size)) {
		let pending = group;
		while (pending.length) {
			const body = { parts: pending.map((p) => ({ id: partIdOf(p.itemIndex), path: p.path, operation: p.operation, ...(p.payload !== undefined ? { payload: p.payload } : {}) })) };
			let refusedBody: unknown;
			// The kit keeps only the reduced error; the failing parts are read from the body it was reduced from.
			const profile = { ...ORACLE_PROFILE, parseError: (errorBody: unknown) => ((refusedBody = errorBody), parseOracleError(errorBody) ?? batchRefusal(errorBody)) };
			let answer: IDataObject;
			try {
				answer = (
					await apiRequest<IDataObject>(context, connection, {
						method: 'POST',
						service: options.service,
						path: '',
						body: JSON.stringify(body),
						headers: { 'Content-Type': BATCH_CONTENT_TYPE },
						correlationId: options.correlationId,
						itemIndex: pending[0].itemIndex,
						idempotent: pending.every((p) => IDEMPOTENT.has(p.operation)),
						profile,
					})
				).body;
			} catch (error) {
				const failed = error instanceof NodeApiError ? failingParts(refusedBody) : [];
				const ids = new Set(failed.map((p) => String(p.id)));
				const known = pending.filter((p) => ids.has(partIdOf(p.itemIndex)));
				if (!known.length) {
					// Not a per-part refusal (auth, throttling exhausted, a lost answer): every part of this batch shares it.
					for (const p of pending) outcomes.set(p.itemIndex, { itemIndex: p.itemIndex, error: error as Error });
					break;
				}
				for (const p of known) outcomes.set(p.itemIndex, { itemIndex: p.itemIndex, error: partError(context, failed.find((f) => String(f.id) === partIdOf(p.itemIndex))!, p.itemIndex) });
				pending = pending.filter((p) => !ids.has(partIdOf(p.itemIndex)));
				continue;
			}
			const failed = failingParts(answer);
			if (failed.length) {
				// A 2xx that still names failing parts: nothing was processed, as with an error status.
				const ids = new Set(failed.map((p) => String(p.id)));
				for (const p of pending.filter((q) => ids.has(partIdOf(q.itemIndex)))) outcomes.set(p.itemIndex, { itemIndex: p.itemIndex, error: partError(context, failed.find((f) => String(f.id) === partIdOf(p.itemIndex))!, p.itemIndex) });
				const next = pending.filter((p) => !ids.has(partIdOf(p.itemIndex)));
				if (next.length === pending.length) {
					for (const p of pending) outcomes.set(p.itemIndex, { itemIndex: p.itemIndex, error: new Error('Oracle refused the batch naming parts that were not sent') });
					break;
				}
				pending = next;
				continue;
			}
			const byId = new Map(((answer.parts ?? []) as IDataObject[]).map((p) => [String(p.id), p]));
			for (const p of pending) {
				const result = byId.get(partIdOf(p.itemIndex));
				outcomes.set(
					p.itemIndex,
					result
						? { itemIndex: p.itemIndex, payload: (result.payload ?? {}) as IDataObject }
						: { itemIndex: p.itemIndex, error: new Error(`Oracle's batch answer has no part ${partIdOf(p.itemIndex)}; whether it was written is unknown`) },
				);
			}
			pending = [];
		}
	}
	return parts.map((p) => outcomes.get(p.itemIndex)!);
}
