/**
 * Shared code lives in one place: a node imports from its own folder, the kit (nodes/shared), lib/ and the
 * shared vendor foundations it is built on (Dataverse for the Dynamics 365 nodes, Salesforce for Certinia, every
 * vendor's canonical mappings for Canonical Transform), never from another vendor node's own operations or helpers.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';

const NODES = resolve(__dirname, '../../nodes');

/** Node folder → the other node folders (and, optionally, only a sub-folder of them) it may import. */
const FOUNDATIONS: Record<string, Array<{ folder: string; under?: string }>> = {
	Certinia: [{ folder: 'Salesforce' }],
	Dynamics365Sales: [{ folder: 'Dataverse' }],
	Dynamics365ProjectOperations: [{ folder: 'Dataverse' }],
	CanonicalTransform: readdirSync(NODES).map((folder) => ({ folder, under: 'canonical' })),
};

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return name.endsWith('.ts') ? [path] : [];
	});
}

function crossings(): string[] {
	const out: string[] = [];
	for (const folder of readdirSync(NODES).filter((name) => name !== 'shared' && statSync(join(NODES, name)).isDirectory())) {
		for (const file of sourceFiles(join(NODES, folder))) {
			const text = readFileSync(file, 'utf8');
			for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)'(\.{1,2}\/[^']+)'/g)) {
				const target = relative(NODES, resolve(dirname(file), match[1]));
				if (target.startsWith('..')) continue;
				const [other, ...rest] = target.split(sep);
				if (other === folder || other === 'shared') continue;
				const allowed = (FOUNDATIONS[folder] ?? []).some((f) => f.folder === other && (f.under === undefined || rest[0] === f.under));
				if (!allowed) out.push(`${relative(NODES, file)} imports ${target}`);
			}
		}
	}
	return out;
}

describe('node folders', () => {
	it('import no other vendor node’s operations or helpers (shared code is in the kit or the foundation)', () => {
		expect(crossings()).toEqual([]);
	});
});
