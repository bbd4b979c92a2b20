/**
 * Oracle Import Journals with journals bound for two ledgers in one run (the revenue matrix chooses the ledger by
 * the journal's currency): each ledger's journals go in their own file and Journal Import request, so a GBP
 * journal lands in the UK ledger instead of being refused by the US one (EC11), and each item still gets its own
 * journal's outcome.
 */
import type { IDataObject } from 'n8n-workflow';

import { DATA_ACCESS_SET_ID, UK_LEDGER_ID, US_LEDGER_ID } from '../../sandbox/oracleFusion';
import { oracleNode, useOracleSandbox, workflow } from '../oracleFusion/helpers';

const suite = useOracleSandbox({ jobPolls: 1 });

const journal = (name: string, currency: string, company: string, amount: string) => ({
	number: name,
	date: '2026-02-28',
	currency,
	lines: [
		{ lineId: '1', account: { id: `${company}.10.12500.000` }, debit: { amount, currency } },
		{ lineId: '2', account: { id: `${company}.10.41000.000` }, credit: { amount, currency } },
	],
});

it('imports each journal into the ledger its item names, one request per ledger', async () => {
	const items = [
		{ journal: journal('REV-US-2026-02', 'USD', '101', '4117.65'), ledger: US_LEDGER_ID },
		{ journal: journal('REV-UK-2026-02', 'GBP', '102', '22500.01'), ledger: UK_LEDGER_ID },
		{ journal: journal('REV-US-2026-03', 'USD', '101', '4558.82'), ledger: US_LEDGER_ID },
	];
	const node = oracleNode(
		{ resource: 'journal', operation: 'importJournals', journal: '={{ JSON.stringify($json.journal) }}', ledgerId: '={{ $json.ledger }}', dataAccessSetId: DATA_ACCESS_SET_ID, journalSource: 'Revenue Recognition', journalCategory: 'Revenue', waitForCompletion: true, pollIntervalSeconds: 0, timeoutSeconds: 30 },
		{ continueOnFail: true },
	);
	const result = await suite.run(workflow(items, node));
	expect(result.error).toBeUndefined();
	const out = result.output('Oracle');
	expect(out.map((o) => [o.journalName, o.imported, o.error])).toEqual([
		['REV-US-2026-02', true, undefined],
		['REV-UK-2026-02', true, undefined],
		['REV-US-2026-03', true, undefined],
	]);
	expect(out[0].requestId).toBe(out[2].requestId);
	expect(out[1].requestId).not.toBe(out[0].requestId);
	expect(suite.sandbox.journals.map((j) => [j.journalName, j.ledgerId, j.currency, j.lines.map((l) => l.debit ?? `-${l.credit}`)])).toEqual([
		['REV-US-2026-02', US_LEDGER_ID, 'USD', ['4117.65', '-4117.65']],
		['REV-US-2026-03', US_LEDGER_ID, 'USD', ['4558.82', '-4558.82']],
		['REV-UK-2026-02', UK_LEDGER_ID, 'GBP', ['22500.01', '-22500.01']],
	]);
	const uploads = suite.sandbox.requests.filter((r) => r.method === 'POST').map((r) => String((r.body as IDataObject).ParameterList).split(',')[2]);
	expect(uploads).toEqual([US_LEDGER_ID, UK_LEDGER_ID]);
}, 120_000);
