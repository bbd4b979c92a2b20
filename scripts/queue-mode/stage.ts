/**
 * The queue-mode stage of `npm test` (scripts/test.mjs): installs Postgres and Redis from Debian's packages when
 * missing, runs the Sync Ledger claim race (claimRace.ts) against a real n8n on a fresh Postgres cluster (inserts
 * committing out of id order) and on SQLite, then n8n in queue mode (workers.ts): a main instance and two workers
 * on Postgres and Redis, the shipped webhook template published, about 2,000 deliveries with duplicates, a worker
 * killed with SIGKILL and started again. P2C_QUEUE_ENTRIES sets the number of time entries (default 1,600).
 * Prints progress on stderr and, as its last stdout line, `{"ok":…,"checks":[{"name","ok","detail"}]}`.
 */
import { claimRace } from './claimRace';
import { ensurePackages } from './services';
import { queueModeRun } from './workers';

type Check = { name: string; ok: boolean; detail: unknown };

async function check(checks: Check[], name: string, run: () => Promise<{ ok: boolean; summary: unknown }>): Promise<void> {
	const started = Date.now();
	try {
		const { ok, summary } = await run();
		process.stderr.write(`${ok ? 'ok  ' : 'FAIL'} ${name} (${Math.round((Date.now() - started) / 1000)} s)\n`);
		if (!ok) process.stderr.write(`${JSON.stringify(summary, null, 2)}\n`);
		checks.push({ name, ok, detail: summary });
	} catch (error) {
		process.stderr.write(`FAIL ${name}: ${(error as Error).message}\n`);
		checks.push({ name, ok: false, detail: (error as Error).message.slice(0, 2000) });
	}
}

async function main(): Promise<void> {
	const checks: Check[] = [];
	await ensurePackages();
	for (const backend of ['postgres', 'sqlite'] as const) {
		await check(checks, `Sync Ledger claim race on ${backend}: 300 keys x 4 claimers, one winner per key`, async () => await claimRace(backend));
	}
	const entries = Number(process.env.P2C_QUEUE_ENTRIES ?? 1600);
	await check(
		checks,
		`queue mode (main + 2 workers, Postgres, Redis): ${entries} approved time entries through the webhook template with duplicates and a killed worker, each in NetSuite exactly once, every delivery answered, the ledger agreeing`,
		async () => await queueModeRun({ entries }),
	);
	const ok = checks.every((c) => c.ok);
	// Exit only once the pipe has taken the summary (an exit right after a large write can cut it).
	process.stdout.write(`${JSON.stringify({ ok, checks })}\n`, () => process.exit(ok ? 0 : 1));
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.stdout.write(`${JSON.stringify({ ok: false, checks: [{ name: 'queue-mode stage', ok: false, detail: String(error) }] })}\n`);
	process.exit(1);
});
