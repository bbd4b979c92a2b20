/** A stand-in for n8n's `IHttpRequestHelper` over fetch, for calling the kit's token request without a workflow. */
import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

export function fetchHelpers(): IHttpRequestHelper & { calls: IHttpRequestOptions[] } {
	const calls: IHttpRequestOptions[] = [];
	return {
		calls,
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				calls.push(options);
				const response = await fetch(options.url, { method: options.method, headers: options.headers as Record<string, string>, body: options.body as string });
				const text = await response.text();
				let body: unknown = text;
				try {
					body = JSON.parse(text);
				} catch {
					// not JSON: kept as text
				}
				return { statusCode: response.status, body, headers: Object.fromEntries(response.headers) };
			},
		},
	} as unknown as IHttpRequestHelper & { calls: IHttpRequestOptions[] };
}

/**
 * Resolves an n8n parameter expression (`={{ js }}text…`) the way n8n does for credential fields, with
 * `$credentials` and `$self` bound to `data`: each `{{ }}` is evaluated as JavaScript.
 */
export function resolveExpression(expression: string, data: Record<string, unknown>): string {
	if (!expression.startsWith('=')) return expression;
	return expression.slice(1).replace(/\{\{([\s\S]+?)\}\}/g, (_match, code: string) => {
		const evaluate = new Function('$credentials', '$self', `return (${code});`) as (a: unknown, b: unknown) => unknown;
		return String(evaluate(data, data));
	});
}
