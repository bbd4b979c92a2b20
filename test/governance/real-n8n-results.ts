/**
 * Record Result's result rows in a real n8n 2.40.7 (not a jest test: `npx tsx test/governance/real-n8n-results.ts`).
 * The node's own store code (LedgerStore over DataTableStore) against n8n's public Data Table API on SQLite:
 * 200 results recorded with one insert and two token reads; a result under a token a takeover replaced is refused,
 * withdrawn, and never counts; the next Check & Claim reads posted keys as Already Done. Prints a JSON report and
 * exits 1 when a check fails; stops everything it started.
 */
import { mkdirSync, rmSync } from 'fs';
import { join } from 'path';

import { withResults } from '../../lib/governance';
import { DataTableStore } from '../../nodes/SyncLedger/store/dataTables';
import { LedgerStore } from '../../nodes/SyncLedger/store/ledgerStore';
import { DataTablesApi, freePort, startN8nServer } from '../../scripts/lib/n8nServer';
import { ensureN8n, N8nInstance, ROOT } from '../../scripts/lib/realN8n';
import { fetchContext } from '../../scripts/queue-mode/claimRace';

async function main(): Promise<void> {
	const work = join(ROOT, '.tmp', 'real-n8n-results');
	rmSync(work, { recursive: true, force: true });
	mkdirSync(join(work, 'n8n', '.n8n', 'nodes'), { recursive: true });
	const server = await startN8nServer(new N8nInstance(await ensureN8n(), join(work, 'n8n')), { port: await freePort(), brokerPort: await freePort(), timeoutMs: 300_000 });
	const checks: Array<{ check: string; ok: boolean; detail?: unknown }> = [];
	const check = (name: string, ok: boolean, detail?: unknown) => checks.push({ check: name, ok, ...(ok ? {} : { detail }) });
	try {
		const context = fetchContext(server.apiKey);
		const sent: string[] = [];
		const helpers = context.helpers as unknown as { httpRequestWithAuthentication: (type: string, options: { method?: string; url: string }) => Promise<unknown> };
		const send = helpers.httpRequestWithAuthentication;
		helpers.httpRequestWithAuthentication = async (type, options) => {
			sent.push(`${options.method ?? 'GET'} ${options.url}`);
			return await send(type, options);
		};
		const ledgerFor = (executionId: string) => new LedgerStore(new DataTableStore(context, `${server.baseUrl}/api/v1`), 'p2c_', { workflowId: 'probe', executionId, now: () => new Date() });
		const a = ledgerFor('exec-a');
		await a.open();

		// 200 results: one insert of result rows, two token reads, no update.
		const keys = Array.from({ length: 200 }, (_, i) => `erp:timebill:TE-${i}`);
		const claims = await a.claimMany(keys.map((key) => ({ key, allowFailed: false, correlationId: 'probe' })), 900);
		sent.length = 0;
		const outcomes = await a.recordMany(keys.map((key, i) => ({ key, claimToken: claims.get(key)!.row.claimToken, correlationId: 'probe', result: { kind: 'posted' as const, targetSystem: 'erp', targetId: `R-${i}`, at: new Date() } })));
		const byMethod = (method: string) => sent.filter((line) => line.startsWith(`${method} `)).length;
		check('200 results recorded', outcomes.every((o) => o.status === 'fulfilled'), outcomes.filter((o) => o.status === 'rejected').slice(0, 2));
		check('one insert, two reads, no update or delete', byMethod('POST') === 1 && byMethod('GET') === 2 && byMethod('PATCH') === 0 && byMethod('DELETE') === 0, sent);
		const again = await ledgerFor('exec-b').claimMany(keys.map((key) => ({ key, allowFailed: false, correlationId: 'probe' })), 900);
		check('the next Check & Claim finds every key Already Done with its target id', keys.every((key, i) => again.get(key)?.outcome === 'alreadyDone' && again.get(key)?.row.targetId === `R-${i}`));

		// A stale token: A's claim expires (1 s), B takes the key over, A's late result is refused and never counts.
		const first = await a.claim('stale-key', { ttlSeconds: 1, allowFailed: false, correlationId: 'probe' });
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const b = ledgerFor('exec-b');
		const second = await b.claim('stale-key', { ttlSeconds: 900, allowFailed: false, correlationId: 'probe' });
		check('B takes the expired claim over', second.outcome === 'new', second);
		let refused = '';
		try {
			await a.recordResult('stale-key', { kind: 'posted', targetSystem: 'erp', targetId: 'R-A', at: new Date() }, { claimToken: first.row.claimToken, correlationId: 'probe' });
		} catch (error) {
			refused = (error as Error).message;
		}
		check("A's late result is refused naming B", refused.includes('claimed by execution exec-b'), refused);
		const raw = await new DataTablesApi(server).rows('p2c_ledger');
		check("A's refused result row was withdrawn", !raw.some((row) => row.key === 'stale-key' && row.kind === 'result'), raw.filter((row) => row.key === 'stale-key'));
		const c = await ledgerFor('exec-c').claim('stale-key', { ttlSeconds: 900, allowFailed: false, correlationId: 'probe' });
		check("Check & Claim still sees B's live claim", c.outcome === 'inProgressElsewhere' && c.row.claimOwner === 'exec-b', c);
		await b.recordResult('stale-key', { kind: 'posted', targetSystem: 'erp', targetId: 'R-B', at: new Date() }, { claimToken: second.row.claimToken, correlationId: 'probe' });
		const state = withResults(await new DataTablesApi(server).rows('p2c_ledger')).filter((row) => row.key === 'stale-key');
		check("the key reads posted with B's target id", state.length === 1 && state[0].status === 'posted' && state[0].targetId === 'R-B', state);
	} finally {
		await server.stop();
		rmSync(work, { recursive: true, force: true });
	}
	const failed = checks.filter((c) => !c.ok);
	process.stdout.write(`${JSON.stringify({ passed: checks.length - failed.length, failed: failed.length, checks }, null, 2)}\n`);
	process.exit(failed.length === 0 ? 0 : 1);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
