/**
 * The F&O sandbox's entity shapes and the node's requests against Microsoft's published definitions: every
 * property of a sandbox entity is an attribute of its CDM entity definition (cdm-operationsCommon), CustomersV3
 * matches the `$metadata` excerpt (key, Edm types, enum members), and what the node sends (keys, external
 * reference fields, line links, the canonical mappings' bodies) uses only properties those entities have.
 * Entities the shipped specs do not cover are listed, so a new one needs a decision.
 */
import type { IDataObject } from 'n8n-workflow';

import { ENTITIES } from '../../nodes/Dynamics365Finance/helpers/entities';
import type { FinanceEntity } from '../../nodes/Dynamics365Finance/helpers/entities';
import { financeMappers, fromCanonical, toCanonical } from '../../nodes/Dynamics365Finance/canonical';
import { FINANCE_ENTITY_SETS } from '../../sandbox/dynamicsFinance';
import type { ODataEntitySetDefinition } from '../../sandbox/odata';
import { describeWithSpecs, readSpec } from '../helpers/specs';

const CDM_OF: Record<string, string> = {
	CustomersV3: 'CustCustomerV3Entity',
	Projects: 'ProjectEntity',
	ProjectJournalHeaders: 'ProjJournalTableEntity',
	ProjectJournalLines: 'ProjJournalTransEntity',
	ExpenseJournalLines: 'ExpenseJournalLineEntity',
	FreeTextInvoiceHeaders: 'FreeTextInvoiceHeaderEntity',
	FreeTextInvoiceLines: 'FreeTextInvoiceLineEntity',
	LedgerJournalHeaders: 'LedgerJournalHeaderEntity',
	LedgerJournalLines: 'LedgerJournalLineEntity',
	Workers: 'HcmWorkerEntity',
};

/** Entities the shipped specs have no definition for (documented names; see the README). */
const NOT_IN_SPECS = ['LegalEntities', 'VendorsV2', 'ProjectContracts', 'ProjectCategories', 'ExpenseJournalHeaders'];
/** Checked against the project-accounting `$metadata` excerpt in hourEstimates.sandbox.test.ts. */
const CHECKED_ELSEWHERE = ['ProjEstimateHoursImport'];

/** Properties the sandbox has beyond the CDM definition, each with its reason. */
const EXTRA_PROPERTIES: Record<string, Record<string, string>> = {
	FreeTextInvoiceLines: { InvoiceIdentifier: 'the CDM links a line to its header by ParentRecId, which the header entity does not expose' },
};

function cdmAttributes(entity: string): Set<string> {
	const document = JSON.parse(readSpec(`microsoft/cdm-operationsCommon/${entity}.cdm.json`)) as { definitions: Array<{ entityName?: string; hasAttributes: Array<{ name?: string }> }> };
	const definition = document.definitions.find((d) => d.entityName === entity)!;
	return new Set(definition.hasAttributes.map((a) => a.name).filter((name): name is string => !!name && !/^(Relationship|BackingTable)_/.test(name)));
}

interface MetadataProperty {
	type: string;
	nullable: boolean;
}

function metadataEntity(typeName: string): { key: string[]; properties: Map<string, MetadataProperty>; enums: Map<string, string[]> } {
	const xml = readSpec('microsoft/d365fo-metadata-excerpts/temp_shortlist_trimmed.xml');
	const block = new RegExp(`<EntityType Name="${typeName}"[\\s\\S]*?</EntityType>`).exec(xml)![0];
	const key = [...block.matchAll(/<PropertyRef Name="([^"]+)"/g)].map((m) => m[1]);
	const properties = new Map<string, MetadataProperty>();
	for (const m of block.matchAll(/<Property Name="([^"]+)" Type="([^"]+)"([^>]*)>/g)) properties.set(m[1], { type: m[2], nullable: !/Nullable="false"/.test(m[3]) });
	const enums = new Map<string, string[]>();
	for (const m of xml.matchAll(/<EnumType Name="([^"]+)"[^>]*>([\s\S]*?)<\/EnumType>/g)) enums.set(m[1], [...m[2].matchAll(/<Member Name="([^"]+)"/g)].map((x) => x[1]));
	return { key, properties, enums };
}

const setOf = (name: string): ODataEntitySetDefinition => FINANCE_ENTITY_SETS.find((s) => s.name === name)!;

