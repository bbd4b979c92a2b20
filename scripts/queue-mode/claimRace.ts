/**
 * The Sync Ledger's claim race against a real n8n 2.40.7 (`npx tsx scripts/queue-mode/claimRace.ts [postgres|sqlite]`):
 * many claimers per key through n8n's public Data Table API, exactly as the node's store calls it (DataTableStore
 * and LedgerStore, the node's own code, over a fetch-backed stand-in for n8n's authenticated HTTP helper).
 * On Postgres a BEFORE INSERT trigger sleeps on every ledger insert (0–30 ms, one in ten 300 ms), after the row's
 * id is taken and before it commits, so inserts commit out of id order: the window the old claim had. Asserts one winner per
 * key and one claimed row per key, owned by that winner. Prints a JSON summary; exits 1 on any failure.
 */
import { mkdirSync, rmSync } from 'fs';
import { join } from 'path';
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { DataTableStore } from '../../nodes/SyncLedger/store/dataTables';
import { LedgerStore } from '../../nodes/SyncLedger/store/ledgerStore';
import { DataTablesApi, freePort, startN8nServer } from '../lib/n8nServer';
import { ensureN8n, N8nInstance, ROOT } from '../lib/realN8n';
import { n8nDatabaseEnv, startPostgres } from './services';

type Backend = 'postgres' | 'sqlite';

/** Just enough of IExecuteFunctions for the kit's vendorRequest: n8n's authenticated HTTP helper, over fetch. */
export function fetchContext(apiKey: string): IExecuteFunctions {
	const httpRequestWithAuthentication = async (_credentialType: string, options: IHttpRequestOptions) => {
		const response = await fetch(options.url, {
			method: options.method ?? 'GET',
			headers: { ...(options.headers as Record<string, string>), 'Content-Type': 'application/json', 'X-N8N-API-KEY': apiKey },
			body: options.body === undefined ? undefined : JSON.stringify(options.body),
		});
		const text = await response.text();
		let body: unknown = text;
		try {
			body = text ? JSON.parse(text) : undefined;
		} catch {
			// not JSON: keep the text for the error message
		}
		return { body, headers: Object.fromEntries(response.headers.entries()), statusCode: response.status };
	};
	return {
		helpers: { httpRequestWithAuthentication },
		getNode: () => ({ id: 'claim-race', name: 'Claim race', type: 'claimRace', typeVersion: 1, position: [0, 0], parameters: {} }),
	} as unknown as IExecuteFunctions;
}

/** Runs `tasks` with at most `limit` in flight. */
async function inParallel<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
		while (next < items.length) await task(items[next++]);
	}));
}

