/**
 * Issue 8, items 14 and 16: quantities, hours and percentages leave the canonical model only as exact JSON
 * numbers (or as a problem naming the field), and a circular or absurdly deep value — e.g. copied by a field
 * override — becomes a problem naming the field instead of a stack overflow.
 */
import { mock } from 'jest-mock-extended';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { fromCanonicalRecord, toCanonicalRecord } from '../../lib/canonical';
import { CanonicalTransform } from '../../nodes/CanonicalTransform/CanonicalTransform.node';
import { invoiceMapper, jobMapper, resourceAllocationMapper } from '../../nodes/NetSuite/canonical';
import { opportunityMapper } from '../../nodes/Salesforce/canonical';
import { netSuite, salesforce } from './fixtures';
import { CONTEXT, expectOk, rekey } from './helpers';

/** 17 significant digits: no JavaScript number carries this value. */
const LONG_QUANTITY = '12345678901234567.5';
const LONG_FRACTION = '0.12345678901234567891';

describe('quantities from canonical are converted exactly or refused (item 14)', () => {
	it('Salesforce opportunity line Quantity: exact values pass as numbers, long ones are a problem on the line', () => {
		const canonical = expectOk(toCanonicalRecord(opportunityMapper, salesforce.opportunity(), CONTEXT)) as Record<string, any>;
		canonical.contract.lines[0].quantity = '2.5';
		const rendered = expectOk(fromCanonicalRecord(opportunityMapper, rekey(canonical)));
		expect((rendered.record.OpportunityLineItems as any).records[0].Quantity).toBe(2.5);

		canonical.contract.lines[0].quantity = LONG_QUANTITY;
		const refused = fromCanonicalRecord(opportunityMapper, rekey(canonical));
		expect(refused.ok).toBe(false);
		expect(refused.problems).toEqual([
			{ path: 'contract.lines[0].quantity', reason: `${LONG_QUANTITY} cannot be sent as a JSON number without rounding` },
		]);
	});

	it('Salesforce Probability: a long decimal is a problem, not a rounded number', () => {
		const canonical = expectOk(toCanonicalRecord(opportunityMapper, salesforce.opportunity(), CONTEXT)) as Record<string, any>;
		canonical.contract.probability = '33.333333333333333333';
		const refused = fromCanonicalRecord(opportunityMapper, rekey(canonical));
		expect(refused.problems).toEqual([{ path: 'contract.probability', reason: expect.stringContaining('without rounding') }]);
	});

	it('NetSuite invoice line quantity: a long fraction is a problem on the line', () => {
		const canonical = expectOk(toCanonicalRecord(invoiceMapper, netSuite.invoice(), CONTEXT)) as Record<string, any>;
		canonical.invoice.lines[0].quantity = LONG_FRACTION;
		const refused = fromCanonicalRecord(invoiceMapper, rekey(canonical));
		expect(refused.ok).toBe(false);
		expect(refused.problems).toEqual([{ path: 'invoice.lines[0].quantity', reason: `${LONG_FRACTION} cannot be sent as a JSON number without rounding` }]);

		canonical.invoice.lines[0].quantity = '40.25';
		const rendered = expectOk(fromCanonicalRecord(invoiceMapper, rekey(canonical)));
		expect((rendered.record.item as any).items[0].quantity).toBe(40.25);
	});

	it('NetSuite project task estimated hours and allocation hours: exact or refused', () => {
		const project = expectOk(toCanonicalRecord(jobMapper, netSuite.job(), CONTEXT)) as Record<string, any>;
		expect(project.project.tasks.length).toBeGreaterThan(0);
		project.project.tasks[0].estimatedHours = LONG_QUANTITY;
		expect(fromCanonicalRecord(jobMapper, rekey(project)).problems).toEqual([
			{ path: 'project.tasks[0].estimatedHours', reason: expect.stringContaining('without rounding') },
		]);

		const allocation = expectOk(toCanonicalRecord(resourceAllocationMapper, netSuite.resourceAllocation(), CONTEXT)) as Record<string, any>;
		allocation.assignment.hours = LONG_QUANTITY;
		expect(fromCanonicalRecord(resourceAllocationMapper, rekey(allocation)).problems).toEqual([
			{ path: 'assignment.hours', reason: expect.stringContaining('without rounding') },
		]);
	});
});

function nested(depth: number): Record<string, unknown> {
	let value: Record<string, unknown> = { leaf: 'x' };
	for (let i = 0; i < depth; i++) value = { a: value };
	return value;
}

function circular(): Record<string, unknown> {
	const value: Record<string, unknown> = { name: 'loop' };
	value.self = { back: value };
	return value;
}

function runTransform(parameters: Record<string, unknown>, items: INodeExecutionData[]) {
	const context = mock<IExecuteFunctions>();
	context.getInputData.mockReturnValue(items);
	context.getNodeParameter.mockImplementation(((name: string, _index: number, fallback?: unknown) =>
		name in parameters ? parameters[name] : fallback) as never);
	return new CanonicalTransform().execute.call(context);
}

describe('circular or deeply nested values become problems naming the field (item 16)', () => {
	const override = { fieldOverrides: { override: [{ source: 'Practice__c', target: 'contract.customFields.practice' }] } };
	const toCanonical = { operation: 'toCanonical', source: 'salesforce:Opportunity', environment: 'sandbox', options: {}, ...override };

	it('Canonical Transform: a circular override value lands on Exceptions naming the field; the other items are mapped', async () => {
		const items: INodeExecutionData[] = [
			{ json: { ...salesforce.opportunity(), Practice__c: circular() } as never },
			{ json: { ...salesforce.opportunity(), Practice__c: 'Digital Operations' } as never },
		];
		const [valid, exceptions] = await runTransform(toCanonical, items);
		expect(valid.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect((valid[0].json.contract as any).customFields).toEqual({ practice: 'Digital Operations' });
		expect(exceptions).toHaveLength(1);
		expect(exceptions[0].pairedItem).toEqual({ item: 0 });
		expect(exceptions[0].json.problems).toEqual([{ path: 'payload.Practice__c.self.back', reason: expect.stringContaining('circular') }]);
	});

	it('Canonical Transform: a value nested 10,000 levels deep lands on Exceptions naming the field', async () => {
		const [valid, exceptions] = await runTransform(toCanonical, [{ json: { ...salesforce.opportunity(), Practice__c: nested(10_000) } as never }]);
		expect(valid).toEqual([]);
		expect(exceptions[0].json.problems).toEqual([
			{ path: expect.stringMatching(/^payload\.Practice__c\.a\.a/), reason: 'is nested more than 64 levels deep' },
		]);
	});

	it('fromCanonical: a circular or deep custom field in the canonical record is a problem naming it', () => {
		const canonical = expectOk(toCanonicalRecord(opportunityMapper, salesforce.opportunity(), CONTEXT)) as Record<string, any>;
		canonical.contract.customFields = { practice: circular() };
		const looped = fromCanonicalRecord(opportunityMapper, canonical, { overrides: [{ source: 'Practice__c', target: 'contract.customFields.practice' }] });
		expect(looped).toMatchObject({ ok: false, problems: [{ path: 'contract.customFields.practice.self.back', reason: expect.stringContaining('circular') }] });

		canonical.contract.customFields = { practice: nested(20_000) };
		const deep = fromCanonicalRecord(opportunityMapper, canonical);
		expect(deep).toMatchObject({ ok: false, problems: [{ path: expect.stringMatching(/^contract\.customFields\.practice\.a/), reason: 'is nested more than 64 levels deep' }] });
	});

});
