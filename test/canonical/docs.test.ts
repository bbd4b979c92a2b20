import { readdirSync } from 'fs';

import { DOCS_DIR, DOCUMENTED_ENTITIES, renderCanonicalDocs, staleCanonicalDocs } from '../../scripts/gen-canonical-docs';

describe('docs/canonical-model', () => {
	it('is what the zod schemas generate (run npx tsx scripts/gen-canonical-docs.ts after changing a schema)', () => {
		expect(staleCanonicalDocs()).toEqual([]);
	});

	it('has one JSON Schema per entity of the issue, named exactly after it, and the README', () => {
		const files = readdirSync(DOCS_DIR).sort();
		expect(files).toEqual(['README.md', ...DOCUMENTED_ENTITIES.map((entity) => `${entity}.schema.json`)].sort());
		expect(DOCUMENTED_ENTITIES).toEqual([
			'customer', 'contract', 'project', 'resource', 'assignment', 'timeEntry', 'expense', 'milestone', 'billingEvent', 'invoice', 'revenueSchedule', 'journalEntry', 'costCommitment', 'supplierInvoice',
		]);
	});

	it('the JSON Schemas close every object and carry the envelope', () => {
		const timeEntry = JSON.parse(renderCanonicalDocs().get('timeEntry.schema.json')!);
		expect(timeEntry.required).toEqual(['envelope', 'timeEntry']);
		expect(timeEntry.additionalProperties).toBe(false);
		expect(timeEntry.properties.envelope.required).toEqual(expect.arrayContaining(['schemaVersion', 'source', 'enterpriseId', 'correlationId', 'idempotencyKey', 'lineage']));
		expect(timeEntry.properties.timeEntry.properties.billRate.properties.amount.pattern).toBe('^-?\\d+(\\.\\d+)?$');
		const assignment = JSON.parse(renderCanonicalDocs().get('assignment.schema.json')!);
		expect(assignment.definitions.resourceRequest.properties.resourceRequest.required).toEqual(expect.arrayContaining(['project', 'role']));
	});
});
