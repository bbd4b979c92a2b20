/**
 * The Dataverse sandbox's Sales tables against the CDM entity definitions in ../shared/specs where they cover
 * them: the Invoice entity's attributes that are Sales' own (not Project Operations' msdyn_ columns, which the
 * Project Operations module defines and checks) exist on the sandbox's invoices with the same lookups and types.
 */
import { createDataverseSandbox } from '../../sandbox/dataverse';
import { describeWithSpecs, readSpec } from '../helpers/specs';

interface CdmAttribute {
	name: string;
	sourceName: string;
	dataType: unknown;
	maximumLength?: number;
}

function attributes(path: string): CdmAttribute[] {
	const document = JSON.parse(readSpec(path)) as { definitions: Array<{ hasAttributes: Array<{ attributeGroupReference?: { members: CdmAttribute[] } }> }> };
	return document.definitions[0].hasAttributes.flatMap((group) => group.attributeGroupReference?.members ?? []);
}

function optionValues(dataType: unknown): number[] {
	const text = JSON.stringify(dataType);
	const values = [...text.matchAll(/\["en","[^"]*","(\d+)","\d+"\]/g)].map((match) => Number(match[1]));
	return values;
}

describeWithSpecs('Dataverse sandbox tables and the CDM', () => {
	const sandbox = createDataverseSandbox({ latencyMs: 0 });
	afterAll(async () => await sandbox.ready);

	it('invoice: its CDM lookups are navigation properties to the right table; its other Sales columns agree in type', () => {
		const invoices = sandbox.service.entitySet('invoices')!;
		const cdm = attributes('microsoft/cdm-projectServiceAutomation/Invoice.cdm.json').filter((a) => !a.sourceName.startsWith('msdyn_'));
		expect(cdm.map((a) => a.sourceName)).toContain('salesorderid');
		for (const attribute of cdm) {
			if (attribute.dataType === 'entityId') {
				expect(invoices.lookups?.[attribute.sourceName]).toMatchObject({ target: 'salesorders', column: `_${attribute.sourceName}_value` });
				continue;
			}
			const column = invoices.properties[attribute.sourceName];
			expect({ attribute: attribute.sourceName, defined: column !== undefined }).toEqual({ attribute: attribute.sourceName, defined: true });
			if (attribute.dataType === 'boolean') expect(column.type).toBe('Edm.Boolean');
			if (attribute.dataType === 'name') expect(column).toMatchObject({ type: 'Edm.String', maxLength: attribute.maximumLength });
			const options = optionValues(attribute.dataType);
			if (options.length) expect([...(column.enumValues ?? [])].sort()).toEqual(options.sort());
		}
	});
});
