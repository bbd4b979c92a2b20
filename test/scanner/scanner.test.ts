/**
 * n8n's community package scanner (@n8n/scan-community-package, its lint config and file selection, run by
 * scripts/scan-package.mjs) must report nothing — no error, no warning — on the sources and on the packed
 * tarball, so every node added later is held to it. Inline eslint-disable comments do not count in the scanner,
 * and none are allowed in nodes/ or credentials/.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

const ROOT = resolve(__dirname, '../..');

interface Finding {
	severity: 'error' | 'warning';
	file: string;
	line: number;
	rule: string | null;
	message: string;
}
interface Leg {
	files: string[];
	findings: Finding[];
	analyzePackagePassed: boolean;
}
interface ScanReport {
	clean: boolean;
	source: Leg;
	tarball?: Leg;
}

function runScanner(args: string[]): { status: number | null; report: ScanReport } {
	const result = spawnSync('node', [join(ROOT, 'scripts', 'scan-package.mjs'), '--json', ...args], {
		cwd: ROOT,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	const lastLine = result.stdout.trim().split('\n').pop() ?? '';
	let report: ScanReport;
	try {
		report = JSON.parse(lastLine) as ScanReport;
	} catch {
		throw new Error(`scanner printed no report (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
	}
	return { status: result.status, report };
}

const listed = (findings: Finding[]) =>
	findings.map((f) => `${f.severity} ${f.file}:${f.line} ${f.rule}: ${f.message}`).join('\n');

describe("n8n's community package scanner", () => {
	it('reports no error and no warning on the sources and on the npm-packed tarball', () => {
		const { status, report } = runScanner([]);
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
			n8n: { nodes: string[]; credentials: string[] };
		};

		// Both legs really looked at the package: every node and credential source, every built file n8n loads.
		for (const distPath of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(report.source.files).toContain(distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
			expect(report.tarball?.files).toContain(distPath);
		}
		expect(report.source.files).toContain('package.json');
		expect(report.tarball?.files).toContain('package.json');

		expect(listed(report.source.findings)).toBe('');
		expect(listed(report.tarball?.findings ?? [])).toBe('');
		expect(report.source.analyzePackagePassed).toBe(true);
		expect(report.tarball?.analyzePackagePassed).toBe(true);
		expect(status).toBe(0);
	}, 300_000);

	it('finds a defect behind an inline eslint-disable, as n8n does (the check above can fail)', () => {
		const dir = mkdtempSync(join(tmpdir(), 'p2c-scan-fixture-'));
		try {
			writeFileSync(
				join(dir, 'package.json'),
				JSON.stringify({
					name: 'n8n-nodes-scan-fixture',
					version: '0.0.1',
					license: 'MIT',
					homepage: 'https://example.com',
					author: { name: 'Fixture', email: 'fixture@example.com' },
					keywords: ['n8n-community-node-package'],
					files: ['dist'],
					n8n: { n8nNodesApiVersion: 1, nodes: ['dist/nodes/Fixture/Fixture.node.js'], credentials: [] },
					peerDependencies: { 'n8n-workflow': '*' },
				}),
			);
			mkdirSync(join(dir, 'nodes', 'Fixture'), { recursive: true });
			writeFileSync(
				join(dir, 'nodes', 'Fixture', 'Fixture.node.ts'),
				[
					"import { NodeConnectionTypes } from 'n8n-workflow';",
					"import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';",
					'export class Fixture implements INodeType {',
					'\tdescription: INodeTypeDescription = {',
					"\t\tdisplayName: 'Fixture',",
					"\t\tname: 'fixture',",
					"\t\ticon: { light: 'file:fixture.svg', dark: 'file:fixture.dark.svg' },",
					"\t\tgroup: ['transform'],",
					'\t\tversion: 1,',
					"\t\tdescription: 'A fixture node',",
					"\t\tdefaults: { name: 'Fixture' },",
					'\t\tinputs: [NodeConnectionTypes.Main],',
					'\t\toutputs: [NodeConnectionTypes.Main],',
					'\t\tproperties: [',
					'\t\t\t{',
					"\t\t\t\tdisplayName: 'Record',",
					"\t\t\t\tname: 'record',",
					"\t\t\t\ttype: 'string',",
					"\t\t\t\tdefault: '',",
					'\t\t\t\t// eslint-disable-next-line n8n-nodes-base/node-param-description-miscased-id',
					"\t\t\t\tdescription: 'The internal id of the record.',",
					'\t\t\t},',
					'\t\t],',
					'\t};',
					'\tasync execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {',
					'\t\treturn [this.getInputData()];',
					'\t}',
					'}',
					'',
				].join('\n'),
			);
			const { status, report } = runScanner(['--source-only', '--dir', dir]);
			expect(report.source.findings.map((f) => `${f.file} ${f.rule}`)).toContain(
				'nodes/Fixture/Fixture.node.ts n8n-nodes-base/node-param-description-miscased-id',
			);
			expect(report.source.analyzePackagePassed).toBe(false);
			expect(report.clean).toBe(false);
			expect(status).toBe(1);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}, 120_000);

	it('has no inline eslint-disable in nodes/ or credentials/', () => {
		const offenders: string[] = [];
		const walk = (dir: string) => {
			for (const entry of readdirSync(dir)) {
				const path = join(dir, entry);
				if (statSync(path).isDirectory()) walk(path);
				else if (/\.(ts|js|json)$/.test(entry) && readFileSync(path, 'utf8').includes('eslint-disable')) {
					offenders.push(path.slice(ROOT.length + 1));
				}
			}
		};
		walk(join(ROOT, 'nodes'));
		walk(join(ROOT, 'credentials'));
		expect(offenders).toEqual([]);
	});
});
