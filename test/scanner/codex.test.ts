/**
 * What n8n shows about each node besides its parameters: the codex file (documentation link, search aliases)
 * and the light and dark icons. Documentation links into this repository must land on a README heading or a
 * file that exists.
 */
import { existsSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

const ROOT = resolve(__dirname, '../..');
const REPOSITORY = 'https://github.com/n8n-nodes-planning-to-cash/n8n-nodes-planning-to-cash';
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[] } };

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}
const readmeAnchors = new Set(
	readFileSync(join(ROOT, 'README.md'), 'utf8')
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => anchorOf(line.replace(/^#+ /, ''))),
);

const nodes = pkg.n8n.nodes.map((distPath) => {
	const source = join(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	// Every node package.json declares, loaded from its source, so a node added later is checked too.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = Object.values(require(source) as Record<string, new () => INodeType>)[0];
	return { source, description: new exported().description as INodeTypeDescription };
});

describe.each(nodes.map((node) => [node.description.name, node] as const))('node %s', (_name, { source, description }) => {
	const codexPath = source.replace(/\.ts$/, '.json');
	const codex = JSON.parse(readFileSync(codexPath, 'utf8')) as {
		node: string;
		alias?: string[];
		resources: { primaryDocumentation: Array<{ url: string }> };
	};

	it('has a codex file naming it, with search aliases', () => {
		expect(codex.node).toBe(`${pkg.name}.${description.name}`);
		expect(codex.alias?.length ?? 0).toBeGreaterThan(0);
	});

	it('links documentation that exists in this repository', () => {
		expect(codex.resources.primaryDocumentation.length).toBeGreaterThan(0);
		for (const { url } of codex.resources.primaryDocumentation) {
			expect(url.startsWith(REPOSITORY)).toBe(true);
			const rest = url.slice(REPOSITORY.length);
			if (rest.startsWith('#')) {
				expect([...readmeAnchors]).toContain(rest.slice(1));
			} else {
				const file = rest.match(/^\/blob\/main\/(.+)$/)?.[1];
				expect(file && existsSync(join(ROOT, file))).toBe(true);
			}
		}
	});

	it('has distinct light and dark icons that exist', () => {
		const icon = description.icon as { light: string; dark: string };
		expect(typeof icon).toBe('object');
		expect(icon.light).not.toBe(icon.dark);
		for (const file of [icon.light, icon.dark]) {
			expect(file).toMatch(/^file:/);
			expect(existsSync(join(dirname(source), file.slice('file:'.length)))).toBe(true);
		}
	});
});
