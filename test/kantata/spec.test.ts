/**
 * The sandbox and the node against Kantata's published resource specification (mavenlink_gem
 * specification.yml: attributes, create / update attributes, presence validations) and the response shapes a
 * real client observed (singer-io tap-mavenlink JSON schemas): every attribute the sandbox returns, accepts or
 * requires, every field our mappings send, and the JSON type of every value the sandbox answers with.
 */
import { parse } from 'yaml';

import { kantataMappers } from '../../nodes/Kantata/canonical';
import { RESOURCES } from '../../nodes/Kantata/helpers/resources';
import { COLLECTIONS, createKantataSandbox, envelope } from '../../sandbox/kantata';
import { describeWithSpecs, readSpec, specsDir } from '../helpers/specs';

interface SpecCollection {
	attributes?: string[];
	create_attributes?: string[];
	update_attributes?: string[];
	create_or_update_attributes?: string[];
	validations?: Record<string, { presence?: boolean }>;
	associations?: Record<string, { foreign_key: string; collection: string }>;
}

let parsedSpec: Record<string, SpecCollection> | undefined;

function tapSchema(collection: string): { properties: Record<string, { type: string | string[] }> } | undefined {
	try {
		return JSON.parse(readSpec(`mavenlink/tap-mavenlink-schemas/${collection}.json`));
	} catch {
		return undefined;
	}
}

/** Associations of ours that the published spec lacks (they exist in Kantata's API reference). */
const NOT_IN_GEM_SPEC = new Set(['subscribed_events']);

