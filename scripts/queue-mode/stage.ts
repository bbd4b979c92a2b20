/**
 * The queue-mode stage of `npm test` (scripts/test.mjs), so far its claim part: installs Postgres from Debian's
 * packages when missing, then runs the Sync Ledger claim race (scripts/queue-mode/claimRace.ts) against a real
 * n8n on a fresh Postgres cluster (inserts committing out of id order) and on SQLite. Main + workers on Redis
 * with the webhook posting flow and a killed worker is not part of it yet (see the README's known gaps).
 * Prints progress on stderr and, as its last stdout line, `{"ok":…,"checks":[{"name","ok","detail"}]}`.
 */
import { claimRace } from './claimRace';
import { ensurePackages } from './services';

async function main(): Promise<void> {
	const checks: Array<{ name: string; ok: boolean; detail: unknown }> = [];
	await ensurePackages();
	for (const backend of ['postgres', 'sqlite'] as const) {
		const name = `Sync Ledger claim race on ${backend}: 300 keys x 4 claimers, one winner per key`;
		try {
			const { ok, summary } = await claimRace(backend);
			process.stderr.write(`${ok ? 'ok  ' : 'FAIL'} ${name} (${summary.seconds} s)\n`);
			checks.push({ name, ok, detail: summary });
		} catch (error) {
			process.stderr.write(`FAIL ${name}: ${(error as Error).message}\n`);
			checks.push({ name, ok: false, detail: (error as Error).message.slice(0, 2000) });
		}
	}
	process.stdout.write(`${JSON.stringify({ ok: checks.every((c) => c.ok), checks })}\n`);
	process.exit(checks.every((c) => c.ok) ? 0 : 1);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.stdout.write(`${JSON.stringify({ ok: false, checks: [{ name: 'queue-mode stage', ok: false, detail: String(error) }] })}\n`);
	process.exit(1);
});
