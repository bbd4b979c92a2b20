/**
 * Drives a real n8n 2.x from the command line, the way a self-hosted user runs it: the packed package is
 * installed into `<user folder>/.n8n/nodes` (so node types are `n8n-nodes-planning-to-cash.<name>`),
 * credentials and workflows are imported with n8n's CLI, and workflows run with `n8n execute --id`.
 */
import { spawn } from 'child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';

export const ROOT = resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-planning-to-cash';

export interface CommandResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs a command without blocking the event loop (in-process sandboxes keep answering meanwhile). */
export function run(
	command: string,
	args: string[],
	options: { cwd?: string; env?: NodeJS.ProcessEnv; quiet?: boolean; timeoutMs?: number; stdoutFile?: string } = {},
): Promise<CommandResult> {
	return new Promise((resolvePromise, reject) => {
		// A process that calls process.exit() right after a large write to a pipe loses what the pipe had not
		// taken yet (n8n's --rawOutput of a big execution, cut mid-JSON); writes to a file are synchronous.
		const stdoutFd = options.stdoutFile ? openSync(options.stdoutFile, 'w') : undefined;
		const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr?.on('data', (d: Buffer) => {
			stderr += d.toString();
			if (!options.quiet) process.stderr.write(d);
		});
		const timer = options.timeoutMs
			? setTimeout(() => {
					child.kill('SIGKILL');
					reject(new Error(`${command} ${args.join(' ')} timed out after ${options.timeoutMs} ms`));
				}, options.timeoutMs)
			: undefined;
		child.on('error', reject);
		child.on('close', (code) => {
			if (timer) clearTimeout(timer);
			if (stdoutFd !== undefined) {
				closeSync(stdoutFd);
				stdout = readFileSync(options.stdoutFile!, 'utf8');
				rmSync(options.stdoutFile!, { force: true });
			}
			resolvePromise({ code: code ?? 1, stdout, stderr });
		});
	});
}

async function mustRun(command: string, args: string[], options: Parameters<typeof run>[2] = {}): Promise<CommandResult> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (${result.code}):\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
	}
	return result;
}

/** Installs n8n into the cache on first use (scripts/ensure-n8n.sh) and returns its binaries. */
export async function ensureN8n(): Promise<{ cache: string; node: string; n8n: string }> {
	const result = await mustRun('bash', [join(ROOT, 'scripts', 'ensure-n8n.sh')], { quiet: false });
	const cache = result.stdout.trim().split('\n').pop()!;
	return { cache, node: join(cache, 'node_modules', 'node', 'bin', 'node'), n8n: join(cache, 'node_modules', 'n8n', 'bin', 'n8n') };
}

/** Builds and packs this package; returns the tarball path. */
export async function packPackage(): Promise<string> {
	const out = join(ROOT, '.tmp', 'pack');
	rmSync(out, { recursive: true, force: true });
	mkdirSync(out, { recursive: true });
	await mustRun('npm', ['run', '--silent', 'build'], { quiet: true });
	const packed = await mustRun('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', out], { quiet: true });
	const file = packed.stdout.trim().split('\n').pop()!;
	return join(out, file);
}

/** The pretty-printed execution JSON of `--rawOutput`: from a line `{` to the next line `}` (nested lines are indented). */
function parseRawOutput(stdout: string): ExecutionJson | undefined {
	const lines = stdout.split('\n');
	const start = lines.indexOf('{');
	const end = lines.indexOf('}', start + 1);
	if (start < 0 || end < 0) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n')) as ExecutionJson;
	} catch {
		return undefined;
	}
}

/** `n8n execute` runs whose process exited non-zero although the execution JSON it printed records no error. */
export const cliExitAnomalies: Array<{ workflowId: string; code: number; stderrTail: string }> = [];

export class N8nInstance {
	readonly env: NodeJS.ProcessEnv;

	constructor(
		readonly binaries: { cache: string; node: string; n8n: string },
		readonly userFolder: string,
		extraEnv: NodeJS.ProcessEnv = {},
	) {
		this.env = {
			...process.env,
			PATH: `${join(binaries.cache, 'node_modules', 'node', 'bin')}:${process.env.PATH}`,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: 'planning-to-cash-local-sandbox-key',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(15000 + (process.pid % 5000)),
			...extraEnv,
		};
	}

