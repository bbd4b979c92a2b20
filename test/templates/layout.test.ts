/**
 * Each template as the editor shows it: no node (with its name and subtitle) on top of another, every sticky
 * note tall enough for its text and clear of the nodes, a note saying what the flow does, what to change for
 * your own systems and which credentials it needs, and "Execute workflow" running the Run now entry.
 * scripts/browser/editor.ts checks the same things on the real canvas in Chromium.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { labelLines, nodeFootprint, outputCount, overlaps, STICKY_TYPE, stickyBox, stickyTextHeight } from './layout';
import type { LayoutNode } from './layout';

const ROOT = join(__dirname, '..', '..');
const TEMPLATE_DIR = join(ROOT, 'workflows-templates');
const PACKAGE_PREFIX = 'n8n-nodes-planning-to-cash.';

interface Template {
	file: string;
	workflow: { name: string; nodes: Array<LayoutNode & { credentials?: Record<string, { name: string }> }>; connections: Record<string, unknown> };
}

const templates: Template[] = readdirSync(TEMPLATE_DIR)
	.filter((f) => f.endsWith('.json'))
	.sort()
	.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(TEMPLATE_DIR, file), 'utf8')) }));

/**
 * The trigger n8n 2.40's editor runs on "Execute workflow" when none was chosen (editor-ui's default trigger
 * pick): form 10, webhook 9, any trigger outside n8n's core nodes (ours) 8, schedule 7, manual 6, error 4,
 * other core triggers 0; the highest enabled one wins, ties in node order.
 */
const EDITOR_TRIGGER_PRIORITY: Record<string, number> = {
	'n8n-nodes-base.formTrigger': 10,
	'n8n-nodes-base.webhook': 9,
	'n8n-nodes-base.scheduleTrigger': 7,
	'n8n-nodes-base.manualTrigger': 6,
	'n8n-nodes-base.errorTrigger': 4,
};
function isTrigger(node: LayoutNode): boolean {
	return /Trigger$/.test(node.type) || node.type === 'n8n-nodes-base.webhook';
}
function editorDefaultTrigger(nodes: LayoutNode[]): LayoutNode | undefined {
	const priority = (node: LayoutNode) => EDITOR_TRIGGER_PRIORITY[node.type] ?? (node.type.startsWith(PACKAGE_PREFIX) ? 8 : 0);
	return nodes
		.filter((node) => isTrigger(node) && !node.disabled)
		.map((node, index) => ({ node, index }))
		.sort((a, b) => priority(b.node) - priority(a.node) || a.index - b.index)[0]?.node;
}

describe('the layout model', () => {
	it('gives a long name two label lines and a three-output node more height, so a close neighbour overlaps', () => {
		expect(labelLines('Run now')).toBe(1);
		expect(labelLines('Write NetSuite ids to the opportunity')).toBe(2);
		const claim: LayoutNode = { name: 'Check & Claim', type: `${PACKAGE_PREFIX}syncLedger`, position: [0, 0], parameters: {} };
		const below: LayoutNode = { name: 'Below', type: 'n8n-nodes-base.noOp', position: [0, 160], parameters: {} };
		expect(overlaps(nodeFootprint(claim, 2), nodeFootprint(below, 1))).toBe(false);
		expect(overlaps(nodeFootprint(claim, 3), nodeFootprint(below, 1))).toBe(true);
		const right: LayoutNode = { ...below, position: [180, 0] };
		expect(overlaps(nodeFootprint(claim, 1), nodeFootprint(right, 1))).toBe(true);
		expect(overlaps(nodeFootprint(claim, 1), nodeFootprint({ ...right, position: [220, 0] }, 1))).toBe(false);
	});

	it('needs more height for more text and less for a wider note', () => {
		const text = `## Title\n${'word '.repeat(120)}\n\n- one\n- two`;
		expect(stickyTextHeight(text, 600)).toBeGreaterThan(stickyTextHeight(text, 1200));
		expect(stickyTextHeight(`${text}\n\nmore`, 600)).toBeGreaterThan(stickyTextHeight(text, 600));
	});

	it('picks the editor default trigger as n8n 2.40 does: an enabled polling trigger wins over Run now', () => {
		const manual: LayoutNode = { name: 'Run now', type: 'n8n-nodes-base.manualTrigger', position: [0, 0], parameters: {} };
		const polling: LayoutNode = { name: 'Poll', type: `${PACKAGE_PREFIX}salesforceTrigger`, position: [0, 200], parameters: {} };
		expect(editorDefaultTrigger([manual, polling])?.name).toBe('Poll');
		expect(editorDefaultTrigger([manual, { ...polling, disabled: true }])?.name).toBe('Run now');
		expect(editorDefaultTrigger([manual, { ...polling, type: 'n8n-nodes-base.scheduleTrigger' }])?.name).toBe('Poll');
		expect(editorDefaultTrigger([manual, { ...polling, type: 'n8n-nodes-base.executeWorkflowTrigger' }])?.name).toBe('Run now');
	});
});

