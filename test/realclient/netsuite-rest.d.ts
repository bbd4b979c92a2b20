/** Types for netsuite-rest 1.0.9 (the package ships none): the parts the real-client tests use. */
declare module 'netsuite-rest' {
	interface NetsuiteRestOptions {
		consumer_key: string;
		consumer_secret_key: string;
		token: string;
		token_secret: string;
		realm: string;
		base_url?: string;
	}

	interface NetsuiteRequest {
		/** Path under /services/rest/, e.g. `record/v1/customer/104`. */
		path?: string;
		method?: string;
		/** JSON text; when set, the client also sends `prefer: transient`. */
		body?: string;
		heads?: Record<string, string>;
	}

	export default class NetsuiteRest {
		constructor(options: NetsuiteRestOptions);
		/** A got request; resolves with the response and its parsed `data`, rejects on HTTP errors. */
		request(options: NetsuiteRequest): Promise<unknown>;
	}
}
