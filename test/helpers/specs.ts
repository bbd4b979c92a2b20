/**
 * Locates ../shared/specs (public vendor specs and recorded traffic; never copied into this repository).
 * A user's clone has no ../shared: spec-backed tests skip there with a clear message. CI always has it, so
 * with CI=true a missing folder fails instead of skipping silently.
 */
import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';

export function specsDir(): string | undefined {
	const candidates = [process.env.P2C_SPECS_DIR, resolve(__dirname, '../../../shared/specs')].filter(Boolean) as string[];
	return candidates.find((dir) => existsSync(join(dir, 'SOURCES.md')));
}

export function readSpec(relativePath: string): string {
	const dir = specsDir();
	if (!dir) throw new Error('../shared/specs is not available');
	return readFileSync(join(dir, relativePath), 'utf8');
}

/** `describe` that runs only when the specs are present (and fails under CI=true when they are not). */
export function describeWithSpecs(name: string, body: () => void): void {
	if (specsDir()) {
		describe(name, body);
		return;
	}
	if (process.env.CI === 'true') {
		describe(name, () => {
			it('needs ../shared/specs, which CI always has', () => {
				throw new Error('../shared/specs not found beside the repository (set P2C_SPECS_DIR to override)');
			});
		});
		return;
	}
	describe.skip(`${name} (skipped: ../shared/specs not found beside the repository)`, body);
}
