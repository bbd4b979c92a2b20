/**
 * Debian's `chromium` for the browser stage: found on PATH, else installed with apt-get (as root, or with
 * passwordless sudo, as on a CI runner). No browser is ever downloaded by puppeteer. Returns undefined with
 * the reason when it cannot be had; the stage skips then, except under CI=true where it fails.
 */
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';

const CANDIDATES = ['chromium', 'chromium-browser'];

function onPath(): string | undefined {
	for (const name of CANDIDATES) {
		const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
		if (found && existsSync(found)) return found;
	}
	return undefined;
}

export function ensureChromium(log: (line: string) => void): { path?: string; reason?: string } {
	const found = process.env.P2C_CHROMIUM ?? onPath();
	if (found) return { path: found };
	const root = process.getuid?.() === 0;
	if (!root && spawnSync('sudo', ['-n', 'true']).status !== 0) return { reason: 'chromium is not installed and apt-get needs root or passwordless sudo (apt-get install -y chromium)' };
	const apt = (args: string[]) => (root ? spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' }) : spawnSync('sudo', ['-n', 'apt-get', ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' }));
	log('• installing Debian chromium (apt-get install -y chromium)');
	const update = apt(['update']);
	if (update.status !== 0) return { reason: `apt-get update failed: ${update.stderr?.slice(-500)}` };
	const install = apt(['install', '-y', '--no-install-recommends', 'chromium']);
	if (install.status !== 0) return { reason: `apt-get install chromium failed: ${install.stderr?.slice(-500)}` };
	const installed = onPath();
	return installed ? { path: installed } : { reason: 'apt-get installed chromium but no chromium binary is on PATH' };
}
