// Runs n8n's community package scanner (@n8n/scan-community-package, a dev dependency) the way n8n's
// verification runs it, without the registry: its lint config (buildScanConfig) and file selection over the
// sources (package.json, nodes/, credentials/) and over the tarball `npm pack` produces (compiled .js and the
// published package.json). Inline eslint-disable comments do not count, as in the scanner. The scanner's
// analyzePackage() only fails on errors; n8n's review also reads its warnings, so every finding counts here.
//
//   node scripts/scan-package.mjs [--json] [--source-only] [--dir <package folder>]
//
// The tarball is packed from a copy of the checkout in a temporary folder, so the build never touches the
// checkout's dist/ (a demo may be using it). Exit code 0 only when both legs report nothing.
import { spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative, resolve } from 'path';
import { ESLint } from 'eslint';
import glob from 'fast-glob';
import tmp from 'tmp';
import { analyzePackage, buildScanConfig, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

// The scanner makes a temporary folder when it is loaded; remove it on exit.
tmp.setGracefulCleanup();
// eslint-plugin-n8n-nodes-base swaps every file name for "Test.node.ts" when NODE_ENV is "test" (as under jest);
// the scanner never runs that way. The plugin is loaded later, inside buildScanConfig().
delete process.env.NODE_ENV;

/** The scanner's tarball leg: compiled JavaScript and the published package.json (see analyzePackageByName). */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];
/** What the scanner's own glob leaves out. */
const SCANNER_IGNORES = ['node_modules/**', '**/package-lock.json'];
/** Never copied into the packing folder: generated or machine-local. */
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', 'coverage']);

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const sourceOnly = args.includes('--source-only');
const dirArg = args.indexOf('--dir');
const root = dirArg >= 0 ? resolve(args[dirArg + 1]) : resolve(new URL('..', import.meta.url).pathname);

/** Lints as analyzePackage() does, keeping warnings too; then asks analyzePackage() itself for its verdict. */
async function scan(packageDir, filePatterns) {
	const eslint = new ESLint({
		cwd: packageDir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(filePatterns, { cwd: packageDir, absolute: true, ignore: SCANNER_IGNORES });
	const results = files.length ? await eslint.lintFiles(files) : [];
	const findings = results.flatMap((result) =>
		result.messages.map((message) => ({
			severity: message.severity === 2 ? 'error' : 'warning',
			file: relative(packageDir, result.filePath),
			line: message.line,
			rule: message.ruleId,
			message: message.message,
		})),
	);
	const verdict = await analyzePackage(packageDir, filePatterns);
	return { files: files.map((file) => relative(packageDir, file)), findings, analyzePackagePassed: verdict.passed === true };
}

function run(command, commandArgs, cwd) {
	const result = spawnSync(command, commandArgs, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	if (result.status !== 0) {
		throw new Error(`${command} ${commandArgs.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
	}
	return result.stdout;
}

/** Packs the package as `npm pack` does (prepack builds) from a copy of the checkout; returns the unpacked folder. */
function packToFolder(work) {
	const copy = join(work, 'checkout');
	cpSync(root, copy, {
		recursive: true,
		filter: (source) => {
			const top = relative(root, source).split(/[\\/]/)[0];
			return !NOT_COPIED.has(top) && !top.startsWith('.tmp') && !top.endsWith('.tgz');
		},
	});
	symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
	const out = join(work, 'out');
	mkdirSync(out);
	run('npm', ['pack', '--silent', '--pack-destination', out], copy);
	const tarball = readdirSync(out).find((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	const unpacked = join(work, 'package');
	mkdirSync(unpacked);
	run('tar', ['-xzf', join(out, tarball), '-C', unpacked, '--strip-components=1'], work);
	return unpacked;
}

const report = { source: await scan(root, SOURCE_FILE_PATTERNS) };
if (!sourceOnly) {
	const work = mkdtempSync(join(tmpdir(), 'p2c-scan-'));
	try {
		report.tarball = await scan(packToFolder(work), TARBALL_FILE_PATTERNS);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

const legs = Object.entries(report);
const clean = legs.every(([, leg]) => leg.findings.length === 0 && leg.analyzePackagePassed);
if (asJson) {
	process.stdout.write(`${JSON.stringify({ clean, ...report })}\n`);
} else {
	for (const [name, leg] of legs) {
		console.log(`${name}: ${leg.files.length} files, ${leg.findings.length} findings`);
		for (const f of leg.findings) console.log(`  ${f.severity} ${f.file}:${f.line} ${f.rule} ${f.message}`);
	}
	console.log(clean ? 'scanner: clean' : 'scanner: findings');
}
process.exit(clean ? 0 : 1);
