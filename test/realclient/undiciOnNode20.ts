/**
 * jsforce 3.10 loads undici 8, which needs Node 22.19+ (zlib zstd, webidl helpers) and fails to load on the
 * Node 20 this package supports. On an older Node the jsforce suite swaps in this stand-in: the same
 * `fetch`, `Response` and error classes from Node's built-in fetch (itself undici), with the dispatcher
 * option dropped. Everything jsforce does above the transport (URLs, bodies, headers, parsing, errors) runs
 * unchanged. On Node 22.19+ the real undici is used.
 */
export function nodeRunsUndici8(version = process.versions.node): boolean {
	const [major, minor] = version.split('.').map(Number);
	return major > 22 || (major === 22 && minor >= 19);
}

/** Dispatchers are undici's connection pools; Node's built-in fetch keeps its own. */
class Agent {
	constructor(readonly options?: unknown) {}
}

class ProxyAgent {
	constructor() {
		throw new Error('HTTP proxies are not available through the Node 20 stand-in for undici');
	}
}

class SocketError extends Error {}

export const undiciStandIn = {
	fetch: (url: string, options: Record<string, unknown> = {}) => {
		const { dispatcher: _dispatcher, ...rest } = options;
		void _dispatcher;
		return globalThis.fetch(url, rest as RequestInit);
	},
	Response: globalThis.Response,
	Agent,
	ProxyAgent,
	errors: { SocketError },
};
