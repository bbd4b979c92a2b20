/**
 * The cases of the third round's identical-output test (outputDigests.test.ts): generated corpus cases beyond the
 * ones engineDigests.json covers (new seeds), and the benchmark's time bills through the Canonical Transform node
 * (toCanonical, then validate; strict and lenient, the source named and detected, records that fail on a value or
 * an unknown field), so the node's own handling of items is pinned too.
 */
import { createHash } from 'crypto';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { CanonicalTransform } from '../../nodes/CanonicalTransform/CanonicalTransform.node';
import { timeBill } from '../../scripts/bench/lib/timeBills';
import { CORPUS_SIZE, caseText } from './corpus';

export interface OutputCase {
	name: string;
	text: () => Promise<string>;
}

/** The smallest execution context the node needs: input items and parameters. */
function context(parameters: Record<string, unknown>, items: INodeExecutionData[]): IExecuteFunctions {
	return {
		getInputData: () => items,
		getNodeParameter: (name: string, _index: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getNode: () => ({ name: 'Canonical Transform', type: 'n8n-nodes-planning-to-cash.canonicalTransform', typeVersion: 1, parameters }),
		continueOnFail: () => false,
	} as unknown as IExecuteFunctions;
}

/** A time bill of the benchmark, some changed so they fail (a value, an unknown field) and some nested under `record`. */
function item(i: number, nested: boolean): INodeExecutionData {
	const bill: Record<string, unknown> = { ...timeBill(i), correlationId: `run-${i % 17}` };
	if (i % 7 === 3) bill.hours = 'seven';
	if (i % 11 === 5) bill.custcol_region = 'EMEA';
	if (i % 13 === 6) delete bill.employee;
	if (i % 19 === 2) bill.tranDate = '2026-02-30';
	return { json: (nested ? { record: bill, correlationId: `run-${i % 17}` } : bill) as never };
}

async function throughNode(first: number, count: number, variant: number): Promise<string> {
	const transform = new CanonicalTransform();
	const unknownFields = variant % 2 === 0 ? 'strict' : 'lenient';
	const nested = variant === 3;
	const toCanonical = {
		operation: 'toCanonical',
		source: variant === 1 ? 'auto' : 'netsuite:timeBill',
		environment: variant === 2 ? 'sandbox' : 'production',
		defaultCurrency: variant === 2 ? ' usd ' : 'USD',
		fieldOverrides: variant === 2 ? { override: [{ source: 'memo', target: 'timeEntry.customFields.memo' }] } : {},
		options: { unknownFields, ...(nested ? { recordField: 'record' } : {}) },
	};
	const validate = { operation: 'validate', entity: 'timeEntry', options: { unknownFields, verifyIdempotencyKey: variant !== 1 } };
	const items = Array.from({ length: count }, (_, k) => item(first + k, nested));
	const [valid, exceptions] = await transform.execute.call(context(toCanonical, items));
	const [checked, refused] = await transform.execute.call(context(validate, valid));
	return JSON.stringify([valid, exceptions, checked, refused]);
}

/** 4,000 more corpus cases, then 3,000 time bills through the node in batches of 250, four ways. */
export function outputCases(): OutputCase[] {
	const cases: OutputCase[] = [];
	for (let index = CORPUS_SIZE; index < 2 * CORPUS_SIZE; index++) cases.push({ name: `corpus ${index}`, text: async () => caseText(index) });
	for (let batch = 0; batch < 12; batch++) {
		const variant = batch % 4;
		cases.push({ name: `node batch ${batch} variant ${variant}`, text: () => throughNode(batch * 250, 250, variant) });
	}
	return cases;
}

export function digestOf(text: string): string {
	return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** When the node's runs are dated (lineage `at`): fixed, so the outputs can be compared. */
export const RUN_DATE = new Date('2026-12-03T17:30:00.000Z');
