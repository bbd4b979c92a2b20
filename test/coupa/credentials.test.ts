/**
 * The Coupa credential against the sandbox through n8n-core: the client-credentials token is requested once with
 * the credential's scopes and cached; a token past its renewal time (20 of Coupa's 24 hours) is renewed before it
 * expires, through one 401; an expired token is renewed the same way; a write outside the token's scopes keeps
 * Coupa's 403; a wrong secret fails with the OAuth reason and never shows the secret.
 */
import type { IDataObject } from 'n8n-workflow';

import { renewAtFor, tokenIsDue } from '../../nodes/Coupa/transport/auth';
import { COUPA_SANDBOX_READONLY_CLIENT_ID } from '../../sandbox/coupa';
import { coupaNode, useCoupaSandbox, workflow } from './helpers';

const suite = useCoupaSandbox();

const read = () => coupaNode({ resource: 'supplier', operation: 'getMany', returnAll: true });

describe('Coupa credential', () => {
	it('asks for a token with the scopes once and caches it on the credential', async () => {
		const result = await suite.run(workflow([{}, {}, {}], read()), { scopes: 'core.supplier.read core.invoice.read' });
		expect(result.error).toBeUndefined();
		expect(result.output('Coupa')).toHaveLength(6);
		expect(suite.sandbox.tokenRequests).toBe(1);
		const token = suite.sandbox.requests.find((r) => r.path === '/oauth2/token')!;
		expect(new URLSearchParams(String(token.body ?? '')).get('scope')).toBe('core.supplier.read core.invoice.read');
		const [issued] = [...suite.sandbox.tokens.values()];
		expect([...issued.scopes]).toEqual(['core.supplier.read', 'core.invoice.read']);
		const stored = result.credentials.store.p2cCoupaOAuth2Api as IDataObject;
		expect(stored.accessToken).toEqual(expect.any(String));
		expect(Date.parse(String(stored.renewAfter)) - Date.now()).toBeGreaterThan(19.9 * 3_600_000);
	});

	it('renews a token past its renewal time before it expires (one 401, then the same request again)', async () => {
		const { token } = suite.sandbox.issueToken('p2c-coupa-sandbox-client', ['core.supplier.read']);
		const result = await suite.run(workflow([{}], read()), { accessToken: token, renewAfter: new Date(Date.now() - 1_000).toISOString() });
		expect(result.error).toBeUndefined();
		expect(result.output('Coupa')).toHaveLength(2);
		expect(suite.sandbox.tokenRequests).toBe(1);
		const api = suite.sandbox.requests.filter((r) => r.path === '/api/suppliers');
		expect(api.map((r) => r.status)).toEqual([401, 200]);
		expect((result.credentials.store.p2cCoupaOAuth2Api as IDataObject).accessToken).not.toBe(token);
	});

	it('renews an expired token through the 401', async () => {
		suite.sandbox.tokenLifetimeSeconds = 1;
		const { token } = suite.sandbox.issueToken('p2c-coupa-sandbox-client', ['core.supplier.read']);
		suite.sandbox.tokenLifetimeSeconds = 86_399;
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		const result = await suite.run(workflow([{}], read()), { accessToken: token, renewAfter: new Date(Date.now() + 3_600_000).toISOString() });
		expect(result.error).toBeUndefined();
		expect(suite.sandbox.requests.filter((r) => r.path === '/api/suppliers').map((r) => r.status)).toEqual([401, 200]);
	});

	it('keeps Coupa\'s 403 for a write outside the token\'s scopes', async () => {
		const invoice = suite.sandbox.store.all('invoices')[0];
		const node = coupaNode({ resource: 'invoice', operation: 'markExported', recordId: { __rl: true, mode: 'id', value: String(invoice.id) }, erpDocumentNumber: 'X' }, { continueOnFail: true });
		const result = await suite.run(workflow([{}], node), { clientId: COUPA_SANDBOX_READONLY_CLIENT_ID });
		expect(result.output('Coupa')[0]).toMatchObject({ code: 'insufficient_scope' });
		expect(String(result.output('Coupa')[0].error)).toContain('core.invoice.write');
		expect(suite.sandbox.store.find('invoices', invoice.id)!.exported).toBe(false);
	});

	it('fails a wrong secret with the OAuth reason, without the secret', async () => {
		const result = await suite.run(workflow([{}], read()), { clientSecret: 'not-the-secret-at-all' });
		expect(result.error).toContain('invalid_client');
		expect(result.error).not.toContain('not-the-secret-at-all');
	});

	it('renews after five sixths of the token life', () => {
		expect(renewAtFor(0, 86_400)).toBe(72_000_000);
		expect(tokenIsDue('', 0)).toBe(false);
		expect(tokenIsDue(new Date(1_000).toISOString(), 999)).toBe(false);
		expect(tokenIsDue(new Date(1_000).toISOString(), 1_000)).toBe(true);
	});
});
