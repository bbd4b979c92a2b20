/**
 * Template time-and-materials-invoicing in real n8n, against two ERPs: Certinia PSA → NetSuite as shipped, then
 * the same template with its ERP nodes swapped for Dynamics 365 Finance (free-text invoice) the way a user would
 * (scripts/lib/matrix.ts `substitute`). Before run 1, consultants add January time as PSA users would: Oliver on
 * Umbrella (GBP, 3.75 h), Dana on Umbrella without an assignment (no bill rate: must be parked naming
 * timeEntry.billRate) and Priya on Acme in February (after the period: must wait). Each run 1 must write exactly
 * one invoice per project for January, each approved billable unbilled time entry and expense on exactly one line
 * (hours × the assignment's bill rate, rounded half up once per line; expenses at cost), the header the exact sum
 * of its lines, and mark every billed PSA record Invoiced (expenses with the invoice number); run 2 must send the
 * ERP and Certinia no write. Between the ERPs the scenario clears the Invoiced marks, so the second ERP bills the
 * same month.
 */
import { withResults } from '../../lib/governance';
import { formatAmount, parseAmount } from '../../lib/money';
import type { Scenario, ScenarioContext } from '../lib/demo';
import { readTemplate, substitute } from '../lib/matrix';
import type { Vendor } from '../lib/matrix';
import { bindTemplate } from '../lib/templates';
import { allRuns, EXCEPTION_TABLE, executeWorkflow, LEDGER_TABLE } from './governed';
import type { Rec } from './governed';
import { invoicingWrites, netsuiteProjects, psaRecords, psaUser } from './invoicingShared';

export const TM_INVOICING = 'p2cTmInvoicing1';
export const TM_INVOICING_FINANCE = 'p2cTmInvoicingFin1';
const TEMPLATE = 'time-and-materials-invoicing.json';
const PERIOD_END = '2026-01-31';
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The ERP side of the template as Dynamics 365 Finance: every project of every company, a free-text invoice per project. */
export const TM_FINANCE_ERP: Vendor = {
	key: 'finance',
	label: 'Dynamics 365 Finance',
	nodes: {
		'Projects (ERP)': { type: 'n8n-nodes-planning-to-cash.dynamics365Finance', credentials: { p2cDynamics365FinanceApi: { id: null, name: 'Microsoft Dynamics 365 Finance (Client Credentials) API' } }, parameters: { resource: 'project', operation: 'getMany', company: 'usmf', returnAll: true, readOptions: { allCompanies: true }, output: 'canonical', canonicalEnvironment: 'sandbox' } },
		'To ERP record': { type: 'n8n-nodes-planning-to-cash.canonicalTransform', parameters: { operation: 'fromCanonical', target: 'd365finance:FreeTextInvoiceHeaders', options: { recordField: 'erpInvoice', verifyIdempotencyKey: false } } },
		'Post to ERP': {
			type: 'n8n-nodes-planning-to-cash.dynamics365Finance',
			credentials: { p2cDynamics365FinanceApi: { id: null, name: 'Microsoft Dynamics 365 Finance (Client Credentials) API' } },
			parameters: {
				resource: 'freeTextInvoice',
				operation: 'create',
				// The project's company (its key is `<company>/<project>`); the revenue main account per line item: set these to your own.
				company: "={{ $('One invoice per project').item.json.project.id.split('/')[0] }}",
				externalReference: "={{ $('One invoice per project').item.json.externalKey }}",
				jsonBody: '={{ JSON.stringify((({ lines, ...header }) => header)($json.record)) }}',
				linesJson: "={{ JSON.stringify($json.record.lines.map((line) => ({ ...line, MainAccountDisplayValue: ({ time: '401100', expense: '401200', milestone: '401100' })[line.MainAccountDisplayValue] ?? line.MainAccountDisplayValue }))) }}",
			},
		},
	},
};
const CERTINIA: Vendor = { key: 'certinia', label: 'Certinia PSA', nodes: {} };