export async function claimRace(backend: Backend, options: { keys?: number; claimers?: number; prefix?: string } = {}) {
	const keyCount = options.keys ?? 300;
	const claimerCount = options.claimers ?? 4;
	const prefix = options.prefix ?? 'race_';
	const work = join(ROOT, '.tmp', `claim-race-${backend}`);
	rmSync(work, { recursive: true, force: true });
	mkdirSync(join(work, 'n8n', '.n8n', 'nodes'), { recursive: true });
	const stops: Array<() => Promise<void>> = [];
	try {
		let env: NodeJS.ProcessEnv = {};
		let postgres: Awaited<ReturnType<typeof startPostgres>> | undefined;
		if (backend === 'postgres') {
			postgres = await startPostgres(join('/tmp', `p2c-claim-race-${process.pid}`), await freePort());
			stops.push(postgres.stop);
			env = n8nDatabaseEnv(postgres.port);
		}
		const instance = new N8nInstance(await ensureN8n(), join(work, 'n8n'), env);
		const port = await freePort();
		const server = await startN8nServer(instance, { port, brokerPort: await freePort() });
		stops.unshift(server.stop);
		const baseUrl = `${server.baseUrl}/api/v1`;
		const ledgerFor = (executionId: string) =>
			new LedgerStore(new DataTableStore(fetchContext(server.apiKey), baseUrl), prefix, { workflowId: 'race', executionId, now: () => new Date() }, false);
		const { ledger: ledgerTableId } = await ledgerFor('setup').open();
		if (postgres) {
			await postgres.psql(
				`CREATE FUNCTION p2c_late_commit() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(CASE WHEN random() < 0.1 THEN 0.3 ELSE random() * 0.03 END); RETURN NEW; END $$ LANGUAGE plpgsql;` +
					`CREATE TRIGGER p2c_late_commit BEFORE INSERT ON "data_table_user_${ledgerTableId}" FOR EACH ROW EXECUTE FUNCTION p2c_late_commit();`,
			);
		}
		const keys = Array.from({ length: keyCount }, (_, i) => `race-key-${i}`);
		const winners = new Map<string, string[]>(keys.map((key) => [key, []]));
		const outcomes: Record<string, number> = {};
		const errors: string[] = [];
		const note = (key: string, executionId: string, outcome: string) => {
			outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
			if (outcome === 'new') winners.get(key)!.push(executionId);
		};
		const started = Date.now();
		await Promise.all(
			Array.from({ length: claimerCount }, async (_, c) => {
				const executionId = `race-exec-${c}`;
				const ledger = ledgerFor(executionId);
				// Half the claimers batch (Check & Claim), half claim key by key in another order, several in flight.
				const order = c % 2 === 0 ? keys : [...keys].reverse();
				const batches = Array.from({ length: Math.ceil(order.length / 25) }, (_, b) => order.slice(b * 25, b * 25 + 25));
				await inParallel(batches, 3, async (batch) => {
					try {
						if (c % 2 === 0) {
							const results = await ledger.claimMany(batch.map((key) => ({ key, allowFailed: false, correlationId: executionId })), 900);
							for (const [key, result] of results) note(key, executionId, result.outcome);
						} else {
							for (const key of batch) note(key, executionId, (await ledger.claim(key, { ttlSeconds: 900, allowFailed: false, correlationId: executionId })).outcome);
						}
					} catch (error) {
						errors.push(`${executionId}: ${(error as Error).message}`);
					}
				});
			}),
		);
		const seconds = (Date.now() - started) / 1000;
		const rows = (await new DataTablesApi(server).rows(`${prefix}ledger`)).filter((row) => row.kind === 'claim');
		const doubleWins = [...winners].filter(([, w]) => w.length > 1).map(([key, w]) => ({ key, winners: w }));
		const noWinner = [...winners].filter(([, w]) => w.length === 0).map(([key]) => key);
		const claimed = rows.filter((row) => row.status === 'claimed');
		const strayRows = rows.filter((row) => row.status !== 'claimed').length;
		const rowOwnerMismatch = claimed.filter((row) => winners.get(String(row.key))?.[0] !== row.claimOwner).length;
		const summary = {
			backend,
			keys: keyCount,
			claimersPerKey: claimerCount,
			seconds,
			outcomes,
			doubleWins: doubleWins.length,
			noWinner: noWinner.length,
			claimedRows: claimed.length,
			strayRows,
			rowOwnerMismatch,
			errors: errors.slice(0, 5),
			examples: { doubleWins: doubleWins.slice(0, 3), noWinner: noWinner.slice(0, 3) },
		};
		const ok = doubleWins.length === 0 && noWinner.length === 0 && claimed.length === keyCount && strayRows === 0 && rowOwnerMismatch === 0 && errors.length === 0;
		return { ok, summary };
	} finally {
		for (const stop of stops) await stop().catch(() => undefined);
	}
}

if (require.main === module) {
	const backend = (process.argv[2] ?? 'postgres') as Backend;
	claimRace(backend)
		.then(({ ok, summary }) => {
			console.log(JSON.stringify(summary, null, 2));
			process.exit(ok ? 0 : 1);
		})
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
}
