/** The Reconcile node in a workflow: PSA approved time against ERP time bills, differences parked as exceptions. */
import type { IDataObject } from 'n8n-workflow';

import { createN8nApiSandbox } from '../../sandbox/n8nApi';
import { shutdownN8nCore } from '../helpers/harness';
import { connect, node, runAs, startWith } from './fixtures';

const n8nApi = createN8nApiSandbox();
let credentials: Record<string, IDataObject> = {};
beforeAll(async () => {
	await n8nApi.start();
	credentials = { p2cN8nApi: { baseUrl: `${n8nApi.baseUrl}/api/v1`, apiKey: n8nApi.apiKey } };
});
afterAll(async () => {
	await n8nApi.stop();
	await shutdownN8nCore();
});

const psa = [
	{ timeEntryId: 'TE-1', hours: '8.00', amount: '1200.00', currency: 'USD' },
	{ timeEntryId: 'TE-2', hours: '4.00', amount: '600.00', currency: 'USD' },
	{ timeEntryId: 'TE-3', hours: '2.00', amount: '300.00', currency: 'EUR' },
	{ timeEntryId: 'TE-5', hours: '1.00', amount: '100.00', currency: 'USD' },
	{ timeEntryId: 'TE-5', hours: '1.00', amount: '100.00', currency: 'USD' },
];
const erp = [
	{ timeEntryId: 'TE-1', hours: 8, amount: '1200.00', currency: 'USD' },
	{ timeEntryId: 'TE-2', hours: 4, amount: '650.00', currency: 'USD' },
	{ timeEntryId: 'TE-4', hours: 3, amount: '450.00', currency: 'USD' },
];

function workflow(options: IDataObject = { controlTotals: true }) {
	return {
		nodes: [
			node('Start', 'startItems', {}),
			node('PSA', 'emitItems', { items: JSON.stringify(psa) }),
			node('ERP', 'emitItems', { items: JSON.stringify(erp) }),
			node('Reconcile', 'reconcile', { matchKey: 'timeEntryId', compareFields: 'hours, amount, currency', tolerance: '0.01', options }),
			node('Differences', 'syncLedger', {
				resource: 'exception',
				operation: 'add',
				tablePrefix: 'recon_',
				idempotencyKey: '={{ "recon:" + $json.key }}',
				reason: '={{ $json.reason }}',
				domain: 'finance',
				payload: '={{ $json }}',
			}),
		],
		connections: connect([
			['Start', 0, 'PSA'],
			['Start', 0, 'ERP'],
			['PSA', 0, 'Reconcile', 0],
			['ERP', 0, 'Reconcile', 1],
			['Reconcile', 1, 'Differences'],
			['Reconcile', 2, 'Differences'],
			['Reconcile', 3, 'Differences'],
			['Reconcile', 4, 'Differences'],
		]),
	};
}

describe('Reconcile node', () => {
	it('routes each record to exactly one of the five outputs and parks the differences', async () => {
		const run = await runAs('exec-recon', workflow(), startWith([{}]), credentials);
		expect(run.error).toBeUndefined();
		const [matched, mismatched, missingInTarget, missingInSource, duplicates] = [0, 1, 2, 3, 4].map((i) => run.output('Reconcile', i));
		expect(matched.filter((m) => m.outcome === 'matched').map((m) => m.key)).toEqual(['TE-1']);
		expect(mismatched).toEqual([expect.objectContaining({ key: 'TE-2', differences: [{ field: 'amount', source: '600.00', target: '650.00', difference: '50.00' }] })]);
		expect(missingInTarget.map((m) => m.key)).toEqual(['TE-3']);
		expect(missingInSource.map((m) => m.key)).toEqual(['TE-4']);
		expect(duplicates).toEqual([expect.objectContaining({ key: 'TE-5', sourceCount: 2, targetCount: 0 })]);
		const totals = matched.find((m) => m.outcome === 'controlTotals')!;
		expect(totals.source).toEqual({ EUR: { count: 1, sum: '300.00' }, USD: { count: 4, sum: '2000.00' } });
		expect(totals.target).toEqual({ USD: { count: 3, sum: '2300.00' } });
		expect(totals.difference).toEqual({ EUR: '-300.00', USD: '300.00' });
		// Differences reach the exception queue; the Differences node runs once per input branch, so read the table.
		const parked = n8nApi.rowsOf('recon_exceptions');
		expect(parked.map((p) => p.key).sort()).toEqual(['recon:TE-2', 'recon:TE-3', 'recon:TE-4', 'recon:TE-5']);
		expect(parked.every((p) => p.owner === 'Finance' && p.status === 'open')).toBe(true);
	});

	it('adds no summary item unless asked', async () => {
		const run = await runAs('exec-recon-2', workflow({}), startWith([{}]), credentials);
		expect(run.output('Reconcile', 0).map((m) => m.outcome)).toEqual(['matched']);
	});
});
