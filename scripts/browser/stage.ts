/**
 * The browser stage of `npm test` (scripts/test.mjs): the editor exactly as `npm run demo -- --ui` leaves it,
 * checked in headless Chromium (Debian's package, driven by puppeteer-core; never a downloaded browser).
 *
 * 1. Starts `demo --ui --ci --editor-only` as a child process (free ports, fresh user folder and sandboxes).
 * 2. Logs in through the sign-in form; the instance holds exactly the shipped templates and the sandbox
 *    credentials. Opens each template: every node is on the canvas as its type, our nodes with our icons (no
 *    "?" placeholder), no node or name on top of another, sticky notes showing all their text, and "Execute
 *    workflow" running Run now. A screenshot of each goes to test-output/browser/.
 * 3. Opens a Certinia node's panel: its parameters, and the External ID field locator switched to From List,
 *    filled from the Salesforce sandbox's describe.
 * 4. Executes a template from the editor's button and reads its items in the output panel.
 * 5. Sends the demo SIGTERM and checks that no process it started remains.
 *
 * Skips with a message where Chromium cannot be installed; under CI=true that is a failure. Prints progress on
 * stderr and, as its last stdout line, `{"ok":…,"checks":[{"name","ok","detail"}]}`.
 */
import { spawn } from 'child_process';
import type { ChildProcess } from 'child_process';
import { mkdirSync, readdirSync, rmSync } from 'fs';
import { join } from 'path';
import puppeteer from 'puppeteer-core';
import type { Browser, Page } from 'puppeteer-core';

import { CheckList } from '../lib/checks';
import { OWNER } from '../lib/n8nServer';
import { PACKAGE_NAME, ROOT } from '../lib/realN8n';
import { descendantPids, isAlive } from '../lib/shutdown';
import { bindTemplate, shippedTemplates } from '../lib/templates';
import { ensureChromium } from './chromium';

// The page functions below run in Chromium; this project compiles without the DOM library, so its globals are
// declared here, for this file only.
declare const document: any;
type Element = any;
type HTMLImageElement = any;

export const SCREENSHOTS = join(ROOT, 'test-output', 'browser');
const STICKY_TYPE = 'n8n-nodes-base.stickyNote';
const log = (line: string) => process.stderr.write(`${line}\n`);
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface RunningDemo {
	child: ChildProcess;
	url: string;
	email: string;
	password: string;
	userFolder: string;
	output: () => string;
}

/** `tsx scripts/demo.ts --ui --ci --editor-only`, resolved once it prints the editor's address and login. */
async function startDemoEditor(timeoutMs: number): Promise<RunningDemo> {
	const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/demo.ts', '--ui', '--ci', '--editor-only'], {
		cwd: ROOT,
		env: { ...process.env, P2C_EDITOR_PORT: '0' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	let stdout = '';
	child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
	child.stderr?.on('data', (d: Buffer) => {
		output += d.toString();
		process.stderr.write(d);
	});
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const url = /n8n editor: (http:\/\/\S+)/.exec(output)?.[1];
		const login = /log in as (\S+) \/ (\S+)/.exec(output);
		const folder = /user folder (\.tmp\/n8n-editor-\d+)/.exec(output)?.[1];
		if (url && login && folder) return { child, url, email: login[1], password: login[2], userFolder: join(ROOT, folder), output: () => output };
		if (child.exitCode !== null) throw new Error(`demo --ui exited with ${child.exitCode} before the editor was up: ${stdout.slice(0, 2500)}`);
		await wait(500);
	}
	child.kill('SIGTERM');
	throw new Error(`the editor was not up within ${timeoutMs / 1000} s:\n${output.slice(-3000)}`);
}

