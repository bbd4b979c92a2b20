/** The kit's XML: every value escaped on the way out; on the way in, well-formed XML only, no DTD and no entities beyond XML's own. */
import fc from 'fast-check';

import { escapeXmlAttribute, escapeXmlText, parseXml, renderXml, xml, xmlAttribute, xmlChildren, xmlPath, xmlToJson } from '../../nodes/shared/kit/xml';

describe('kit xml', () => {
	it('escapes text and attributes so a value can never open or close an element', () => {
		const hostile = '</wd:ID><wd:ID wd:type="WID">x</wd:ID> & "q" \'a\' ]]>';
		const rendered = renderXml(xml('wd:ID', { 'wd:type': 'Employee_ID" evil="1' }, hostile));
		expect(rendered).toBe('<wd:ID wd:type="Employee_ID&quot; evil=&quot;1">&lt;/wd:ID&gt;&lt;wd:ID wd:type="WID"&gt;x&lt;/wd:ID&gt; &amp; "q" \'a\' ]]&gt;</wd:ID>');
		const parsed = parseXml(rendered);
		expect(parsed.children).toHaveLength(0);
		expect(parsed.text).toBe(hostile);
		expect(xmlAttribute(parsed, 'type')).toBe('Employee_ID" evil="1');
		expect(escapeXmlText('a\r\nb')).toBe('a&#13;\nb');
		expect(escapeXmlAttribute('a\nb\tc')).toBe('a&#10;b&#9;c');
	});

	it('refuses names that are not XML names and characters XML cannot carry', () => {
		expect(() => renderXml(xml('wd:Bad Name', {}, 'x'))).toThrow(/not a valid XML element/);
		expect(() => renderXml(xml('wd:A', { 'x="1" y': 'v' }, 'x'))).toThrow(/not a valid XML/);
		expect(() => renderXml(xml('wd:A', {}, 'bell\u0007'))).toThrow(/control character U\+0007/);
	});

	it('refuses a DOCTYPE, entity definitions and undefined entities (no expansion)', () => {
		expect(() => parseXml('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "boom">]><r>&x;</r>')).toThrow(/DOCTYPE or other declaration/);
		expect(() => parseXml('<r>&x;</r>')).toThrow(/undefined entity &x;/);
		expect(() => parseXml('<r>a & b</r>')).toThrow(/starts no entity/);
		expect(() => parseXml('<r><?php evil ?></r>')).toThrow(/processing instructions/);
	});

	it('refuses what is not well formed', () => {
		expect(() => parseXml('<a><b></a></b>')).toThrow(/does not close/);
		expect(() => parseXml('<a>')).toThrow(/never closed/);
		expect(() => parseXml('<a/><b/>')).toThrow(/second root/);
		expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/repeated/);
		expect(() => parseXml('text')).toThrow(/outside the root|no root/);
	});

	it('reads predefined entities, character references, CDATA and comments; local names beside prefixes', () => {
		const root = parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<env:Envelope xmlns:env="e"><!-- c --><env:Body><wd:A wd:t="&lt;1&gt;">x &amp; y &#233;&#x1F600;<![CDATA[<raw & text>]]></wd:A><wd:A/></env:Body></env:Envelope>');
		const a = xmlChildren(xmlPath(root, 'Body'), 'A');
		expect(a).toHaveLength(2);
		expect(a[0].name).toBe('wd:A');
		expect(a[0].text).toBe('x & y é😀<raw & text>');
		expect(xmlAttribute(a[0], 't')).toBe('<1>');
		expect(xmlToJson(xmlPath(root, 'Body')!)).toEqual({ A: [{ '@t': '<1>', '#text': 'x & y é😀<raw & text>' }, ''] });
	});
});

describe('kit xml, for any value', () => {
	// Characters XML 1.0 cannot carry (C0 controls but tab, newline and carriage return; U+FFFE, U+FFFF) are refused by design.
	const carriable = (s: string) => [...s].every((c) => { const code = c.codePointAt(0)!; return (code >= 0x20 || code === 0x9 || code === 0xa || code === 0xd) && code !== 0xfffe && code !== 0xffff; });
	const xmlSafe = fc.string({ unit: 'grapheme', maxLength: 40 }).filter(carriable);

	it('a value written as text or attribute reads back exactly, and never adds an element', () => {
		fc.assert(
			fc.property(xmlSafe, xmlSafe, (text, attribute) => {
				const parsed = parseXml(renderXml(xml('wd:Value', { 'wd:type': attribute }, text)));
				expect(parsed.children).toEqual([]);
				expect(parsed.text).toBe(text);
				expect(xmlAttribute(parsed, 'type')).toBe(attribute);
			}),
			{ numRuns: 500 },
		);
	});

	it('the parser either reads a document or refuses it with a position; it never throws anything else', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 60 }), (text) => {
				try {
					parseXml(text);
				} catch (error) {
					expect((error as Error).name).toBe('XmlParseError');
				}
			}),
			{ numRuns: 1000 },
		);
	});
});
