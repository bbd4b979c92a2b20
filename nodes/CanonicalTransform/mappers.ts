/**
 * The registry of vendor ⇄ canonical mappings. Each vendor folder owns its mappings (`<Vendor>/canonical/`);
 * this list is the one place that knows them all.
 */
import type { VendorMapper, VendorRecord } from '../../lib/canonical';
import { isPlainObject } from '../../lib/canonical';
import { certiniaMappers } from '../Certinia/canonical';
import { coupaMappers } from '../Coupa/canonical';
import { financeMappers } from '../Dynamics365Finance/canonical';
import { projectOperationsMappers } from '../Dynamics365ProjectOperations/canonical';
import { dynamics365SalesMappers } from '../Dynamics365Sales/canonical';
import { kantataMappers } from '../Kantata/canonical';
import { netSuiteMappers } from '../NetSuite/canonical';
import { oracleMappers } from '../OracleFusion/canonical';
import { salesforceMappers } from '../Salesforce/canonical';
import { sapMappers } from '../SapS4HanaCloud/canonical';
import { workdayMappers } from '../Workday/canonical';

/** A system or object name as the registry compares it: vendors and workflows spell them in any case. */
function folded(name: string): string {
	return name.trim().toLowerCase();
}

/**
 * The registry index, keyed by case-folded `system:object` and every alias. Two registrations that differ only
 * in case (a system, an object or an alias) would make a key ambiguous, so they are refused when the list is built.
 */
export function indexMappers(mappers: readonly VendorMapper[]): Map<string, VendorMapper> {
	const index = new Map<string, VendorMapper>();
	const systems = new Map<string, string>();
	for (const mapper of mappers) {
		const spelled = systems.get(folded(mapper.system));
		if (spelled !== undefined && spelled !== mapper.system) throw new Error(`Canonical mapping systems "${spelled}" and "${mapper.system}" differ only in case; use one spelling`);
		systems.set(folded(mapper.system), mapper.system);
		for (const object of new Set([mapper.object, ...(mapper.aliases ?? [])].map(folded))) {
			const key = `${folded(mapper.system)}:${object}`;
			const taken = index.get(key);
			if (taken && taken !== mapper) throw new Error(`Canonical mappings ${taken.system}:${taken.object} and ${mapper.system}:${mapper.object} both answer to "${key}"`);
			index.set(key, mapper);
		}
	}
	return index;
}

export const MAPPERS: readonly VendorMapper[] = [...salesforceMappers, ...netSuiteMappers, ...kantataMappers, ...certiniaMappers, ...workdayMappers, ...oracleMappers, ...financeMappers, ...dynamics365SalesMappers, ...projectOperationsMappers, ...sapMappers, ...coupaMappers];

const MAPPER_INDEX = indexMappers(MAPPERS);

export const SYSTEM_LABELS: Record<string, string> = { salesforce: 'Salesforce', netsuite: 'NetSuite', kantata: 'Kantata OX', certinia: 'Certinia PSA', workday: 'Workday', oracleFusion: 'Oracle Fusion', d365finance: 'Dynamics 365 Finance', dataverse: 'Dynamics 365 (Dataverse)', sap: 'SAP S/4HANA Cloud', coupa: 'Coupa' };

const LABELS_BY_SYSTEM = new Map(Object.entries(SYSTEM_LABELS).map(([system, label]) => [folded(system), label]));

/** The display name of a system, whatever case it is given in; the system itself when unknown. */
export function systemLabel(system: string): string {
	return LABELS_BY_SYSTEM.get(folded(system)) ?? system;
}

/** `salesforce:Opportunity` — the value of a mapping in the node's source and target options. */
export function mapperKey(mapper: VendorMapper): string {
	return `${mapper.system}:${mapper.object}`;
}

/** The mapping a `system:object` key names; system, object and aliases compared without regard to case. */
export function mapperByKey(key: string): VendorMapper | undefined {
	const separator = String(key ?? '').indexOf(':');
	if (separator < 0) return undefined;
	return MAPPER_INDEX.get(`${folded(key.slice(0, separator))}:${folded(key.slice(separator + 1))}`);
}

/** The one mapping whose record shape the record has, or why there is none. */
export function detectMapper(record: unknown): { mapper?: VendorMapper; reason?: string } {
	if (!isPlainObject(record)) return { reason: 'must be a vendor record (a JSON object)' };
	const matches = MAPPERS.filter((mapper) => mapper.matches(record as VendorRecord));
	if (matches.length === 1) return { mapper: matches[0] };
	if (matches.length > 1) return { reason: `matches several mappings (${matches.map(mapperKey).join(', ')}); choose the source explicitly` };
	return {
		reason:
			'has no recognisable record shape (no Salesforce attributes.type and no NetSuite links href naming a mapped record type); choose the source explicitly',
	};
}

/** Entities that have at least one vendor mapping, with the mappings, for docs and option lists. */
export function mappersByEntity(): Map<string, VendorMapper[]> {
	const byEntity = new Map<string, VendorMapper[]>();
	for (const mapper of MAPPERS) byEntity.set(mapper.entity, [...(byEntity.get(mapper.entity) ?? []), mapper]);
	return byEntity;
}
