/**
 * `npm run demo [-- --ci] [-- --ui [--editor-only]]`: see scripts/lib/demo.ts. The last line printed on stdout
 * is the JSON summary of the story; with --ui the editor then stays open (its login on stderr) until Ctrl-C or
 * SIGTERM, which stop every process the demo started (scripts/lib/shutdown.ts).
 */
import { openEditor, runDemo } from './lib/demo';
import { installShutdownHandlers } from './lib/shutdown';

const args = process.argv.slice(2);
const ci = args.includes('--ci');
const ui = args.includes('--ui');
installShutdownHandlers();

async function main(): Promise<number> {
	let exitCode = 0;
	if (!(ui && args.includes('--editor-only'))) {
		const summary = await runDemo({ ci });
		process.stdout.write(`\nOne month at the firm every sandbox is seeded from:\n${summary.story.map((line) => `  ${line}`).join('\n')}\n\n`);
		// Waits until the pipe took it all: process.exit right after a large write cut the summary short.
		await new Promise<void>((resolve) => process.stdout.write(`${JSON.stringify(summary)}\n`, () => resolve()));
		exitCode = summary.ok ? 0 : 1;
	}
	if (!ui) return exitCode;
	await openEditor({ ci });
	// The editor keeps running; the shutdown handlers end the process.
	return await new Promise<number>(() => undefined);
}

main()
	.then((code) => process.exit(code))
	.catch((error: Error) => {
		process.stdout.write(`${JSON.stringify({ ok: false, error: error.message })}\n`);
		process.exit(1);
	});
