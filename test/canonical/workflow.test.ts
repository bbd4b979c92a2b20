import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { PACKAGE_NAME, runWorkflow, shutdownN8nCore } from '../helpers/harness';
import { netSuite, salesforce } from './fixtures';

/** Stands in for a vendor node's read: emits a NetSuite time bill, a Salesforce opportunity and junk. */
class RecordsProbe implements INodeType {
	description = {
		displayName: 'Records Probe',
		name: 'recordsProbe',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Records Probe' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeTypeDescription;

	async execute() {
		return [[{ json: netSuite.timeBill() }, { json: salesforce.opportunity() }, { json: { note: 'not a record' } }].map((item, index) => ({ ...item, pairedItem: { item: 0 }, index }))];
	}
}

const node = (name: string, type: string, parameters: Record<string, unknown>, position: [number, number]) => ({
	id: name,
	name,
	type,
	typeVersion: 1,
	position,
	parameters,
});

afterAll(shutdownN8nCore);

describe('Canonical Transform in a workflow (n8n-core WorkflowExecute)', () => {
	it('routes vendor records through toCanonical and fromCanonical on the Valid and Exceptions outputs', async () => {
		const workflow = {
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', {}, [0, 0]),
				node('Records', `${PACKAGE_NAME}.recordsProbe`, {}, [200, 0]),
				node(
					'To Canonical',
					`${PACKAGE_NAME}.canonicalTransform`,
					{
						operation: 'toCanonical',
						source: 'auto',
						environment: 'sandbox',
						defaultCurrency: 'USD',
						fieldOverrides: { override: [{ source: 'Practice__c', target: 'contract.practice' }] },
					},
					[400, 0],
				),
				node('To NetSuite Time Bill', `${PACKAGE_NAME}.canonicalTransform`, { operation: 'fromCanonical', target: 'netsuite:timeBill' }, [600, 0]),
			],
			connections: {
				Start: { main: [[{ node: 'Records', type: 'main' as const, index: 0 }]] },
				Records: { main: [[{ node: 'To Canonical', type: 'main' as const, index: 0 }]] },
				'To Canonical': { main: [[{ node: 'To NetSuite Time Bill', type: 'main' as const, index: 0 }], []] },
			},
		};
		const result = await runWorkflow(workflow as never, { extraTypes: { nodes: [new RecordsProbe()] } });
		expect(result.error).toBeUndefined();

		const canonical = result.output('To Canonical', 0);
		expect(canonical.map((item) => (item.envelope as { entity: string }).entity)).toEqual(['timeEntry', 'contract']);
		expect((canonical[1].contract as { practice: string }).practice).toBe('Digital Operations');
		const exceptions = result.output('To Canonical', 1);
		expect(exceptions).toHaveLength(1);
		expect(exceptions[0]).toMatchObject({ payload: { note: 'not a record' }, problems: [{ path: 'payload' }] });

		const rendered = result.output('To NetSuite Time Bill', 0);
		expect(rendered).toHaveLength(1);
		expect(rendered[0]).toMatchObject({ system: 'netsuite', object: 'timeBill', record: { id: '4101', hours: '7.5', rate: 200 } });
		const refused = result.output('To NetSuite Time Bill', 1);
		expect(refused[0].problems).toEqual([{ path: 'envelope.entity', reason: expect.stringContaining('"timeEntry"') }]);
	});
});