interface Expected {
	reference: string;
	kind: 'time' | 'expense';
	project: string;
	currency: string;
	minor: bigint;
}

/** A timecard's one worked day and its hours as text. */
function workedDay(card: Rec): { date: string; hours: string } | undefined {
	const days = WEEKDAYS.map((day, index) => ({ index, hours: Number(card[`pse__${day}_Hours__c`] ?? 0) })).filter((d) => d.hours !== 0);
	if (days.length !== 1) return undefined;
	return { date: new Date(Date.parse(`${String(card.pse__Start_Date__c)}T00:00:00Z`) + days[0].index * 86_400_000).toISOString().slice(0, 10), hours: String(days[0].hours) };
}

/** hours × rate, rounded half up to the minor unit (hours have at most two decimals in PSA). */
function lineMinor(hours: string, rateMinor: bigint): bigint {
	const [whole, fraction = ''] = hours.split('.');
	const hundredths = BigInt(whole + fraction.padEnd(2, '0'));
	return (hundredths * rateMinor + 50n) / 100n;
}

/** What the month should bill, from the PSA sandbox (lib/money; independent of the template's code). */
function expectedLines(context: ScenarioContext): { billable: Expected[]; noRate: Rec[]; later: Rec[] } {
	const projects = new Map(psaRecords(context, 'pse__Proj__c').map((p) => [String(p.Id), String(p.External_Id__c)]));
	const rates = new Map(psaRecords(context, 'pse__Assignment__c').filter((a) => a.pse__Bill_Rate__c !== null && a.pse__Bill_Rate__c !== undefined).map((a) => [`${String(a.pse__Resource__c)}|${String(a.pse__Project__c)}`, a]));
	const known = netsuiteProjects(context);
	const unbilled = (r: Rec) => r.pse__Status__c === 'Approved' && r.pse__Billable__c === true && r.pse__Invoiced__c !== true && known.has(projects.get(String(r.pse__Project__c)) ?? '');
	const billable: Expected[] = [];
	const noRate: Rec[] = [];
	const later: Rec[] = [];
	for (const card of psaRecords(context, 'pse__Timecard_Header__c').filter(unbilled)) {
		const day = workedDay(card);
		if (!day) continue;
		if (day.date > PERIOD_END) later.push(card);
		else {
			const rate = rates.get(`${String(card.pse__Resource__c)}|${String(card.pse__Project__c)}`);
			if (!rate) noRate.push(card);
			else {
				const currency = String(rate.CurrencyIsoCode);
				billable.push({ reference: String(card.Id), kind: 'time', project: projects.get(String(card.pse__Project__c))!, currency, minor: lineMinor(day.hours, parseAmount(String(rate.pse__Bill_Rate__c), currency)) });
			}
		}
	}
	for (const expense of psaRecords(context, 'pse__Expense__c').filter(unbilled)) {
		if (String(expense.pse__Expense_Date__c) > PERIOD_END) later.push(expense);
		else billable.push({ reference: String(expense.Id), kind: 'expense', project: projects.get(String(expense.pse__Project__c))!, currency: String(expense.CurrencyIsoCode), minor: parseAmount(String(expense.pse__Amount__c), String(expense.CurrencyIsoCode)) });
	}
	return { billable, noRate, later };
}

const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);
const sortedText = (values: bigint[]) => values.map(String).sort().join(',');
const byProject = (lines: Expected[]) => [...new Set(lines.map((l) => l.project))].map((project) => ({ project, lines: lines.filter((l) => l.project === project) }));

