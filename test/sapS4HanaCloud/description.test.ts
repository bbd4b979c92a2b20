/** What the SAP node shows: every resource's operations, and the notices its agent-tool variant carries on final writes. */
import { NodeHelpers } from 'n8n-workflow';
import type { INodeParameters, INodeTypeDescription } from 'n8n-workflow';

import { SAP_RESOURCES } from '../../nodes/SapS4HanaCloud/helpers/resources';
import { SapS4HanaCloud } from '../../nodes/SapS4HanaCloud/SapS4HanaCloud.node';

const { description } = new SapS4HanaCloud();
const asTool = (d: INodeTypeDescription): INodeTypeDescription => ({ ...d, name: `${d.name}Tool` });

function shown(d: INodeTypeDescription, values: INodeParameters, type?: string, name?: string) {
	return d.properties.filter((p) => (!type || p.type === type) && (!name || p.name === name) && NodeHelpers.displayParameter(values, p, { typeVersion: 1 }, d));
}

describe('SAP S/4HANA Cloud node description', () => {
	it('offers for each resource exactly the operations the router accepts', () => {
		for (const [name, resource] of Object.entries(SAP_RESOURCES)) {
			const operations = shown(description, { resource: name }, 'options', 'operation').flatMap((p) => (p.options ?? []).map((o) => (o as { value: string }).value));
			expect([name, operations.sort()]).toEqual([name, [...resource.operations].sort()]);
		}
		expect(shown(description, { resource: 'journalEntry' }, 'options', 'operation').flatMap((p) => (p.options ?? []).map((o) => (o as { value: string }).value))).toEqual(['post']);
	});

	it('warns in tool mode only, on cancelling timesheet entries and posting journal entries', () => {
		const tool = asTool(description);
		expect(shown(tool, { resource: 'timesheetEntry', operation: 'delete' }, 'notice').map((p) => p.name)).toEqual(['deleteAsToolNotice']);
		expect(shown(tool, { resource: 'journalEntry', operation: 'post' }, 'notice').map((p) => p.name)).toEqual(['postAsToolNotice']);
		expect(shown(description, { resource: 'timesheetEntry', operation: 'delete' }, 'notice')).toEqual([]);
		expect(shown(tool, { resource: 'timesheetEntry', operation: 'create' }, 'notice')).toEqual([]);
	});
});
