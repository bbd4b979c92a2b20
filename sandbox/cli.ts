/** `npm run sandbox`: every vendor sandbox on its fixed localhost port, until Ctrl-C. */
import { startSandboxes } from './index';

async function main() {
	const sandboxes = await startSandboxes(true);
	for (const sandbox of sandboxes.all) {
		process.stdout.write(`${sandbox.options.name.padEnd(12)} ${sandbox.baseUrl}   (admin: ${sandbox.baseUrl}/__admin/state)\n`);
	}
	process.stdout.write('Sandboxes running; Ctrl-C stops them.\n');
	const stop = async () => {
		await sandboxes.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