async function logIn(page: Page, demo: Pick<RunningDemo, 'url' | 'email' | 'password'>): Promise<void> {
	await page.goto(`${demo.url}/signin`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
	await page.waitForSelector('[data-test-id="emailOrLdapLoginId"] input', { timeout: 120_000 });
	await page.type('[data-test-id="emailOrLdapLoginId"] input', demo.email);
	await page.type('[data-test-id="password"] input', demo.password);
	await page.click('[data-test-id="form-submit-button"]');
	// Signed in: the editor routes away from /signin and shows its sidebar.
	await page.waitForFunction(() => !(globalThis as any).location.pathname.includes('signin'), { timeout: 120_000 });
	await page.waitForSelector('[data-test-id="main-sidebar-settings"]', { timeout: 120_000 });
}

/** n8n's REST API from inside the logged-in page (its session cookie). */
async function rest<T>(page: Page, path: string): Promise<T> {
	return (await page.evaluate(async (p: string) => {
		// n8n binds a session to the browser: its front end sends the browser id it keeps in localStorage.
		const browserId = (globalThis as any).localStorage.getItem('n8n-browserId') ?? '';
		const response = await fetch(p, { credentials: 'include', headers: { 'browser-id': browserId } });
		return await response.json();
	}, path)) as T;
}

interface CanvasReport {
	nodes: Array<{ name: string; type: string; placeholder: boolean; icons: Array<{ src: string; loaded: boolean }> }>;
	overlaps: string[];
	cutStickies: Array<{ scrollHeight: number; clientHeight: number; text: string }>;
	/** Each note's size and the height of its rendered text (calibrates test/templates/layout.ts). */
	stickies: Array<{ width: number; height: number; text: number }>;
	executeButton: string;
}

/** What the canvas shows: each node's type and icon, overlapping node boxes (body, name, subtitle), clipped notes. */
async function readCanvas(page: Page): Promise<CanvasReport> {
	return await page.evaluate(() => {
		const rect = (e: Element) => {
			const r = e.getBoundingClientRect();
			return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
		};
		type Box = ReturnType<typeof rect>;
		const union = (boxes: Box[]) => boxes.reduce((a, b) => ({ left: Math.min(a.left, b.left), top: Math.min(a.top, b.top), right: Math.max(a.right, b.right), bottom: Math.max(a.bottom, b.bottom) }));
		const elements = [...document.querySelectorAll('[data-test-id="canvas-node"]')];
		const nodes = elements.map((element) => ({
			name: element.getAttribute('data-node-name') ?? '',
			type: element.getAttribute('data-node-type') ?? '',
			placeholder: element.querySelector('[class*="nodeIconPlaceholder"]') !== null,
			icons: [...element.querySelectorAll('img')].map((img) => ({ src: img.getAttribute('src') ?? '', loaded: img.complete && img.naturalWidth > 0 })),
		}));
		// A node's footprint: its body and its name / subtitle lines (CSS-module classes _label_… / _subtitle_…),
		// not the output labels on its right, which edges run through anyway.
		const footprints = elements.map((element) => {
			const body = [...element.children].filter((c) => !c.classList.contains('vue-flow__handle') && c.getAttribute('data-test-id') !== 'canvas-node-toolbar');
			const text = [...element.querySelectorAll('[class*="_label_"], [class*="_subtitle_"]')].filter((e) => !/outputLabel|inputLabel/.test(e.className.toString()));
			const boxes = [...body, ...text].map(rect).filter((b) => b.right > b.left && b.bottom > b.top);
			return { name: element.getAttribute('data-node-name') ?? '', box: union(boxes.length ? boxes : [rect(element)]) };
		});
		const overlaps: string[] = [];
		for (let i = 0; i < footprints.length; i++) {
			for (let j = i + 1; j < footprints.length; j++) {
				const a = footprints[i].box;
				const b = footprints[j].box;
				// One pixel of slack for rounding.
				if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps.push(`${footprints[i].name} / ${footprints[j].name}`);
			}
		}
		const cutStickies = [...document.querySelectorAll('[data-test-id="sticky"]')].flatMap((sticky) =>
			[...sticky.querySelectorAll('*')]
				.filter((e) => e.clientHeight > 20 && e.scrollHeight > e.clientHeight + 1)
				.map((e) => ({ scrollHeight: e.scrollHeight, clientHeight: e.clientHeight, text: (sticky.textContent ?? '').slice(0, 60) })),
		);
		const stickies = [...document.querySelectorAll('[data-test-id="sticky"]')].map((sticky) => {
			const texts = [...sticky.querySelectorAll('*')].filter((e) => e.clientHeight > 20);
			const text = Math.max(0, ...texts.map((e) => e.scrollHeight));
			return { width: sticky.offsetWidth, height: sticky.offsetHeight, text };
		});
		const executeButton = document.querySelector('[data-test-id="execute-workflow-button"]')?.textContent?.trim() ?? '';
		return { nodes, overlaps, cutStickies, stickies, executeButton };
	});
}

/**
 * Opens a workflow the way a click in the editor does (the router, no page reload: loading the editor's bundle
 * again costs seconds per template), or by loading its URL when the editor is not open yet.
 */
async function openWorkflow(page: Page, url: string, id: string, nodeCount: number): Promise<void> {
	// From the home page the router's first move to a workflow does not render the canvas; from a canvas it does.
	const inEditor = page.url().startsWith(`${url}/workflow/`);
	if (inEditor) {
		await page.evaluate((path: string) => {
			const w = globalThis as any;
			w.history.pushState({}, '', path);
			w.dispatchEvent(new w.PopStateEvent('popstate', { state: {} }));
		}, `/workflow/${id}`);
	} else {
		await page.goto(`${url}/workflow/${id}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
	}
	await page.waitForFunction(
		(workflowId: string, n: number) => (globalThis as any).location.pathname.endsWith(workflowId) && document.querySelectorAll('[data-test-id="canvas-node"]').length >= n,
		{ timeout: 120_000 },
		id,
		nodeCount,
	);
	// Icons are images fetched after the nodes render; the canvas fits the view after layout.
	await page.waitForFunction(() => [...document.querySelectorAll('[data-test-id="canvas-node"] img')].every((img) => (img as HTMLImageElement).complete), { timeout: 30_000 }).catch(() => undefined);
	await wait(500);
}

async function checkTemplates(page: Page, url: string, checks: CheckList): Promise<void> {
	const shipped = shippedTemplates().map(({ file, workflow }) => ({ file, workflow: bindTemplate(file, workflow, {}, { bindCredentials: false }) }));
	const workflows = await rest<{ data: Array<{ id: string; name: string }> }>(page, '/rest/workflows');
	const listed = (workflows.data ?? []).map((w) => w.id).sort();
	checks.check('the editor holds exactly the shipped templates (no scenario copies)', JSON.stringify(listed) === JSON.stringify(shipped.map((t) => t.workflow.id).sort()), { listed });
	for (const { file, workflow } of shipped) {
		const expected = workflow.nodes.filter((n) => n.type !== STICKY_TYPE) as Array<{ name: string; type: string; disabled?: boolean }>;
		const began = Date.now();
		try {
			await openWorkflow(page, url, workflow.id, expected.length);
			const opened = Date.now();
			const canvas = await readCanvas(page);
			log(`• ${file}: ${canvas.nodes.length} nodes on the canvas (${Math.round((opened - began) / 100) / 10} s); sticky text ${JSON.stringify(canvas.stickies)}`);
			await page.screenshot({ path: join(SCREENSHOTS, file.replace(/\.json$/, '.png')) });
			const wrongType = expected.filter((n) => !canvas.nodes.some((c) => c.name === n.name && c.type === n.type)).map((n) => n.name);
			const placeholders = canvas.nodes.filter((n) => n.placeholder).map((n) => n.name);
			const withoutOurIcon = canvas.nodes.filter((n) => n.type.startsWith(`${PACKAGE_NAME}.`) && !n.icons.some((i) => i.loaded && i.src.includes(PACKAGE_NAME))).map((n) => n.name);
			checks.check(`${file}: every node renders as its type, ours with our icon, none unknown`, wrongType.length + placeholders.length + withoutOurIcon.length === 0, { wrongType, placeholders, withoutOurIcon });
			checks.check(`${file}: no node or name on top of another, every sticky note shows all its text`, canvas.overlaps.length + canvas.cutStickies.length === 0, { overlaps: canvas.overlaps, cutStickies: canvas.cutStickies });
			const otherTriggers = expected.filter((n) => /Trigger$/.test(n.type) && n.name !== 'Run now').map((n) => n.name);
			const runsRunNow = expected.some((n) => n.name === 'Run now') ? !otherTriggers.some((name) => canvas.executeButton.includes(name)) : true;
			checks.check(`${file}: Execute workflow runs Run now`, runsRunNow, { button: canvas.executeButton });
		} catch (error) {
			checks.check(`${file}: opens in the editor`, false, (error as Error).message);
		}
	}
}

/** The Certinia project node's panel: parameters shown, and its External ID field picked From List (the sandbox's describe). */
async function checkResourceLocator(page: Page, url: string, checks: CheckList): Promise<void> {
	const file = 'opportunity-to-certinia-project.json';
	const shipped = shippedTemplates().find((t) => t.file === file)!;
	const workflow = bindTemplate(file, shipped.workflow, {}, { bindCredentials: false });
	const node = (workflow.nodes as unknown as Array<{ id: string; name: string }>).find((n) => n.name === 'Upsert Certinia project')!;
	try {
		await page.goto(`${url}/workflow/${workflow.id}/${node.id}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
		await page.waitForSelector('[data-test-id="ndv"] [data-test-id="node-parameters"]', { timeout: 120_000 });
		const parameters = await page.$$eval('[data-test-id="ndv"] [data-test-id="node-parameters"] [data-test-id="parameter-item"]', (items) => items.length);
		const locator = '[data-test-id="resource-locator-externalIdField"]';
		await page.waitForSelector(locator, { timeout: 30_000 });
		await page.click(`${locator} [data-test-id="rlc-mode-selector"]`);
		await page.waitForSelector('[data-test-id="mode-list"]', { visible: true, timeout: 30_000 });
		await page.click('[data-test-id="mode-list"]');
		await page.click(`${locator} [data-test-id="rlc-input"]`).catch(() => undefined);
		await page.waitForSelector('[data-test-id="rlc-item"]', { visible: true, timeout: 60_000 });
		const items = await page.$$eval('[data-test-id="rlc-item"]', (els) => els.map((e) => e.textContent?.trim() ?? ''));
		await page.screenshot({ path: join(SCREENSHOTS, 'certinia-node-panel-external-id-from-list.png') });
		checks.check('a Certinia node panel shows its parameters and fills the External ID field list from the Salesforce sandbox', parameters > 3 && items.some((i) => i.includes('External_Id__c')), { parameters, items: items.slice(0, 10) });
	} catch (error) {
		await page.screenshot({ path: join(SCREENSHOTS, 'certinia-node-panel-failed.png') }).catch(() => undefined);
		checks.check('a Certinia node panel shows its parameters and fills the External ID field list from the Salesforce sandbox', false, (error as Error).message);
	}
}

/** Runs time-reconciliation with the editor's Execute workflow button and opens the Reconcile node's output. */
async function checkExecution(page: Page, url: string, checks: CheckList): Promise<void> {
	const file = 'time-reconciliation.json';
	const shipped = shippedTemplates().find((t) => t.file === file)!;
	const workflow = bindTemplate(file, shipped.workflow, {}, { bindCredentials: false });
	const name = 'executing time-reconciliation from the editor runs Run now and shows its items';
	try {
		await openWorkflow(page, url, workflow.id, workflow.nodes.filter((n) => n.type !== STICKY_TYPE).length);
		await page.click('[data-test-id="execute-workflow-button"]');
		// Finished: every node that ran shows its success marker; Reconcile runs once both reads are in.
		await page.waitForSelector('[data-test-id="canvas-node"][data-node-name="Reconcile"] [data-test-id="canvas-node-status-success"]', { timeout: 180_000 });
		await page.screenshot({ path: join(SCREENSHOTS, 'time-reconciliation-executed.png') });
		const node = (workflow.nodes as unknown as Array<{ id: string; name: string }>).find((n) => n.name === 'Reconcile')!;
		// Through the router, as a double-click does: a reload would drop the execution the editor just showed.
		await page.evaluate((path: string) => {
			const w = globalThis as any;
			w.history.pushState({}, '', path);
			w.dispatchEvent(new w.PopStateEvent('popstate', { state: {} }));
		}, `/workflow/${workflow.id}/${node.id}`);
		await page.waitForSelector('[data-test-id="ndv"] [data-test-id="output-panel"]', { timeout: 60_000 });
		await page.waitForFunction(() => /\d+ items?/.test(document.querySelector('[data-test-id="ndv"] [data-test-id="output-panel"]')?.textContent ?? ''), { timeout: 30_000 }).catch(() => undefined);
		await page.screenshot({ path: join(SCREENSHOTS, 'time-reconciliation-reconcile-output.png') });
		const summary = await page.$eval('[data-test-id="ndv"] [data-test-id="output-panel"]', (e) => e.textContent ?? '');
		// The canvas shows Reconcile's items while the last step (parking differences in the ledger) still runs.
		type Execution = { status: string; mode: string };
		let list: Execution[] = [];
		for (const deadline = Date.now() + 120_000; Date.now() < deadline; await wait(1_000)) {
			const executions = await rest<{ data: { results?: Execution[] } | Execution[] }>(page, `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: workflow.id }))}`);
			list = Array.isArray(executions.data) ? executions.data : (executions.data?.results ?? []);
			if (list.length > 0 && list.every((e) => !['new', 'running', 'waiting'].includes(e.status))) break;
		}
		checks.check(name, /\d+ items?/.test(summary) && list.some((e) => e.status === 'success' && e.mode === 'manual'), { output: summary.slice(0, 300), executions: list.slice(0, 3) });
	} catch (error) {
		await page.screenshot({ path: join(SCREENSHOTS, 'time-reconciliation-failed.png') }).catch(() => undefined);
		checks.check(name, false, (error as Error).message);
	}
}

/** SIGTERM to the demo: it and every process it started are gone within seconds. */
async function checkShutdown(demo: RunningDemo, checks: CheckList): Promise<void> {
	const pids = [demo.child.pid!, ...descendantPids(demo.child.pid!)];
	const started = Date.now();
	const exited = new Promise<void>((resolve) => (demo.child.exitCode !== null ? resolve() : demo.child.once('exit', () => resolve())));
	demo.child.kill('SIGTERM');
	await Promise.race([exited, wait(20_000)]);
	const deadline = Date.now() + 5_000;
	while (Date.now() < deadline && pids.some(isAlive)) await wait(200);
	const left = pids.filter(isAlive);
	checks.check(`SIGTERM stops the demo and all ${pids.length} processes it started (n8n, its task runner …) within seconds`, left.length === 0 && pids.length > 2, {
		processes: pids.length,
		left,
		seconds: Math.round((Date.now() - started) / 100) / 10,
	});
	for (const pid of left) process.kill(pid, 'SIGKILL');
}

async function main(): Promise<void> {
	const checks = new CheckList();
	const chromium = ensureChromium(log);
	if (!chromium.path) {
		const required = process.env.CI === 'true';
		log(`browser stage ${required ? 'FAILED' : 'skipped'}: ${chromium.reason}`);
		process.stdout.write(`${JSON.stringify({ ok: !required, skipped: !required, reason: chromium.reason, checks: required ? [{ name: 'chromium for the browser stage', ok: false, detail: chromium.reason }] : [] })}\n`);
		process.exit(required ? 1 : 0);
	}
	rmSync(SCREENSHOTS, { recursive: true, force: true });
	mkdirSync(SCREENSHOTS, { recursive: true });
	const started = Date.now();
	let demo: RunningDemo | undefined;
	let browser: Browser | undefined;
	try {
		// P2C_BROWSER_ATTACH=<url of a running `demo --ui`>: check that editor instead (while working on these checks).
		const attach = process.env.P2C_BROWSER_ATTACH;
		const target = attach
			? { url: attach, email: OWNER.email, password: OWNER.password }
			: (demo = await startDemoEditor(Number(process.env.P2C_BROWSER_START_TIMEOUT_MS ?? 600_000)));
		browser = await puppeteer.launch({
			executablePath: chromium.path,
			headless: true,
			args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
			defaultViewport: { width: 1600, height: 1000 },
		});
		const page = await browser.newPage();
		page.setDefaultTimeout(120_000);
		// tsx (esbuild) names the arrow functions of the page functions below with a __name helper the page lacks.
		await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
		await logIn(page, target);
		const credentials = await rest<{ data: Array<{ name: string }> }>(page, '/rest/credentials');
		checks.check('log in with the printed owner account; the sandbox credentials are set up', (credentials.data ?? []).length > 5, { credentials: (credentials.data ?? []).map((c) => c.name) });
		await checkTemplates(page, target.url, checks);
		await checkResourceLocator(page, target.url, checks);
		await checkExecution(page, target.url, checks);
	} catch (error) {
		checks.check('browser stage', false, (error as Error).message.slice(0, 3000));
	} finally {
		await browser?.close().catch(() => undefined);
		if (demo) {
			await checkShutdown(demo, checks);
			rmSync(demo.userFolder, { recursive: true, force: true });
		}
	}
	log(`browser stage: ${Math.round((Date.now() - started) / 1000)} s, screenshots in ${SCREENSHOTS} (${readdirSync(SCREENSHOTS).length})`);
	process.stdout.write(`${JSON.stringify({ ok: checks.ok, checks: checks.checks })}\n`);
	process.exit(checks.ok ? 0 : 1);
}

main().catch((error) => {
	process.stdout.write(`${JSON.stringify({ ok: false, checks: [{ name: 'browser stage', ok: false, detail: String(error) }] })}\n`);
	process.exit(1);
});
