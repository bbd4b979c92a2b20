/**
 * The Coupa trigger against the sandbox: approved invoices changed since the last poll are emitted once across
 * repeated polls over the overlap window and across a restart; marking one exported (a later edit) does not
 * emit it again; the export-flag mode emits every approved, not yet exported invoice until it is marked.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { CoupaTrigger } from '../../nodes/Coupa/CoupaTrigger.node';
import { takeNewRecords, triggerQuery } from '../../nodes/Coupa/helpers/trigger';
import { createCoupaSandbox, coupaSandboxCredentials, COUPA_SANDBOX_CLIENT_ID, ALL_SCOPES } from '../../sandbox/coupa';
import type { CoupaSandbox } from '../../sandbox/coupa';
import { pollContext } from './helpers';

describe('Coupa trigger', () => {
	let sandbox: CoupaSandbox;
	let credentials: ICredentialDataDecryptedObject;
	let token: string;

	beforeAll(async () => {
		sandbox = createCoupaSandbox({ latencyMs: 0 });
		credentials = coupaSandboxCredentials(await sandbox.start(0)) as unknown as ICredentialDataDecryptedObject;
	});
	beforeEach(() => {
		sandbox.reset();
		token = sandbox.issueToken(COUPA_SANDBOX_CLIENT_ID, ALL_SCOPES).token;
	});
	afterAll(async () => await sandbox.stop());

	async function poll(parameters: INodeParameters, staticData: IDataObject) {
		const result = await new CoupaTrigger().poll.call(pollContext({ parameters, credentials, staticData, token }));
		return result ? result[0].map((item) => item.json) : null;
	}

	const touch = (number: string, changes: IDataObject) => {
		const invoice = sandbox.store.all('invoices').find((i) => i['invoice-number'] === number)!;
		Object.assign(invoice, changes, { 'updated-at': new Date().toISOString() });
		return invoice;
	};

	it('changed since last poll: each approval once, across polls, a restart and a later edit', async () => {
		const parameters = { event: 'invoiceApproved', mode: 'updatedSince' };
		const staticData: IDataObject = {};
		expect(await poll(parameters, staticData)).toBeNull();
		touch('BCP-2002', { status: 'approved' });
		const first = await poll(parameters, staticData);
		expect(first!.map((r) => r['invoice-number'])).toEqual(['BCP-2002']);
		// Same window again (the overlap still covers it): nothing new.
		expect(await poll(parameters, staticData)).toBeNull();
		// A restart: a new trigger with the stored static data.
		expect(await poll(parameters, JSON.parse(JSON.stringify(staticData)) as IDataObject)).toBeNull();
		// Marking it exported changes updated-at; it is not a new approval.
		touch('BCP-2002', { exported: true });
		expect(await poll(parameters, staticData)).toBeNull();
		touch('NWD-1001', {});
		expect((await poll(parameters, staticData))!.map((r) => r['invoice-number'])).toEqual(['NWD-1001']);
		const request = sandbox.requests.filter((r) => r.path === '/api/invoices').pop()!;
		const query = new URLSearchParams(request.query);
		expect(query.get('status')).toBe('approved');
		expect(query.get('updated-at[gt_or_eq]')).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
		expect(query.get('order_by')).toBe('updated-at');
	});

	it('not yet exported: every approved, unexported invoice each poll until marked', async () => {
		const parameters = { event: 'invoiceApproved', mode: 'exportFlag' };
		const staticData: IDataObject = {};
		expect((await poll(parameters, staticData))!.map((r) => r['invoice-number'])).toEqual(['NWD-1001', 'NWD-1002', 'BCP-2001']);
		touch('NWD-1001', { exported: true });
		expect((await poll(parameters, staticData))!.map((r) => r['invoice-number'])).toEqual(['NWD-1002', 'BCP-2001']);
	});

	it('issued purchase orders come out as canonical cost commitments', async () => {
		const order = sandbox.store.all('purchase_orders')[0];
		order['updated-at'] = new Date().toISOString();
		const out = await poll({ event: 'purchaseOrderIssued', mode: 'updatedSince', output: 'canonical' }, {});
		expect(out!.map((r) => (r.costCommitment as IDataObject).purchaseOrder)).toEqual(['PO-SUB-0001']);
		expect((out![0].costCommitment as IDataObject).amount).toEqual({ amount: '30000.00', currency: 'USD' });
	});

	it('keeps the cursor moving forward only and the keys of records already emitted', () => {
		const now = Date.parse('2026-06-01T12:00:00Z');
		const records = [{ id: 1, 'updated-at': '2026-06-01T11:58:00Z' }, { id: 2, 'updated-at': '2026-06-01T11:59:00Z' }];
		const start = now - 5 * 60_000;
		const first = takeNewRecords(records, { cursor: '2026-06-01T11:57:00Z' }, start, now);
		expect(first.fresh.map((r) => r.id)).toEqual([1, 2]);
		expect(first.state.cursor).toBe('2026-06-01T11:59:00.000Z');
		const second = takeNewRecords([{ id: 2, 'updated-at': '2026-06-01T11:59:30Z' }], first.state, start, now);
		expect(second.fresh).toEqual([]);
		expect(second.state.cursor).toBe('2026-06-01T11:59:30.000Z');
		expect(triggerQuery('invoiceApproved', 'exportFlag', 0)).toEqual({ status: 'approved', exported: 'false', order_by: 'updated-at', dir: 'asc' });
	});
});
