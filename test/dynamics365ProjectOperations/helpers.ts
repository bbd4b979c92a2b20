/**
 * A Dataverse-shaped sandbox with only the Project Operations module on the OData core (accounts, contacts
 * and system users as bare tables), for the module's HTTP tests; the full Dataverse sandbox composes the
 * same module with Sales.
 */
import { SandboxServer } from '../../sandbox/core/server';
import { ODataService, standardDialect } from '../../sandbox/odata';
import type { ODataDialect, ODataEntitySetDefinition, ODataServiceHooks } from '../../sandbox/odata';
import { registerProjectOperations } from '../../sandbox/dataverse/projectOperations';
import type { ProjectOperationsModule } from '../../sandbox/dataverse/projectOperations';

export const ROOT = '/api/data/v9.2';

const dialect: ODataDialect = {
	...standardDialect,
	name: 'dataverse',
	namespace: 'Microsoft.Dynamics.CRM',
	allowSkip: false,
	patchUpserts: true,
	defaultPageSize: 5000,
	maxPageSize: 5000,
	errorCode: (kind) => ({ notFound: '0x80040217', duplicateKey: '0x80040237', readOnlyProperty: '0x80040203', validation: '0x80040265' })[kind as string] ?? '0x80060888',
	errorBody: (error, code) => ({ error: { code, message: error.message } }),
};

const bare = (name: string, entityType: string): ODataEntitySetDefinition => ({ name, entityType, key: [`${entityType}id`], properties: { [`${entityType}id`]: { type: 'Edm.Guid' }, name: { type: 'Edm.String' } } });

export interface ProjectOperationsSandbox {
	server: SandboxServer;
	service: ODataService;
	module: ProjectOperationsModule;
	url: string;
	stop(): Promise<void>;
}

export async function startProjectOperationsSandbox(): Promise<ProjectOperationsSandbox> {
	const registry = { sets: [bare('accounts', 'account'), bare('contacts', 'contact'), bare('systemusers', 'systemuser')], hooks: {} as ODataServiceHooks };
	const module = registerProjectOperations(registry, { executionDelayMs: 60_000 });
	const service = new ODataService({ root: ROOT, dialect, sets: registry.sets, hooks: registry.hooks });
	const seed = async () => {
		const account = await service.insert('accounts', { name: 'Acme Manufacturing Inc.' });
		await module.seed(service, (name) => (name === account.name ? String(account.accountid) : undefined));
	};
	const server = new SandboxServer({ name: 'dataverse-projectoperations', reset: () => undefined, snapshot: () => ({}) });
	service.mount(server);
	await seed();
	const url = await server.start(0);
	return { server, service, module, url: `${url}${ROOT}`, stop: () => server.stop() };
}

/** An unsigned token with the claims the module reads (the real server verifies signatures first). */
export function token(claims: Record<string, unknown>): string {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${part({ alg: 'none' })}.${part(claims)}.x`;
}

export const USER_TOKEN = token({ oid: '11111111-1111-4111-8111-111111111111', scp: 'user_impersonation' });
export const APP_TOKEN = token({ oid: '22222222-2222-4222-8222-222222222222', roles: [], idtyp: 'app' });

export async function call(url: string, method: string, path: string, body?: unknown, bearer = USER_TOKEN): Promise<{ status: number; body: any; headers: Headers }> {
	const response = await fetch(`${url}/${path}`, {
		method,
		headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', Accept: 'application/json', 'OData-Version': '4.0' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}
