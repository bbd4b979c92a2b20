/**
 * XML for SOAP, with no dependencies: a builder that escapes every value it writes, and a small parser for
 * SOAP answers and faults. The parser refuses a DOCTYPE (so no DTD, no entity definitions and no entity
 * expansion beyond XML's five predefined entities and character references), processing instructions other
 * than the XML declaration, and anything that is not well formed; it keeps namespace prefixes as written and
 * gives each element its local name, which is what SOAP readers match on.
 */

/** An element to write: its qualified name, attributes, and either text or child elements. */
export interface XmlElementSpec {
	name: string;
	attributes?: Record<string, string | undefined>;
	text?: string;
	children?: Array<XmlElementSpec | undefined | false>;
}

/** A parsed element. */
export interface XmlNode {
	/** As written, prefix included (`wd:Worker`). */
	name: string;
	/** Without its prefix (`Worker`). */
	localName: string;
	attributes: Record<string, string>;
	children: XmlNode[];
	/** The element's own text (character data and CDATA directly inside it), entities decoded. */
	text: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9._-]*(?::[A-Za-z_][A-Za-z0-9._-]*)?$/;

/** XML 1.0 forbids most C0 controls even as character references; they are refused, never passed on. */
function assertXmlChars(value: string, where: string): void {
	for (let i = 0; i < value.length; i++) {
		const code = value.charCodeAt(i);
		if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) {
			throw new Error(`${where}: contains control character U+${code.toString(16).padStart(4, '0').toUpperCase()}, which XML cannot carry`);
		}
		if (code === 0xfffe || code === 0xffff) throw new Error(`${where}: contains a non-character XML cannot carry`);
	}
}