/** Adds January time as consultants would: a GBP entry, one without a bill rate and one after the period. */
function addMonthOfTime(context: ScenarioContext): { noRate: string; later: string } {
	const org = context.sandboxes.salesforce.org;
	const user = psaUser(context);
	const project = (id: string) => psaRecords(context, 'pse__Proj__c').find((p) => p.External_Id__c === id)!;
	const person = (id: string) => psaRecords(context, 'Contact').find((c) => c.External_Id__c === id)!;
	const assignment = (id: string) => psaRecords(context, 'pse__Assignment__c').find((a) => a.External_Id__c === id);
	const approved = (fields: Rec) => {
		const id = org.insert('pse__Timecard_Header__c', { ...fields, pse__Billable__c: true, pse__Status__c: 'Saved' }, user);
		org.update('pse__Timecard_Header__c', id, { pse__Status__c: 'Submitted' }, user);
		org.update('pse__Timecard_Header__c', id, { pse__Status__c: 'Approved' }, user);
		return id;
	};
	const umbrella = project('SF-006A000102');
	const acme = project('SF-006A000101');
	approved({ pse__Resource__c: person('EMP-0003').Id, pse__Project__c: umbrella.Id, pse__Assignment__c: assignment('SF-006A000102-EMP-0003')?.Id, pse__Start_Date__c: '2026-01-26', pse__End_Date__c: '2026-02-01', pse__Friday_Hours__c: 3.75, pse__Friday_Notes__c: 'Close calendar review' });
	// Dana helps on Umbrella without being staffed there (the project allowed it that week): no assignment, no bill rate.
	org.update('pse__Proj__c', String(umbrella.Id), { pse__Allow_Timecards_Without_Assignment__c: true }, user);
	const noRate = approved({ pse__Resource__c: person('EMP-0001').Id, pse__Project__c: umbrella.Id, pse__Start_Date__c: '2026-01-26', pse__End_Date__c: '2026-02-01', pse__Thursday_Hours__c: 1.5, pse__Thursday_Notes__c: 'Steering input' });
	org.update('pse__Proj__c', String(umbrella.Id), { pse__Allow_Timecards_Without_Assignment__c: false }, user);
	const later = approved({ pse__Resource__c: person('EMP-0002').Id, pse__Project__c: acme.Id, pse__Assignment__c: assignment('SF-006A000101-EMP-0002')?.Id, pse__Start_Date__c: '2026-02-02', pse__End_Date__c: '2026-02-08', pse__Tuesday_Hours__c: 2, pse__Tuesday_Notes__c: 'Build kickoff' });
	return { noRate, later };
}

/** Marks each billed record as the flow should have: Invoiced, and an expense with the invoice number. */
function markedRight(context: ScenarioContext, lines: Expected[], numberOf: (line: Expected) => string | undefined): boolean {
	const cards = new Map(psaRecords(context, 'pse__Timecard_Header__c').map((c) => [String(c.Id), c]));
	const expenses = new Map(psaRecords(context, 'pse__Expense__c').map((e) => [String(e.Id), e]));
	return lines.every((line) => {
		const record = line.kind === 'time' ? cards.get(line.reference) : expenses.get(line.reference);
		return record?.pse__Invoiced__c === true && (line.kind === 'time' || (record.pse__Invoice_Number__c === numberOf(line) && record.pse__Invoice_Date__c === PERIOD_END));
	});
}