describeWithSpecs('Kantata sandbox and node against the published specification', () => {
	const spec = () => (parsedSpec ??= parse(readSpec('mavenlink/specification.yml')) as Record<string, SpecCollection>);

	it.each(COLLECTIONS.map((c) => [c.name, c] as const))('%s: attributes, writable attributes and required fields are Kantata\'s', (_name, def) => {
		const collection = spec()[def.name];
		expect(collection).toBeDefined();
		const writable = (list?: string[]) => [...(list ?? []), ...(collection.create_or_update_attributes ?? [])];
		// An attribute is Kantata's when the gem's spec lists it or a real client observed it in responses.
		const observed = tapSchema(def.name)?.properties ?? {};
		for (const attribute of def.attributes) expect([def.name, attribute, collection.attributes?.includes(attribute) || attribute in observed]).toEqual([def.name, attribute, true]);
		for (const attribute of def.createAttributes) expect([def.name, 'create', attribute, writable(collection.create_attributes).includes(attribute)]).toEqual([def.name, 'create', attribute, true]);
		for (const attribute of def.updateAttributes) expect([def.name, 'update', attribute, writable(collection.update_attributes).includes(attribute)]).toEqual([def.name, 'update', attribute, true]);
		const presence = Object.entries(collection.validations ?? {})
			.filter(([, rule]) => rule.presence)
			.flatMap(([fields]) => fields.replace(/[[\]]/g, '').split(',').map((f) => f.trim()));
		for (const field of presence) expect([def.name, 'required', field, def.required.includes(field)]).toEqual([def.name, 'required', field, true]);
		for (const [include, [foreignKey, target]] of Object.entries(def.includes)) {
			if (NOT_IN_GEM_SPEC.has(def.name)) continue;
			expect([def.name, include, collection.associations?.[include]]).toEqual([def.name, include, { foreign_key: foreignKey, collection: target }]);
		}
	});

	it('every resource of the node is a collection of the sandbox and of the spec', () => {
		for (const resource of Object.values(RESOURCES)) {
			expect(COLLECTIONS.some((c) => c.name === resource.collection && c.singular === resource.singular && c.model === resource.model)).toBe(true);
			expect(spec()[resource.collection]).toBeDefined();
		}
	});

	it('what the mappings send on create is among the create attributes Kantata takes', () => {
		const context = { sourceSystem: 'kantata', sourceId: '1', enterpriseId: 'ent-x' };
		const samples: Record<string, Record<string, unknown>> = {
			workspace_group: { name: 'Acme', status: 'active', kind: 'company', email: 'ap@acme.example', phone: '1', website: 'acme.example', description: 'x' },
			workspace: { name: 'P', status: 'active', currency: 'USD', startDate: '2026-01-01', endDate: '2026-02-01', customer: { id: '5' }, budget: { revenue: { amount: '10.00', currency: 'USD' } }, description: 'd', tasks: [{ taskId: 't1', name: 'Discovery', plannedHours: '7.5' }] },
			workspace_allocation: { resource: { id: '7' }, project: { id: '5' }, status: 'confirmed', startDate: '2026-01-01', endDate: '2026-01-31', hours: '40', notes: 'n' },
			time_entry: { date: '2026-01-13', hours: '7.5', resource: { id: '3' }, project: { id: '5' }, task: { id: '9' }, approvalState: 'open', billable: true, billRate: { amount: '200.00', currency: 'USD', unit: 'hour' }, costRate: { amount: '70.00', currency: 'USD', unit: 'hour' }, description: 'x' },
			expense: { resource: { id: '3' }, date: '2026-01-12', approvalState: 'open', currency: 'USD', total: { amount: '412.35', currency: 'USD' }, lines: [{ lineId: '1', date: '2026-01-12', category: { id: 'Travel', name: 'Travel' }, amount: { amount: '412.35', currency: 'USD' }, project: { id: '5' }, billable: true, reimbursable: true, memo: 'm' }] },
		};
		const collectionOf: Record<string, string> = { workspace_group: 'workspace_groups', workspace: 'workspaces', workspace_allocation: 'workspace_allocations', time_entry: 'time_entries', expense: 'expenses' };
		for (const [object, data] of Object.entries(samples)) {
			const mapper = kantataMappers.find((m) => m.object === object)!;
			const { record, problems } = mapper.fromCanonical(data, context);
			expect([object, problems]).toEqual([object, []]);
			const allowed = spec()[collectionOf[object]].create_attributes!;
			for (const key of Object.keys(record).filter((k) => k !== 'stories')) expect([object, key, allowed.includes(key)]).toEqual([object, key, true]);
			const storyAttributes = spec().stories.create_attributes!;
			for (const story of (record.stories as Array<Record<string, unknown>> | undefined) ?? []) for (const key of Object.keys(story)) expect(['story', key, storyAttributes.includes(key)]).toEqual(['story', key, true]);
			expect(Object.keys(record).length).toBeGreaterThan(2);
		}
	});

	it('the sandbox answers with the JSON types a real client observed (tap-mavenlink schemas)', () => {
		const sandbox = createKantataSandbox({ latencyMs: 0 });
		// The seed has no invoice: invoice an approved entry and an expense first.
		const entry = sandbox.account.records('time_entries').find((e) => e.approved === true)!;
		const expense = sandbox.account.records('expenses').find((e) => e.workspace_id === entry.workspace_id)!;
		sandbox.account.create('invoices', { workspace_id: entry.workspace_id, payment_schedule: 30, time_entry_ids: [entry.id], expense_ids: [expense.id] });
		const checked: string[] = [];
		for (const def of COLLECTIONS) {
			const schema = tapSchema(def.name);
			if (!schema) continue;
			const records = sandbox.account.records(def.name);
			expect([def.name, records.length > 0]).toEqual([def.name, true]);
			const body = envelope(sandbox.account, def, records, records.length, [], { page: 1, perPage: 200 }) as Record<string, Record<string, Record<string, unknown>>>;
			for (const record of Object.values(body[def.name])) {
				for (const [field, value] of Object.entries(record)) {
					const property = schema.properties[field];
					// Kantata serialises every id as a string (the envelope's keys and pointers are string ids); the tap's
					// invoices schema alone declares `id` an integer, which its JSON decoding made of it.
					if (!property || value === null || (def.name === 'invoices' && field === 'id')) continue;
					const types = Array.isArray(property.type) ? property.type : [property.type];
					const actual = Array.isArray(value) ? 'array' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
					const fits = types.includes(actual) || (actual === 'integer' && types.includes('number'));
					expect([def.name, field, actual, fits]).toEqual([def.name, field, actual, true]);
				}
			}
			checked.push(def.name);
		}
		expect(checked.sort()).toEqual(['expenses', 'invoices', 'stories', 'time_entries', 'users', 'workspace_allocations', 'workspace_groups', 'workspaces']);
		expect(specsDir()).toBeDefined();
	});
});
