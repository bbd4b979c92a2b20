/**
 * Canonical Transform finds a mapping by its `system:object` key whatever the case: every registered system,
 * camel-cased ones (oracleFusion) included, is found as listed, lower-cased and upper-cased; two registrations
 * that differ only in case are refused when the registry is built.
 */
import type { VendorMapper } from '../../lib/canonical';
import { MAPPERS, indexMappers, mapperByKey, mapperKey, systemLabel } from '../../nodes/CanonicalTransform/mappers';

const systems = [...new Set(MAPPERS.map((mapper) => mapper.system))];

describe('Canonical Transform mapping keys', () => {
	it('registers the systems the connectors map, camel-cased ones among them', () => {
		expect(systems).toEqual(expect.arrayContaining(['salesforce', 'netsuite', 'kantata', 'certinia', 'workday', 'oracleFusion', 'd365finance', 'dataverse', 'sap']));
	});

	it.each(systems)('every %s mapping is found by its key as listed, lower-cased and upper-cased', (system) => {
		const mappers = MAPPERS.filter((mapper) => mapper.system === system);
		expect(mappers.length).toBeGreaterThan(0);
		for (const mapper of mappers) {
			const key = mapperKey(mapper);
			expect(mapperByKey(key)).toBe(mapper);
			expect(mapperByKey(key.toLowerCase())).toBe(mapper);
			expect(mapperByKey(key.toUpperCase())).toBe(mapper);
			for (const alias of mapper.aliases ?? []) expect(mapperByKey(`${system.toUpperCase()}:${alias}`)).toBe(mapper);
		}
		expect(systemLabel(system.toLowerCase())).toBe(systemLabel(system));
		expect(systemLabel(system)).not.toBe(system);
	});

	it('an unknown key finds nothing', () => {
		expect(mapperByKey('oracleFusion:NoSuchObject')).toBeUndefined();
		expect(mapperByKey('nosuchsystem:Account')).toBeUndefined();
		expect(mapperByKey('oracleFusion')).toBeUndefined();
	});

	it('refuses registrations that differ only in case', () => {
		const project = MAPPERS.find((mapper) => mapper.system === 'oracleFusion') as VendorMapper;
		expect(() => indexMappers([project, { ...project, system: 'OracleFusion', object: 'Other' }])).toThrow(/differ only in case/);
		expect(() => indexMappers([project, { ...project, object: project.object.toUpperCase() }])).toThrow(/both answer to/);
		expect(indexMappers(MAPPERS).size).toBeGreaterThanOrEqual(MAPPERS.length);
	});
});
