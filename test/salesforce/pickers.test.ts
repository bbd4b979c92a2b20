/**
 * Pickers users expect, against the sandbox org: the record locator (list searched by name and paged, URL,
 * id), field pickers from describe, the org's Opportunity stages, and the resource mapper for writes. The
 * node runs go through n8n-core, so resource locator values are extracted as n8n extracts them.
 */
import type { ICredentialDataDecryptedObject, IDataObject, ILoadOptionsFunctions, INodeProperties, INodePropertyModeTypeOptions } from 'n8n-workflow';

import { Salesforce } from '../../nodes/Salesforce/Salesforce.node';
import { SalesforceTrigger } from '../../nodes/Salesforce/SalesforceTrigger.node';
import { createSalesforceSandbox, salesforceSandboxCredentials } from '../../sandbox/salesforce';
import type { SalesforceSandbox } from '../../sandbox/salesforce';
import { OPPORTUNITY_STAGES } from '../../sandbox/salesforce/schema';
import { shutdownN8nCore } from '../helpers/harness';
import { pollContext, runSalesforceNode } from './helpers';

type Rec = Record<string, any>;

const node = new Salesforce();
const trigger = new SalesforceTrigger();
const { listSearch, loadOptions, resourceMapping } = node.methods;

describe('Salesforce record locator (description)', () => {
	const locators = node.description.properties.filter((p) => p.name === 'recordId');
	const urlMode = (p: INodeProperties) => p.modes!.find((m) => m.name === 'url')!;
	const extract = (url: string) => {
		const match = new RegExp((urlMode(locators[0]).extractValue as { regex: string }).regex).exec(url);
		return match?.[1];
	};

	it('offers list, URL and ID modes wherever a record is picked (get and update of every record resource)', () => {
		const shownFor = locators.flatMap((p) => (p.displayOptions?.show?.operation as string[]).map((op) => `${String(p.displayOptions?.show?.resource)}:${op}`));
		expect(shownFor.sort()).toEqual(['account:get', 'account:update', 'contract:get', 'contract:update', 'opportunity:get', 'opportunity:update']);
		for (const locator of locators) {
			expect(locator.type).toBe('resourceLocator');
			expect(locator.modes!.map((m) => m.name)).toEqual(['list', 'url', 'id']);
			const list = locator.modes![0].typeOptions as INodePropertyModeTypeOptions;
			expect(list.searchListMethod).toBe('searchRecords');
			expect(list.searchable).toBe(true);
		}
	});

	it('takes the id out of Lightning and Classic record URLs and refuses other URLs', () => {
		expect(extract('https://acme.lightning.force.com/lightning/r/Opportunity/006Dn000000000AIAQ/view')).toBe('006Dn000000000AIAQ');
		expect(extract('https://acme.lightning.force.com/lightning/r/006Dn000000000AIAQ/view')).toBe('006Dn000000000AIAQ');
		expect(extract('https://acme.my.salesforce.com/001Dn00000000AB')).toBe('001Dn00000000AB');
		expect(extract('https://na1.salesforce.com/001Dn000000000ABCD?srPos=0')).toBe('001Dn000000000ABCD');
		expect(extract('https://acme.lightning.force.com/lightning/o/Opportunity/list')).toBeUndefined();
		expect(extract('https://acme.my.salesforce.com/001Dn0000')).toBeUndefined();
		const idRegex = new RegExp((locators[0].modes!.find((m) => m.name === 'id')!.validation![0] as unknown as { properties: { regex: string } }).properties.regex);
		expect(idRegex.test('006Dn000000000AIAQ')).toBe(true);
		expect(idRegex.test('006Dn000000000A')).toBe(true);
		expect(idRegex.test('006Dn000000000AIA')).toBe(false);
		expect(idRegex.test("006Dn000000000A' OR Id != '")).toBe(false);
	});

	it('picks fields to return from describe (multi-select) on get, get many and the trigger', () => {
		const pickers = [...node.description.properties, ...trigger.description.properties].filter((p) => p.name === 'fields');
		expect(pickers.length).toBeGreaterThanOrEqual(7);
		for (const picker of pickers) {
			expect(picker.type).toBe('multiOptions');
			expect(picker.typeOptions?.loadOptionsMethod).toBe('getFields');
			expect(picker.default).toEqual([]);
		}
		const stage = trigger.description.properties.find((p) => p.name === 'stageName')!;
		expect(stage.type).toBe('options');
		expect(stage.typeOptions?.loadOptionsMethod).toBe('getOpportunityStages');
		expect(stage.default).toBe('Closed Won');
		expect(trigger.methods.loadOptions.getOpportunityStages).toBe(loadOptions.getOpportunityStages);
	});
});

