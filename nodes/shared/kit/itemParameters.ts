/**
 * Per-item parameter reads without n8n's expression engine where the expression is a plain field path.
 *
 * n8n 2.x evaluates every expression in an isolated VM: on a 2-core machine about half a millisecond each, so a
 * ledger node reading four expressions for 10,000 items spends tens of seconds there. The commonest expressions in
 * posting flows are plain paths, `{{ $json.ledger.key }}` and `{{ $('Check & Claim').item.json.ledger.claimToken }}`;
 * those are read here from the item, and the other node's paired item through n8n's own data proxy (the object the
 * expression would have used), once per item for every parameter that names the same node. A missing last field reads
 * as undefined, which is what n8n's engine gives for it. Anything else, and any path that does not end in a plain
 * value (through a missing object, an object or array at the end), is left to `getNodeParameter`, so its value and its
 * errors are n8n's.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

const SEGMENTS = '((?:\\.[A-Za-z_$][\\w$]*)+)';
const JSON_PATH = new RegExp(`^=\\{\\{\\s*\\$json${SEGMENTS}\\s*\\}\\}$`);
const NODE_ITEM_PATH = new RegExp(`^=\\{\\{\\s*\\$\\(\\s*'([^'\\\\]+)'\\s*\\)\\.item\\.json${SEGMENTS}\\s*\\}\\}$`);

/** Nothing found on the fast path: read it through n8n. */
const NOT_PLAIN = Symbol('not a plain value');

function atPath(root: unknown, path: string[], objects: boolean): unknown {
	let value = root;
	for (const segment of path) {
		if (value === null || typeof value !== 'object' || Array.isArray(value)) return NOT_PLAIN;
		value = (value as IDataObject)[segment];
	}
	// A missing last field is undefined, as n8n evaluates it: `{{ $json.error }}` on an item that posted.
	if (value === undefined || value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	// A copy, as n8n's would be: the caller may change what it gets without touching the item.
	return objects && typeof value === 'object' ? structuredClone(value) : NOT_PLAIN;
}

/** Whether a raw parameter value holds an expression anywhere (a string starting with "="). */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (value === null || typeof value !== 'object') return false;
	return Object.values(value as Record<string, unknown>).some(holdsExpression);
}

/**
 * Readers of one node run's parameters, sharing the paired items they look up (the last item's, per node name).
 * Create one per node run: it caches what it read for the items of that run.
 */
export class ItemParameters {
	private pairedFor = -1;
	private readonly paired = new Map<string, unknown>();

	constructor(private readonly context: IExecuteFunctions) {}

	private pairedJson(nodeName: string, itemIndex: number): unknown {
		if (this.pairedFor !== itemIndex) {
			this.paired.clear();
			this.pairedFor = itemIndex;
		}
		if (!this.paired.has(nodeName)) {
			let json: unknown = NOT_PLAIN;
			try {
				json = (this.context.getWorkflowDataProxy(itemIndex).$(nodeName) as { item?: { json?: unknown } }).item?.json ?? NOT_PLAIN;
			} catch {
				// n8n's own read gives the error (no paired item, node not run…).
			}
			this.paired.set(nodeName, json);
		}
		return this.paired.get(nodeName);
	}

	/**
	 * A reader of parameter `name` by item: a value without an expression is read once; a plain field path of the
	 * item or of another node's paired item is read directly; anything else through `getNodeParameter`. With
	 * `objects`, a path ending in an object or array is read directly too (a copy), for JSON parameters.
	 */
	reader<T = unknown>(name: string, fallback?: T, options: { objects?: boolean } = {}): (itemIndex: number) => T {
		const objects = options.objects === true;
		const read = (itemIndex: number) => (fallback === undefined ? this.context.getNodeParameter(name, itemIndex) : this.context.getNodeParameter(name, itemIndex, fallback)) as T;
		const raw = (this.context.getNode()?.parameters as Record<string, unknown> | undefined)?.[name];
		if (this.context.getNode()?.parameters === undefined) return read;
		if (!holdsExpression(raw)) {
			let value: { read: T } | undefined;
			return (itemIndex) => (value ??= { read: read(itemIndex) }).read;
		}
		const own = typeof raw === 'string' ? JSON_PATH.exec(raw) : null;
		if (own) {
			const path = own[1].slice(1).split('.');
			const items = this.context.getInputData();
			return (itemIndex) => {
				const value = atPath(items[itemIndex]?.json, path, objects);
				return value === NOT_PLAIN ? read(itemIndex) : (value as T);
			};
		}
		const other = typeof raw === 'string' ? NODE_ITEM_PATH.exec(raw) : null;
		if (other) {
			const [, nodeName, segments] = other;
			const path = segments.slice(1).split('.');
			return (itemIndex) => {
				const json = this.pairedJson(nodeName, itemIndex);
				const value = json === NOT_PLAIN ? NOT_PLAIN : atPath(json, path, objects);
				return value === NOT_PLAIN ? read(itemIndex) : (value as T);
			};
		}
		return read;
	}
}