export const timeAndMaterialsInvoicing: Scenario = {
	name: 'time-and-materials-invoicing',
	async run(context) {
		const { checks, n8n, dataTables } = context;
		const netsuite = context.sandboxes.netsuite.store;
		const finance = context.sandboxes.dynamicsFinance.service;
		const added = addMonthOfTime(context);
		const { billable, noRate, later } = expectedLines(context);
		const projects = byProject(billable);
		checks.check('Certinia has January time and expenses to bill on two projects, one entry without a bill rate and one after the period', projects.length === 2 && noRate.length === 1 && later.some((r) => r.Id === added.later), { projects: projects.map((p) => ({ project: p.project, lines: p.lines.length, total: formatAmount(sum(p.lines.map((l) => l.minor)), p.lines[0].currency) })) });

		// ── NetSuite, as shipped ──
		const tmInvoices = () => netsuite.all('invoice').filter((i) => String(i.fields.externalId).startsWith('P2C-TM-'));
		const first = await executeWorkflow(n8n, TM_INVOICING);
		checks.check('time-and-materials-invoicing run 1 (NetSuite) succeeds in real n8n', first.ok, first.ok ? undefined : first.output.slice(-1500));
		const recorded = allRuns(first.data, 'Record Result', 0);
		const refused = allRuns(first.data, 'Park for finance', 0);
		checks.check('run 1 (NetSuite): every billable line is claimed and recorded once; none refused', recorded.length === billable.length && refused.length === 0, { recorded: recorded.length, expected: billable.length, refused: refused.map((r) => r.exception?.reason ?? r) });
		const jobs = netsuiteProjects(context);
		const invoiceOf = (project: string) => tmInvoices().filter((i) => String(i.fields.externalId).startsWith(`P2C-TM-${project}-2026-01-`));
		const netsuiteExact = projects.every(({ project, lines }) => {
			const found = invoiceOf(project);
			if (found.length !== 1) return false;
			const invoice = found[0].fields as Rec;
			const currency = lines[0].currency;
			const items = invoice.item as Rec[];
			const cents = items.map((item) => parseAmount(String(item.amount), currency));
			return invoice.entity?.id === jobs.get(project)!.customer && items.length === lines.length && sortedText(cents) === sortedText(lines.map((l) => l.minor)) && parseAmount(String(invoice.total), currency) === sum(lines.map((l) => l.minor)) && items.every((item) => item.item?.id === '20' || item.item?.id === '22');
		});
		checks.check('NetSuite: one invoice per project for January, each time entry and expense on exactly one line at the bill rate, the total the exact sum of the lines', netsuiteExact && tmInvoices().length === projects.length, tmInvoices().map((i) => ({ externalId: i.fields.externalId, tranId: i.fields.tranId, total: i.fields.total, lines: (i.fields.item as Rec[]).map((l) => l.amount) })));
		const nsNumber = (line: Expected) => invoiceOf(line.project)[0]?.fields.tranId as string | undefined;
		checks.check('Certinia: every billed time entry and expense is marked Invoiced (expenses with the NetSuite invoice number and date)', markedRight(context, billable, nsNumber));
		const parked = allRuns(first.data, 'Park for owner', 0);
		const cards = new Map(psaRecords(context, 'pse__Timecard_Header__c').map((c) => [String(c.Id), c]));
		const exceptionRow = (await dataTables.rows(EXCEPTION_TABLE)).find((r) => r.key === parked[0]?.exception?.key);
		checks.check(
			'the entry without a bill rate is parked for finance naming timeEntry.billRate; it and the February entry are neither billed nor marked',
			parked.length === 1 && String(parked[0].exception?.key).endsWith(`:certinia:${added.noRate}`) && String(exceptionRow?.reason).includes('timeEntry.billRate') && parked[0].exception?.domain === 'finance' && cards.get(added.noRate)?.pse__Invoiced__c !== true && cards.get(added.later)?.pse__Invoiced__c !== true && allRuns(first.data, 'Later period', 0).some((l) => l.psaId === added.later),
			{ parked: parked.map((p) => ({ key: p.exception?.key, domain: p.exception?.domain })), reason: exceptionRow?.reason },
		);
		const ledger = withResults(await dataTables.rows(LEDGER_TABLE)).filter((r) => String(r.key).startsWith('netsuite:bill:certinia:'));
		checks.check('the ledger has one posted row per billed line, each with its invoice number', ledger.length === billable.length && billable.every((line) => ledger.some((r) => r.key === `netsuite:bill:certinia:${line.reference}` && r.status === 'posted' && r.targetId === nsNumber(line))), ledger.map((r) => ({ key: r.key, status: r.status, targetId: r.targetId })));
		let before = invoicingWrites(context);
		const second = await executeWorkflow(n8n, TM_INVOICING);
		let after = invoicingWrites(context);
		checks.check('run 2 (NetSuite): nothing left to bill; NetSuite and Certinia get no write', second.ok && after.netsuite === before.netsuite && after.certinia === before.certinia && tmInvoices().length === projects.length, { before, after, output: second.ok ? undefined : second.output.slice(-1000) });
		const netsuiteRun2 = { netsuite: after.netsuite - before.netsuite, certinia: after.certinia - before.certinia };

		// ── Dynamics 365 Finance: the same template with its ERP nodes swapped, billing the same month ──
		const org = context.sandboxes.salesforce.org;
		const user = psaUser(context);
		for (const line of billable) {
			if (line.kind === 'time') org.update('pse__Timecard_Header__c', line.reference, { pse__Invoiced__c: false }, user);
			else org.update('pse__Expense__c', line.reference, { pse__Invoiced__c: false, pse__Invoice_Number__c: null, pse__Invoice_Date__c: null }, user);
		}
		const swapped = substitute(readTemplate(TEMPLATE), { psa: CERTINIA, erp: TM_FINANCE_ERP }, { slots: Object.keys(TM_FINANCE_ERP.nodes) });
		await n8n.importWorkflow({ ...bindTemplate(TEMPLATE, swapped, context.credentialsByType), id: TM_INVOICING_FINANCE, name: 'Time & materials invoicing [Certinia PSA → Dynamics 365 Finance]' });
		const headers = () => (finance.records('FreeTextInvoiceHeaders') as Rec[]).filter((h) => String(h.ExternalInvoiceId ?? '').startsWith('P2C-TM-'));
		const linesOf = (header: Rec) => (finance.records('FreeTextInvoiceLines') as Rec[]).filter((l) => l.InvoiceIdentifier === header.InvoiceIdentifier && l.dataAreaId === header.dataAreaId);
		const third = await executeWorkflow(n8n, TM_INVOICING_FINANCE);
		checks.check('time-and-materials-invoicing run 1 (Dynamics 365 Finance) succeeds in real n8n', third.ok, third.ok ? undefined : third.output.slice(-1500));
		const headerOf = (project: string) => headers().filter((h) => String(h.ExternalInvoiceId).startsWith(`P2C-TM-${project}-2026-01-`));
		const financeExact = projects.every(({ project, lines }) => {
			const found = headerOf(project);
			if (found.length !== 1) return false;
			const currency = lines[0].currency;
			const amounts = linesOf(found[0]).map((l) => parseAmount(String(l.TransactionCurrencyAmount), currency));
			return found[0].CurrencyCode === currency && found[0].dataAreaId === (currency === 'GBP' ? 'gbsi' : 'usmf') && sortedText(amounts) === sortedText(lines.map((l) => l.minor)) && sum(amounts) === sum(lines.map((l) => l.minor));
		});
		checks.check('Finance: one free-text invoice per project for January in its company, each time entry and expense on exactly one line, the lines summing exactly', financeExact && headers().length === projects.length && allRuns(third.data, 'Park for finance', 0).length === 0, headers().map((h) => ({ company: h.dataAreaId, externalId: h.ExternalInvoiceId, id: h.InvoiceIdentifier, lines: linesOf(h).map((l) => l.TransactionCurrencyAmount) })));
		checks.check('Certinia: every billed record is marked Invoiced again (expenses with the Finance invoice id)', markedRight(context, billable, (line) => headerOf(line.project)[0]?.InvoiceIdentifier as string | undefined));
		before = invoicingWrites(context);
		const fourth = await executeWorkflow(n8n, TM_INVOICING_FINANCE);
		after = invoicingWrites(context);
		checks.check('run 2 (Dynamics 365 Finance): nothing left to bill; Finance and Certinia get no write', fourth.ok && after.finance === before.finance && after.certinia === before.certinia && headers().length === projects.length, { before, after, output: fourth.ok ? undefined : fourth.output.slice(-1000) });
		return {
			projects: projects.length,
			lines: billable.length,
			totals: projects.map((p) => `${p.project} ${formatAmount(sum(p.lines.map((l) => l.minor)), p.lines[0].currency)} ${p.lines[0].currency}`),
			parked: parked.length,
			netsuiteRun2,
			financeRun2: { finance: after.finance - before.finance, certinia: after.certinia - before.certinia },
		};
	},
};
