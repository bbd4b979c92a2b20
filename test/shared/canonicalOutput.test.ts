import { mock } from 'jest-mock-extended';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { enterpriseIdFor, validateCanonical } from '../../lib/canonical';
import { toCanonical as salesforceToCanonical } from '../../nodes/Salesforce/canonical';
import {
	isCanonicalException,
	outputJson,
	outputProperties,
	readOutputSettings,
	runReadPerItem,
} from '../../nodes/shared/canonicalOutput';
import type { CanonicalTarget, OutputSettings } from '../../nodes/shared/canonicalOutput';
import { runPerItem } from '../../nodes/shared/kit';
import { salesforce } from '../canonical/fixtures';

const ACCOUNT: CanonicalTarget = { system: 'salesforce', object: 'Account', toCanonical: salesforceToCanonical };
const OPPORTUNITY: CanonicalTarget = { system: 'salesforce', object: 'Opportunity', toCanonical: salesforceToCanonical };

const canonical = (extra: Partial<OutputSettings['canonical']> = {}): OutputSettings => ({
	mode: 'canonical',
	canonical: { environment: 'production', unknownFields: 'lenient', ...extra },
});

/** A Salesforce record as the Salesforce node hands it over: without `attributes`. */
function withoutAttributes<T extends Record<string, unknown>>(record: T): IDataObject {
	const { attributes: _attributes, ...rest } = record;
	void _attributes;
	return rest as IDataObject;
}

function executeContext(parameters: Record<string, unknown>, items: INodeExecutionData[], continueOnFail = false) {
	const context = mock<IExecuteFunctions>();
	context.getInputData.mockReturnValue(items);
	context.getNode.mockReturnValue({ name: 'Vendor', type: 'test', typeVersion: 1, parameters: {} } as unknown as INode);
	context.continueOnFail.mockReturnValue(continueOnFail);
	context.getNodeParameter.mockImplementation(((name: string, _index: number, fallback?: unknown) =>
		name in parameters ? parameters[name] : fallback) as never);
	return context;
}

describe('Output parameter description', () => {
	const properties = outputProperties({ show: { operation: ['get'] } });
	const byName = (name: string) => properties.find((property) => property.name === name)!;

	it('defaults to Raw, so workflows saved before the option keep their output', () => {
		expect(byName('output').default).toBe('raw');
		expect(byName('output').options?.map((option) => (option as { value: string }).value)).toEqual(['raw', 'canonical']);
		expect(byName('output').noDataExpression).toBe(true);
		expect(byName('output').displayOptions).toEqual({ show: { operation: ['get'] } });
	});

	it('shows environment, default currency and unknown fields only for Canonical output, and documents unmappable records', () => {
		for (const name of ['canonicalEnvironment', 'canonicalOptions']) {
			expect(byName(name).displayOptions).toEqual({ show: { operation: ['get'], output: ['canonical'] } });
		}
		expect(byName('canonicalEnvironment').options?.map((option) => (option as { value: string }).value)).toEqual(['sandbox', 'production']);
		const options = (byName('canonicalOptions').options ?? []).map((option) => (option as { name: string }).name);
		expect(options).toEqual(['defaultCurrency', 'unknownFields']);
		expect(byName('output').description).toMatch(/not dropped.*payload.*problems/);
	});

	it('reads settings with defaults, an upper-cased currency and strict unknown fields', () => {
		expect(readOutputSettings((_name, fallback) => fallback)).toEqual({
			mode: 'raw',
			canonical: { environment: 'sandbox', defaultCurrency: undefined, unknownFields: 'lenient' },
		});
		const values: Record<string, unknown> = {
			output: 'canonical',
			canonicalEnvironment: 'production',
			canonicalOptions: { defaultCurrency: ' eur ', unknownFields: 'strict' },
		};
		expect(readOutputSettings((name) => values[name])).toEqual({
			mode: 'canonical',
			canonical: { environment: 'production', defaultCurrency: 'EUR', unknownFields: 'strict' },
		});
	});
});

