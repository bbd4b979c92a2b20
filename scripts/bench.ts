/** `npm run bench -- <name>`: runs scripts/bench/<name>.ts, a benchmark that prints its figures. */
import { existsSync, readdirSync } from 'fs';
import { join } from 'path';

const name = process.argv[2];
const dir = join(__dirname, 'bench');
const available = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)) : [];
if (!name || !available.includes(name)) {
	process.stderr.write(`usage: npm run bench -- <${available.join('|')}>\n`);
	process.exit(2);
}
process.argv.splice(2, 1);
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(join(dir, `${name}.ts`));
