import { randomUUID } from 'crypto';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** Header every vendor request carries, so a posting can be traced from the workflow into vendor logs. */
export const CORRELATION_HEADER = 'X-Correlation-Id';

const CORRELATION_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The correlation id of an input item: the one it already carries (from an upstream node of this package or a
 * canonical envelope), otherwise a new one. Values that are not header-safe are replaced, never sent.
 */
export function correlationIdOf(item: INodeExecutionData | undefined): string {
	const json = (item?.json ?? {}) as IDataObject;
	const envelope = json.envelope as IDataObject | undefined;
	for (const candidate of [json.correlationId, envelope?.correlationId]) {
		if (typeof candidate === 'string' && CORRELATION_PATTERN.test(candidate)) return candidate;
	}
	return randomUUID();
}
