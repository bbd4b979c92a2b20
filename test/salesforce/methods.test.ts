import type { ICredentialDataDecryptedObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { searchExternalIdFields } from '../../nodes/Salesforce/methods/listSearch';
import { getFields, getWritableFields } from '../../nodes/Salesforce/methods/loadOptions';
import { createSalesforceSandbox, salesforceSandboxCredentials } from '../../sandbox/salesforce';
import type { SalesforceSandbox } from '../../sandbox/salesforce';
import { pollContext } from './helpers';

describe('Salesforce field pickers (describe)', () => {
	let sandbox: SalesforceSandbox;
	let baseUrl = '';

	beforeAll(async () => {
		sandbox = createSalesforceSandbox();
		baseUrl = await sandbox.start(0);
	});
	afterAll(async () => await sandbox.stop());

	function context(parameters: Record<string, string>): ILoadOptionsFunctions {
		const credentials: ICredentialDataDecryptedObject = salesforceSandboxCredentials(baseUrl);
		return pollContext({ parameters, credentials, staticData: {} }) as unknown as ILoadOptionsFunctions;
	}

	it('lists the external id fields of the resource’s object (and Id), filtered by the search text', async () => {
		const all = await searchExternalIdFields.call(context({ resource: 'opportunity' }));
		expect(all.results.map((r) => r.value).sort()).toEqual(['External_Id__c', 'Id', 'NetSuite_Customer_Id__c', 'NetSuite_Project_Id__c']);
		const filtered = await searchExternalIdFields.call(context({ resource: 'account' }), 'netsuite');
		expect(filtered.results).toEqual([{ name: 'NetSuite Customer Id (NetSuite_Customer_Id__c)', value: 'NetSuite_Customer_Id__c' }]);
		expect(sandbox.requests.some((r) => r.path === '/services/data/v62.0/sobjects/Account/describe')).toBe(true);
	});

	it('offers every field for conditions and only writable ones for an update', async () => {
		const fields = (await getFields.call(context({ resource: 'opportunity' }))).map((o) => o.value);
		expect(fields).toEqual(expect.arrayContaining(['StageName', 'IsWon', 'SystemModstamp']));
		// Lookups also offer their related record's name, which one SOQL query reads (AccountId → Account.Name).
		expect(fields).toEqual(expect.arrayContaining(['Account.Name', 'Owner.Name']));
		expect(fields).not.toContain('Amount.Name');
		const writable = (await getWritableFields.call(context({ resource: 'opportunity', operation: 'update' }))).map((o) => o.value);
		expect(writable).toEqual(expect.arrayContaining(['StageName', 'NetSuite_Project_Id__c']));
		expect(writable).not.toContain('IsWon');
		expect(writable).not.toContain('SystemModstamp');
	});
});