	static fresh(binaries: { cache: string; node: string; n8n: string }, name: string): N8nInstance {
		const folder = join(ROOT, '.tmp', name);
		rmSync(folder, { recursive: true, force: true });
		mkdirSync(join(folder, '.n8n', 'nodes'), { recursive: true });
		return new N8nInstance(binaries, folder);
	}

	private cli(args: string[], timeoutMs = 180_000, stdoutFile?: string): Promise<CommandResult> {
		return run(this.binaries.node, [this.binaries.n8n, ...args], { env: this.env, quiet: true, timeoutMs, stdoutFile });
	}

	/** Installs the tarball as a community package, the way `npm install` in ~/.n8n/nodes does. */
	async installPackage(tarball: string): Promise<void> {
		const nodesDir = join(this.userFolder, '.n8n', 'nodes');
		writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }));
		// --legacy-peer-deps: n8n supplies n8n-workflow itself.
		await mustRun('npm', ['install', '--no-audit', '--no-fund', '--legacy-peer-deps', '--ignore-scripts', tarball], { cwd: nodesDir, quiet: true });
	}

	async importCredentials(credentials: object[]): Promise<void> {
		const file = join(this.userFolder, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials));
		const result = await this.cli(['import:credentials', `--input=${file}`]);
		rmSync(file, { force: true });
		if (result.code !== 0) throw new Error(`import:credentials failed: ${result.stderr.slice(-1500)}${result.stdout.slice(-1500)}`);
	}

	async importWorkflow(workflow: object): Promise<void> {
		const file = join(this.userFolder, `workflow-${(workflow as { id: string }).id}.json`);
		writeFileSync(file, JSON.stringify(workflow));
		const result = await this.cli(['import:workflow', `--input=${file}`]);
		if (result.code !== 0) throw new Error(`import:workflow failed: ${result.stderr.slice(-1500)}${result.stdout.slice(-1500)}`);
	}

	/**
	 * `n8n execute --id --rawOutput`, reading the execution JSON even when n8n (or its task runner) prints text
	 * around it. ok: the execution JSON is there and records no error. A process that printed a finished,
	 * error-free execution and then exited non-zero counts as ok but is listed in `cliExitAnomalies` (its
	 * output kept under .tmp/), so the summary shows it.
	 */
	async execute(workflowId: string, timeoutMs = 300_000): Promise<{ ok: boolean; data?: ExecutionJson; output: string }> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], timeoutMs, join(this.userFolder, `execute-${workflowId}-${process.hrtime.bigint()}.out`));
		const output = `${result.stdout}\n${result.stderr}`;
		const data = parseRawOutput(result.stdout);
		const executionError = data?.data?.resultData?.error;
		if (!data || result.code !== 0) {
			writeFileSync(join(ROOT, '.tmp', `execute-${workflowId}-${Date.now()}.log`), `exit code ${result.code}\n--- stdout ---\n${output}`);
		}
		if (data && !executionError && result.code !== 0) cliExitAnomalies.push({ workflowId, code: result.code, stderrTail: result.stderr.slice(-300) });
		return { ok: data !== undefined && !executionError, data, output };
	}

	/** Every node type this n8n loaded (`n8n export:nodes`). */
	async loadedNodeTypes(): Promise<string[]> {
		const file = join(this.userFolder, 'nodes.json');
		const result = await this.cli(['export:nodes', `--output=${file}`]);
		if (result.code !== 0 || !existsSync(file)) throw new Error(`export:nodes failed: ${result.stderr.slice(-1500)}`);
		const nodes = JSON.parse(readFileSync(file, 'utf8')) as Array<{ name: string }>;
		return nodes.map((n) => n.name);
	}
}

export interface ExecutionJson {
	data: { resultData: { runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> }; error?: { message: string } }>>; error?: { message: string } } };
}

/** json of the items a node emitted on one output in its last run. */
export function nodeOutput(execution: ExecutionJson | undefined, nodeName: string, outputIndex = 0): Array<Record<string, unknown>> {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	if (!runs?.length) return [];
	return (runs[runs.length - 1].data?.main?.[outputIndex] ?? []).map((item) => item.json);
}
