/**
 * The two Microsoft cross-vendor templates as shipped (workflows-templates/d365-*.json), run in n8n-core against
 * the Entra, Dataverse (Sales + Project Operations), Finance and n8n Data Tables sandboxes: every node of the
 * file runs (sticky notes aside), with the Sync Ledger keeping its rows in the Data Tables simulator. The same
 * files run in the real n8n in scripts/scenarios/d365*.ts; this suite is the quick check of what they write.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import { withResults } from '../../lib/governance';
import { createDataverseSandbox } from '../../sandbox/dataverse';
import type { DataverseSandbox } from '../../sandbox/dataverse';
import { projectOperationsModule } from '../../sandbox/dataverse/projectOperations';
import { createDynamicsFinanceSandbox } from '../../sandbox/dynamicsFinance';
import type { DynamicsFinanceSandbox } from '../../sandbox/dynamicsFinance';
import { createEntraSandbox, entraSandboxClientCredentials } from '../../sandbox/entra';
import type { EntraSandbox } from '../../sandbox/entra';
import { createN8nApiSandbox } from '../../sandbox/n8nApi';
import { runWorkflow, shutdownN8nCore } from '../helpers/harness';
import type { WorkflowJson, WorkflowRunResult } from '../helpers/harness';
import { addApprovedExpense, addWonOpportunity, nonGetRequests } from '../../scripts/scenarios/d365Shared';

const TEMPLATES = join(__dirname, '..', '..', 'workflows-templates');

function template(file: string): WorkflowJson {
	const json = JSON.parse(readFileSync(join(TEMPLATES, file), 'utf8')) as WorkflowJson;
	// Sticky notes are layout only; n8n-core's stand-in types do not include them.
	return { ...json, nodes: (json.nodes as INode[]).filter((node) => node.type !== 'n8n-nodes-base.stickyNote') };
}

const n8nApi = createN8nApiSandbox();
const projectOperations = projectOperationsModule({ executionDelayMs: 20 });
let entra: EntraSandbox;
let dataverse: DataverseSandbox;
let finance: DynamicsFinanceSandbox;
let credentials: Record<string, ICredentialDataDecryptedObject>;

beforeAll(async () => {
	entra = createEntraSandbox();
	await entra.start(0);
	dataverse = createDataverseSandbox({ latencyMs: 0, modules: [projectOperations.register] });
	await dataverse.start(0);
	finance = createDynamicsFinanceSandbox({ latencyMs: 0 });
	await finance.start(0);
	await n8nApi.start();
	credentials = {
		p2cDataverseClientCredentialsApi: entraSandboxClientCredentials(entra.baseUrl, dataverse.baseUrl) as unknown as ICredentialDataDecryptedObject,
		p2cDynamics365FinanceApi: entraSandboxClientCredentials(entra.baseUrl, finance.baseUrl) as unknown as ICredentialDataDecryptedObject,
		p2cN8nApi: { baseUrl: `${n8nApi.baseUrl}/api/v1`, apiKey: n8nApi.apiKey },
	};
});
beforeEach(async () => {
	await dataverse.resetAndSeed();
	finance.reset();
	n8nApi.reset();
});
afterAll(async () => {
	await Promise.all([entra.stop(), dataverse.stop(), finance.stop(), n8nApi.stop()]);
	await shutdownN8nCore();
});

// The live triggers ship disabled (so the editor's Execute workflow runs Run now); a user enables the one they use.
const enabled = (workflow: WorkflowJson, startNode?: string): WorkflowJson => ({ ...workflow, nodes: (workflow.nodes as INode[]).map((node) => (node.name === startNode ? { ...node, disabled: false } : node)) });
const run = async (file: string, startNode?: string): Promise<WorkflowRunResult> => await runWorkflow(enabled(template(file), startNode), { credentials: { ...credentials }, startNode });
const rows = (set: string) => dataverse.service.records(set) as IDataObject[];
const all = (result: WorkflowRunResult, node: string, output = 0) => (result.run.data.resultData.runData[node] ?? []).flatMap((r) => r.data?.main?.[output] ?? []).map((i) => i.json);

describe('template d365-won-opportunity-to-project', () => {
	const FILE = 'd365-won-opportunity-to-project.json';

	it('makes one project with its WBS and lead per opportunity won since the cut-over, and its Finance customer and project; a second run writes nothing', async () => {
		const won = rows('opportunities').filter((o) => o.statecode === 1 && String(o.actualclosedate) >= '2026-10-01');
		expect(won.map((o) => o.p2c_externalid).sort()).toEqual(['OPP-2002', 'OPP-2003', 'OPP-2004', 'OPP-2009', 'OPP-2010']);
		const first = await run(FILE);
		expect(first.error).toBeUndefined();
		expect(all(first, 'Park for PMO')).toEqual([]);
		expect(all(first, 'Record Result')).toHaveLength(won.length);
		for (const opportunity of won) {
			const projects = rows('msdyn_projects').filter((p) => p.p2c_externalid === opportunity.p2c_externalid);
			expect(projects).toHaveLength(1);
			const project = projects[0];
			expect(project).toMatchObject({ msdyn_subject: opportunity.name, _msdyn_customer_value: opportunity._customerid_value });
			const tasks = rows('msdyn_projecttasks').filter((t) => t._msdyn_project_value === project.msdyn_projectid);
			expect(tasks.map((t) => [t.msdyn_subject, t.msdyn_ismilestone === true])).toEqual(expect.arrayContaining([['Discovery', false], ['Delivery', false], ['Go-live sign-off', true]]));
			expect(tasks).toHaveLength(3);
			const team = rows('msdyn_projectteams').filter((m) => m._msdyn_project_value === project.msdyn_projectid);
			expect(team.map((m) => m.msdyn_name)).toEqual(['Dana Whitfield']);
			const account = rows('accounts').find((a) => a.accountid === opportunity._customerid_value)!;
			const customer = finance.service.get('CustomersV3', { dataAreaId: 'usmf', CustomerAccount: account.accountnumber });
			expect(customer).toMatchObject({ OrganizationName: account.name, IdentificationNumber: `dataverse:${String(account.accountid)}` });
			const financeProjects = finance.service.records('Projects').filter((p) => p.Reference === `dataverse:${String(project.msdyn_projectid)}`);
			expect(financeProjects).toEqual([expect.objectContaining({ dataAreaId: 'usmf', ProjectID: opportunity.p2c_externalid, CustomerAccount: account.accountnumber, WorkerResponsiblePersonnelNumber: 'EMP-0001' })]);
		}
		const ledger = withResults(n8nApi.rowsOf('p2c_ledger'));
		expect(ledger.filter((r) => r.status === 'posted').map((r) => r.targetId).sort()).toEqual(rows('msdyn_projects').filter((p) => String(p.p2c_externalid).startsWith('OPP-')).map((p) => p.msdyn_projectid).sort());

		const before = { dataverse: nonGetRequests(dataverse), finance: nonGetRequests(finance), projects: rows('msdyn_projects').length };
		const second = await run(FILE);
		expect(second.error).toBeUndefined();
		expect(all(second, 'Check & Claim', 1)).toHaveLength(won.length);
		expect(all(second, 'Record Result')).toEqual([]);
		expect({ dataverse: nonGetRequests(dataverse), finance: nonGetRequests(finance), projects: rows('msdyn_projects').length }).toEqual(before);
	});

	it('a step Finance cannot take after the project exists is parked for the PMO with that step\'s reason, not retried (a retry would make a second project)', async () => {
		const id = await addWonOpportunity(dataverse, { name: 'Globex data platform', externalId: 'OPP-2099', accountName: 'Globex (no account number)', closeDate: '2026-11-20' });
		const first = await run(FILE);
		expect(first.error).toBeUndefined();
		const project = rows('msdyn_projects').find((p) => p.p2c_externalid === 'OPP-2099')!;
		expect(rows('msdyn_projecttasks').filter((t) => t._msdyn_project_value === project.msdyn_projectid)).toHaveLength(3);
		const parked = all(first, 'Park for PMO');
		expect(parked).toHaveLength(1);
		const exception = n8nApi.rowsOf('p2c_exceptions').find((r) => r.key === `projectoperations:project:${id}`);
		expect(exception).toMatchObject({ domain: 'pmo', reason: expect.stringMatching(/CustomerAccount/) });
		expect(String(exception!.reason)).toContain(`project ${String(project.msdyn_projectid)} was created in Project Operations`);
		expect(withResults(n8nApi.rowsOf('p2c_ledger')).find((r) => r.key === `projectoperations:project:${id}`)).toMatchObject({ status: 'failed' });
		expect(finance.service.records('Projects').filter((p) => p.ProjectID === 'OPP-2099')).toEqual([]);
		expect(all(first, 'Record Result')).toHaveLength(5);

		const before = { dataverse: nonGetRequests(dataverse), finance: nonGetRequests(finance) };
		const second = await run(FILE);
		expect(second.error).toBeUndefined();
		expect(all(second, 'Check & Claim', 2)).toHaveLength(1);
		expect({ dataverse: nonGetRequests(dataverse), finance: nonGetRequests(finance) }).toEqual(before);
	});

	it('the Opportunity won trigger feeds the same steps: its win (in manual mode, the latest) becomes one project in both systems', async () => {
		const result = await run(FILE, 'Opportunity won');
		expect(result.error).toBeUndefined();
		const [posted] = all(result, 'Record Result');
		expect(all(result, 'Record Result')).toHaveLength(1);
		const project = rows('msdyn_projects').find((p) => p.msdyn_projectid === (posted.ledger as IDataObject).targetId)!;
		const opportunity = rows('opportunities').find((o) => o.p2c_externalid === project.p2c_externalid)!;
		expect(opportunity.statecode).toBe(1);
		expect(rows('msdyn_projecttasks').filter((t) => t._msdyn_project_value === project.msdyn_projectid)).toHaveLength(3);
		expect(finance.service.records('Projects').filter((p) => p.Reference === `dataverse:${String(project.msdyn_projectid)}`)).toHaveLength(1);
	});
});

describe('template d365-approved-time-to-finance-journals', () => {
	const FILE = 'd365-approved-time-to-finance-journals.json';

	it('posts each approved entry once on a posted journal, a line Finance refuses alone to the exception queue; a second run writes nothing', async () => {
		const bad = await addApprovedExpense(dataverse, { category: 'Lodging', name: 'Hotel Detroit', amount: 289.4 });
		const approvedTime = rows('msdyn_timeentries').filter((t) => t.msdyn_entrystatus === 192350002);
		const approvedExpenses = rows('msdyn_expenses').filter((e) => e.msdyn_expensestatus === 192350002);
		expect(approvedTime).toHaveLength(4);
		expect(approvedExpenses).toHaveLength(3);

		const first = await run(FILE);
		expect(first.error).toBeUndefined();
		const headers = finance.service.records('ProjectJournalHeaders');
		expect(headers).toEqual([expect.objectContaining({ dataAreaId: 'usmf', JournalType: 'Hour', Posted: 'Yes' })]);
		const hourLines = finance.service.records('ProjectJournalLines');
		expect(hourLines.map((l) => [l.Description, l.Hours]).sort()).toEqual(approvedTime.map((t) => [`dataverse:${String(t.msdyn_timeentryid)}`, Number(t.msdyn_duration) / 60]).sort());
		const expenseHeaders = finance.service.records('ExpenseJournalHeaders');
		expect(expenseHeaders).toEqual([expect.objectContaining({ IsPosted: 'Yes' })]);
		const expenseLines = finance.service.records('ExpenseJournalLines');
		expect(expenseLines.map((l) => [l.Document, l.DebitAmount, l.ProjectCategory]).sort()).toEqual(
			approvedExpenses.filter((e) => e.msdyn_expenseid !== bad).map((e) => [`dataverse:${String(e.msdyn_expenseid)}`, e.msdyn_amount, e.msdyn_name === 'Flight ORD-DTW' ? 'Travel' : 'Meals']).sort(),
		);
		const parked = all(first, 'Park expenses for finance');
		expect(parked).toHaveLength(1);
		expect(n8nApi.rowsOf('p2c_exceptions')).toEqual([expect.objectContaining({ key: `d365finance:expense:${bad}`, status: 'open', domain: 'finance', reason: expect.stringMatching(/project category "Lodging" does not exist in company usmf/) })]);
		expect(withResults(n8nApi.rowsOf('p2c_ledger')).filter((r) => r.status !== 'posted')).toEqual([expect.objectContaining({ key: `d365finance:expense:${bad}`, status: 'failed' })]);
		expect(all(first, 'Record hours')).toHaveLength(4);
		expect(all(first, 'Record expenses')).toHaveLength(2);

		const before = { dataverse: nonGetRequests(dataverse), finance: nonGetRequests(finance) };
		const second = await run(FILE);
		expect(second.error).toBeUndefined();
		expect(all(second, 'Claim time entry', 1)).toHaveLength(4);
		expect(all(second, 'Claim expense', 1)).toHaveLength(2);
		expect(all(second, 'Claim expense', 2)).toHaveLength(1);
		expect({ dataverse: nonGetRequests(dataverse), finance: nonGetRequests(finance) }).toEqual(before);
	});

	it('the approval triggers feed the same steps: each approval (in manual mode, the latest) becomes one posted line', async () => {
		for (const [trigger, claim, lines] of [['Time entry approved', 'Claim time entry', 'ProjectJournalLines'], ['Expense approved', 'Claim expense', 'ExpenseJournalLines']]) {
			const result = await run(FILE, trigger);
			expect(result.error).toBeUndefined();
			expect(all(result, claim)).toHaveLength(1);
			expect(finance.service.records(lines)).toHaveLength(1);
		}
		expect(finance.service.records('ProjectJournalHeaders')).toEqual([expect.objectContaining({ Posted: 'Yes' })]);
		expect(finance.service.records('ExpenseJournalHeaders')).toEqual([expect.objectContaining({ IsPosted: 'Yes' })]);
	});
});
