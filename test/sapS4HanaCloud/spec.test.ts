/**
 * Spec checks against the published SAP files in ../shared/specs/sap: every entity set the node calls and the
 * sandbox answers (name, entity type, key, property names, types, max lengths, precision and scale, creatable /
 * updatable / deletable), the timesheet's complex type, and the Journal Entry – Post SOAP operation (the request
 * the node builds and the confirmation the sandbox answers, element names and order per the WSDL's sequences,
 * max lengths).
 */
import { SAP_RESOURCES } from '../../nodes/SapS4HanaCloud/helpers/resources';
import { JOURNAL_ENTRY_SOAP_ACTION, SFIN_NAMESPACE, buildJournalEntryRequest } from '../../nodes/SapS4HanaCloud/transport/journalEntry';
import { parseXml, xmlChild, xmlChildren, xmlPath } from '../../nodes/shared/kit/xml';
import type { XmlNode } from '../../nodes/shared/kit/xml';
import { createSapS4HanaCloudSandbox } from '../../sandbox/sapS4HanaCloud';
import { SAP_SERVICES, SAP_SERVICE_SPECS } from '../../sandbox/sapS4HanaCloud/services';
import { describeWithSpecs, readSpec } from '../helpers/specs';

interface EdmxProperty {
	type: string;
	maxLength?: number;
	precision?: number;
	scale?: number;
}

interface Edmx {
	namespace: string;
	sets: Map<string, { entityType: string; creatable: boolean; updatable: boolean; deletable: boolean }>;
	types: Map<string, { key: string[]; properties: Map<string, EdmxProperty>; navigations: Set<string> }>;
	complexTypes: Map<string, Map<string, EdmxProperty>>;
}

function all(node: XmlNode, localName: string, out: XmlNode[] = []): XmlNode[] {
	for (const child of node.children) {
		if (child.localName === localName) out.push(child);
		all(child, localName, out);
	}
	return out;
}

function propertyOf(node: XmlNode): EdmxProperty {
	const number = (name: string) => (node.attributes[name] !== undefined ? Number(node.attributes[name]) : undefined);
	return { type: node.attributes.Type, maxLength: number('MaxLength'), precision: number('Precision'), scale: number('Scale') };
}

const edmxCache = new Map<string, Edmx>();
function edmx(file: string): Edmx {
	const cached = edmxCache.get(file);
	if (cached) return cached;
	const root = parseXml(readSpec(file));
	const schema = all(root, 'Schema')[0];
	const parsed: Edmx = { namespace: schema.attributes.Namespace, sets: new Map(), types: new Map(), complexTypes: new Map() };
	for (const type of xmlChildren(schema, 'EntityType')) {
		parsed.types.set(type.attributes.Name, {
			key: all(type, 'PropertyRef').map((ref) => ref.attributes.Name),
			properties: new Map(xmlChildren(type, 'Property').map((p) => [p.attributes.Name, propertyOf(p)])),
			navigations: new Set(xmlChildren(type, 'NavigationProperty').map((n) => n.attributes.Name)),
		});
	}
	for (const type of xmlChildren(schema, 'ComplexType')) parsed.complexTypes.set(`${parsed.namespace}.${type.attributes.Name}`, new Map(xmlChildren(type, 'Property').map((p) => [p.attributes.Name, propertyOf(p)])));
	for (const set of all(schema, 'EntitySet')) {
		parsed.sets.set(set.attributes.Name, {
			entityType: set.attributes.EntityType.split('.').pop()!,
			creatable: set.attributes['sap:creatable'] !== 'false',
			updatable: set.attributes['sap:updatable'] !== 'false',
			deletable: set.attributes['sap:deletable'] !== 'false',
		});
	}
	edmxCache.set(file, parsed);
	return parsed;
}

/** The element names of a complex type's sequence in the WSDL's schema, in order. */
function wsdlSequence(wsdl: XmlNode, typeName: string): string[] {
	const type = all(wsdl, 'complexType').find((t) => t.attributes.name === typeName);
	if (!type) throw new Error(`complexType ${typeName} not in the WSDL`);
	return all(type, 'element').map((element) => element.attributes.name);
}

function simpleTypeMaxLength(wsdl: XmlNode, typeName: string): number | undefined {
	const type = all(wsdl, 'simpleType').find((t) => t.attributes.name === typeName);
	const max = type ? all(type, 'maxLength')[0] : undefined;
	return max ? Number(max.attributes.value) : undefined;
}

/** Element names in order, each of which must appear in `sequence` in the same relative order (a repeated element stays in place). */
function expectInSequence(names: string[], sequence: string[], where: string): void {
	let cursor = -1;
	for (const [index, name] of names.entries()) {
		const position = index > 0 && names[index - 1] === name ? cursor : sequence.indexOf(name, cursor + 1);
		if (position < 0) throw new Error(`${where}: <${name}> is not in the WSDL's sequence after <${sequence[cursor] ?? '(start)'}> (${sequence.join(', ')})`);
		cursor = position;
	}
}

