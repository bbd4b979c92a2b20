/**
 * The registry of vendor ⇄ canonical mappings. Each vendor folder owns its mappings (`<Vendor>/canonical/`);
 * this list is the one place that knows them all.
 */
import type { VendorMapper, VendorRecord } from '../../lib/canonical';
import { isPlainObject } from '../../lib/canonical';
import { certiniaMappers } from '../Certinia/canonical';
import { financeMappers } from '../Dynamics365Finance/canonical';
import { projectOperationsMappers } from '../Dynamics365ProjectOperations/canonical';
import { dynamics365SalesMappers } from '../Dynamics365Sales/canonical';
import { kantataMappers } from '../Kantata/canonical';
import { netSuiteMappers } from '../NetSuite/canonical';
import { oracleMappers } from '../OracleFusion/canonical';
import { salesforceMappers } from '../Salesforce/canonical';
import { sapMappers } from '../SapS4HanaCloud/canonical';
import { workdayMappers } from '../Workday/canonical';

export const MAPPERS: readonly VendorMapper[] = [...salesforceMappers, ...netSuiteMappers, ...kantataMappers, ...certiniaMappers, ...workdayMappers, ...oracleMappers, ...financeMappers, ...dynamics365SalesMappers, ...projectOperationsMappers, ...sapMappers];

export const SYSTEM_LABELS: Record<string, string> = { salesforce: 'Salesforce', netsuite: 'NetSuite', kantata: 'Kantata OX', certinia: 'Certinia PSA', workday: 'Workday', oracleFusion: 'Oracle Fusion', d365finance: 'Dynamics 365 Finance', dataverse: 'Dynamics 365 (Dataverse)', sap: 'SAP S/4HANA Cloud' };

/** `salesforce:Opportunity` — the value of a mapping in the node's source and target options. */
export function mapperKey(mapper: VendorMapper): string {
	return `${mapper.system}:${mapper.object}`;
}

export function mapperByKey(key: string): VendorMapper | undefined {
	const [system, object = ''] = key.split(':');
	const wanted = object.toLowerCase();
	return MAPPERS.find(
		(mapper) =>
			mapper.system === system.toLowerCase() &&
			(mapper.object.toLowerCase() === wanted || (mapper.aliases ?? []).some((alias) => alias.toLowerCase() === wanted)),
	);
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
