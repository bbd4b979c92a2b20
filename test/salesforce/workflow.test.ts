/** Workflow JSON with the parameter names templates use, run in-process through n8n-core against the sandbox. */
import { readFileSync } from 'fs';
import { join } from 'path';

import { P2cSalesforceClientCredentialsApi } from '../../credentials/P2cSalesforceClientCredentialsApi.credentials';
import { P2cSalesforceJwtApi } from '../../credentials/P2cSalesforceJwtApi.credentials';
import { Salesforce } from '../../nodes/Salesforce/Salesforce.node';
import { createSalesforceSandbox, salesforceSandboxCredentials } from '../../sandbox/salesforce';
import type { SalesforceSandbox } from '../../sandbox/salesforce';
import { runWorkflow, shutdownN8nCore } from '../helpers/harness';
import type { WorkflowJson } from '../helpers/harness';

describe('closed-won write-back workflow', () => {
	let sandbox: SalesforceSandbox;
	let baseUrl = '';
	const workflow = JSON.parse(readFileSync(join(__dirname, 'workflows/closed-won-writeback.json'), 'utf8')) as WorkflowJson;

	beforeAll(async () => {
		sandbox = createSalesforceSandbox();
		baseUrl = await sandbox.start(0);
	});
	afterAll(async () => {
		await sandbox.stop();
		await shutdownN8nCore();
	});

	const run = async () =>
		await runWorkflow(workflow, {
			credentials: { p2cSalesforceJwtApi: salesforceSandboxCredentials(baseUrl) },
			extraTypes: { nodes: [new Salesforce()], credentials: [new P2cSalesforceJwtApi(), new P2cSalesforceClientCredentialsApi()] },
		});

	it('writes a project id to every closed-won opportunity that had none; a second run finds nothing to do', async () => {
		const pending = () =>
			(sandbox.org.snapshot() as { Opportunity: Array<Record<string, any>> }).Opportunity.filter((o) => o.StageName === 'Closed Won' && o.NetSuite_Project_Id__c === null);
		const before = pending();
		expect(before.length).toBeGreaterThan(0);
		const first = await run();
		expect(first.error).toBeUndefined();
		expect(first.output('Write Back Project Id').map((o) => o.id).sort()).toEqual(before.map((o) => o.Id).sort());
		expect(pending()).toEqual([]);
		const written = (sandbox.org.snapshot() as { Opportunity: Array<Record<string, any>> }).Opportunity.find((o) => o.Id === before[0].Id)!;
		expect(written.NetSuite_Project_Id__c).toBe(`PRJ-${before[0].External_Id__c}`);
		const second = await run();
		expect(second.error).toBeUndefined();
		expect(second.output('Write Back Project Id')).toEqual([]);
	});
});
