/** Node subtitles read as the editor's labels, not as parameter values. */
import { NetSuite } from '../../nodes/NetSuite/NetSuite.node';
import { Salesforce } from '../../nodes/Salesforce/Salesforce.node';
import { SalesforceTrigger } from '../../nodes/Salesforce/SalesforceTrigger.node';
import { CanonicalTransform } from '../../nodes/CanonicalTransform/CanonicalTransform.node';
import { SyncLedger } from '../../nodes/SyncLedger/SyncLedger.node';

/** Evaluates a `={{ … }}` subtitle the way the editor does, for these parameter values. */
function subtitleOf(node: { description: { subtitle?: string } }, parameters: Record<string, string>): string {
	const expression = node.description.subtitle!.replace(/^=\{\{/, '').replace(/\}\}$/, '');
	return new Function('$parameter', `return ${expression};`)(parameters) as string;
}

describe('readable subtitles', () => {
	it.each([
		[new Salesforce(), { operation: 'getMany', resource: 'opportunity' }, 'Get Many: Opportunity'],
		[new Salesforce(), { operation: 'batchUpsert', resource: 'account' }, 'Batch Upsert: Account'],
		[new NetSuite(), { operation: 'upsert', resource: 'journalEntry' }, 'Create or Update: Journal Entry'],
		[new NetSuite(), { operation: 'query', resource: 'suiteQl' }, 'Query: SuiteQL'],
		[new SyncLedger(), { operation: 'checkAndClaim', resource: 'ledger' }, 'Check & Claim: Ledger'],
		[new SalesforceTrigger(), { event: 'opportunityStage' }, 'Opportunity Reached Stage'],
		[new CanonicalTransform(), { operation: 'toCanonical' }, 'To Canonical'],
	])('case %#', (node, parameters, expected) => {
		expect(subtitleOf(node, parameters)).toBe(expected);
	});

	it('falls back to the raw value for a value no option names', () => {
		expect(subtitleOf(new Salesforce(), { operation: 'somethingNew', resource: 'account' })).toBe('somethingNew: Account');
	});
});
