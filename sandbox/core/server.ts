/**
 * The shared core of every vendor sandbox: a small HTTP server with routing, a request log, an admin API to
 * inspect and reset state, a time in flight per request, and fault injection. Vendor folders add routes, auth checks and seed data; this
 * file knows nothing about any vendor.
 */
import { createServer } from 'http';
import type { IncomingMessage, Server, ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';

export interface SandboxRequest {
	method: string;
	/** Path without the query string, percent-decoded per segment by the router. */
	path: string;
	url: URL;
	query: URLSearchParams;
	headers: Record<string, string>;
	rawBody: string;
	/** Parsed JSON body, or undefined when the body is empty or not JSON. */
	body: unknown;
	params: Record<string, string>;
}

export interface SandboxResponse {
	status: number;
	headers?: Record<string, string>;
	/** Objects and arrays are sent as JSON; strings as they are. */
	body?: unknown;
}

export type Handler = (request: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

interface Route {
	method: string;
	pattern: RegExp;
	names: string[];
	handler: Handler;
}

/** A fault to inject on matching requests, `times` times (default once). */
export interface Fault {
	kind: 'latency' | 'status' | 'reset' | 'lostResponse';
	method?: string;
	/** Regular expression tested against the path. */
	path?: string;
	times?: number;
	/** Matching requests answered normally before the fault starts (an outage that begins mid-run). */
	after?: number;
	delayMs?: number;
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
}

export interface LoggedRequest {
	method: string;
	path: string;
	query: string;
	headers: Record<string, string>;
	body: unknown;
	status: number;
	fault?: string;
}

/** An injected fault taken, or a throttling answer (429) given: what a demo run reports it survived. */
export interface SandboxIncident {
	kind: Fault['kind'] | 'throttled';
	method: string;
	path: string;
	/** Whoever was running when it happened (see `incidentLabel`). */
	label?: string;
}

export interface SandboxOptions {
	name: string;
	/**
	 * Time every request spends in flight before it is answered, in ms (default 0 here; the vendor sandboxes
	 * pass DEFAULT_VENDOR_LATENCY_MS). Changed at run time with `POST /__admin/settings {"latencyMs": n}`.
	 */
	latencyMs?: number;
	/**
	 * The vendor applies the latency itself (with `processingDelay()`) at the point where it holds a
	 * concurrency slot, so a limit on requests in flight is exercised; the core then does not add it again.
	 */
	latencyInRoutes?: boolean;
	/** Clears and re-seeds the vendor's state. */
	reset(): void;
	/** The vendor's state as JSON, for tests and the demo summary. */
	snapshot(): unknown;
	/** Vendor settings beside latencyMs in `/__admin/settings` (limits and windows tests lower); apply returns a problem. */
	settings?: { read(): Record<string, unknown>; apply(changes: Record<string, unknown>): string | undefined };
	/**
	 * The vendor's answer to a request over `maxConcurrentRequests` (default: 429 with Retry-After 1). The limit is
	 * off unless set (`POST /__admin/settings {"maxConcurrentRequests": n}`), for vendors that publish none; vendors
	 * with their own slot accounting (`latencyInRoutes`) keep theirs.
	 */
	concurrencyRefusal?: () => SandboxResponse;
}

/** Requests over the core's concurrency limit (`maxConcurrentRequests`): the limit, the peak and the refusals. */
export interface ConcurrencyStats {
	maxConcurrentRequests: number | null;
	maxInFlight: number;
	concurrencyRejections: number;
}

/**
 * Default time in flight for vendor sandboxes: a real API never answers in zero time, and with none, twenty
 * parallel requests never overlap and a vendor's concurrency limit never bites. Small, so suites stay fast.
 */
export const DEFAULT_VENDOR_LATENCY_MS = 15;

const SENSITIVE_HEADERS = new Set(['authorization', 'cookie', 'x-n8n-api-key']);

export class SandboxServer {
	private readonly routes: Route[] = [];
	private faults: Array<Fault & { remaining: number; passes: number }> = [];
	private server?: Server;
	private readonly sockets = new Set<Socket>();
	readonly requests: LoggedRequest[] = [];
	/** Every incident since the server started; unlike the request log, `reset()` keeps it. */
	readonly incidents: SandboxIncident[] = [];
	/** Stamped on incidents from now on (the demo sets it to the running scenario's name). */
	incidentLabel?: string;
	/** Base URL once started, e.g. http://127.0.0.1:4010 */
	baseUrl = '';
	private latency: number;
	private concurrencyLimit: number | null = null;
	private inFlight = 0;
	private peakInFlight = 0;
	private rejections = 0;

	constructor(readonly options: SandboxOptions) {
		this.latency = SandboxServer.checkedLatency(options.latencyMs ?? 0);
	}

	private static checkedLatency(ms: unknown): number {
		if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > 60_000) {
			throw new RangeError(`latencyMs must be an integer from 0 to 60000, got ${JSON.stringify(ms)}`);
		}
		return ms;
	}

	/** Time each request spends in flight, in ms. */
	get latencyMs(): number {
		return this.latency;
	}

	setLatency(ms: number): void {
		this.latency = SandboxServer.checkedLatency(ms);
	}

	/**
	 * At most `limit` vendor requests in flight (each holds its slot through its latency and handler); null: no limit.
	 * Resets the peak and refusal counts, so a run reads its own.
	 */
	setConcurrencyLimit(limit: number | null): void {
		if (limit !== null && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)) {
			throw new RangeError(`maxConcurrentRequests must be null or an integer ≥ 1, got ${JSON.stringify(limit)}`);
		}
		this.concurrencyLimit = limit;
		this.peakInFlight = 0;
		this.rejections = 0;
	}

	get concurrency(): ConcurrencyStats {
		return { maxConcurrentRequests: this.concurrencyLimit, maxInFlight: this.peakInFlight, concurrencyRejections: this.rejections };
	}

	/** Waits the configured time in flight (vendors with `latencyInRoutes` call it inside their concurrency slot). */
	async processingDelay(): Promise<void> {
		if (this.latency > 0) await new Promise((resolve) => setTimeout(resolve, this.latency));
	}

	route(method: string, path: string, handler: Handler): this {
		const names: string[] = [];
		const pattern = new RegExp(
			'^' +
				path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)(\\\*)?/g, (_m, name: string, star?: string) => {
					names.push(name);
					return star ? '(.*)' : '([^/]+)';
				}) +
				'/?$',
		);
		this.routes.push({ method: method.toUpperCase(), pattern, names, handler });
		return this;
	}

	addFault(fault: Fault): void {
		this.faults.push({ ...fault, remaining: fault.times ?? 1, passes: fault.after ?? 0 });
	}

	clearFaults(): void {
		this.faults = [];
	}

	/** Clears faults, the request log, the concurrency counts and the vendor's state; settings (latency, limit) stay. */
	reset(): void {
		this.clearFaults();
		this.requests.length = 0;
		this.peakInFlight = 0;
		this.rejections = 0;
		this.options.reset();
	}

	async start(port = 0, host = '127.0.0.1'): Promise<string> {
		this.server = createServer((req, res) => void this.handle(req, res));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(port, host, () => resolve());
		});
		const address = this.server.address() as AddressInfo;
		this.baseUrl = `http://${host}:${address.port}`;
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	private takeFault(method: string, path: string): Fault | undefined {
		const index = this.faults.findIndex(
			(f) => f.remaining > 0 && (!f.method || f.method.toUpperCase() === method) && (!f.path || new RegExp(f.path).test(path)),
		);
		if (index < 0) return undefined;
		const fault = this.faults[index];
		if (fault.passes > 0) {
			fault.passes--;
			return undefined;
		}
		fault.remaining--;
		if (fault.remaining <= 0) this.faults.splice(index, 1);
		return fault;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', this.baseUrl || 'http://127.0.0.1');
		const headers: Record<string, string> = {};
		for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
		let body: unknown;
		if (rawBody && /json/i.test(headers['content-type'] ?? 'application/json')) {
			try {
				body = JSON.parse(rawBody);
			} catch {
				body = undefined;
			}
		}
		const method = (req.method ?? 'GET').toUpperCase();
		const request: SandboxRequest = { method, path: url.pathname, url, query: url.searchParams, headers, rawBody, body, params: {} };
		const logged: LoggedRequest = {
			method,
			path: url.pathname,
			query: url.search,
			headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SENSITIVE_HEADERS.has(k) ? '[redacted]' : v])),
			body: body ?? (rawBody || undefined),
			status: 0,
		};

		let response: SandboxResponse;
		try {
			if (url.pathname.startsWith('/__admin/')) {
				response = this.admin(request);
			} else {
				const fault = this.takeFault(method, url.pathname);
				if (fault) {
					logged.fault = fault.kind;
					this.incidents.push({ kind: fault.kind, method, path: url.pathname, label: this.incidentLabel });
				}
				if (fault?.kind === 'latency') await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
				if (fault?.kind === 'reset') {
					this.requests.push(logged);
					req.socket.destroy();
					return;
				}
				if (fault?.kind === 'status') {
					response = { status: fault.status ?? 503, headers: fault.headers, body: fault.body };
				} else {
					response = await this.processed(request);
					if (fault?.kind === 'lostResponse') {
						// The write is committed; the client never hears about it.
						logged.status = response.status;
						this.requests.push(logged);
						req.socket.destroy();
						return;
					}
				}
			}
		} catch (error) {
			response = { status: 500, body: { message: (error as Error).message } };
		}
		logged.status = response.status;
		if (!url.pathname.startsWith('/__admin/')) {
			this.requests.push(logged);
			if (response.status === 429 && !logged.fault) this.incidents.push({ kind: 'throttled', method, path: url.pathname, label: this.incidentLabel });
		}
		const isText = typeof response.body === 'string';
		const payload = response.body === undefined ? '' : isText ? (response.body as string) : JSON.stringify(response.body);
		res.writeHead(response.status, {
			...(payload && !isText ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}),
			...response.headers,
		});
		res.end(payload);
	}

	/** The latency and the handler, inside one of the core's concurrency slots when a limit is set. */
	private async processed(request: SandboxRequest): Promise<SandboxResponse> {
		if (this.concurrencyLimit !== null && !this.options.latencyInRoutes) {
			if (this.inFlight >= this.concurrencyLimit) {
				this.rejections++;
				return this.options.concurrencyRefusal?.() ?? { status: 429, headers: { 'Retry-After': '1' }, body: { message: 'Too many concurrent requests' } };
			}
			this.inFlight++;
			this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
			try {
				await this.processingDelay();
				return await this.dispatch(request);
			} finally {
				this.inFlight--;
			}
		}
		if (!this.options.latencyInRoutes) await this.processingDelay();
		return await this.dispatch(request);
	}

	private async dispatch(request: SandboxRequest): Promise<SandboxResponse> {
		let pathMatched = false;
		for (const route of this.routes) {
			const match = route.pattern.exec(request.path);
			if (!match) continue;
			pathMatched = true;
			if (route.method !== request.method) continue;
			request.params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
			return await route.handler(request);
		}
		return pathMatched ? { status: 405, body: { message: `Method ${request.method} not allowed` } } : this.notFound(request);
	}

	/** Vendors override this to return their own 404 shape. */
	notFound: Handler = (request) => ({ status: 404, body: { message: `No route for ${request.method} ${request.path}` } });

	private settingsBody(): Record<string, unknown> {
		const core = this.options.latencyInRoutes ? {} : this.concurrency;
		return { latencyMs: this.latency, ...core, ...(this.options.settings?.read() ?? {}) };
	}

	private admin(request: SandboxRequest): SandboxResponse {
		const action = request.path.slice('/__admin/'.length);
		if (action === 'state' && request.method === 'GET') return { status: 200, body: this.options.snapshot() };
		if (action === 'requests' && request.method === 'GET') return { status: 200, body: this.requests };
		if (action === 'reset' && request.method === 'POST') {
			this.reset();
			return { status: 200, body: { ok: true } };
		}
		if (action === 'faults' && request.method === 'POST') {
			const faults = (Array.isArray(request.body) ? request.body : [request.body]) as Fault[];
			faults.forEach((fault) => this.addFault(fault));
			return { status: 200, body: { ok: true, pending: this.faults.length } };
		}
		if (action === 'settings' && request.method === 'GET') return { status: 200, body: this.settingsBody() };
		if (action === 'settings' && request.method === 'POST') {
			const settings = (request.body ?? {}) as { latencyMs?: unknown; maxConcurrentRequests?: unknown };
			try {
				if (settings.latencyMs !== undefined) this.setLatency(settings.latencyMs as number);
				if (settings.maxConcurrentRequests !== undefined && !this.options.latencyInRoutes) this.setConcurrencyLimit(settings.maxConcurrentRequests as number | null);
			} catch (error) {
				return { status: 400, body: { message: (error as Error).message } };
			}
			const { latencyMs: _latency, ...vendorSettings } = settings as Record<string, unknown>;
			// Vendors with their own slot accounting take the limit as their setting (or refuse it as unknown).
			if (!this.options.latencyInRoutes) delete vendorSettings.maxConcurrentRequests;
			const problem = Object.keys(vendorSettings).length ? this.options.settings?.apply(vendorSettings) : undefined;
			if (problem) return { status: 400, body: { message: problem } };
			return { status: 200, body: this.settingsBody() };
		}
		if (action === 'faults' && request.method === 'DELETE') {
			this.clearFaults();
			return { status: 200, body: { ok: true } };
		}
		return { status: 404, body: { message: `unknown admin action ${request.method} ${action}` } };
	}
}
