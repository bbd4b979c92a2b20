/**
 * Ctrl-C or SIGTERM stops everything the demo started, within seconds: registered clean-ups run (the n8n
 * server, the in-process sandboxes) under a deadline, then every process still descending from this one (an
 * `n8n start` and its task runner, `n8n execute` children, npm) is sent SIGTERM and, if it lingers, SIGKILL.
 * The process tree is read from `ps`, so a child that spawned its own children is covered too.
 */
import { spawnSync } from 'child_process';

/** Clean-ups get this long before the process tree is terminated regardless. */
const CLEANUP_DEADLINE_MS = 6_000;
/** Processes get this long after SIGTERM before SIGKILL. */
const TERM_GRACE_MS = 2_000;

const cleanups = new Set<() => Promise<unknown>>();
let installed = false;
let stopping = false;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `cleanup` when the demo is interrupted; the returned function unregisters it. */
export function onInterrupt(cleanup: () => Promise<unknown>): () => void {
	cleanups.add(cleanup);
	return () => cleanups.delete(cleanup);
}

/** Parent of every running process (`ps -A -o pid=,ppid=`). */
function parentsByPid(): Map<number, number> {
	const ps = spawnSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
	const parents = new Map<number, number>();
	for (const line of (ps.stdout ?? '').split('\n')) {
		const [pid, ppid] = line.trim().split(/\s+/).map(Number);
		if (Number.isInteger(pid) && Number.isInteger(ppid)) parents.set(pid, ppid);
	}
	return parents;
}

/** Every process below `rootPid` (children, their children …), excluding the root. */
export function descendantPids(rootPid: number = process.pid): number[] {
	const parents = parentsByPid();
	const found: number[] = [];
	let frontier = [rootPid];
	while (frontier.length > 0) {
		const next = [...parents].filter(([, ppid]) => frontier.includes(ppid)).map(([pid]) => pid);
		found.push(...next);
		frontier = next;
	}
	return found;
}

export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

function signal(pids: number[], name: NodeJS.Signals): void {
	for (const pid of pids) {
		try {
			process.kill(pid, name);
		} catch {
			// already gone
		}
	}
}

/** SIGTERM to every descendant (read again each round: a dying parent may have started more), then SIGKILL. */
export async function terminateDescendants(rootPid: number = process.pid): Promise<void> {
	const seen = new Set<number>();
	for (let round = 0; round < 3; round++) {
		const pids = descendantPids(rootPid).filter((pid) => !seen.has(pid));
		if (pids.length === 0) break;
		pids.forEach((pid) => seen.add(pid));
		signal(pids, 'SIGTERM');
	}
	const deadline = Date.now() + TERM_GRACE_MS;
	while (Date.now() < deadline && [...seen].some(isAlive)) await wait(100);
	// Children re-parented to init after their parent died are no longer our descendants: kill them by pid.
	signal([...seen, ...descendantPids(rootPid)].filter(isAlive), 'SIGKILL');
}

async function shutDown(name: NodeJS.Signals): Promise<void> {
	if (stopping) return;
	stopping = true;
	process.stderr.write(`• ${name}: stopping n8n and the sandboxes\n`);
	const all = Promise.allSettled([...cleanups].map((cleanup) => cleanup()));
	await Promise.race([all, wait(CLEANUP_DEADLINE_MS)]);
	await terminateDescendants();
	process.exit(name === 'SIGINT' ? 130 : 143);
}

/** Installs the SIGINT / SIGTERM handlers once (scripts/demo.ts). */
export function installShutdownHandlers(): void {
	if (installed) return;
	installed = true;
	process.on('SIGINT', () => void shutDown('SIGINT'));
	process.on('SIGTERM', () => void shutDown('SIGTERM'));
}
