/** ESS request status and execution report, shared by Import Journals and Get Import Status. */
import { sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, itemsOf } from '../../../transport';
import type { OracleConnection } from '../../../transport';
import { lineErrorsOf, TERMINAL_STATES } from '../../../transport/journalImport';
import type { LineError } from '../../../transport/journalImport';
import { finderParam } from '../../../transport/query';

export interface RequestStatus {
	requestId: string;
	status: string;
	finished: boolean;
	lineErrors: LineError[];
	/** The report could not be read; why. */
	reportProblem?: string;
}

export async function readRequestStatus(context: IExecuteFunctions, connection: OracleConnection, requestId: string, correlationId?: string, itemIndex?: number): Promise<RequestStatus> {
	const response = await apiRequest<IDataObject>(context, connection, { method: 'GET', path: '/erpintegrations', qs: { finder: finderParam('ESSJobStatusRF', { requestId }), onlyData: 'true' }, correlationId, itemIndex });
	const status = String(itemsOf(response.body)[0]?.RequestStatus ?? 'UNKNOWN').toUpperCase();
	const finished = TERMINAL_STATES.has(status);
	let lineErrors: LineError[] = [];
	let reportProblem: string | undefined;
	if (finished && status !== 'SUCCEEDED') {
		const report = await apiRequest<IDataObject>(context, connection, {
			method: 'GET',
			path: '/erpintegrations',
			qs: { finder: finderParam('ESSJobExecutionDetailsRF', { requestId, fileType: 'out' }), onlyData: 'true' },
			correlationId,
			itemIndex,
		});
		const content = itemsOf(report.body)[0]?.DocumentContent;
		try {
			lineErrors = typeof content === 'string' && content ? lineErrorsOf(content) : [];
		} catch (error) {
			reportProblem = `the execution report could not be read: ${(error as Error).message}`;
		}
	}
	return { requestId, status, finished, lineErrors, reportProblem };
}

/** Polls until the request ends or the time runs out (an unfinished status is returned then, not an error). */
export async function waitForRequest(
	context: IExecuteFunctions,
	connection: OracleConnection,
	requestId: string,
	options: { pollIntervalSeconds: number; timeoutSeconds: number; correlationId?: string; itemIndex?: number },
): Promise<RequestStatus> {
	const started = Date.now();
	for (;;) {
		const status = await readRequestStatus(context, connection, requestId, options.correlationId, options.itemIndex);
		if (status.finished || Date.now() - started >= options.timeoutSeconds * 1000) return status;
		await sleep(Math.max(0, options.pollIntervalSeconds) * 1000);
	}
}

/** What happened to one journal of a finished (or timed-out) request. */
export function journalOutcome(status: RequestStatus, journalName: string): { error?: Error & { context: IDataObject } } {
	const own = status.lineErrors.filter((e) => e.journalName === journalName);
	const fail = (message: string, code: string, fields: string[]) => {
		const error = new Error(message) as Error & { context: IDataObject };
		error.context = { vendorErrorCode: code, vendorErrorFields: fields };
		return { error };
	};
	if (own.length) {
		const text = own.map((e) => `line ${e.lineNumber ?? '?'}: ${e.code} ${e.message}`).join(' | ');
		return fail(`Oracle Journal Import rejected journal ${journalName} (request ${status.requestId}): ${text}`, own[0].code, own.map((e) => (e.lineNumber ? `journal.lines[${e.lineNumber - 1}]` : 'journal')));
	}
	if (!status.finished) return fail(`Oracle Journal Import request ${status.requestId} is still ${status.status}; read it later with Get Import Status`, 'IMPORT_NOT_FINISHED', []);
	if (status.status === 'SUCCEEDED' || status.status === 'WARNING') return {};
	return fail(`Oracle Journal Import request ${status.requestId} ended ${status.status}${status.reportProblem ? `; ${status.reportProblem}` : ' and its report names no line of this journal'}`, `IMPORT_${status.status}`, []);
}
