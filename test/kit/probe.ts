/** A probe node and credential that drive the kit through n8n-core's real HTTP helpers. */
import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { runPerItem, vendorRequest } from '../../nodes/shared/kit';
import type { HttpFailure, VendorError, VendorProfile } from '../../nodes/shared/kit';

export const probeProfile: VendorProfile = {
	name: 'Probe',
	parseError(body: unknown): VendorError | undefined {
		const first = Array.isArray(body) ? (body[0] as IDataObject | undefined) : undefined;
		if (!first || typeof first.errorCode !== 'string') return undefined;
		return { code: first.errorCode, message: String(first.message ?? ''), fields: (first.fields as string[]) ?? [] };
	},
	isThrottle(failure: HttpFailure, vendorError: VendorError | undefined): boolean {
		return failure.status === 429 || (failure.status === 403 && vendorError?.code === 'REQUEST_LIMIT_EXCEEDED');
	},
};

export class ProbeApi implements ICredentialType {
	name = 'probeApi';
	displayName = 'Probe API';
	properties = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string' as const, default: '' },
		{ displayName: 'Token', name: 'token', type: 'string' as const, typeOptions: { password: true }, default: '' },
	];
	authenticate = {
		type: 'generic' as const,
		properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } },
	};
}

export class KitProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kit Probe',
		name: 'kitProbe',
		group: ['transform'],
		version: 1,
		description: 'Sends the request described by each item through the kit',
		defaults: { name: 'Kit Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'probeApi', required: true }],
		properties: [],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions) {
		const credentials = await this.getCredentials('probeApi');
		const out = await runPerItem(this, async ({ item, itemIndex, correlationId }) => {
			const spec = item.json as IDataObject;
			const response = await vendorRequest(
				this,
				probeProfile,
				{
					method: spec.method as IHttpRequestMethods,
					url: `${credentials.baseUrl as string}${spec.path as string}`,
					body: spec.body as IDataObject | undefined,
				},
				{
					credentialType: 'probeApi',
					correlationId,
					itemIndex,
					idempotent: spec.idempotent as boolean | undefined,
					retry: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: (spec.maxAttempts as number) ?? 4, maxRetryAfterMs: 5000 },
				},
			);
			return { body: response.body as IDataObject, attempts: response.attempts, statusCode: response.statusCode };
		});
		return [out];
	}
}