describe('Salesforce pickers against the sandbox', () => {
	let sandbox: SalesforceSandbox;
	let baseUrl = '';
	let credentials: ICredentialDataDecryptedObject;

	beforeAll(async () => {
		sandbox = createSalesforceSandbox();
		baseUrl = await sandbox.start(0);
	});
	beforeEach(() => {
		sandbox.reset();
		credentials = salesforceSandboxCredentials(baseUrl);
	});
	afterAll(async () => {
		await sandbox.stop();
		await shutdownN8nCore();
	});

	const state = () => sandbox.org.snapshot() as Record<string, Rec[]>;
	function context(parameters: Record<string, unknown>): ILoadOptionsFunctions {
		return pollContext({ parameters: parameters as never, credentials, staticData: {} }) as unknown as ILoadOptionsFunctions;
	}
	const soqlSent = () =>
		sandbox.requests.filter((r) => r.path.endsWith('/query')).map((r) => new URLSearchParams(r.query).get('q') ?? '');

	describe('record list (searchRecords)', () => {
		it('lists the object’s records by name with their ids and record URLs', async () => {
			const page = await listSearch.searchRecords.call(context({ resource: 'opportunity' }));
			const expected = state()
				.Opportunity.map((o) => ({ name: String(o.Name), value: String(o.Id) }))
				.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
			expect(page.results.map(({ name, value }) => ({ name, value }))).toEqual(expected);
			expect(page.paginationToken).toBeUndefined();
			expect(page.results[0].url).toBe(`${baseUrl}/lightning/r/Opportunity/${page.results[0].value}/view`);
		});

		it('searches by name with the text escaped (quotes, LIKE wildcards), or by id when the text is one', async () => {
			const obrien = state().Account.find((a) => String(a.Name).startsWith("O'Brien"))!;
			const found = await listSearch.searchRecords.call(context({ resource: 'account' }), "O'Brien & Sons");
			expect(found.results.map((r) => r.value)).toEqual([obrien.Id]);
			expect(soqlSent().at(-1)).toContain("Name LIKE '%O\\'Brien & Sons%'");

			const wildcard = await listSearch.searchRecords.call(context({ resource: 'account' }), '%');
			expect(wildcard.results).toEqual([]);

			const byId = await listSearch.searchRecords.call(context({ resource: 'account' }), String(obrien.Id));
			expect(byId.results.map((r) => r.value)).toEqual([obrien.Id]);
		});

		it('names contracts by their contract number', async () => {
			const page = await listSearch.searchRecords.call(context({ resource: 'contract' }));
			const contracts = state().Contract;
			expect(contracts.length).toBeGreaterThan(0);
			expect(page.results.map((r) => r.value).sort()).toEqual(contracts.map((c) => c.Id).sort());
			for (const result of page.results) expect(result.name).toBe(contracts.find((c) => c.Id === result.value)!.ContractNumber);
		});

		it('pages with a pagination token (100 per page, LIMIT/OFFSET), no record twice, none left out', async () => {
			const admin = String(state().User[0].Id);
			for (let i = 0; i < 130; i++) sandbox.org.insert('Account', { Name: `Paging Test ${String(i).padStart(3, '0')}` }, admin);
			const first = await listSearch.searchRecords.call(context({ resource: 'account' }), 'Paging Test');
			expect(first.results).toHaveLength(100);
			expect(first.paginationToken).toBe(100);
			const second = await listSearch.searchRecords.call(context({ resource: 'account' }), 'Paging Test', first.paginationToken);
			expect(second.results).toHaveLength(30);
			expect(second.paginationToken).toBeUndefined();
			const names = [...first.results, ...second.results].map((r) => r.name);
			expect(names).toEqual(Array.from({ length: 130 }, (_, i) => `Paging Test ${String(i).padStart(3, '0')}`));
			expect(soqlSent().at(-1)).toMatch(/ LIMIT 101 OFFSET 100$/);
		});

		it('the trigger’s stage event lists opportunities whatever Object says', async () => {
			const fields = (await loadOptions.getFields.call(context({ event: 'opportunityStage', resource: 'account' }))).map((o) => o.value);
			expect(fields).toContain('StageName');
		});
	});

	describe('field pickers (loadOptions)', () => {
		it('offers the org’s active Opportunity stages in sales-process order', async () => {
			const stages = await loadOptions.getOpportunityStages.call(context({ event: 'opportunityStage' }));
			expect(stages.map((s) => s.value)).toEqual(OPPORTUNITY_STAGES.map((s) => s.name));
			expect(stages).toContainEqual({ name: 'Closed Won', value: 'Closed Won' });
		});

		it('leaves inactive stages out', async () => {
			const describePath = /\/sobjects\/Opportunity\/describe$/;
			sandbox.addFault({
				kind: 'status',
				path: describePath.source,
				status: 200,
				body: {
					fields: [
						{
							name: 'StageName',
							label: 'Stage',
							type: 'picklist',
							picklistValues: [
								{ label: 'Open', value: 'Open', active: true },
								{ label: 'Retired Stage', value: 'Retired Stage', active: false },
								{ label: 'Won', value: 'Won', active: true },
							],
						},
					],
				},
			});
			const stages = await loadOptions.getOpportunityStages.call(context({}));
			expect(stages.map((s) => s.value)).toEqual(['Open', 'Won']);
		});
	});

	describe('resource mapper (getMappingColumns)', () => {
		it('create: createable fields, required ones marked by Salesforce’s rule, picklists as options, money as text', async () => {
			const { fields } = await resourceMapping.getMappingColumns.call(context({ resource: 'opportunity', operation: 'create' }));
			const byId = new Map(fields.map((f) => [f.id, f]));
			expect(fields.filter((f) => f.required).map((f) => f.id).sort()).toEqual(['CloseDate', 'Name', 'StageName']);
			// Not required: nillable (Amount), defaulted on create (Probability, OwnerId).
			for (const optional of ['Amount', 'Probability', 'OwnerId', 'AccountId']) expect(byId.get(optional)?.required).toBe(false);
			// Not createable: system fields.
			for (const system of ['IsWon', 'IsClosed', 'SystemModstamp', 'Id']) expect(byId.has(system)).toBe(false);
			expect(byId.get('StageName')).toMatchObject({ type: 'options', display: true, defaultMatch: false });
			expect(byId.get('StageName')!.options!.map((o) => o.value)).toEqual(OPPORTUNITY_STAGES.map((s) => s.name));
			expect(byId.get('Amount')!.type).toBe('string');
			expect(byId.get('Probability')!.type).toBe('number');
			expect(byId.get('CloseDate')!.type).toBe('string');
			expect(byId.get('Name')!.displayName).toBe('Name (Name)');
		});

		it('update: updateable fields only, none required', async () => {
			const { fields } = await resourceMapping.getMappingColumns.call(context({ resource: 'contract', operation: 'update' }));
			expect(fields.every((f) => !f.required)).toBe(true);
			expect(fields.map((f) => f.id)).toContain('Status');
			expect(fields.map((f) => f.id)).not.toContain('ContractNumber');
		});
	});

	describe('the node reads the new shapes and the old ones', () => {
		const opportunity = () => state().Opportunity.find((o) => o.Name === 'Contoso SAP Rollout Advisory')!;

		it('get: a Lightning record URL, a Classic URL, an id and a plain string (saved workflows) all find the record', async () => {
			const id = String(opportunity().Id);
			const values: unknown[] = [
				{ __rl: true, mode: 'url', value: `https://acme.lightning.force.com/lightning/r/Opportunity/${id}/view` },
				{ __rl: true, mode: 'url', value: `https://acme.my.salesforce.com/${id}` },
				{ __rl: true, mode: 'list', value: id, cachedResultName: 'Contoso SAP Rollout Advisory' },
				{ __rl: true, mode: 'id', value: id },
				id,
			];
			for (const recordId of values) {
				const result = await runSalesforceNode({
					credentials,
					parameters: { resource: 'opportunity', operation: 'get', recordId: recordId as never, fields: ['Id', 'Name'], includeLineItems: false },
				});
				expect(result.error).toBeUndefined();
				expect(result.output('Salesforce').map((o) => [o.Id, o.Name])).toEqual([[id, 'Contoso SAP Rollout Advisory']]);
			}
		});

		it('get many: fields picked as a list, and the former comma-separated text', async () => {
			for (const fields of [['Id', 'Name', 'StageName'], 'Id, Name, StageName', ['Id, Name', 'StageName']]) {
				const result = await runSalesforceNode({
					credentials,
					parameters: { resource: 'opportunity', operation: 'getMany', fields: fields as never, returnAll: true, includeLineItems: false },
				});
				expect(result.error).toBeUndefined();
				expect(soqlSent().at(-1)).toMatch(/^SELECT Id, Name, StageName FROM Opportunity/);
				expect(Object.keys(result.output('Salesforce')[0]).sort()).toEqual(['Id', 'Name', 'StageName', 'correlationId']);
			}
		});

		it('update with mapped fields: values set in the mapper are sent, empty ones are not', async () => {
			// No line items: Salesforce sums those into Amount.
			const unsold = () => state().Opportunity.find((o) => o.Name === 'Proseware Warehouse Optimisation')!;
			const before = unsold();
			const result = await runSalesforceNode({
				credentials,
				parameters: {
					resource: 'opportunity',
					operation: 'update',
					recordId: { __rl: true, mode: 'id', value: String(before.Id) },
					bodyMode: 'mapper',
					columns: {
						mappingMode: 'defineBelow',
						value: { NextStep: 'Kick-off booked', Amount: '98765.43', Description: null },
						matchingColumns: [],
						schema: [],
					},
				},
			});
			expect(result.error).toBeUndefined();
			const after = unsold();
			expect(after.NextStep).toBe('Kick-off booked');
			expect(String(after.Amount)).toBe('98765.43');
			expect(after.Description).toEqual(before.Description);
			const patch = sandbox.requests.find((r) => r.method === 'PATCH')!;
			expect(patch.body).toEqual({ NextStep: 'Kick-off booked', Amount: '98765.43' });
		});

		it('create with fields mapped from the input item: only keys that are fields of the object are sent', async () => {
			const account = state().Account[0];
			const schema = (await resourceMapping.getMappingColumns.call(context({ resource: 'opportunity', operation: 'create' }))).fields;
			const result = await runSalesforceNode({
				credentials,
				items: [{ Name: 'Mapped Deal', StageName: 'Prospecting', CloseDate: '2027-03-31', AccountId: account.Id, correlationId: 'corr-1', somethingElse: 1 }],
				parameters: {
					resource: 'opportunity',
					operation: 'create',
					bodyMode: 'mapper',
					columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema } as never,
				},
			});
			expect(result.error).toBeUndefined();
			const [created] = result.output('Salesforce') as IDataObject[];
			expect(created.correlationId).toBe('corr-1');
			const post = sandbox.requests.find((r) => r.method === 'POST' && r.path.endsWith('/sobjects/Opportunity'))!;
			expect(post.body).toEqual({ Name: 'Mapped Deal', StageName: 'Prospecting', CloseDate: '2027-03-31', AccountId: account.Id });
			expect(state().Opportunity.find((o) => o.Id === created.id)?.Name).toBe('Mapped Deal');
		});

		it('create with mapped fields refuses a missing required field before anything is sent', async () => {
			const schema = (await resourceMapping.getMappingColumns.call(context({ resource: 'opportunity', operation: 'create' }))).fields;
			const result = await runSalesforceNode({
				credentials,
				parameters: {
					resource: 'opportunity',
					operation: 'create',
					bodyMode: 'mapper',
					columns: { mappingMode: 'defineBelow', value: { Name: 'No Stage', StageName: null, CloseDate: '2027-01-01' }, matchingColumns: [], schema } as never,
				},
			});
			expect(String(result.error)).toMatch(/StageName/);
			expect(sandbox.requests.some((r) => r.method === 'POST' && /\/(sobjects|composite)\b/.test(r.path))).toBe(false);
		});
	});
});
