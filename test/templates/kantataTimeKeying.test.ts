/**
 * The Code node of time-reconciliation-kantata.json that turns Kantata time entries into the entries Reconcile
 * compares, run on its shipped source: Kantata's whole minutes must become exact decimal hours as text (the
 * Reconcile node compares them with NetSuite's exactly), and the key must be the reference the time sync wrote.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

const TEMPLATE = join(__dirname, '..', '..', 'workflows-templates', 'time-reconciliation-kantata.json');
const KEYING_NODE = 'Key time entries by external id';

interface Item {
	json: Record<string, unknown>;
	pairedItem?: { item: number };
}

function runKeyingNode(entries: Array<Record<string, unknown>>): Item[] {
	const workflow = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as { nodes: Array<{ name: string; parameters: { jsCode?: string } }> };
	const jsCode = workflow.nodes.find((n) => n.name === KEYING_NODE)?.parameters.jsCode;
	if (!jsCode) throw new Error(`${KEYING_NODE} has no code`);
	const input = entries.map((json, item) => ({ json, pairedItem: { item } }));
	// n8n's Code node runs the source as a function body with $input in scope.
	return new Function('$input', jsCode)({ all: () => input }) as Item[];
}

const firmReference = (ref: string) => ({ service_name: 'firm', service_model: 'timeEntry', service_model_ref: ref });

function entry(id: string, minutes: unknown, references: Array<Record<string, unknown>>): Record<string, unknown> {
	return { id, date_performed: '2026-01-13', time_in_minutes: minutes, included: { external_references: references } };
}

describe('time-reconciliation-kantata: keying Kantata time entries', () => {
	it('turns whole minutes into exact decimal hours, with no binary-float digits', () => {
		const minutes = [450, 510, 120, 45, 3, 0, 1, 59 * 60 + 57];
		const out = runKeyingNode(minutes.map((m, i) => entry(String(i + 1), m, [firmReference(`PSA-TE-${i}`)])));
		expect(out.map((o) => o.json.hours)).toEqual(['7.5', '8.5', '2', '0.75', '0.05', '0', '1 minutes (no exact decimal hours)', '59.95']);
	});

	it('keeps hours that have no exact decimal as text naming the minutes, so Reconcile parks them instead of rounding', () => {
		const [twenty, fractional] = runKeyingNode([entry('1', 20, [firmReference('PSA-TE-1')]), entry('2', 7.5, [firmReference('PSA-TE-2')])]);
		expect(twenty.json.hours).toBe('20 minutes (no exact decimal hours)');
		expect(fractional.json.hours).toBe('7.5 minutes (not a whole number of minutes)');
	});

	it('keys each entry by the time sync\'s external reference, skips entries without one, and keeps the date and Kantata id', () => {
		const out = runKeyingNode([
			entry('11', 450, [{ service_name: 'salesforce', service_model: 'TimeEntry', service_model_ref: 'SF-1' }, firmReference('PSA-TE-1001')]),
			entry('12', 60, [{ service_name: 'salesforce', service_model: 'TimeEntry', service_model_ref: 'SF-2' }]),
			{ id: '13', date_performed: '2026-01-14', time_in_minutes: 60 },
		]);
		expect(out).toEqual([
			{ json: { externalId: 'PSA-TE-1001', hours: '7.5', date: '2026-01-13', kantataTimeEntryId: '11', minutes: 450 }, pairedItem: { item: 0 } },
		]);
	});
});
