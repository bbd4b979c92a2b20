/** `npm run demo [-- --ci] [-- --ui]`: see scripts/lib/demo.ts. The last line printed is the JSON summary. */
import { runDemo } from './lib/demo';

const args = process.argv.slice(2);
runDemo({ ci: args.includes('--ci'), ui: args.includes('--ui') })
	.then((summary) => {
		process.stdout.write(`${JSON.stringify(summary)}\n`);
		process.exit(summary.ok ? 0 : 1);
	})
	.catch((error: Error) => {
		process.stdout.write(`${JSON.stringify({ ok: false, error: error.message })}\n`);
		process.exit(1);
	});
