/**
 * PGlite in a worker thread. PGlite loads Node's built-ins with dynamic `import()`, which a host that runs code
 * in a VM context (jest) refuses; a worker is a plain Node context, so the engine runs the same under jest, tsx
 * and the demo. Calls are answered in order; every value comes back as the text Postgres wrote.
 */
import { Worker } from 'worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('worker_threads');
const { PGlite } = require(workerData.pglite);
const raw = (value) => value;
// Every type as its text: the engine converts to Snowflake's jsonv2 itself.
const parsers = {};
for (let oid = 1; oid < 6000; oid++) parsers[oid] = raw;
let db;
parentPort.on('message', async (message) => {
	try {
		if (message.op === 'close') {
			if (db) await db.close();
			parentPort.postMessage({ id: message.id, result: null });
			return;
		}
		db = db || new PGlite();
		await db.waitReady;
		if (message.op === 'exec') {
			await db.exec(message.sql);
			parentPort.postMessage({ id: message.id, result: null });
			return;
		}
		const result = await db.query(message.sql, message.params || [], { rowMode: message.rowMode || 'object', parsers });
		parentPort.postMessage({ id: message.id, result: { rows: result.rows, fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })), affectedRows: result.affectedRows || 0 } });
	} catch (error) {
		parentPort.postMessage({ id: message.id, error: { message: String(error && error.message || error), code: error && error.code, detail: error && error.detail } });
	}
});
`;

export interface PgResult<Row> {
	rows: Row[];
	fields: Array<{ name: string; dataTypeID: number }>;
	affectedRows: number;
}

export class PgError extends Error {
	constructor(
		message: string,
		readonly code?: string,
	) {
		super(message);
	}
}

export class PgWorker {
	private readonly worker: Worker;
	private next = 0;
	private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

	constructor() {
		this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { pglite: require.resolve('@electric-sql/pglite') } });
		this.worker.on('message', (message: { id: number; result?: unknown; error?: { message: string; code?: string } }) => {
			const call = this.pending.get(message.id);
			if (!call) return;
			this.pending.delete(message.id);
			if (message.error) call.reject(new PgError(message.error.message, message.error.code));
			else call.resolve(message.result);
		});
		this.worker.on('error', (error) => {
			for (const call of this.pending.values()) call.reject(error);
			this.pending.clear();
		});
		// The worker never keeps the process alive on its own.
		this.worker.unref();
	}

	private call<T>(message: Record<string, unknown>): Promise<T> {
		const id = ++this.next;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			this.worker.postMessage({ ...message, id });
		});
	}

	async exec(sql: string): Promise<void> {
		await this.call<null>({ op: 'exec', sql });
	}

	async query<Row = Record<string, string | null>>(sql: string, params: unknown[] = []): Promise<PgResult<Row>> {
		return await this.call<PgResult<Row>>({ op: 'query', sql, params, rowMode: 'object' });
	}

	async queryArrays(sql: string, params: unknown[] = []): Promise<PgResult<Array<string | null>>> {
		return await this.call<PgResult<Array<string | null>>>({ op: 'query', sql, params, rowMode: 'array' });
	}

	async close(): Promise<void> {
		try {
			await this.call<null>({ op: 'close' });
		} finally {
			await this.worker.terminate();
		}
	}
}
