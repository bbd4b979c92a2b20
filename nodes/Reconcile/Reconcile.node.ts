import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPairedItemData,
} from 'n8n-workflow';

import { controlTotals, groupedControlTotals, outcomeCountsByGroup, reconcile, splitPaths } from '../../lib/governance';
import type { Indexed } from '../../lib/governance';

/**
 * Reconciles two record sets by a match key: PSA approved time against ERP time bills, CRM bookings against ERP
 * sales orders. Source items come in on input 1, target items on input 2; each ends in exactly one output.
 */
export class Reconcile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reconcile',
		name: 'reconcile',
		icon: { light: 'file:reconcile.svg', dark: 'file:reconcile.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ "by " + $parameter["matchKey"] }}',
		description: 'Match source and target records by key: matched, mismatched (with field differences), missing, duplicates',
		defaults: { name: 'Reconcile' },
		// Not an agent's tool: it needs two inputs (source and target) and routes to five outputs.
		usableAsTool: undefined,
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Source' },
			{ type: NodeConnectionTypes.Main, displayName: 'Target' },
		],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Matched' },
			{ type: NodeConnectionTypes.Main, displayName: 'Mismatched' },
			{ type: NodeConnectionTypes.Main, displayName: 'Missing in Target' },
			{ type: NodeConnectionTypes.Main, displayName: 'Missing in Source' },
			{ type: NodeConnectionTypes.Main, displayName: 'Duplicates' },
		],
		properties: [
			{
				displayName: 'Match Key',
				name: 'matchKey',
				type: 'string',
				default: 'externalId',
				required: true,
				description: 'Field path with the key on both sides, e.g. externalId or envelope.sourceId',
			},
			{
				displayName: 'Compare Fields',
				name: 'compareFields',
				type: 'string',
				default: '',
				placeholder: 'hours, amount, currency, projectCode',
				description: 'Comma-separated field paths compared on matched keys; numbers are compared exactly, within the tolerance',
			},
			{
				displayName: 'Tolerance',
				name: 'tolerance',
				type: 'string',
				default: '0',
				placeholder: '0.01',
				description: 'Absolute difference allowed for numeric fields, as a decimal',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Add Control Totals',
						name: 'controlTotals',
						type: 'boolean',
						default: false,
						description: 'Whether to add a summary item (counts and exact sums per currency on each side) to the Matched output',
					},
					{ displayName: 'Amount Field', name: 'amountField', type: 'string', default: 'amount' },
					{
						displayName: 'Control Totals By',
						name: 'groupField',
						type: 'string',
						default: '',
						placeholder: 'stream',
						description:
							'Field path whose value splits the control totals and outcome counts into groups (e.g. stream: time, expense, invoice); records without an amount are then counted with their quantities',
					},
					{ displayName: 'Currency Field', name: 'currencyField', type: 'string', default: 'currency' },
					{
						displayName: 'Default Currency',
						name: 'defaultCurrency',
						type: 'string',
						default: '',
						placeholder: 'USD',
						description: 'Currency of records that have none',
					},
					{
						displayName: 'Quantity Fields',
						name: 'quantityFields',
						type: 'string',
						default: '',
						placeholder: 'hours',
						description: 'Comma-separated numeric field paths summed exactly next to the amount in the control totals (e.g. hours)',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const sourceItems = this.getInputData(0) ?? [];
		const targetItems = this.getInputData(1) ?? [];
		const matchKey = (this.getNodeParameter('matchKey', 0) as string).trim();
		const compareFields = splitPaths(this.getNodeParameter('compareFields', 0, '') as string);
		const tolerance = String(this.getNodeParameter('tolerance', 0, '0') ?? '0');
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		if (!matchKey) throw new NodeOperationError(this.getNode(), 'Match Key is empty (parameter "matchKey")');

		let result;
		try {
			result = reconcile(
				sourceItems.map((item) => item.json),
				targetItems.map((item) => item.json),
				{ matchKey, compareFields, tolerance },
			);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), error as Error);
		}

		// Paired items point at input 0 (source) or input 1 (target).
		const fromSource = (entry: Indexed<IDataObject>): IPairedItemData => ({ item: entry.index, input: 0 });
		const fromTarget = (entry: Indexed<IDataObject>): IPairedItemData => ({ item: entry.index, input: 1 });
		const matched: INodeExecutionData[] = result.matched.map(({ key, source, target }) => ({
			json: { key, outcome: 'matched', reason: `all ${compareFields.length} compared fields agree`, source: source.record, target: target.record },
			pairedItem: [fromSource(source), fromTarget(target)],
		}));
		const mismatched = result.mismatched.map(({ key, source, target, differences }) => ({
			json: {
				key,
				outcome: 'mismatched',
				reason: `differs in ${differences.map((d) => d.field).join(', ')}`,
				differences: differences as unknown as IDataObject[],
				source: source.record,
				target: target.record,
			},
			pairedItem: [fromSource(source), fromTarget(target)],
		}));
		const missingInTarget = result.missingInTarget.map(({ key, source, reason }) => ({
			json: { key, outcome: 'missingInTarget', reason, source: source.record },
			pairedItem: fromSource(source),
		}));
		const missingInSource = result.missingInSource.map(({ key, target, reason }) => ({
			json: { key, outcome: 'missingInSource', reason, target: target.record },
			pairedItem: fromTarget(target),
		}));
		const duplicates = result.duplicates.map(({ key, sources, targets, reason }) => ({
			json: {
				key,
				outcome: 'duplicate',
				reason,
				sourceCount: sources.length,
				targetCount: targets.length,
				sources: sources.map((s) => s.record),
				targets: targets.map((t) => t.record),
			},
			pairedItem: [...sources.map(fromSource), ...targets.map(fromTarget)],
		}));

		if (options.controlTotals === true) {
			const counts = {
				source: sourceItems.length,
				target: targetItems.length,
				matched: result.matched.length,
				mismatched: result.mismatched.length,
				missingInTarget: result.missingInTarget.length,
				missingInSource: result.missingInSource.length,
				duplicateKeys: result.duplicates.length,
			};
			const totals = controlTotals(
				sourceItems.map((item) => item.json),
				targetItems.map((item) => item.json),
				{
					amount: (options.amountField as string) || 'amount',
					currency: (options.currencyField as string) || 'currency',
					defaultCurrency: (options.defaultCurrency as string) || undefined,
				},
			);
			const groupField = String(options.groupField ?? '').trim();
			const quantityFields = splitPaths(String(options.quantityFields ?? ''));
			const everyItem = [...sourceItems.map((_, item) => ({ item, input: 0 })), ...targetItems.map((_, item) => ({ item, input: 1 }))];
			if (groupField || quantityFields.length) {
				// Per group and currency, so streams without money (time: count and hours) sit beside those with it.
				const grouped = groupedControlTotals(
					sourceItems.map((item) => item.json),
					targetItems.map((item) => item.json),
					{
						group: groupField,
						amount: (options.amountField as string) || 'amount',
						currency: (options.currencyField as string) || 'currency',
						defaultCurrency: (options.defaultCurrency as string) || undefined,
						quantities: quantityFields,
					},
				);
				matched.push({
					json: {
						outcome: 'controlTotals',
						reason: `counts, exact amounts per currency and ${quantityFields.length ? quantityFields.join(', ') : 'no quantities'}${groupField ? ` per ${groupField}` : ''}, both sides and the difference`,
						counts,
						...(groupField ? { countsByGroup: outcomeCountsByGroup(result, groupField) as unknown as IDataObject } : {}),
						totals: grouped.rows as unknown as IDataObject[],
						rejected: grouped.rejected as unknown as IDataObject[],
					},
					pairedItem: everyItem,
				});
				return [matched, mismatched, missingInTarget, missingInSource, duplicates];
			}
			matched.push({
				json: {
					outcome: 'controlTotals',
					reason: 'counts and exact sums per currency',
					counts,
					...(totals as unknown as IDataObject),
				},
				pairedItem: everyItem,
			});
		}
		return [matched, mismatched, missingInTarget, missingInSource, duplicates];
	}
}
