import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { correlationIdOf } from '../../../../shared/kit';
import { openLedger } from '../common';

const DAY = 86_400_000;

const days = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	default: 400,
	required: true,
	typeOptions: { minValue: 1 },
	description,
});

const properties: INodeProperties[] = [
	{
		displayName:
			'A forgotten key is new again: a delivery of it afterwards is posted again. Keep posted keys longer than any source can resend or replay a record.',
		name: 'pruneNotice',
		type: 'notice',
		default: '',
	},
	days('keepPostedDays', 'Keep Posted Keys (Days)', 'A key posted longer ago than this is forgotten with all its rows; keys not posted (claimed, failed) are kept'),
	days('keepAuditDays', 'Keep Audit Entries (Days)', 'Audit entries older than this are deleted'),
	days('keepResolvedExceptionsDays', 'Keep Resolved Exceptions (Days)', 'Exceptions resolved longer ago than this are deleted; open and replayed ones are kept'),
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to only count what would be deleted',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['ledger'], operation: ['prune'] } }, properties);

/** One item: what was deleted (or, in a dry run, would be) and the cutoffs used. Runs once, whatever the input. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const now = Date.now();
	const cutoff = (name: string) => {
		const value = this.getNodeParameter(name, 0, 400) as number;
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) {
			throw new NodeOperationError(this.getNode(), `${name}: must be a number of days, at least 1 (got ${JSON.stringify(value)})`);
		}
		return new Date(now - value * DAY);
	};
	const cutoffs = { postedBefore: cutoff('keepPostedDays'), auditBefore: cutoff('keepAuditDays'), resolvedExceptionsBefore: cutoff('keepResolvedExceptionsDays') };
	const dryRun = this.getNodeParameter('dryRun', 0, false) as boolean;
	const ledger = await openLedger(this);
	const report = await ledger.prune(cutoffs, dryRun, correlationIdOf(items[0]));
	await ledger.flushAudit();
	return [[{ json: { prune: report as unknown as IDataObject }, pairedItem: items.map((_, item) => ({ item })) }]];
}