describe('outputJson', () => {
	it('Raw: the records as they are, with the item’s correlation id', () => {
		const records = [withoutAttributes(salesforce.account())];
		const out = outputJson(records, readOutputSettings((_name, fallback) => fallback), ACCOUNT, 'run-7');
		expect(out).toEqual([{ ...records[0], correlationId: 'run-7' }]);
	});

	it('Canonical: one valid canonical record per record, carrying correlation id, enterprise id and environment', () => {
		const records = [withoutAttributes(salesforce.account()), { ...withoutAttributes(salesforce.account()), Id: '001Dn00000XYZ12AAA', Name: 'Other' }];
		const out = outputJson(records, canonical(), ACCOUNT, 'run-7', '2026-01-01T00:00:00Z');
		expect(out).toHaveLength(2);
		out.forEach((json, index) => {
			expect(validateCanonical('customer', json)).toEqual({ valid: true, problems: [] });
			expect(json).toMatchObject({
				envelope: {
					entity: 'customer',
					correlationId: 'run-7',
					enterpriseId: enterpriseIdFor('customer', 'salesforce', String(records[index].Id)),
					source: { system: 'salesforce', environment: 'production', object: 'Account', id: records[index].Id },
				},
			});
			expect(json).not.toHaveProperty('correlationId');
			expect(isCanonicalException(json)).toBe(false);
		});
		expect((out[0].envelope as IDataObject).idempotencyKey).not.toBe((out[1].envelope as IDataObject).idempotencyKey);
	});

	it('Canonical: the idempotency key is stable across runs and changes with business content', () => {
		const record = withoutAttributes(salesforce.opportunity());
		const key = (json: IDataObject) => (json.envelope as IDataObject).idempotencyKey;
		const first = outputJson([record], canonical(), OPPORTUNITY, 'run-1', '2026-01-01T00:00:00Z')[0];
		const again = outputJson([record], canonical(), OPPORTUNITY, 'run-2', '2026-02-01T00:00:00Z')[0];
		const changed = outputJson([{ ...record, CloseDate: '2026-01-10' }], canonical(), OPPORTUNITY, 'run-1')[0];
		expect(key(first)).toMatch(/^[0-9a-f]{64}$/);
		expect(key(again)).toBe(key(first));
		expect(key(changed)).not.toBe(key(first));
	});

	it('Canonical: an unmappable record comes out with its raw payload and problems naming the field, between the good ones', () => {
		const good = withoutAttributes(salesforce.opportunity());
		const bad = { ...good, Id: '006Dn00000BAD12AAA', Amount: 'lots' };
		const out = outputJson([good, bad, good], canonical(), OPPORTUNITY, 'run-9');
		expect(out).toHaveLength(3);
		expect(isCanonicalException(out[0])).toBe(false);
		expect(isCanonicalException(out[2])).toBe(false);
		expect(isCanonicalException(out[1])).toBe(true);
		expect(out[1]).toMatchObject({ payload: bad, correlationId: 'run-9', mapping: 'salesforce:Opportunity' });
		expect((out[1].problems as IDataObject[]).map((problem) => problem.path)).toContain('contract.totalValue.amount');
	});

	it('Canonical: strict unknown fields name the unmapped vendor field', () => {
		const record = { ...withoutAttributes(salesforce.account()), Practice__c: 'Data' };
		const [lenient] = outputJson([record], canonical(), ACCOUNT, 'run-1');
		const [strict] = outputJson([record], canonical({ unknownFields: 'strict' }), ACCOUNT, 'run-1');
		expect(isCanonicalException(lenient)).toBe(false);
		expect(strict.problems).toEqual([expect.objectContaining({ path: 'payload.Practice__c' })]);
	});

	it('Canonical: a mapping that throws still yields an exception record for that record', () => {
		const throwing: CanonicalTarget = {
			system: 'test',
			object: 'Thing',
			toCanonical: () => {
				throw new Error('boom');
			},
		};
		expect(outputJson([{ id: 1 }], canonical(), throwing, 'c-1')).toEqual([
			{ payload: { id: 1 }, correlationId: 'c-1', mapping: 'test:Thing', problems: [{ path: 'payload', reason: 'could not be mapped: boom' }] },
		]);
	});
});

describe('runReadPerItem', () => {
	const items: INodeExecutionData[] = [{ json: { correlationId: 'item-a' } }, { json: { correlationId: 'item-b' } }];
	const accounts = [withoutAttributes(salesforce.account()), { ...withoutAttributes(salesforce.account()), Id: '001Dn00000XYZ12AAA' }];
	const read = async ({ itemIndex }: { itemIndex: number }) => (itemIndex === 0 ? accounts : accounts[1]);

	it('Raw: exactly what runPerItem returns', async () => {
		const raw = await runReadPerItem(executeContext({}, items), ACCOUNT, read);
		const before = await runPerItem(executeContext({}, items), read);
		expect(raw).toEqual(before);
		expect(raw.map((item) => item.json.correlationId)).toEqual(['item-a', 'item-a', 'item-b']);
	});

	it('Canonical: records paired with their item, correlation id from the item, nothing beside the record', async () => {
		const context = executeContext({ output: 'canonical', canonicalEnvironment: 'sandbox' }, items);
		const out = await runReadPerItem(context, ACCOUNT, read);
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
		expect(out.map((item) => (item.json.envelope as IDataObject).correlationId)).toEqual(['item-a', 'item-a', 'item-b']);
		for (const item of out) {
			expect(Object.keys(item.json).sort()).toEqual(['customer', 'envelope']);
			expect(validateCanonical('customer', item.json, { unknownFields: 'strict' }).problems).toEqual([]);
		}
	});

	it('Canonical: a failed read is an error item with Continue On Fail, and stops the node without it', async () => {
		const failing = async ({ itemIndex }: { itemIndex: number }) => {
			if (itemIndex === 1) throw new Error('vendor said no');
			return accounts[0];
		};
		const parameters = { output: 'canonical' };
		const out = await runReadPerItem(executeContext(parameters, items, true), ACCOUNT, failing);
		expect(out).toHaveLength(2);
		expect(out[1]).toEqual({ json: expect.objectContaining({ error: 'vendor said no', correlationId: 'item-b' }), pairedItem: { item: 1 } });
		await expect(runReadPerItem(executeContext(parameters, items), ACCOUNT, failing)).rejects.toThrow('vendor said no');
	});
});
