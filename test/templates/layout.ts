/**
 * How n8n 2.x's canvas draws a template, estimated from the JSON (flow units, as the editor's positions):
 * a node is 100 wide and 100 tall (taller with three or more outputs, whose labels stack on its right), its
 * name below it in a 200-wide box (at most two lines) and our nodes' subtitle under that; a sticky note is a
 * markdown box of its width and height. Measured against n8n 2.40.7's editor in Chromium (scripts/browser):
 * the browser test checks the real DOM, this model lets a unit test catch a bad layout without a browser.
 */
export interface LayoutNode {
	name: string;
	type: string;
	position: [number, number];
	disabled?: boolean;
	parameters: Record<string, unknown>;
}

export interface Box {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

const NODE_SIZE = 100;
/** The name's box: 200 wide, centred under the node. */
const LABEL_WIDTH = 200;
const LABEL_LINE = 21;
const LABEL_GAP = 6;
const SUBTITLE = 16;
/** Characters of a node name per label line (about 8.6 units a character; word wrapping costs a few). */
const LABEL_CHARS_PER_LINE = 20;

export const STICKY_TYPE = 'n8n-nodes-base.stickyNote';

/** Node types whose canvas node shows no subtitle line. */
const WITHOUT_SUBTITLE = new Set(['n8n-nodes-base.noOp', 'n8n-nodes-base.manualTrigger', STICKY_TYPE]);

/** Outputs a node uses, from the connections (a node with 3 outputs is 134 tall: 34 per output over 2). */
export function outputCount(connections: Record<string, unknown>, name: string): number {
	const main = (connections[name] as { main?: unknown[] } | undefined)?.main ?? [];
	return Math.max(1, main.length);
}

export function labelLines(name: string): number {
	return Math.min(2, Math.ceil(name.length / LABEL_CHARS_PER_LINE));
}

/** The area a node, its output labels, its name and its subtitle take on the canvas. */
export function nodeFootprint(node: LayoutNode, outputs: number): Box {
	const [x, y] = node.position;
	const height = Math.max(NODE_SIZE, NODE_SIZE + (outputs - 2) * 34);
	const label = LABEL_GAP + labelLines(node.name) * LABEL_LINE + (WITHOUT_SUBTITLE.has(node.type) ? 0 : SUBTITLE);
	return { left: x + NODE_SIZE / 2 - LABEL_WIDTH / 2, top: y, right: x + NODE_SIZE / 2 + LABEL_WIDTH / 2, bottom: y + height + label };
}

export function stickyBox(node: LayoutNode): Box {
	const [x, y] = node.position;
	const width = Number(node.parameters.width ?? 240);
	const height = Number(node.parameters.height ?? 160);
	return { left: x, top: y, right: x + width, bottom: y + height };
}

export function overlaps(a: Box, b: Box): boolean {
	return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Sticky note text: 14 px body (about 7.2 units a character, 19 a line measured; 20 here), headings larger, 16 padding around. */
const STICKY_PADDING = 16;
const CHAR_WIDTH = 7.2;
const LINE = 20;
const HEADING_LINE: Record<number, number> = { 1: 34, 2: 30, 3: 26 };
const BLOCK_GAP = 10;

/** Height a sticky note needs to show all of its markdown at this width, estimated on the generous side. */
export function stickyTextHeight(content: string, width: number): number {
	const usable = width - 2 * STICKY_PADDING;
	let height = 2 * STICKY_PADDING;
	let previousBlank = true;
	for (const raw of content.split('\n')) {
		const line = raw.trim();
		if (line === '') {
			if (!previousBlank) height += BLOCK_GAP;
			previousBlank = true;
			continue;
		}
		previousBlank = false;
		const heading = /^(#{1,6})\s+(.*)$/.exec(line);
		if (heading) {
			const level = heading[1].length;
			const lineHeight = HEADING_LINE[level] ?? LINE;
			const perLine = Math.floor(usable / (CHAR_WIDTH * (lineHeight / LINE)));
			height += Math.ceil(heading[2].length / perLine) * lineHeight + 8;
			continue;
		}
		const item = /^([-*]|\d+\.)\s+(.*)$/.exec(line);
		// Markup characters (** ` []()) take no width; list items are indented by 24.
		const text = (item ? item[2] : line).replace(/\*\*|`|\[|\]\([^)]*\)/g, '');
		const perLine = Math.floor((usable - (item ? 24 : 0)) / CHAR_WIDTH);
		height += Math.max(1, Math.ceil(text.length / perLine)) * LINE + (item ? 4 : 0);
	}
	return Math.ceil(height);
}
