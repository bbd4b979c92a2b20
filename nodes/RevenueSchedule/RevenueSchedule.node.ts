import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import type { Environment } from '../../lib/canonical';
import { computeRevenueSchedule, parseIsoDate } from '../../lib/revenue';
import type { AccountNames, Issue, RevenueLimits, RevenueResult } from '../../lib/revenue';
import { canonicalRevenueSchedules } from '../../lib/revenue/canonicalSchedule';
import { correlationIdOf } from '../shared/kit';

/** A value at a dotted path ("deal.contract") of the item json. */
function valueAt(json: IDataObject, path: string): unknown {
	let value: unknown = json;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/** The item's own correlation id (never a new one: an exception must point at what came in). */
function correlationOf(json: IDataObject): string | undefined {
	const envelope = json.envelope as IDataObject | undefined;
	for (const candidate of [json.correlationId, envelope?.correlationId]) {
		if (typeof candidate === 'string' && candidate !== '') return candidate;
	}
	return undefined;
}

/** Dates from a date picker arrive with a time; the engine wants the calendar date only. */
function calendarDate(value: string): string | undefined {
	const trimmed = value.trim();
	if (trimmed === '') return undefined;
	return /^\d{4}-\d{2}-\d{2}T/.test(trimmed) ? trimmed.slice(0, 10) : trimmed;
}

export class RevenueSchedule implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Revenue Schedule',
		name: 'revenueSchedule',
		icon: { light: 'file:revenueSchedule.svg', dark: 'file:revenueSchedule.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["outputMode"] === "line" ? "One item per schedule line" : $parameter["outputMode"] === "canonical" ? "Canonical revenue schedules" : "One item per contract" }}',
		description: 'Compute ASC 606 / IFRS 15 revenue schedules, contract balances and journals from contracts, exactly and with an explanation of every number',
		defaults: { name: 'Revenue Schedule' },
		// Not an agent's tool: it reads contracts from input items and routes to schedules and exceptions.
		usableAsTool: undefined,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Schedules', 'Exceptions'],
		properties: [
			{
				displayName: 'Contract Field',
				name: 'contractField',
				type: 'string',
				default: 'contract',
				placeholder: 'contract',
				description: 'Field of the input item that holds the contract (dots for nested fields). Leave empty to use the whole item.',
			},
			{
				displayName: 'Output Mode',
				name: 'outputMode',
				type: 'options',
				options: [
					{ name: 'One Item per Contract', value: 'contract', description: 'Allocations, schedule, balances, journal and trace together' },
					{ name: 'One Item per Schedule Line', value: 'line', description: 'Each obligation-period line as its own item' },
					{
						name: 'Canonical Revenue Schedules',
						value: 'canonical',
						description: 'One canonical revenueSchedule record per performance obligation: the whole plan, each line recognized or planned as of the As-Of date',
					},
				],
				default: 'contract',
			},
			{
				displayName: 'As-Of Date',
				name: 'asOf',
				type: 'string',
				default: '',
				placeholder: '2025-12-31',
				description: 'Recognise through this date (YYYY-MM-DD): later events are ignored and later periods left out. Leave empty for the whole contract. In Canonical Revenue Schedules mode the whole plan is kept and this date marks each line recognized (its period ended by then) or planned.',
			},
			{
				displayName: 'Environment',
				name: 'environment',
				type: 'options',
				options: [
					{ name: 'Sandbox', value: 'sandbox' },
					{ name: 'Production', value: 'production' },
				],
				default: 'sandbox',
				description: 'Which environment the contracts come from; recorded in each envelope so sandbox data is never taken for production',
				displayOptions: { show: { outputMode: ['canonical'] } },
			},
			{
				displayName: 'Include Trace',
				name: 'includeTrace',
				type: 'boolean',
				default: true,
				description: 'Whether to add the plain-English steps that explain every number (turn off for large batches)',
				displayOptions: { hide: { outputMode: ['canonical'] } },
			},
			{
				displayName: 'Journal Accounts',
				name: 'accounts',
				type: 'collection',
				placeholder: 'Add Account Name',
				default: {},
				displayOptions: { hide: { outputMode: ['canonical'] } },
				options: [
					{ displayName: 'Contract Asset Account', name: 'contractAsset', type: 'string', default: 'Contract asset' },
					{ displayName: 'Contract Liability Account', name: 'contractLiability', type: 'string', default: 'Contract liability (deferred revenue)' },
					{ displayName: 'Receivable Account', name: 'receivable', type: 'string', default: 'Accounts receivable' },
					{ displayName: 'Revenue Account', name: 'revenue', type: 'string', default: 'Revenue' },
					{ displayName: 'Unbilled Receivable Account', name: 'unbilledReceivable', type: 'string', default: 'Unbilled receivable' },
				],
			},
			{
				displayName: 'Limits',
				name: 'limits',
				type: 'collection',
				placeholder: 'Add Limit',
				default: {},
				description: 'Bounds on what one contract may cost; a contract beyond them goes to Exceptions with the obligation and the limit named',
				options: [
					{
						displayName: 'Max Lines per Contract',
						name: 'maxLines',
						type: 'number',
						typeOptions: { minValue: 1, numberPrecision: 0 },
						default: 100000,
						description: 'Most schedule lines one contract may produce, over all its obligations',
					},
					{
						displayName: 'Max Periods per Contract',
						name: 'maxPeriods',
						type: 'number',
						typeOptions: { minValue: 1, numberPrecision: 0 },
						default: 1200,
						description: 'Most calendar periods from a contract\'s first to its last dated event (its balances have a row for each)',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const schedules: INodeExecutionData[] = [];
		const exceptions: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const json = items[itemIndex].json;
			const contractField = (this.getNodeParameter('contractField', itemIndex, 'contract') as string).trim();
			const outputMode = this.getNodeParameter('outputMode', itemIndex, 'contract') as string;
			const asOf = calendarDate(this.getNodeParameter('asOf', itemIndex, '') as string);
			const accounts = Object.fromEntries(
				Object.entries(this.getNodeParameter('accounts', itemIndex, {}) as Record<string, unknown>).filter(([, name]) => typeof name === 'string' && name.trim() !== ''),
			) as Partial<AccountNames>;
			const correlationId = correlationOf(json);
			const withCorrelation = (data: IDataObject): IDataObject => (correlationId === undefined ? data : { ...data, correlationId });
			const paired = { item: itemIndex };

			let contract = contractField === '' ? json : valueAt(json, contractField);
			if (typeof contract === 'string') {
				// A contract that arrived as JSON text (e.g. a webhook body field) is read as JSON.
				try {
					contract = JSON.parse(contract) as unknown;
				} catch {
					exceptions.push({
						json: withCorrelation({ errors: [{ code: 'INVALID_INPUT', message: `${contractField}: is text but not valid JSON` }], payload: json }),
						pairedItem: paired,
					});
					continue;
				}
			}
			if (contract === undefined) {
				exceptions.push({
					json: withCorrelation({
						errors: [{ code: 'MISSING_CONTRACT', message: `${contractField}: the item has no field '${contractField}' (set Contract Field, or leave it empty to use the whole item)` }],
						payload: json,
					}),
					pairedItem: paired,
				});
				continue;
			}
			const limits = (this.getNodeParameter('limits', itemIndex, {}) ?? {}) as Partial<RevenueLimits>;
			if (outputMode === 'canonical') {
				const outcome = canonicalOutput(contract, asOf, limits, this.getNodeParameter('environment', itemIndex, 'sandbox') === 'production' ? 'production' : 'sandbox', correlationIdOf(items[itemIndex]));
				if (outcome.exception) exceptions.push({ json: withCorrelation({ ...outcome.exception, payload: json }), pairedItem: paired });
				else for (const record of outcome.records) schedules.push({ json: record, pairedItem: paired });
				continue;
			}
			const trace = this.getNodeParameter('includeTrace', itemIndex, true) as boolean;
			const result = computeRevenueSchedule(contract, { asOf, accounts, trace, limits });
			// A contract leaves whole: if it or a contract derived from it has errors, none of it is a schedule.
			const errors = errorsOf(result);
			if (errors.length) {
				exceptions.push({
					json: withCorrelation({ contractId: result.contractId, errors: errors as unknown as IDataObject[], warnings: result.warnings as unknown as IDataObject[], payload: json }),
					pairedItem: paired,
				});
				continue;
			}
			for (const one of [result, ...(result.separateContracts ?? [])]) {
				for (const data of outputMode === 'line' ? lineItems(one) : [contractItem(one)]) {
					schedules.push({ json: withCorrelation(data), pairedItem: paired });
				}
			}
		}
		return [schedules, exceptions];
	}
}

/**
 * Canonical mode: the whole plan (the engine without As-Of, so no period is left out), each line's status from
 * As-Of; the records, or the exception json (contract id, errors naming the field, warnings).
 */
function canonicalOutput(contract: unknown, asOf: string | undefined, limits: Partial<RevenueLimits>, environment: Environment, correlationId: string): { records: IDataObject[]; exception?: undefined } | { exception: IDataObject } {
	if (asOf !== undefined && parseIsoDate(asOf) === undefined) {
		return { exception: { errors: [{ code: 'INVALID_DATE', message: `asOf: '${asOf}' is not a valid ISO calendar date (YYYY-MM-DD)` }] } };
	}
	const result = computeRevenueSchedule(contract, { trace: false, limits });
	const errors = errorsOf(result);
	const canonical = errors.length ? { records: [], issues: errors } : canonicalRevenueSchedules(contract, result, { environment, correlationId, statusAsOf: asOf });
	if (canonical.issues.length) {
		return { exception: { contractId: result.contractId, errors: canonical.issues as unknown as IDataObject[], warnings: result.warnings as unknown as IDataObject[] } };
	}
	return { records: canonical.records as unknown as IDataObject[] };
}

/**
 * The contract's errors; the engine already counts a failed separate contract among its parent's (with the
 * modification's fields), and a separate contract's own errors are the fallback so none can slip through.
 */
function errorsOf(result: RevenueResult): Issue[] {
	if (result.errors.length) return result.errors;
	return (result.separateContracts ?? []).flatMap((separate) =>
		separate.errors.map((issue) => ({ code: issue.code, message: `separate contract ${separate.contractId ?? ''}: ${issue.message}` })));
}

function contractItem(result: RevenueResult): IDataObject {
	const { separateContracts, ...rest } = result;
	const item = rest as unknown as IDataObject;
	if (separateContracts?.length) item.separateContractIds = separateContracts.map((separate) => separate.contractId);
	return item;
}

function lineItems(result: RevenueResult): IDataObject[] {
	// A contract without lines (nothing recognised yet) still leaves one item, so no input goes missing.
	if (result.schedule.length === 0) return [contractItem(result)];
	return result.schedule.map((line) => ({ contractId: result.contractId, currency: result.currency, ...line }));
}
