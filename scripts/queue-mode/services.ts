/**
 * Postgres and Redis for the queue-mode stage on one machine, from Debian's packages alone (as CI can): installs them
 * with apt-get when missing (as root, or with passwordless sudo), then starts a throwaway cluster on loopback with its
 * data under `dir`. Debian 12's registry has Postgres 15; n8n 2.40 logs that it wants 16+ but runs on 15.
 * Loopback with trust authentication: a test deployment, never a production one (see the README).
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'fs';
import { join } from 'path';

import { run } from '../lib/realN8n';

async function mustRun(command: string, args: string[], what: string): Promise<string> {
	const result = await run(command, args, { quiet: true, timeoutMs: 600_000 });
	if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}): ${result.stderr.slice(-1500)}${result.stdout.slice(-500)}`);
	return result.stdout;
}

/** The newest installed Postgres major's bin folder, if any. */
function postgresBin(): string | undefined {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const majors = readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
	const bin = majors.map((m) => join(base, m, 'bin')).find((b) => existsSync(join(b, 'initdb')));
	return bin;
}

export async function ensurePackages(): Promise<void> {
	const missing: string[] = [];
	if (!postgresBin()) missing.push('postgresql');
	if ((await run('redis-server', ['--version'], { quiet: true }).catch(() => ({ code: 1 }))).code !== 0) missing.push('redis-server');
	if (missing.length === 0) return;
	// Root runs apt-get itself; a CI runner's user has passwordless sudo.
	const root = process.getuid?.() === 0;
	if (!root && (await run('sudo', ['-n', 'true'], { quiet: true }).catch(() => ({ code: 1 }))).code !== 0) {
		throw new Error(`install ${missing.join(' and ')} first (apt-get install -y ${missing.join(' ')}), or run as root`);
	}
	const apt = (args: string[]): [string, string[]] => (root ? ['apt-get', args] : ['sudo', ['-n', 'apt-get', ...args]]);
	await mustRun(...apt(['update']), 'apt-get update');
	await mustRun(...apt(['install', '-y', '--no-install-recommends', ...missing]), `apt-get install ${missing.join(' ')}`);
}

interface Service {
	port: number;
	stop: () => Promise<void>;
}

/** Runs a command as the `postgres` user when we are root (initdb and postgres refuse to run as root). */
function asPostgres(command: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** A fresh Postgres cluster in `dir` on 127.0.0.1:`port`, with a database `n8n` (user postgres, trust auth). */
export async function startPostgres(dir: string, port: number): Promise<Service & { bin: string; psql: (sql: string) => Promise<string> }> {
	const bin = postgresBin();
	if (!bin) throw new Error('Postgres is not installed');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	if (process.getuid?.() === 0) await mustRun('chown', ['postgres:postgres', dir], 'chown');
	const data = join(dir, 'data');
	await mustRun(...asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']), 'initdb');
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`;
	await mustRun(...asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'postgres.log'), '-w', 'start']), 'pg_ctl start');
	const psql = async (sql: string) => await mustRun(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-Atc', sql, 'n8n'], `psql ${sql.slice(0, 60)}`);
	await mustRun(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'n8n'], 'createdb');
	const stop = async () => {
		await run(...asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']), { quiet: true });
		rmSync(dir, { recursive: true, force: true });
	};
	return { port, bin, psql, stop };
}

/** Redis on 127.0.0.1:`port` with its files in `dir` (no persistence: the queue is rebuilt each run). */
export async function startRedis(dir: string, port: number): Promise<Service> {
	mkdirSync(dir, { recursive: true });
	await mustRun('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'yes', '--pidfile', join(dir, 'redis.pid')], 'redis-server');
	const stop = async () => {
		await run('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { quiet: true });
		rmSync(dir, { recursive: true, force: true });
	};
	return { port, stop };
}

/** n8n's queue-mode environment on the Redis started by `startRedis`. */
export function n8nQueueEnv(redisPort: number): NodeJS.ProcessEnv {
	return { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(redisPort), OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' };
}

/** n8n's environment for the Postgres started by `startPostgres`. */
export function n8nDatabaseEnv(postgresPort: number): NodeJS.ProcessEnv {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgresPort),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
		DB_POSTGRESDB_POOL_SIZE: '10',
	};
}
