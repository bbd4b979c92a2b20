import { mock } from 'jest-mock-extended';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { validateCanonical } from '../../lib/canonical';
import { CanonicalTransform } from '../../nodes/CanonicalTransform/CanonicalTransform.node';
import { netSuite, salesforce } from './fixtures';

function execute(parameters: Record<string, unknown>, items: INodeExecutionData[]) {
	const context = mock<IExecuteFunctions>();
	context.getInputData.mockReturnValue(items);
	context.getNodeParameter.mockImplementation(((name: string, _index: number, fallback?: unknown) =>
		name in parameters ? parameters[name] : fallback) as never);
	return new CanonicalTransform().execute.call(context);
}

const toCanonical = (extra: Record<string, unknown> = {}) => ({
	operation: 'toCanonical',
	source: 'auto',
	environment: 'sandbox',
	defaultCurrency: 'usd',
	fieldOverrides: {},
	options: {},
	...extra,
});

describe('Canonical Transform node', () => {
	it('describes a two-output, tool-usable transform node named canonicalTransform', () => {
		const { description } = new CanonicalTransform();
		expect(description.name).toBe('canonicalTransform');
		expect(description.usableAsTool).toBe(true);
		expect(description.outputs).toHaveLength(2);
		expect(description.outputNames).toEqual(['Valid', 'Exceptions']);
		expect(description.credentials).toBeUndefined();
		const operation = description.properties.find((property) => property.name === 'operation');
		expect(operation?.options?.map((option) => (option as { value: string }).value)).toEqual(['toCanonical', 'fromCanonical', 'validate']);
	});

	it('toCanonical detects each record’s source, keeps correlation ids and pairs every item', async () => {
		const items: INodeExecutionData[] = [
			{ json: { ...netSuite.timeBill(), correlationId: 'wf-run-42' } as never },
			{ json: salesforce.opportunity() as never },
			{ json: { hello: 'world' } },
			{ json: { ...netSuite.timeBill(), hours: 'seven' } as never },
		];
		const [valid, exceptions] = await execute(toCanonical(), items);

		expect(valid.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(valid[0].json.envelope).toMatchObject({ entity: 'timeEntry', correlationId: 'wf-run-42', source: { system: 'netsuite', environment: 'sandbox', id: '4101' } });
		expect(valid[1].json.envelope).toMatchObject({ entity: 'contract', source: { system: 'salesforce', object: 'Opportunity' } });
		expect(validateCanonical('timeEntry', valid[0].json).problems).toEqual([]);
		expect((valid[0].json.timeEntry as any).billRate).toEqual({ amount: '200.00', currency: 'USD', unit: 'hour' });

		expect(exceptions.map((item) => item.pairedItem)).toEqual([{ item: 2 }, { item: 3 }]);
		expect(exceptions[0].json).toMatchObject({ payload: { hello: 'world' }, problems: [{ path: 'payload', reason: expect.stringContaining('no recognisable record shape') }] });
		expect(exceptions[1].json).toMatchObject({
			operation: 'toCanonical',
			mapping: 'netsuite:timeBill',
			payload: { id: '4101', hours: 'seven' },
			problems: [{ path: 'timeEntry.hours', reason: expect.stringContaining('(got "seven")') }],
		});
		expect(typeof exceptions[1].json.correlationId).toBe('string');
	});

	it('applies field-mapping overrides and strict unknown fields', async () => {
		const record = { ...salesforce.opportunity(), Region__c: 'EMEA' };
		const strict = toCanonical({
			source: 'salesforce:Opportunity',
			fieldOverrides: { override: [{ source: 'Practice__c', target: 'contract.practice' }] },
			options: { unknownFields: 'strict' },
		});
		const [valid, exceptions] = await execute(strict, [{ json: record as never }]);
		expect(valid).toEqual([]);
		expect(exceptions[0].json.problems).toEqual([{ path: 'payload.Region__c', reason: expect.stringContaining('is not mapped') }]);

		const mapped = toCanonical({
			source: 'salesforce:Opportunity',
			fieldOverrides: {
				override: [
					{ source: 'Practice__c', target: 'contract.practice' },
					{ source: 'Region__c', target: 'contract.customFields.region' },
				],
			},
			options: { unknownFields: 'strict' },
		});
		const [ok] = await execute(mapped, [{ json: record as never }]);
		expect(ok[0].json.contract).toMatchObject({ practice: 'Digital Operations', customFields: { region: 'EMEA' } });

		// Overrides for another entity apply to the other records of a mixed run, not to this one.
		const otherEntity = toCanonical({ fieldOverrides: { override: [{ source: 'Practice__c', target: 'project.practice' }] } });
		const [untouched] = await execute(otherEntity, [{ json: record as never }]);
		expect((untouched[0].json.contract as Record<string, unknown>).practice).toBeUndefined();

		const badTarget = toCanonical({ fieldOverrides: { override: [{ source: 'Practice__c', target: 'practice' }] } });
		const [, refused] = await execute(badTarget, [{ json: record as never }]);
		expect(refused[0].json.problems).toEqual([{ path: 'overrides[0].target', reason: expect.stringContaining('starting with an entity name') }]);
	});

	it('fromCanonical renders NetSuite payloads with the ids and keys to post them', async () => {
		const [canonical] = await execute(toCanonical(), [{ json: netSuite.timeBill() as never }]);
		const [rendered, exceptions] = await execute({ operation: 'fromCanonical', target: 'netsuite:timeBill', options: {} }, [
			canonical[0],
			{ json: { not: 'canonical' } },
		]);
		expect(rendered[0].json).toMatchObject({
			system: 'netsuite',
			object: 'timeBill',
			record: { id: '4101', externalId: 'TB-2026-000417', tranDate: '2026-01-13', hours: '7.5', rate: 200, employee: { id: '12' } },
			idempotencyKey: (canonical[0].json.envelope as any).idempotencyKey,
		});
		expect((rendered[0].json.lineage as Array<{ step: string }>).map((step) => step.step)).toEqual(['extract', 'map', 'render']);
		expect(exceptions[0].pairedItem).toEqual({ item: 1 });
		expect((exceptions[0].json.problems as Array<{ path: string }>).map((problem) => problem.path)).toContain('envelope');
	});

	it('validate sends valid records through unchanged and names what is wrong with the rest', async () => {
		const [canonical] = await execute(toCanonical(), [{ json: netSuite.timeBill() as never }, { json: netSuite.journalEntry() as never }]);
		const tampered = structuredClone(canonical[0].json) as any;
		tampered.timeEntry.hours = '9';
		const [valid, exceptions] = await execute({ operation: 'validate', entity: 'timeEntry', options: {} }, [
			canonical[0],
			{ json: tampered },
			canonical[1],
		]);
		expect(valid).toEqual([{ json: canonical[0].json, pairedItem: { item: 0 } }]);
		expect(exceptions.map((item) => [item.pairedItem, (item.json.problems as Array<{ path: string }>)[0].path])).toEqual([
			[{ item: 1 }, 'envelope.idempotencyKey'],
			[{ item: 2 }, 'envelope.entity'],
		]);
		expect(exceptions[0].json.correlationId).toBe((canonical[0].json.envelope as any).correlationId);
	});

	it('detects records as the vendor nodes output them: Salesforce without attributes, NetSuite with a correlation id', async () => {
		const stripped = (value: unknown): unknown =>
			Array.isArray(value)
				? value.map(stripped)
				: value && typeof value === 'object'
					? Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'attributes').map(([key, entry]) => [key, stripped(entry)]))
					: value;
		const items = [
			{ json: stripped(salesforce.account()) as never },
			{ json: stripped({ ...salesforce.opportunity(), Practice__c: undefined }) as never },
			{ json: stripped(salesforce.contract()) as never },
			{ json: { ...netSuite.invoice(), correlationId: 'ns-node-run' } as never },
		];
		const [valid, exceptions] = await execute(toCanonical({ options: { unknownFields: 'strict' } }), items);
		expect(exceptions).toEqual([]);
		expect(valid.map((item) => (item.json.envelope as any).source.object)).toEqual(['Account', 'Opportunity', 'Contract', 'invoice']);
		expect((valid[3].json.envelope as any).correlationId).toBe('ns-node-run');
	});

	it('says when a NetSuite sublist came as a link rather than its lines', async () => {
		const invoice = { ...netSuite.invoice(), item: { links: [{ rel: 'self', href: 'https://x/services/rest/record/v1/invoice/9001/item' }] } };
		const [, exceptions] = await execute(toCanonical(), [{ json: invoice as never }]);
		expect(exceptions[0].json.problems).toContainEqual({ path: 'payload.item', reason: expect.stringContaining('Expand Sub-Resources') });
	});

	it('reads the record from a field of the item when told to', async () => {
		const [valid] = await execute(toCanonical({ options: { recordField: 'body.record' } }), [{ json: { body: { record: netSuite.employee() } } as never }]);
		expect(valid[0].json.resource).toMatchObject({ name: { display: 'Priya Raman' }, employmentStatus: 'active' });
	});
});
