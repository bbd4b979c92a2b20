/**
 * Which nodes an AI agent can use as a tool, and what the tool variant shows. n8n makes the tool variant of a
 * `usableAsTool` node (type name + "Tool", no main inputs, one tool output that answers with the first output's
 * items); `@tool` display options pick what that variant offers.
 */
import { mock } from 'jest-mock-extended';
import { NodeHelpers } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeParameters, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { CanonicalTransform } from '../../nodes/CanonicalTransform/CanonicalTransform.node';
import { NetSuite } from '../../nodes/NetSuite/NetSuite.node';
import { Reconcile } from '../../nodes/Reconcile/Reconcile.node';
import { RevenueSchedule } from '../../nodes/RevenueSchedule/RevenueSchedule.node';
import { Salesforce } from '../../nodes/Salesforce/Salesforce.node';
import { SalesforceTrigger } from '../../nodes/Salesforce/SalesforceTrigger.node';
import { SyncLedger } from '../../nodes/SyncLedger/SyncLedger.node';
import { netSuite } from '../canonical/fixtures';

/** The description n8n gives the tool variant (what `@tool` display options test is the name). */
const asTool = (description: INodeTypeDescription): INodeTypeDescription => ({ ...description, name: `${description.name}Tool` });

/** Option values of the parameter `name` the editor shows for these values. */
function shownOptions(description: INodeTypeDescription, name: string, values: INodeParameters): string[] {
	const shown = description.properties.filter(
		(property) => property.name === name && NodeHelpers.displayParameter(values, property, { typeVersion: 1 }, description),
	);
	expect(shown).toHaveLength(1);
	return (shown[0].options ?? []).map((option) => (option as { value: string }).value);
}

function shownNotices(description: INodeTypeDescription, values: INodeParameters): INodeProperties[] {
	return description.properties.filter(
		(property) => property.type === 'notice' && NodeHelpers.displayParameter(values, property, { typeVersion: 1 }, description),
	);
}

describe('agent tools', () => {
	it.each<[string, INodeType]>([
		['Salesforce', new Salesforce()],
		['NetSuite', new NetSuite()],
		['Canonical Transform', new CanonicalTransform()],
		['Sync Ledger', new SyncLedger()],
	])('%s can be used as a tool', (_name, node) => {
		expect(node.description.usableAsTool).toBe(true);
	});

	it.each<[string, INodeType]>([
		['Reconcile (two inputs)', new Reconcile()],
		['Revenue Schedule (contracts from input items, two outputs)', new RevenueSchedule()],
		['Salesforce Trigger (a trigger)', new SalesforceTrigger()],
	])('%s is not a tool', (_name, node) => {
		expect(node.description.usableAsTool).toBeFalsy();
	});

	it('Sync Ledger as a tool leaves out the operations that route items to several outputs', () => {
		const { description } = new SyncLedger();
		expect(shownOptions(description, 'resource', {})).toEqual(['audit', 'exception', 'health', 'ledger', 'target']);
		expect(shownOptions(description, 'operation', { resource: 'health' })).toEqual(['closeReadiness', 'digest', 'get']);
		expect(shownOptions(description, 'operation', { resource: 'exception' })).toEqual(['add', 'list', 'replay', 'resolve']);

		const tool = asTool(description);
		expect(shownOptions(tool, 'resource', {})).toEqual(['audit', 'exception', 'health']);
		expect(shownOptions(tool, 'operation', { resource: 'exception' })).toEqual(['add', 'list', 'resolve']);
		expect(shownOptions(tool, 'operation', { resource: 'health' })).toEqual(['digest', 'get']);
	});

	it('Sync Ledger refuses a routing operation when run as a tool', async () => {
		const context = mock<IExecuteFunctions>();
		context.getNode.mockReturnValue({ type: 'n8n-nodes-planning-to-cash.syncLedgerTool', name: 'Ledger' } as never);
		context.getNodeParameter.mockImplementation(((name: string) => ({ resource: 'ledger', operation: 'checkAndClaim' })[name]) as never);
		await expect(new SyncLedger().execute!.call(context)).rejects.toThrow('routes items and cannot run as an agent');
	});

	it('NetSuite warns, as a tool only, that Delete deletes for good', () => {
		const { description } = new NetSuite();
		const values = { resource: 'customer', operation: 'delete' };
		expect(shownNotices(description, values)).toEqual([]);
		expect(shownNotices(asTool(description), values).map((notice) => notice.displayName)).toEqual([
			expect.stringContaining('can delete NetSuite records for good'),
		]);
		expect(shownNotices(asTool(description), { resource: 'customer', operation: 'get' })).toEqual([]);
	});

	describe('Canonical Transform as a tool', () => {
		async function runAsTool(record: unknown): Promise<INodeExecutionData[][]> {
			const context = mock<IExecuteFunctions>();
			context.getNode.mockReturnValue({ type: 'n8n-nodes-planning-to-cash.canonicalTransformTool', name: 'Check' } as never);
			// n8n passes the agent's arguments as the one input item
			context.getInputData.mockReturnValue([{ json: { record } as never }]);
			const parameters: Record<string, unknown> = { operation: 'validate', entity: 'timeEntry', options: {}, record };
			context.getNodeParameter.mockImplementation(((name: string, _index: number, fallback?: unknown) =>
				name in parameters ? parameters[name] : fallback) as never);
			return await new CanonicalTransform().execute.call(context);
		}

		async function canonicalTimeEntry(): Promise<Record<string, unknown>> {
			const context = mock<IExecuteFunctions>();
			context.getInputData.mockReturnValue([{ json: netSuite.timeBill() as never }]);
			const parameters: Record<string, unknown> = { operation: 'toCanonical', source: 'auto', environment: 'sandbox', defaultCurrency: 'usd', fieldOverrides: {}, options: {} };
			context.getNodeParameter.mockImplementation(((name: string, _index: number, fallback?: unknown) =>
				name in parameters ? parameters[name] : fallback) as never);
			const [valid] = await new CanonicalTransform().execute.call(context);
			return valid[0].json as Record<string, unknown>;
		}

		it('offers Validate only, with the record taken from the agent', () => {
			const tool = asTool(new CanonicalTransform().description);
			expect(shownOptions(tool, 'operation', {})).toEqual(['validate']);
			const record = tool.properties.find((property) => property.name === 'record');
			expect(record && NodeHelpers.displayParameter({ operation: 'validate' }, record, { typeVersion: 1 }, tool)).toBe(true);
			expect(String(record?.default)).toContain('$fromAI(');
			expect(record && NodeHelpers.displayParameter({ operation: 'validate' }, record, { typeVersion: 1 }, new CanonicalTransform().description)).toBe(false);
		});

		it('answers on the first output for valid and invalid records alike', async () => {
			const record = await canonicalTimeEntry();
			const [answer, second] = await runAsTool(record);
			expect(second).toEqual([]);
			expect(answer).toHaveLength(1);
			expect(answer[0].json).toMatchObject({ valid: true, entity: 'timeEntry', record });

			const tampered = structuredClone(record) as any;
			tampered.timeEntry.hours = '9';
			const [invalid, none] = await runAsTool(JSON.stringify(tampered));
			expect(none).toEqual([]);
			expect(invalid).toHaveLength(1);
			expect(invalid[0].json).toMatchObject({ valid: false, problems: [expect.objectContaining({ path: 'envelope.idempotencyKey' })] });
		});
	});
});
