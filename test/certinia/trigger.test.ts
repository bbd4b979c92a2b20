/**
 * The Certinia trigger polls pse__ objects on SystemModstamp with the Salesforce trigger's overlap window and
 * dedupe (one shared implementation): run twice over the same window, and again after a restart (the static
 * data as n8n persisted it), each change is emitted exactly once.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { CertiniaTrigger } from '../../nodes/Certinia/CertiniaTrigger.node';
import { createSalesforceSandbox, salesforceSandboxCredentials } from '../../sandbox/salesforce';
import type { SalesforceSandbox } from '../../sandbox/salesforce';
import { pollContext } from './helpers';

type Rec = Record<string, unknown>;

describe('Certinia trigger', () => {
	let sandbox: SalesforceSandbox;
	let baseUrl = '';
	let credentials: ICredentialDataDecryptedObject;
	const trigger = new CertiniaTrigger();

	beforeAll(async () => {
		sandbox = createSalesforceSandbox({ latencyMs: 0 });
		baseUrl = await sandbox.start(0);
	});
	beforeEach(() => {
		sandbox.reset();
		credentials = salesforceSandboxCredentials(baseUrl);
	});
	afterAll(async () => await sandbox.stop());

	const state = () => sandbox.org.snapshot() as Record<string, Rec[]>;
	const user = () => String(state().User[1].Id);
	const byExt = (object: string, ext: string) => state()[object].find((r) => r.External_Id__c === ext)!;
	/** Static data as n8n keeps it between polls and across a restart: JSON in the database. */
	const persisted = (data: IDataObject): IDataObject => JSON.parse(JSON.stringify(data)) as IDataObject;

	async function poll(parameters: INodeParameters, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger') {
		const result = await trigger.poll.call(pollContext({ parameters, credentials, staticData, mode }));
		return result ? result[0].map((item) => item.json) : null;
	}

	function approve(ext: string) {
		const id = String(byExt('pse__Timecard_Header__c', ext).Id);
		if (sandbox.org.byId(id)!.pse__Status__c === 'Saved') sandbox.org.update('pse__Timecard_Header__c', id, { pse__Status__c: 'Submitted' }, user());
		sandbox.org.update('pse__Timecard_Header__c', id, { pse__Status__c: 'Approved' }, user());
		return id;
	}

	it('emits an approved timecard once: not again in the overlapping window, after a restart, or on a later edit', async () => {
		const parameters = { event: 'timecardApproved', fields: ['Id', 'External_Id__c', 'pse__Total_Hours__c'] };
		let staticData: IDataObject = {};
		expect(await poll(parameters, staticData)).toBeNull();

		const id = approve('PSA-TE-1004');
		const first = await poll(parameters, staticData);
		expect(first?.map((r) => r.External_Id__c)).toEqual(['PSA-TE-1004']);
		expect(first?.[0]).toMatchObject({ pse__Status__c: 'Approved', pse__Total_Hours__c: 6 });

		// Same window again: nothing.
		expect(await poll(parameters, staticData)).toBeNull();
		// n8n restarts: the static data comes back from the database.
		staticData = persisted(staticData);
		expect(await poll(parameters, staticData)).toBeNull();
		// An approved timecard edited later (billing flags) is not a new approval.
		sandbox.org.update('pse__Timecard_Header__c', id, { pse__Invoiced__c: true }, user());
		expect(await poll(parameters, staticData)).toBeNull();

		// Another approval is emitted, alone.
		approve('PSA-TE-1007');
		expect((await poll(parameters, persisted(staticData)))?.map((r) => r.External_Id__c)).toEqual(['PSA-TE-1007']);
		const soql = sandbox.requests.filter((r) => r.path.endsWith('/query')).map((r) => new URLSearchParams(r.query).get('q')!).pop();
		expect(soql).toMatch(/FROM pse__Timecard_Header__c WHERE \(SystemModstamp >= \S+Z\) AND \(pse__Status__c = 'Approved'\) ORDER BY SystemModstamp ASC/);
	});

	it('an approval is not emitted again when the record is edited after the window has moved past the approval', async () => {
		// No safety margin: each poll's window starts at the previous poll, so the approval falls out of it.
		const parameters = { event: 'timecardApproved', options: { safetyMarginMinutes: 0 } };
		const staticData: IDataObject = {};
		expect(await poll(parameters, staticData)).toBeNull();
		const id = approve('PSA-TE-1004');
		await new Promise((resolve) => setTimeout(resolve, 5));
		expect((await poll(parameters, staticData))?.map((r) => r.Id)).toEqual([id]);
		await new Promise((resolve) => setTimeout(resolve, 5));
		expect(await poll(parameters, staticData)).toBeNull();
		await new Promise((resolve) => setTimeout(resolve, 5));
		sandbox.org.update('pse__Timecard_Header__c', id, { pse__Invoiced__c: true }, user());
		expect(await poll(parameters, persisted(staticData))).toBeNull();
	});

	it('emits each version of a changed assignment once, across repeated polls and a restart', async () => {
		const parameters = { event: 'assignmentChanged' };
		let staticData: IDataObject = {};
		expect(await poll(parameters, staticData)).toBeNull();
		const assignment = String(byExt('pse__Assignment__c', 'SF-006A000101-EMP-0002').Id);
		sandbox.org.update('pse__Assignment__c', assignment, { pse__Planned_Hours__c: 260 }, user());
		expect((await poll(parameters, staticData))?.map((r) => r.Id)).toEqual([assignment]);
		expect(await poll(parameters, staticData)).toBeNull();
		staticData = persisted(staticData);
		expect(await poll(parameters, staticData)).toBeNull();
		sandbox.org.update('pse__Assignment__c', assignment, { pse__Planned_Hours__c: 280 }, user());
		const again = await poll(parameters, staticData);
		expect(again?.map((r) => r.pse__Planned_Hours__c)).toEqual([280]);
	});

	it('emits a completed milestone and a new project once each', async () => {
		const milestoneData: IDataObject = {};
		const projectData: IDataObject = {};
		expect(await poll({ event: 'milestoneApproved' }, milestoneData)).toBeNull();
		expect(await poll({ event: 'projectCreated' }, projectData)).toBeNull();
		const milestone = String(byExt('pse__Milestone__c', 'SF-006A000102-M1').Id);
		sandbox.org.update('pse__Milestone__c', milestone, { pse__Status__c: 'Approved', pse__Actual_Date__c: '2026-03-27' }, user());
		sandbox.org.insert('pse__Proj__c', { Name: 'Contoso SAP Rollout Advisory', External_Id__c: 'OPP-2002' }, user());
		expect((await poll({ event: 'milestoneApproved' }, milestoneData))?.map((r) => r.Id)).toEqual([milestone]);
		expect((await poll({ event: 'projectCreated' }, projectData))?.map((r) => r.Name)).toEqual(['Contoso SAP Rollout Advisory']);
		expect(await poll({ event: 'milestoneApproved' }, persisted(milestoneData))).toBeNull();
		expect(await poll({ event: 'projectCreated' }, persisted(projectData))).toBeNull();
	});

	it('in manual mode shows the latest matching record without touching the state', async () => {
		const staticData: IDataObject = {};
		const sample = await poll({ event: 'timecardApproved' }, staticData, 'manual');
		expect(sample).toHaveLength(1);
		expect(sample?.[0].pse__Status__c).toBe('Approved');
		expect(staticData).toEqual({});
	});
});