describe.each(templates)('template $file on the canvas', ({ file, workflow }) => {
	const nodes = workflow.nodes.filter((n) => n.type !== STICKY_TYPE);
	const stickies = workflow.nodes.filter((n) => n.type === STICKY_TYPE);

	it('has no node, with its name and subtitle, on top of another', () => {
		const boxes = nodes.map((node) => ({ node, box: nodeFootprint(node, outputCount(workflow.connections, node.name)) }));
		const clashes: string[] = [];
		for (let i = 0; i < boxes.length; i++) {
			for (let j = i + 1; j < boxes.length; j++) {
				if (overlaps(boxes[i].box, boxes[j].box)) clashes.push(`${boxes[i].node.name} / ${boxes[j].node.name}`);
			}
		}
		expect(clashes).toEqual([]);
	});

	it('has sticky notes tall enough for their text, clear of every node and of each other', () => {
		const problems: string[] = [];
		for (const sticky of stickies) {
			const width = Number(sticky.parameters.width ?? 240);
			const needed = stickyTextHeight(String(sticky.parameters.content ?? ''), width);
			const height = Number(sticky.parameters.height ?? 160);
			if (height < needed) problems.push(`${sticky.name}: ${height} tall, its text needs about ${needed} at width ${width}`);
			for (const node of nodes) {
				if (overlaps(stickyBox(sticky), nodeFootprint(node, outputCount(workflow.connections, node.name)))) problems.push(`${sticky.name} covers ${node.name}`);
			}
			for (const other of stickies) {
				if (other !== sticky && overlaps(stickyBox(sticky), stickyBox(other))) problems.push(`${sticky.name} overlaps ${other.name}`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('has a note saying what the flow does, what to change for your own systems and which credentials it needs', () => {
		const about = stickies.map((s) => String(s.parameters.content ?? '')).find((content) => /^## /m.test(content));
		expect(about).toBeDefined();
		expect(about).toMatch(/\*\*Your systems:\*\* \S/);
		const credentialLine = /\*\*Credentials:\*\* ([^\n]+)/.exec(about ?? '')?.[1] ?? '';
		const needed = [...new Set(nodes.flatMap((node) => Object.values(node.credentials ?? {}).map((c) => c.name)))];
		expect(needed.filter((name) => !credentialLine.includes(name))).toEqual([]);
		if (needed.length === 0) expect(credentialLine).toMatch(/none/i);
	});

	it('runs its Run now entry on the editor\'s "Execute workflow" when it has one', () => {
		const manual = nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
		if (!manual) return expect(editorDefaultTrigger(nodes)).toBeDefined();
		expect(`${file}: ${editorDefaultTrigger(nodes)?.name}`).toBe(`${file}: ${manual.name}`);
	});
});
