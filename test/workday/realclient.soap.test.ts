/**
 * The `soap` npm client, a widely used third-party SOAP client, loads Workday's Human_Resources WSDL from
 * ../shared/specs and calls Get_Workers on the sandbox with a WS-Security UsernameToken. What it sends is what
 * a generated Workday client sends, so a sandbox that cannot read it (envelope, namespaces, the token) or answers
 * something it cannot parse fails here.
 */
import { join } from 'path';
import * as soap from 'soap';

import { createWorkdaySandbox, WORKDAY_SANDBOX_ISU, WORKDAY_SANDBOX_ISU_PASSWORD, WORKDAY_SANDBOX_TENANT } from '../../sandbox/workday';
import type { WorkdaySandbox } from '../../sandbox/workday';
import { describeWithSpecs, specsDir } from '../helpers/specs';

type Rec = Record<string, any>;

describeWithSpecs('soap (npm) client against the Workday sandbox', () => {
	let sandbox: WorkdaySandbox;
	let client: soap.Client;

	beforeAll(async () => {
		sandbox = createWorkdaySandbox({ latencyMs: 0 });
		const baseUrl = await sandbox.start(0);
		client = await soap.createClientAsync(join(specsDir()!, 'workday', 'Human_Resources.wsdl'), { endpoint: `${baseUrl}/ccx/service/${WORKDAY_SANDBOX_TENANT}/Human_Resources/v42.0` });
	}, 120_000);
	afterAll(async () => await sandbox.stop());

	const secure = (password: string) => client.setSecurity(new soap.WSSecurity(`${WORKDAY_SANDBOX_ISU}@${WORKDAY_SANDBOX_TENANT}`, password, { passwordType: 'PasswordText', hasTimeStamp: false }));

	it('Get_Workers by Employee_ID: the client\'s envelope and token are accepted and the answer parses', async () => {
		secure(WORKDAY_SANDBOX_ISU_PASSWORD);
		const [result] = (await client.Get_WorkersAsync({
			Request_References: { Worker_Reference: [{ ID: { attributes: { 'wd:type': 'Employee_ID' }, $value: 'EMP-0002' } }] },
			Response_Filter: { Page: 1, Count: 10 },
			Response_Group: { Include_Reference: true, Include_Personal_Information: true, Include_Employment_Information: true, Include_Compensation: true },
		})) as [Rec];
		expect(result.Response_Results).toMatchObject({ Total_Results: 1, Total_Pages: 1, Page: 1 });
		const worker = result.Response_Data.Worker[0] ?? result.Response_Data.Worker;
		expect(worker.Worker_Data.Worker_ID).toBe('EMP-0002');
		const comp = worker.Worker_Data.Compensation_Data.Salary_and_Hourly_Data;
		// The client reads xsd:decimal into a JS number (75.50 → 75.5): why the node parses the XML itself and keeps amounts as text.
		expect((Array.isArray(comp) ? comp[0] : comp).Amount).toBe(75.5);
		const soapBody = String(sandbox.requests.at(-1)?.body);
		expect(soapBody).toContain('UsernameToken');
	}, 60_000);

	it('paging with the transaction-log window: the same As_Of_Entry_DateTime on every page', async () => {
		secure(WORKDAY_SANDBOX_ISU_PASSWORD);
		const asOf = new Date().toISOString();
		const pages: Rec[] = [];
		for (let page = 1; page <= 2; page++) {
			const [result] = (await client.Get_WorkersAsync({
				Request_Criteria: { Transaction_Log_Criteria_Data: [{ Transaction_Date_Range_Data: { Updated_From: new Date(Date.now() - 30 * 86_400_000).toISOString(), Updated_Through: asOf } }] },
				Response_Filter: { As_Of_Entry_DateTime: asOf, Page: page, Count: 2 },
				Response_Group: { Include_Reference: true, Include_Employment_Information: true },
			})) as [Rec];
			pages.push(result);
		}
		expect(pages.map((p) => p.Response_Results.Total_Results)).toEqual([3, 3]);
		const ids = pages.flatMap((p) => [].concat(p.Response_Data.Worker).map((w: Rec) => w.Worker_Data.Worker_ID));
		expect(ids).toEqual(['EMP-0002', 'EMP-0003', 'EMP-0005']);
	}, 60_000);

	it('a wrong password comes back as a SOAP fault the client raises', async () => {
		secure('wrong-password');
		await expect(client.Get_WorkersAsync({ Response_Filter: { Page: 1, Count: 1 } })).rejects.toMatchObject({ root: { Envelope: { Body: { Fault: { faultcode: 'SOAP-ENV:Client.authenticationError', faultstring: 'invalid username or password' } } } } });
	}, 60_000);
});
