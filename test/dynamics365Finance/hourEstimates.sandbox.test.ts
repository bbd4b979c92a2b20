/**
 * Project Hour Estimate (ProjEstimateHoursImport) through the Finance node against the F&O sandbox: upserted by
 * its GUID key, which is addressed unquoted as F&O types it (Edm.Guid); a re-run updates the one line, never
 * duplicates; a line on a project the company does not have is refused naming ProjectId.
 */
import { ENTITIES } from '../../nodes/Dynamics365Finance/helpers/entities';
import { FINANCE_ENTITY_SETS } from '../../sandbox/dynamicsFinance';
import { describeWithSpecs, readSpec } from '../helpers/specs';
import { financeNode, useFinanceSandbox, workflow } from './helpers';

const suite = useFinanceSandbox();

const KEY = '2f1c9a3e-5b7d-4e60-8a11-0c3d5e7f9a21';
const estimate = (hours: number, cost: number, project = 'SF-006A000101', continueOnFail = false) =>
	financeNode({
		resource: 'projectHourEstimate',
		operation: 'upsert',
		company: 'usmf',
		matchOn: 'key',
		jsonBody: JSON.stringify({ EstimateHoursImportId: KEY, ProjectId: project, Description: `p2c:forecast:${project}:2026-03`, StartDate: '2026-03-01T00:00:00Z', Duration: hours, PlannedCostAmount: cost, TransactionCategoryId: 'Consulting' }),
	}, { continueOnFail });

describe('Dynamics 365 Finance project hour estimates', () => {
	it('upserts one line by its GUID key (unquoted in the address): a re-run with new hours updates that line', async () => {
		const first = await suite.run(workflow([{}], estimate(44, 3080)));
		expect(first.error).toBeUndefined();
		expect(first.output('Finance')[0]).toMatchObject({ created: true, EstimateHoursImportId: KEY, Duration: 44 });
		const second = await suite.run(workflow([{}], estimate(52.5, 3675)));
		expect(second.output('Finance')[0]).toMatchObject({ created: false, Duration: 52.5, PlannedCostAmount: 3675 });
		const lines = suite.finance.service.records('ProjEstimateHoursImport');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({ dataAreaId: 'usmf', ProjectId: 'SF-006A000101', Duration: 52.5, PlannedCostAmount: 3675 });
		const addressed = suite.finance.requests.filter((r) => r.path.startsWith('/data/ProjEstimateHoursImport('));
		expect(addressed.length).toBeGreaterThan(0);
		for (const request of addressed) expect(request.path).toBe(`/data/ProjEstimateHoursImport(dataAreaId='usmf',EstimateHoursImportId=${KEY})`);
	});

	it('refuses a line on a project the company does not have, naming ProjectId', async () => {
		const result = await suite.run(workflow([{}], estimate(8, 560, 'SF-006A000102', true)));
		const item = result.output('Finance')[0] ?? {};
		expect(JSON.stringify(item)).toMatch(/ProjectId: project/);
		expect(suite.finance.service.records('ProjEstimateHoursImport')).toHaveLength(0);
	});
});

describeWithSpecs('ProjEstimateHoursImport against the project-accounting $metadata excerpt', () => {
	it('has the excerpt\'s key, and every sandbox property is one of its properties with the same Edm type', () => {
		const xml = readSpec('microsoft/d365fo-metadata-excerpts/project_accounting_trimmed_metadata.xml');
		const block = /<EntityType Name="ProjEstimateHoursImport"[\s\S]*?<\/EntityType>/.exec(xml)![0];
		const key = [...block.matchAll(/<PropertyRef Name="([^"]+)"/g)].map((m) => m[1]);
		const types = new Map([...block.matchAll(/<Property Name="([^"]+)" Type="([^"]+)"/g)].map((m) => [m[1], m[2]]));
		const set = FINANCE_ENTITY_SETS.find((s) => s.name === 'ProjEstimateHoursImport')!;
		expect(set.key).toEqual(key);
		expect(['dataAreaId', ...ENTITIES.projectHourEstimate.key]).toEqual(key);
		expect(/<EntitySet Name="ProjEstimateHoursImport"/.test(xml)).toBe(true);
		for (const [name, definition] of Object.entries(set.properties)) {
			expect([name, definition.type]).toEqual([name, types.get(name)]);
		}
	});
});
