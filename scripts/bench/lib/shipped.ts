/**
 * The engines as they ship: the benchmarks measure the JavaScript tsc emits with the package's compiler options
 * (what n8n loads from dist/), not the TypeScript run through tsx, whose esbuild transform wraps every function it
 * creates to keep its name (about a fifth slower on these engines). `--source` measures the TypeScript instead.
 */
import { execFileSync } from 'child_process';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..', '..');
const OUT = join(ROOT, '.tmp', 'bench-build');

/** Whether the run measures the TypeScript sources (tsx) rather than the compiled package. */
export const MEASURE_SOURCE = process.argv.includes('--source');

/**
 * Compiles the entry files (and what they import) into .tmp/bench-build with tsconfig.json's options and returns
 * the directory to require them from; with --source, the repository itself.
 */
export function shippedRoot(entries: string[]): string {
	if (MEASURE_SOURCE) return ROOT;
	const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
	execFileSync(
		process.execPath,
		[
			tsc,
			...['--outDir', OUT, '--rootDir', ROOT, '--target', 'es2020', '--module', 'commonjs', '--moduleResolution', 'node', '--lib', 'es2020,es2022.error'],
			...['--strict', '--esModuleInterop', '--resolveJsonModule', '--skipLibCheck', '--removeComments', '--types', 'node', '--declaration', 'false', '--sourceMap', 'false'],
			...entries.map((entry) => join(ROOT, entry)),
		],
		{ stdio: 'inherit' },
	);
	return OUT;
}

/** How the figures were made, for the first line of a benchmark's output. */
export function measuredCode(): string {
	return MEASURE_SOURCE ? 'TypeScript sources through tsx (--source)' : 'the compiled package code (tsc, tsconfig.json options; --source for the TypeScript)';
}