/** Text content with `&`, `<` and `>` escaped (`>` too, so `]]>` never appears). */
export function escapeXmlText(value: string): string {
	assertXmlChars(value, 'XML text');
	return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** An attribute value for double quotes: also `"` and whitespace that attribute normalisation would change. */
export function escapeXmlAttribute(value: string): string {
	return escapeXmlText(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function assertName(name: string): string {
	if (!NAME.test(name)) throw new Error(`"${name}" is not a valid XML element or attribute name`);
	return name;
}

/** One element as XML text: names checked against a strict pattern, every value escaped. */
export function renderXml(element: XmlElementSpec): string {
	const name = assertName(element.name);
	const attributes = Object.entries(element.attributes ?? {})
		.filter(([, value]) => value !== undefined)
		.map(([key, value]) => ` ${assertName(key)}="${escapeXmlAttribute(String(value))}"`)
		.join('');
	const children = (element.children ?? []).filter((child): child is XmlElementSpec => Boolean(child));
	if (element.text !== undefined && children.length) throw new Error(`<${name}> cannot have both text and child elements`);
	const inner = element.text !== undefined ? escapeXmlText(element.text) : children.map(renderXml).join('');
	return inner === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${inner}</${name}>`;
}

/** Shorthand for a spec: `xml('wd:Page', {}, '2')`, `xml('wd:Response_Filter', {}, [..])`. */
export function xml(name: string, attributes: Record<string, string | undefined> = {}, content?: string | Array<XmlElementSpec | undefined | false>): XmlElementSpec {
	return typeof content === 'string' ? { name, attributes, text: content } : { name, attributes, children: content ?? [] };
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(raw: string, position: number): string {
	return raw.replace(/&([^;&<>\s]*);?/g, (match, entity: string) => {
		if (!match.endsWith(';')) throw new XmlParseError(`an "&" that starts no entity reference`, position);
		if (entity in PREDEFINED) return PREDEFINED[entity];
		const numeric = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(entity);
		if (!numeric) throw new XmlParseError(`undefined entity &${entity}; (only XML's predefined entities are read)`, position);
		const code = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number.parseInt(numeric[2], 10);
		if (!(code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff))) {
			throw new XmlParseError(`character reference &${entity}; is not a character XML allows`, position);
		}
		return String.fromCodePoint(code);
	});
}

export class XmlParseError extends Error {
	constructor(reason: string, readonly position: number) {
		super(`not well-formed XML at character ${position}: ${reason}`);
		this.name = 'XmlParseError';
	}
}

/** Documents larger than this are refused rather than parsed (a SOAP page of 999 workers stays well below). */
export const MAX_XML_LENGTH = 50 * 1024 * 1024;
/** Nesting deeper than this is refused (Workday's worker data nests about 15 levels). */
const MAX_DEPTH = 256;

/** Parses one XML document into its root element. */
export function parseXml(text: string): XmlNode {
	if (text.length > MAX_XML_LENGTH) throw new XmlParseError(`the document is larger than ${MAX_XML_LENGTH} characters`, 0);
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	const stack: XmlNode[] = [];
	let root: XmlNode | undefined;
	const fail = (reason: string): never => {
		throw new XmlParseError(reason, i);
	};
	while (i < text.length) {
		const lt = text.indexOf('<', i);
		const chunk = lt < 0 ? text.slice(i) : text.slice(i, lt);
		if (chunk) {
			if (stack.length) stack[stack.length - 1].text += decodeEntities(chunk, i);
			else if (chunk.trim()) fail('text outside the root element');
			if (chunk.includes(']]>')) fail('"]]>" in text');
		}
		if (lt < 0) break;
		i = lt;
		if (text.startsWith('<?', i)) {
			const end = text.indexOf('?>', i);
			if (end < 0) fail('unterminated processing instruction');
			const target = /^<\?([^\s?]+)/.exec(text.slice(i, end))?.[1] ?? '';
			if (target !== 'xml' || i > (text.charCodeAt(0) === 0xfeff ? 1 : 0)) fail('processing instructions are not accepted (only the XML declaration, first)');
			i = end + 2;
		} else if (text.startsWith('<!--', i)) {
			const end = text.indexOf('-->', i + 4);
			if (end < 0) fail('unterminated comment');
			i = end + 3;
		} else if (text.startsWith('<![CDATA[', i)) {
			if (!stack.length) fail('CDATA outside the root element');
			const end = text.indexOf(']]>', i + 9);
			if (end < 0) fail('unterminated CDATA section');
			stack[stack.length - 1].text += text.slice(i + 9, end);
			i = end + 3;
		} else if (text.startsWith('<!', i)) {
			fail('a DOCTYPE or other declaration: DTDs and entity definitions are refused');
		} else if (text.startsWith('</', i)) {
			const end = text.indexOf('>', i);
			if (end < 0) fail('unterminated end tag');
			const name = text.slice(i + 2, end).trim();
			const open = stack.pop();
			if (!open || open.name !== name) fail(`end tag </${name}> does not close <${open?.name ?? 'nothing'}>`);
			i = end + 1;
			if (!stack.length) root = open;
		} else {
			if (root) fail('a second root element');
			const tag = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i, i + 512));
			if (!tag) fail('an invalid start tag');
			const node: XmlNode = { name: tag![1], localName: tag![1].includes(':') ? tag![1].slice(tag![1].indexOf(':') + 1) : tag![1], attributes: {}, children: [], text: '' };
			i += tag![0].length;
			const attribute = /\s*([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')|\s*(\/?>)/y;
			let closed = false;
			let selfClosing = false;
			while (!closed) {
				attribute.lastIndex = i;
				const match = attribute.exec(text);
				if (!match) fail(`a malformed attribute in <${node.name}>`);
				i = attribute.lastIndex;
				if (match![5]) {
					closed = true;
					selfClosing = match![5] === '/>';
				} else {
					if (match![1] in node.attributes) fail(`attribute ${match![1]} repeated in <${node.name}>`);
					node.attributes[match![1]] = decodeEntities(match![3] ?? match![4] ?? '', i);
				}
			}
			if (stack.length) stack[stack.length - 1].children.push(node);
			if (selfClosing) {
				if (!stack.length) root = node;
			} else {
				if (stack.length >= MAX_DEPTH) fail(`elements nested deeper than ${MAX_DEPTH}`);
				stack.push(node);
			}
		}
	}
	if (stack.length) throw new XmlParseError(`<${stack[stack.length - 1].name}> is never closed`, text.length);
	if (!root) throw new XmlParseError('no root element', text.length);
	return root;
}

/** The first child element with this local name. */
export function xmlChild(node: XmlNode | undefined, localName: string): XmlNode | undefined {
	return node?.children.find((child) => child.localName === localName);
}

/** Every child element with this local name. */
export function xmlChildren(node: XmlNode | undefined, localName: string): XmlNode[] {
	return node ? node.children.filter((child) => child.localName === localName) : [];
}

/** Follows local names down the first match at each step: `xmlPath(envelope, 'Body', 'Fault')`. */
export function xmlPath(node: XmlNode | undefined, ...localNames: string[]): XmlNode | undefined {
	let current = node;
	for (const name of localNames) current = xmlChild(current, name);
	return current;
}

/** An attribute by its local name, whatever its prefix (`wd:type` or `type`). */
export function xmlAttribute(node: XmlNode | undefined, localName: string): string | undefined {
	if (!node) return undefined;
	for (const [name, value] of Object.entries(node.attributes)) {
		if (name === localName || name.endsWith(`:${localName}`)) return value;
	}
	return undefined;
}

type JsonValue = string | { [key: string]: JsonValue | JsonValue[] };

/**
 * An element as plain JSON, the shape SOAP clients commonly give: child elements by local name (an array when
 * the element repeats), a leaf's text as a string, attributes under `@<local name>` and the text of an element
 * that has attributes under `#text`. Namespace declarations are left out.
 */
export function xmlToJson(node: XmlNode): JsonValue {
	const attributes = Object.entries(node.attributes).filter(([name]) => name !== 'xmlns' && !name.startsWith('xmlns:'));
	if (!node.children.length && !attributes.length) return node.text;
	const out: { [key: string]: JsonValue | JsonValue[] } = {};
	for (const [name, value] of attributes) out[`@${name.includes(':') ? name.slice(name.indexOf(':') + 1) : name}`] = value;
	if (!node.children.length) {
		out['#text'] = node.text;
		return out;
	}
	for (const child of node.children) {
		const value = xmlToJson(child);
		const existing = out[child.localName];
		if (existing === undefined) out[child.localName] = value;
		else if (Array.isArray(existing)) existing.push(value);
		else out[child.localName] = [existing, value];
	}
	return out;
}
