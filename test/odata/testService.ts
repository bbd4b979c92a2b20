/** A small Dataverse-like service on the OData sandbox core, for the core's own tests and the real-client check. */
import { SandboxServer } from '../../sandbox/core/server';
import { ODataError, ODataService, standardDialect } from '../../sandbox/odata';
import type { SandboxResponse } from '../../sandbox/core/server';
import type { ODataDialect, ODataWriteEvent } from '../../sandbox/odata';

export const ROOT = '/api/data/v9.2';

/** Dataverse answers a batch it stopped at a failure (no continue-on-error) with that request's status. */
const stopAtFailingRequest = { stoppedBatchStatus: 'failingRequest' as const };

export const dataverseLikeDialect: ODataDialect = {
	...standardDialect,
	...stopAtFailingRequest,
	name: 'dataverse-like',
	namespace: 'Microsoft.Dynamics.CRM',
	allowSkip: false,
	defaultPageSize: 5000,
	maxPageSize: 5000,
	patchUpserts: true,
	errorCode: (kind) =>
		({ notFound: '0x80040217', duplicateKey: '0x80040237', preconditionFailed: '0x80060882', skipNotSupported: '0x80060888', batchTooLarge: '0x8005f21a' })[kind as string] ??
		'0x80048d19',
	errorBody: (error, code) => ({ error: { code, message: error.message } }),
};

export function createTestService() {
	const writes: ODataWriteEvent[] = [];
	/** A vendor number sequence beside the store, so changeset rollback of vendor state can be observed. */
	const sequence = { value: 0 };
	const service: ODataService = new ODataService({
		root: ROOT,
		dialect: dataverseLikeDialect,
		sets: [
			{
				name: 'accounts',
				entityType: 'account',
				key: ['accountid'],
				alternateKeys: [['accountnumber']],
				properties: {
					accountid: { type: 'Edm.Guid' },
					name: { type: 'Edm.String', maxLength: 160, required: true },
					accountnumber: { type: 'Edm.String', maxLength: 20 },
					revenue: { type: 'Edm.Decimal' },
					numberofemployees: { type: 'Edm.Int32' },
					customertypecode: { type: 'Edm.Int32', enumValues: [1, 3, 11] },
					createdon: { type: 'Edm.DateTimeOffset', readOnly: true },
				},
				collections: { contact_customer_accounts: { source: 'contacts', column: '_parentcustomerid_value' } },
			},
			{
				name: 'contacts',
				entityType: 'contact',
				key: ['contactid'],
				properties: { contactid: { type: 'Edm.Guid' }, lastname: { type: 'Edm.String', required: true }, emailaddress1: { type: 'Edm.String' } },
				lookups: { parentcustomerid_account: { target: 'accounts', column: '_parentcustomerid_value' } },
			},
			{
				name: 'LedgerLines',
				entityType: 'LedgerLine',
				key: ['dataAreaId', 'JournalBatchNumber', 'LineNumber'],
				properties: {
					dataAreaId: { type: 'Edm.String', maxLength: 4 },
					JournalBatchNumber: { type: 'Edm.String' },
					LineNumber: { type: 'Edm.Decimal' },
					Text: { type: 'Edm.String' },
				},
			},
		],
		hooks: {
			authorize: (request): SandboxResponse | undefined =>
				request.headers.authorization === 'Bearer test-token' ? undefined : service.errorResponse(new ODataError(401, 'unauthorized', 'Authentication failed.')),
			actions: {
				Echo: ({ body }) => ({ status: 200, body: { echoed: body } }),
				NextNumber: () => ({ status: 200, body: { value: ++sequence.value } }),
			},
			functions: {
				WhoAmI: () => ({ status: 200, body: { UserId: '00000000-0000-4000-8000-0000000000aa' } }),
			},
			onWrite: (event) => writes.push(event),
			captureState: () => sequence.value,
			restoreState: (state) => {
				sequence.value = state as number;
			},
		},
	});
	const seed = async () => {
		for (let i = 1; i <= 7; i++) await service.insert('accounts', { name: `Account ${i}`, accountnumber: `ACC-${i}`, numberofemployees: i * 10 });
		await service.insert('accounts', { name: "O'Brien & Sons", accountnumber: "OB'1", numberofemployees: 5 });
	};
	const server = new SandboxServer({
		name: 'odata-test',
		reset: () => {
			service.clear();
			writes.length = 0;
			sequence.value = 0;
			void seed();
		},
		snapshot: () => ({}),
	});
	service.mount(server);
	return { server, service, writes, seed, sequence };
}
