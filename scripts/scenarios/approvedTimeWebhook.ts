/**
 * Template approved-time-webhook-to-erp in real n8n, activated on the demo's running `n8n start` as a user would
 * (public API) and fed by a PSA-like sender: each approved time entry delivered once, some twice at the same moment,
 * one approved again with more hours and then its older approval delivered late, one naming a worker NetSuite does
 * not have. Every delivery is answered 200 with its outcome; NetSuite ends with each entry's time bill exactly once,
 * with the hours of its latest approval; the refused one is parked for finance and never posted. (Queue mode with
 * workers and a killed worker is scripts/queue-mode/workers.ts.)
 */
import type { Scenario } from '../lib/demo';
import { createApiKey } from '../lib/n8nServer';
import { TEMPLATE_IDS } from '../lib/templates';
import { LEDGER_TABLE } from './governed';
import { withResults } from '../../lib/governance';

interface Delivery {
	externalId: string;
	employeeExternalId: string;
	projectExternalId: string;
	date: string;
	hours: string;
	notes: string;
	billable: boolean;
	approvedAt: string;
}

const WORKFLOW_ID = TEMPLATE_IDS['approved-time-webhook-to-erp.json'];

export const approvedTimeWebhook: Scenario = {
	name: 'approved-time-webhook-to-erp',
	async run(context) {
		const { checks, server, dataTables } = context;
		const netsuite = context.sandboxes.netsuite.store;
		const apiKey = await createApiKey(server.baseUrl, server.cookie, `approved-time-webhook-${Date.now()}`, ['workflow:read', 'workflow:activate', 'workflow:deactivate']);
		const api = async (path: string) => {
			const response = await fetch(`${server.baseUrl}/api/v1${path}`, { method: 'POST', headers: { 'X-N8N-API-KEY': apiKey } });
			return { status: response.status, body: (await response.text()).slice(0, 500) };
		};
		const activated = await api(`/workflows/${WORKFLOW_ID}/activate`);
		checks.check('approved-time-webhook-to-erp activates on the running n8n through its public API', activated.status === 200, activated);
		if (activated.status !== 200) return { activated: false };

		const run = Date.now().toString(36).toUpperCase();
		const entry = (n: number, hours: string, approvedAt: string, employee = ['EMP-0001', 'EMP-0002', 'EMP-0003'][n % 3]): Delivery => ({
			externalId: `WH-TE-${run}-${n}`,
			employeeExternalId: employee,
			projectExternalId: n % 2 ? 'SF-006A000102' : 'SF-006A000101',
			date: `2026-02-${String(10 + n).padStart(2, '0')}`,
			hours,
			notes: `Webhook entry ${n}`,
			billable: true,
			approvedAt,
		});
		const plain = [1, 2, 3, 4, 5, 6].map((n) => entry(n, String(2 + n / 4), '2026-02-27T17:00:00Z'));
		const newer = entry(7, '6.5', '2026-02-27T18:30:00Z');
		const older = { ...newer, hours: '6', approvedAt: '2026-02-27T17:00:00Z' };
		const refused = entry(8, '3', '2026-02-27T17:00:00Z', 'EMP-9999');
		const deliver = async (delivery: Delivery) => {
			const response = await fetch(`${server.baseUrl}/webhook/approved-time`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(delivery) });
			const text = await response.text();
			let outcome: string | undefined;
			try {
				outcome = (JSON.parse(text) as { outcome?: string }).outcome;
			} catch {
				outcome = undefined;
			}
			return { externalId: delivery.externalId, approvedAt: delivery.approvedAt, status: response.status, outcome, body: text.slice(0, 300) };
		};

		// Entries 1–3 once, entries 4–6 twice at the same moment, the newer approval of 7, the refused 8; then 7's older one.
		const answers = await Promise.all([...plain, ...plain.slice(3), newer, refused].map(deliver));
		answers.push(await deliver(older));
		const deactivated = await api(`/workflows/${WORKFLOW_ID}/deactivate`);

		const allAnswered = answers.every((a) => a.status === 200 && ['posted', 'skipped', 'stale', 'exception'].includes(String(a.outcome)));
		checks.check('every delivery is answered 200 with its outcome (posted, skipped, stale or exception)', allAnswered, answers.filter((a) => a.status !== 200 || !a.outcome));
		const outcomesOf = (id: string) => answers.filter((a) => a.externalId === id).map((a) => a.outcome);
		const postedOnce = [...plain, newer].every((d) => outcomesOf(d.externalId).filter((o) => o === 'posted').length === 1);
		const duplicatesSkipped = plain.slice(3).every((d) => outcomesOf(d.externalId).sort().join() === 'posted,skipped');
		checks.check('each entry is posted by exactly one of its deliveries; a duplicate delivered at the same moment is answered skipped', postedOnce && duplicatesSkipped, Object.fromEntries([...plain, newer].map((d) => [d.externalId, outcomesOf(d.externalId)])));

		const bills = netsuite.all('timeBill').filter((b) => String(b.fields.externalId ?? '').startsWith(`WH-TE-${run}-`));
		const billsOf = (id: string) => bills.filter((b) => b.fields.externalId === id);
		const exact = [...plain, newer].every((d) => billsOf(d.externalId).length === 1 && String(billsOf(d.externalId)[0].fields.hours) === d.hours);
		checks.check(
			'NetSuite holds each delivered entry\'s time bill exactly once with the hours of its latest approval; the older approval delivered late is answered stale',
			exact && bills.length === plain.length + 1 && answers[answers.length - 1].outcome === 'stale',
			{ bills: bills.map((b) => `${String(b.fields.externalId)} ${String(b.fields.hours)}`), late: answers[answers.length - 1] },
		);

		const ledger = withResults(await dataTables.rows(LEDGER_TABLE)).filter((row) => String(row.key).includes(`WH-TE-${run}-`) && row.kind !== 'order');
		const refusedRows = ledger.filter((row) => String(row.key).includes(refused.externalId));
		checks.check(
			'the entry naming a worker NetSuite lacks is answered exception, parked as failed in the ledger and never posted; the deliveries leave no claim open',
			outcomesOf(refused.externalId).join() === 'exception' && billsOf(refused.externalId).length === 0 && refusedRows.length > 0 && refusedRows.every((row) => row.status === 'failed') && ledger.every((row) => row.status !== 'claimed'),
			{ refused: outcomesOf(refused.externalId), rows: ledger.map((row) => `${String(row.key)} ${String(row.status)}`) },
		);
		checks.check('the workflow deactivates again', deactivated.status === 200, deactivated);
		const outcomes: Record<string, number> = {};
		for (const answer of answers) outcomes[String(answer.outcome)] = (outcomes[String(answer.outcome)] ?? 0) + 1;
		return { deliveries: answers.length, entries: plain.length + 2, timeBills: bills.length, ...outcomes };
	},
};
