/**
 * Starts a real `n8n start` for the demo and end-to-end tests: chosen port, given user folder (the same
 * environment as `N8nInstance`), first owner, and a public-API key with the Data Table scopes the Sync Ledger
 * needs. `stop()` ends the server (and only it) and waits for it to exit.
 */
import { spawn } from 'child_process';
import type { ChildProcess } from 'child_process';

import type { N8nInstance } from './realN8n';

export interface N8nServer {
	baseUrl: string;
	apiKey: string;
	/** The owner's session cookie (for `/rest` calls such as listing executions). */
	cookie: string;
	stop(): Promise<void>;
	/** The server's output so far (for diagnosing a failed start). */
	log(): string;
}

/** Scopes the Sync Ledger uses: tables are created on first use, rows are read, inserted, updated and deleted. */
export const LEDGER_API_KEY_SCOPES = [
	'dataTable:create',
	'dataTable:read',
	'dataTable:list',
	'dataTable:update',
	'dataTable:delete',
	'dataTableRow:create',
	'dataTableRow:read',
	'dataTableRow:update',
	'dataTableRow:delete',
	'dataTableRow:upsert',
];

export const OWNER = {
	email: 'owner@planning-to-cash.local',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Sandbox-Owner-Pass-1',
};

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilUp(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n exited with code ${child.exitCode} before it answered`);
		try {
			const response = await fetch(`${baseUrl}/healthz/readiness`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await wait(500);
	}
	throw new Error(`n8n did not answer on ${baseUrl} within ${timeoutMs} ms`);
}

function cookieOf(response: Response): string {
	const raw = response.headers.getSetCookie?.() ?? [];
	return raw.map((c) => c.split(';')[0]).join('; ');
}

export async function json(response: Response, what: string): Promise<any> {
	const text = await response.text();
	if (!response.ok) throw new Error(`${what} failed: ${response.status} ${text.slice(0, 500)}`);
	return JSON.parse(text);
}

/** Creates the owner on a fresh instance, or logs in when one exists (a reused user folder). */
async function ownerSession(baseUrl: string): Promise<string> {
	const setup = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (setup.ok) return cookieOf(setup);
	const login = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	await json(login, 'login');
	return cookieOf(login);
}

/** An API key of the owner's with these scopes (`rawApiKey`, sent as `X-N8N-API-KEY`). */
export async function createApiKey(baseUrl: string, cookie: string, label: string, scopes: string[] = LEDGER_API_KEY_SCOPES): Promise<string> {
	const response = await fetch(`${baseUrl}/rest/api-keys`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Cookie: cookie },
		body: JSON.stringify({ label, expiresAt: null, scopes }),
	});
	const body = await json(response, 'creating the API key');
	const key = body?.data?.rawApiKey ?? body?.rawApiKey;
	if (typeof key !== 'string') throw new Error('n8n returned no rawApiKey');
	return key;
}

export async function startN8nServer(
	instance: N8nInstance,
	options: { port: number; host?: string; brokerPort?: number; timeoutMs?: number; apiKeyLabel?: string },
): Promise<N8nServer> {
	const host = options.host ?? '127.0.0.1';
	const baseUrl = `http://${host}:${options.port}`;
	const env = {
		...instance.env,
		N8N_PORT: String(options.port),
		N8N_LISTEN_ADDRESS: host,
		N8N_HOST: host,
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: baseUrl,
		N8N_PUBLIC_API_DISABLED: 'false',
		// `n8n execute` processes on the same user folder take the instance's broker port; the server needs its own.
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort ?? options.port + 1),
	};
	const child = spawn(instance.binaries.node, [instance.binaries.n8n, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		child.kill('SIGTERM');
		const timedOut = await Promise.race([exited.then(() => false), wait(20_000).then(() => true)]);
		if (timedOut) {
			child.kill('SIGKILL');
			await exited;
		}
	};
	try {
		await waitUntilUp(baseUrl, child, options.timeoutMs ?? 120_000);
		const cookie = await ownerSession(baseUrl);
		const apiKey = await createApiKey(baseUrl, cookie, options.apiKeyLabel ?? `sync-ledger-${Date.now()}`);
		return { baseUrl, apiKey, cookie, stop, log: () => output };
	} catch (error) {
		await stop();
		throw new Error(`${(error as Error).message}\n--- n8n output ---\n${output.slice(-3000)}`);
	}
}

/** The `p2cN8nApi` credential for `n8n import:credentials`, pointing the Sync Ledger at this server. */
export function ledgerCredential(server: Pick<N8nServer, 'baseUrl' | 'apiKey'>, id = 'p2cN8nLedgerApi1'): object {
	return {
		id,
		name: 'n8n API (Sync Ledger)',
		type: 'p2cN8nApi',
		data: { baseUrl: `${server.baseUrl}/api/v1`, apiKey: server.apiKey },
	};
}

/** A port nothing listens on right now (the OS picks it), for the server, its task broker and concurrent executes. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
	const { createServer } = await import('net');
	return await new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, host, () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

export type DataTableRow = Record<string, any> & { id: number };

/**
 * n8n's public Data Tables API (`/api/v1/data-tables`), as a user or an admin script sees the Sync Ledger's
 * tables: list them by name, read rows, and change rows the way the Data Table editor does.
 */
export class DataTablesApi {
	constructor(private readonly server: Pick<N8nServer, 'baseUrl' | 'apiKey'>) {}

	private async call(path: string, init: RequestInit = {}): Promise<any> {
		const response = await fetch(`${this.server.baseUrl}/api/v1${path}`, {
			...init,
			headers: { 'X-N8N-API-KEY': this.server.apiKey, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
		});
		return await json(response, `${init.method ?? 'GET'} /api/v1${path}`);
	}

	/** Every Data Table's name and id (GET /data-tables). */
	async tables(): Promise<Array<{ id: string; name: string }>> {
		const body = await this.call('/data-tables?limit=250');
		return (body?.data ?? []) as Array<{ id: string; name: string }>;
	}

	async tableId(name: string): Promise<string | undefined> {
		return (await this.tables()).find((t) => t.name === name)?.id;
	}

	/** All rows of the named table (paged by the API's cursor); none when the table does not exist yet. */
	async rows(name: string): Promise<DataTableRow[]> {
		const id = await this.tableId(name);
		if (!id) return [];
		const rows: DataTableRow[] = [];
		let cursor: string | undefined;
		do {
			const body = await this.call(`/data-tables/${id}/rows?limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
			rows.push(...((body?.data ?? []) as DataTableRow[]));
			cursor = body?.nextCursor ?? undefined;
		} while (cursor);
		return rows;
	}

	/** Updates the row with this id (PATCH /data-tables/{id}/rows/update), as an edit in the Data Table UI does. */
	async updateRow(name: string, rowId: number, data: Record<string, unknown>): Promise<void> {
		const id = await this.tableId(name);
		if (!id) throw new Error(`no Data Table named ${name}`);
		await this.call(`/data-tables/${id}/rows/update`, {
			method: 'PATCH',
			body: JSON.stringify({ filter: { type: 'and', filters: [{ columnName: 'id', condition: 'eq', value: rowId }] }, data }),
		});
	}
}
