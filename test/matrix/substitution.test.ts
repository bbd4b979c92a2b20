/**
 * The matrix substitution (scripts/lib/matrix.ts) edits the canonical template the way a user does in the
 * editor: only the PSA and ERP slot nodes change (type, parameters, credential), keeping name, id and position,
 * so every connection and every shared step is the same; a ledger prefix changes only the Sync Ledger nodes'
 * table prefix.
 */
import { ERP_SLOTS, ERPS, PSA_SLOTS, PSAS, REVENUE_ERPS, REVENUE_PSA_SLOTS, REVENUE_PSAS, REVENUE_SLOTS, REVENUE_TEMPLATE, matrixPairs, readTemplate, revenuePairs, substitute, APPROVED_TIME_TEMPLATE } from '../../scripts/lib/matrix';
import type { TemplateWorkflow } from '../../scripts/lib/templates';

const template = readTemplate(APPROVED_TIME_TEMPLATE);
const byName = (workflow: TemplateWorkflow) => new Map(workflow.nodes.map((n) => [n.name, n as Record<string, unknown>]));
const SLOTS = new Set<string>([...PSA_SLOTS, ...ERP_SLOTS]);

describe('matrix substitution of approved-time-to-erp', () => {
	it('ships with the first PSA and ERP of the matrix in its slots (substituting them again changes nothing)', () => {
		expect(substitute(template, { psa: PSAS[0], erp: ERPS[0] })).toEqual(template);
	});

	it.each(matrixPairs().map((pair) => [`${pair.psa.label} → ${pair.erp.label}`, pair] as const))('%s differs from the template only in the slot nodes', (_name, pair) => {
		const substituted = substitute(template, pair);
		expect(substituted.connections).toEqual(template.connections);
		const before = byName(template);
		const after = byName(substituted);
		expect([...after.keys()]).toEqual([...before.keys()]);
		for (const [name, node] of after) {
			const original = before.get(name)!;
			if (!SLOTS.has(name)) {
				expect(node).toEqual(original);
				continue;
			}
			// Same place on the canvas, same id; the vendor's node type, parameters and credential.
			expect({ id: node.id, position: node.position, typeVersion: node.typeVersion, executeOnce: node.executeOnce }).toEqual({ id: original.id, position: original.position, typeVersion: original.typeVersion, executeOnce: original.executeOnce });
			const vendor = (PSA_SLOTS as readonly string[]).includes(name) ? pair.psa : pair.erp;
			expect({ type: node.type, parameters: node.parameters, credentials: node.credentials }).toEqual({ type: vendor.nodes[name].type, parameters: vendor.nodes[name].parameters, credentials: vendor.nodes[name].credentials });
		}
	});

	it('a ledger prefix changes only the Sync Ledger nodes\' table prefix', () => {
		const pair = matrixPairs()[1];
		const plain = substitute(template, pair);
		const prefixed = substitute(template, pair, { ledgerPrefix: 'mx02_' });
		const ledgerNodes = prefixed.nodes.filter((n) => n.type.endsWith('.syncLedger'));
		expect(ledgerNodes.length).toBeGreaterThanOrEqual(4);
		expect(ledgerNodes.every((n) => n.parameters.tablePrefix === 'mx02_')).toBe(true);
		const unprefixed = { ...prefixed, nodes: prefixed.nodes.map((n) => (n.type.endsWith('.syncLedger') ? { ...n, parameters: { ...n.parameters, tablePrefix: 'p2c_' } } : n)) };
		expect(unprefixed).toEqual(plain);
	});

	it('refuses a template without the slot nodes, rather than returning it unchanged', () => {
		const withoutSlot = { ...template, nodes: template.nodes.filter((n) => n.name !== 'Post to ERP') };
		expect(() => substitute(withoutSlot, matrixPairs()[0])).toThrow(/no node named Post to ERP/);
	});
});

describe('matrix substitution of revenue-schedule-to-erp (flow 9)', () => {
	const revenue = readTemplate(REVENUE_TEMPLATE);

	it('ships with the first PSA and ERP of the revenue matrix in its slots (substituting them again changes nothing)', () => {
		expect(substitute(revenue, { psa: REVENUE_PSAS[0], erp: REVENUE_ERPS[0] }, { slots: REVENUE_SLOTS })).toEqual(revenue);
	});

	it.each(revenuePairs().map((pair) => [`${pair.psa.label} → ${pair.erp.label}`, pair] as const))('%s differs from the template only in the slot nodes', (_name, pair) => {
		const substituted = substitute(revenue, pair, { slots: REVENUE_SLOTS });
		expect(substituted.connections).toEqual(revenue.connections);
		const before = byName(revenue);
		const after = byName(substituted);
		expect([...after.keys()]).toEqual([...before.keys()]);
		for (const [name, node] of after) {
			const original = before.get(name)!;
			if (!REVENUE_SLOTS.includes(name)) {
				expect(node).toEqual(original);
				continue;
			}
			expect({ id: node.id, position: node.position, executeOnce: node.executeOnce, onError: node.onError }).toEqual({ id: original.id, position: original.position, executeOnce: original.executeOnce, onError: original.onError });
			const vendor = (REVENUE_PSA_SLOTS as readonly string[]).includes(name) ? pair.psa : pair.erp;
			expect({ type: node.type, parameters: node.parameters, credentials: node.credentials }).toEqual({ type: vendor.nodes[name].type, parameters: vendor.nodes[name].parameters, credentials: vendor.nodes[name].credentials });
		}
	});
});