describeWithSpecs('Dynamics 365 Finance entities against the CDM definitions and $metadata excerpts', () => {
	it('every sandbox entity is either checked against a CDM definition or listed as not covered', () => {
		expect(FINANCE_ENTITY_SETS.map((s) => s.name).sort()).toEqual([...Object.keys(CDM_OF), ...NOT_IN_SPECS, ...CHECKED_ELSEWHERE].sort());
	});

	it.each(Object.entries(CDM_OF))('%s has only attributes of %s (and its company)', (setName, cdmEntity) => {
		const attributes = cdmAttributes(cdmEntity);
		const extras = EXTRA_PROPERTIES[setName] ?? {};
		const unknown = Object.keys(setOf(setName).properties).filter((name) => name !== 'dataAreaId' && !attributes.has(name) && !(name in extras));
		expect(unknown).toEqual([]);
		for (const extra of Object.keys(extras)) expect(attributes.has(extra)).toBe(false);
	});

	it('CustomersV3 has the key, Edm types and enum members of the $metadata excerpt', () => {
		const metadata = metadataEntity('CustomerV3');
		const set = setOf('CustomersV3');
		expect(set.key).toEqual(metadata.key);
		for (const [name, definition] of Object.entries(set.properties)) {
			const spec = metadata.properties.get(name);
			expect([name, spec !== undefined]).toEqual([name, true]);
			if (spec!.type.startsWith('Microsoft.Dynamics.DataEntities.')) {
				expect([name, definition.type, definition.enumValues]).toEqual([name, 'Edm.String', metadata.enums.get(spec!.type.split('.').pop()!)]);
			} else {
				expect([name, definition.type]).toEqual([name, spec!.type]);
			}
		}
	});

	it('the node addresses the sandbox\'s entities: set names, keys, external reference fields, line links', () => {
		for (const [resource, entity] of Object.entries(ENTITIES) as Array<[string, FinanceEntity]>) {
			const set = setOf(entity.set);
			expect([resource, set !== undefined]).toEqual([resource, true]);
			expect([resource, set.key]).toEqual([resource, entity.companyScoped ? ['dataAreaId', ...entity.key] : entity.key]);
			for (const field of [entity.nameField, entity.externalReferenceField, entity.postedField, ...Object.keys(entity.fixed ?? {})].filter(Boolean) as string[]) {
				expect([resource, field, field in set.properties]).toEqual([resource, field, true]);
			}
			for (const [field, value] of Object.entries(entity.fixed ?? {})) expect([resource, field, set.properties[field].enumValues?.includes(value.member)]).toEqual([resource, field, true]);
			if (entity.lines) {
				const lines = setOf(entity.lines.set);
				expect(set.collections?.[entity.lines.navigation]).toEqual({ source: entity.lines.set, column: entity.lines.headerKeyField });
				expect([entity.lines.headerKeyField, entity.lines.lineNumberField].every((f) => f in lines.properties)).toBe(true);
			}
		}
	});

	it('the canonical mappings read and write only properties the entities have', () => {
		const objectSet: Record<string, string[]> = {
			CustomersV3: ['CustomersV3'],
			Projects: ['Projects'],
			ProjectContracts: ['ProjectContracts'],
			Workers: ['Workers'],
			ProjectJournalLines: ['ProjectJournalLines'],
			ProjectFeeJournalLines: ['ProjectJournalLines'],
			ExpenseJournalLines: ['ExpenseJournalLines', 'ExpenseJournalHeaders'],
			FreeTextInvoiceHeaders: ['FreeTextInvoiceHeaders', 'FreeTextInvoiceLines'],
			LedgerJournalHeaders: ['LedgerJournalHeaders', 'LedgerJournalLines'],
		};
		const envelope = new Set(['@odata.etag', '@odata.context', 'dataAreaId', 'ModifiedDateTime', 'Lines', 'IsPosted']);
		for (const mapper of financeMappers) {
			const known = new Set(objectSet[mapper.object].flatMap((name) => Object.keys(setOf(name).properties)));
			expect([mapper.object, mapper.knownFields.filter((f) => !known.has(f) && !envelope.has(f))]).toEqual([mapper.object, []]);
		}
		// Bodies rendered from canonical records use the entities' properties, lines included.
		const samples: Array<[string, IDataObject]> = [
			['LedgerJournalHeaders', { dataAreaId: 'usmf', JournalBatchNumber: 'GJ-1', JournalName: 'GenJrn', Description: 'x', Lines: [{ LineNumber: 1, AccountDisplayValue: '601500', OffsetAccountDisplayValue: '200100', DebitAmount: 5, CreditAmount: 0, CurrencyCode: 'USD', TransDate: '2026-01-31T00:00:00Z' }] }],
			['ExpenseJournalLines', { dataAreaId: 'usmf', JournalBatchNumber: 'EJ-1', LineNumber: 1, ProjId: 'P1', ProjectCategory: 'Travel', ProjectDate: '2026-01-12T00:00:00Z', ResourceId: 'EMP-0002', DebitAmount: 412.35, CurrencyCode: 'USD', ProjectLineProperty: 'Billable' }],
			['FreeTextInvoiceHeaders', { dataAreaId: 'usmf', InvoiceIdentifier: 'FTI-1', CustomerAccount: 'C1', InvoiceDate: '2026-02-01T00:00:00Z', CurrencyCode: 'USD', IsPosted: 'No', Lines: [{ LineNumber: 1, Description: 'Fees', MainAccountDisplayValue: '401100', Quantity: 1, UnitPrice: 10, TransactionCurrencyAmount: 10 }] }],
		];
		for (const [object, record] of samples) {
			const canonical = toCanonical(object, record, { environment: 'sandbox', correlationId: 'c' });
			expect(canonical.problems).toEqual([]);
			const rendered = fromCanonical(object, canonical.value, {});
			const body = (rendered.value as { record: IDataObject }).record;
			const [headerSet, lineSet] = objectSet[object].length === 2 && object !== 'ExpenseJournalLines' ? objectSet[object] : [objectSet[object][1], objectSet[object][0]];
			const headerFields = Object.keys(body).filter((f) => f !== 'lines');
			expect(headerFields.filter((f) => !(f in setOf(headerSet).properties))).toEqual([]);
			const lineFields = [...new Set(((body.lines as IDataObject[]) ?? []).flatMap((l) => Object.keys(l)))];
			expect(lineFields.filter((f) => !(f in setOf(lineSet).properties))).toEqual([]);
		}
	});
});
