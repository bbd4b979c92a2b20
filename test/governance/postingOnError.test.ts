/**
 * Posting templates: a vendor node that posts into Record Result must carry On Error "continue" (regular output,
 * or the error output wired to Record Result too), so one record the target refuses reaches Record Result as
 * failed and is parked, instead of stopping the run for every other record.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

type Node = { name: string; type: string; onError?: string; parameters: Record<string, unknown> };
type Workflow = { nodes: Node[]; connections: Record<string, { main?: Array<Array<{ node: string }> | null> }> };

const TEMPLATE_DIR = join(__dirname, '..', '..', 'workflows-templates');
// Steps inside the workflow (no vendor call), which route their own problems.
const NOT_POSTING = new Set(['n8n-nodes-planning-to-cash.canonicalTransform', 'n8n-nodes-planning-to-cash.syncLedger', 'n8n-nodes-base.code', 'n8n-nodes-base.if', 'n8n-nodes-base.noOp']);

function read(file: string): Workflow {
	return JSON.parse(readFileSync(join(TEMPLATE_DIR, file), 'utf8')) as Workflow;
}

/** Every vendor node with a main output into a Record Result node, and the outputs it feeds Record Result from. */
function postersIntoRecordResult(workflow: Workflow): Array<{ node: Node; outputs: number[] }> {
	const byName = new Map(workflow.nodes.map((n) => [n.name, n]));
	const isRecordResult = (name: string) => byName.get(name)?.parameters.operation === 'recordResult';
	const posters: Array<{ node: Node; outputs: number[] }> = [];
	for (const [from, connections] of Object.entries(workflow.connections)) {
		const node = byName.get(from)!;
		if (NOT_POSTING.has(node.type)) continue;
		const outputs = (connections.main ?? []).flatMap((targets, index) => ((targets ?? []).some((t) => isRecordResult(t.node)) ? [index] : []));
		if (outputs.length > 0) posters.push({ node, outputs });
	}
	return posters;
}

/** Every shipped template that posts into Record Result. */
const TEMPLATES = readdirSync(TEMPLATE_DIR)
	.filter((file) => file.endsWith('.json'))
	.filter((file) => postersIntoRecordResult(read(file)).length > 0)
	.sort();

describe('posting templates: a refused record reaches Record Result', () => {
	it('finds the posting templates', () => {
		expect(TEMPLATES).toEqual(expect.arrayContaining(['approved-time-to-erp.json', 'psa-time-expenses-to-sap.json', 'revenue-schedule-to-erp.json']));
	});

	it.each(TEMPLATES)('%s: every vendor node posting into Record Result continues on error into it', (file) => {
		const posters = postersIntoRecordResult(read(file));
		expect(posters.length).toBeGreaterThan(0);
		for (const { node, outputs } of posters) {
			// Stop Workflow (no onError) would end the run at the first refused record.
			expect({ node: node.name, onError: node.onError ?? 'stopWorkflow' }).toEqual({ node: node.name, onError: expect.stringMatching(/^continue(RegularOutput|ErrorOutput)$/) });
			// With an error output, the error items must reach Record Result as well.
			if (node.onError === 'continueErrorOutput') expect({ node: node.name, errorOutputIntoRecordResult: outputs.includes(1) }).toEqual({ node: node.name, errorOutputIntoRecordResult: true });
		}
	});

	it('approved-time-to-erp: Post to ERP continues on error', () => {
		const post = read('approved-time-to-erp.json').nodes.find((n) => n.name === 'Post to ERP');
		expect(post?.onError).toBe('continueRegularOutput');
	});
});