describeWithSpecs('SAP S/4HANA Cloud against the published EDMX and WSDL', () => {
	describe.each(SAP_SERVICES.map((service) => [service.root, service] as const))('sandbox service %s', (root, service) => {
		const file = SAP_SERVICE_SPECS[root];

		it.each(service.sets.map((set) => [set.name, set] as const))('%s matches the EDMX: type, key, properties, flags', (_name, set) => {
			const spec = edmx(file);
			const specSet = spec.sets.get(set.name);
			expect(specSet).toBeDefined();
			expect(specSet!.entityType).toBe(set.entityType);
			expect({ creatable: set.creatable ?? true, updatable: set.updatable ?? true, deletable: set.deletable ?? true }).toEqual({ creatable: specSet!.creatable, updatable: specSet!.updatable, deletable: specSet!.deletable });
			const type = spec.types.get(set.entityType)!;
			expect(set.key).toEqual(type.key);
			for (const [name, property] of Object.entries(set.properties)) {
				const specProperty = type.properties.get(name);
				expect([name, specProperty?.type]).toEqual([name, property.type]);
				if (property.type === 'Edm.String') expect([name, property.maxLength]).toEqual([name, specProperty!.maxLength]);
				if (property.type === 'Edm.Decimal') expect([name, property.precision, property.scale]).toEqual([name, specProperty!.precision, specProperty!.scale]);
			}
			for (const navigation of Object.keys(set.navigations ?? {})) expect([navigation, type.navigations.has(navigation)]).toEqual([navigation, true]);
		});

		if (service.complexTypes) {
			it.each(Object.entries(service.complexTypes))('complex type %s matches the EDMX', (name, members) => {
				const specMembers = edmx(file).complexTypes.get(name)!;
				expect(specMembers).toBeDefined();
				for (const [member, property] of Object.entries(members)) {
					expect([member, specMembers.get(member)?.type, specMembers.get(member)?.maxLength, specMembers.get(member)?.precision, specMembers.get(member)?.scale]).toEqual([member, property.type, property.maxLength, property.precision, property.scale]);
				}
			});
		}
	});

	it.each(Object.entries(SAP_RESOURCES))('the node’s %s calls an entity set of its service’s EDMX with its key', (_name, resource) => {
		const file = SAP_SERVICE_SPECS[resource.service];
		expect(file).toBeDefined();
		const spec = edmx(file);
		const set = spec.sets.get(resource.entitySet)!;
		expect(set).toBeDefined();
		const type = spec.types.get(set.entityType)!;
		expect(resource.key).toEqual(type.key);
		if (resource.key.length === 1) expect(type.properties.get(resource.key[0])?.type).toBe(resource.keyType);
		if (resource.expand) expect(type.navigations.has(resource.expand)).toBe(true);
		if (resource.operations.includes('create') && resource.entitySet !== 'TimeSheetEntryCollection') expect(set.creatable).toBe(true);
		if (resource.operations.includes('update')) expect(set.updatable).toBe(true);
		// Timesheet writes are POSTs with TimeSheetOperation because the set is neither updatable nor deletable.
		if (resource.entitySet === 'TimeSheetEntryCollection') expect([set.creatable, set.updatable, set.deletable]).toEqual([true, false, false]);
	});

	describe('Journal Entry – Post (JOURNALENTRYCREATEREQUESTCONFI.wsdl)', () => {
		const wsdl = () => parseXml(readSpec('sap/JOURNALENTRYCREATEREQUESTCONFI.wsdl'));

		it('names the operation, its SOAP action and the namespace the node sends', () => {
			const definitions = wsdl();
			expect(definitions.attributes.targetNamespace).toBe(SFIN_NAMESPACE);
			const operations = all(definitions, 'operation');
			expect(operations.some((op) => op.attributes.name === 'JournalEntryCreateRequestConfirmation_In')).toBe(true);
			expect(operations.map((op) => op.attributes.soapAction).filter(Boolean)).toContain(JOURNAL_ENTRY_SOAP_ACTION);
			expect(all(definitions, 'element').some((e) => e.attributes.name === 'JournalEntryBulkCreateRequest' && e.attributes.type === 'JournalEntryCreateRequestBulkMessage')).toBe(true);
		});

		it('builds the request in the WSDL’s element order, within its max lengths', () => {
			const definitions = wsdl();
			const { body } = buildJournalEntryRequest([
				{
					companyCode: '1710', postingDate: '2026-01-31', documentDate: '2026-01-31', originalReferenceDocument: 'A1B2C3D4E5', documentReferenceId: 'REV-006A000101-2', headerText: 'Revenue January', createdByUser: 'N8N',
					lines: [
						{ glAccount: '21700000', amount: '10.00', currency: 'USD', side: 'debit', text: 'Deferred', profitCenter: 'YB_US_CONS', costCenter: '17101301', wbsElement: 'SF-006A000101-T1' },
						{ glAccount: '41000000', amount: '10.00', currency: 'USD', side: 'credit', text: 'Revenue' },
					],
				},
			]);
			const request = xmlPath(parseXml(body), 'Body', 'JournalEntryBulkCreateRequest')!;
			expectInSequence(request.children.map((c) => c.localName), wsdlSequence(definitions, 'JournalEntryCreateRequestBulkMessage'), 'JournalEntryBulkCreateRequest');
			const message = xmlChild(request, 'JournalEntryCreateRequest')!;
			expectInSequence(message.children.map((c) => c.localName), wsdlSequence(definitions, 'JournalEntryCreateRequestMessage'), 'JournalEntryCreateRequest');
			expectInSequence(xmlChild(message, 'MessageHeader')!.children.map((c) => c.localName), wsdlSequence(definitions, 'BusinessDocumentMessageHeader'), 'MessageHeader');
			const entry = xmlChild(message, 'JournalEntry')!;
			const entrySequence = wsdlSequence(definitions, 'JournalEntryCreateRequestJournalEntry');
			expectInSequence(entry.children.map((c) => c.localName), entrySequence, 'JournalEntry');
			const item = xmlChildren(entry, 'Item')[0];
			expectInSequence(item.children.map((c) => c.localName), wsdlSequence(definitions, 'JournalEntryCreateRequestJournalEntryItem'), 'Item');
			expectInSequence(xmlChild(item, 'AccountAssignment')!.children.map((c) => c.localName), wsdlSequence(definitions, 'JournalEntryCreateRequestJournalEntryItemAccountAssignment'), 'AccountAssignment');
			// Required elements of the entry (no minOccurs="0") are all sent.
			const entryType = all(definitions, 'complexType').find((t) => t.attributes.name === 'JournalEntryCreateRequestJournalEntry')!;
			const required = all(entryType, 'element').filter((e) => e.attributes.minOccurs !== '0').map((e) => e.attributes.name);
			for (const name of required) expect([name, xmlChild(entry, name) !== undefined]).toEqual([name, true]);
			expect(simpleTypeMaxLength(definitions, 'ReferenceDocumentID')).toBe(20);
			expect(simpleTypeMaxLength(definitions, 'DocumentReferenceID')).toBe(16);
			expect(simpleTypeMaxLength(definitions, 'DocumentHeaderText')).toBe(25);
			expect(simpleTypeMaxLength(definitions, 'DocumentItemText')).toBe(50);
		});

		it('the sandbox answers a confirmation in the WSDL’s element order', async () => {
			const definitions = wsdl();
			const sandbox = createSapS4HanaCloudSandbox({ latencyMs: 0 });
			await sandbox.seeding;
			const { body } = buildJournalEntryRequest([
				{ companyCode: '1710', postingDate: '2026-01-31', documentDate: '2026-01-31', createdByUser: 'N8N', lines: [{ glAccount: '21700000', amount: '1.00', currency: 'USD', side: 'debit' }, { glAccount: '41000000', amount: '1.00', currency: 'USD', side: 'credit' }] },
				{ companyCode: '9999', postingDate: '2026-01-31', documentDate: '2026-01-31', createdByUser: 'N8N', lines: [{ glAccount: '21700000', amount: '1.00', currency: 'USD', side: 'debit' }, { glAccount: '41000000', amount: '1.00', currency: 'USD', side: 'credit' }] },
			]);
			const { journalEntryPost } = await import('../../sandbox/sapS4HanaCloud/journalEntryPost');
			const answer = await journalEntryPost(body, (sandbox as unknown as { ledger(): never }).ledger());
			const confirmation = xmlPath(parseXml(String(answer.body)), 'Body', 'JournalEntryBulkCreateConfirmation')!;
			expectInSequence(confirmation.children.map((c) => c.localName), wsdlSequence(definitions, 'JournalEntryCreateConfirmationBulkMessage'), 'JournalEntryBulkCreateConfirmation');
			for (const message of xmlChildren(confirmation, 'JournalEntryCreateConfirmation')) {
				expectInSequence(message.children.map((c) => c.localName), wsdlSequence(definitions, 'JournalEntryCreateConfirmationMessage'), 'JournalEntryCreateConfirmation');
				expectInSequence(xmlChild(message, 'JournalEntryCreateConfirmation')!.children.map((c) => c.localName), wsdlSequence(definitions, 'JournalEntryCreateConfirmationJournalEntry'), 'JournalEntry');
				const log = xmlChild(message, 'Log')!;
				expectInSequence(log.children.map((c) => c.localName), wsdlSequence(definitions, 'Log'), 'Log');
				for (const item of xmlChildren(log, 'Item')) expectInSequence(item.children.map((c) => c.localName), wsdlSequence(definitions, 'LogItem'), 'Log/Item');
			}
			const [ok, refused] = xmlChildren(confirmation, 'JournalEntryCreateConfirmation').map((m) => xmlPath(m, 'JournalEntryCreateConfirmation', 'AccountingDocument')!.text);
			expect(ok).toMatch(/^\d{10}$/);
			expect(refused).toBe('0000000000');
		});
	});
});
