/**
 * The Coupa node and sandbox against Coupa's own R39 Swagger (../shared/specs/coupa): every path and method the
 * node sends exists there, the paging and shaping parameters it sends are the ones declared, Mark Exported writes
 * declared attributes, and every attribute of every record the sandbox answers is declared on the resource's
 * definition with a matching type. Coupa's JSON renders decimals as text while the Swagger declares `number`:
 * decimal text is accepted there (and required of money by the node).
 */
import { readdirSync } from 'fs';

import { RESOURCES } from '../../nodes/Coupa/helpers/resources';
import type { CoupaResource, CoupaResourceName } from '../../nodes/Coupa/helpers/resources';
import { markExportedBody } from '../../nodes/Coupa/v1/actions/record/write.operation';
import { createCoupaSandbox } from '../../sandbox/coupa';
import { describeWithSpecs, readSpec, specsDir } from '../helpers/specs';

interface Swagger {
	paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; enum?: string[] }> }>>;
	definitions: Record<string, { properties: Record<string, { type?: string; $ref?: string; items?: unknown }> }>;
}

/** Attributes the sandbox adds beside the declared ones, each for a reason. */
const UNDECLARED = new Set([
	// Custom fields: Coupa renders an instance's custom fields under this key; they are per instance, not in the Swagger.
	'custom-fields',
]);

const DEFINITIONS: Record<string, { definition: string; lines?: [string, string] }> = {
	purchase_orders: { definition: 'OrderHeader', lines: ['order-lines', 'OrderLine'] },
	purchase_order_lines: { definition: 'OrderLine' },
	inventory_transactions: { definition: 'InventoryTransaction' },
	invoices: { definition: 'InvoiceHeader', lines: ['invoice-lines', 'InvoiceLine'] },
	suppliers: { definition: 'Supplier' },
	projects: { definition: 'Project' },
	expense_reports: { definition: 'ExpenseReport', lines: ['expense-lines', 'ExpenseLine'] },
	expense_lines: { definition: 'ExpenseLine' },
	exchange_rates: { definition: 'ExchangeRate' },
	lookup_values: { definition: 'LookupValue' },
	accounts: { definition: 'Account' },
	currencies: { definition: 'Currency' },
	users: { definition: 'User' },
};

describeWithSpecs('Coupa against its R39 Swagger', () => {
	let specs: Swagger[];
	beforeAll(() => {
		specs = readdirSync(`${specsDir()}/coupa`).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readSpec(`coupa/${f}`)) as Swagger);
	});
	const operationOf = (path: string, method: string) => specs.map((spec) => spec.paths[path]?.[method]).find(Boolean);
	const definition = (name: string) => specs.map((spec) => spec.definitions[name]).find(Boolean)!;

	it('declares every path and method the node sends', () => {
		const missing: string[] = [];
		for (const [name, resource] of Object.entries(RESOURCES) as Array<[CoupaResourceName, CoupaResource]>) {
			const need: Array<[string, string]> = [];
			if (resource.operations.includes('getMany')) need.push([`/${resource.path}`, 'get']);
			if (resource.operations.includes('get') || name === 'invoiceLine') need.push([`/${resource.path}/{id}`, 'get']);
			if (resource.operations.includes('create')) need.push([`/${resource.path}`, 'post']);
			if (resource.operations.includes('update') || resource.operations.includes('markExported')) need.push([`/${resource.path}/{id}`, 'put']);
			for (const [path, method] of need) if (!operationOf(path, method)) missing.push(`${method.toUpperCase()} ${path} (${name})`);
		}
		expect(missing).toEqual([]);
	});

	it('declares the paging and shaping parameters the node sends on every list', () => {
		for (const resource of Object.values(RESOURCES) as CoupaResource[]) {
			const parameters = operationOf(`/${resource.path}`, 'get')!.parameters ?? [];
			const names = parameters.map((p) => p.name);
			expect(names).toEqual(expect.arrayContaining(['limit', 'offset', 'order_by', 'dir', 'return_object']));
			expect(parameters.find((p) => p.name === 'return_object')!.enum).toEqual(expect.arrayContaining(['limited', 'shallow']));
		}
	});

	it('Mark Exported writes declared attributes (the ERP number of invoices and orders goes to a custom field)', () => {
		for (const [name, def] of [['expenseReport', 'ExpenseReport'], ['invoice', 'InvoiceHeader'], ['purchaseOrder', 'OrderHeader']] as const) {
			const resource = RESOURCES[name] as CoupaResource;
			const body = markExportedBody({ resourceName: name, resource, connection: { apiUrl: '', credentialType: '', rateKey: '' } }, 'VB-1', 'erp-document-number', '2026-05-01T00:00:00Z');
			const declared = Object.keys(definition(def).properties);
			expect(Object.keys(body).filter((key) => key !== 'custom-fields' && !declared.includes(key))).toEqual([]);
		}
	});

	it('answers with attributes declared on each resource, of the declared types', () => {
		const sandbox = createCoupaSandbox({ latencyMs: 0 });
		const problems: string[] = [];
		const check = (record: Record<string, unknown>, defName: string, where: string) => {
			const properties = definition(defName).properties;
			for (const [key, value] of Object.entries(record)) {
				if (UNDECLARED.has(key)) continue;
				const property = properties[key];
				if (!property) {
					problems.push(`${where}: ${key} is not declared on ${defName}`);
					continue;
				}
				if (value === null) continue;
				const ok =
					property.$ref !== undefined ? typeof value === 'object' && !Array.isArray(value)
					: property.type === 'array' ? Array.isArray(value)
					: property.type === 'boolean' ? typeof value === 'boolean'
					: property.type === 'integer' ? Number.isInteger(value)
					: property.type === 'number' ? typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))
					: property.type === 'string' ? typeof value === 'string'
					: true;
				if (!ok) problems.push(`${where}: ${key} is ${JSON.stringify(value)}, declared ${property.type ?? property.$ref}`);
			}
		};
		for (const [collection, { definition: defName, lines }] of Object.entries(DEFINITIONS)) {
			for (const record of sandbox.store.all(collection)) {
				check(record, defName, `${collection}/${String(record.id)}`);
				if (lines) for (const line of (record[lines[0]] as Array<Record<string, unknown>>) ?? []) check(line, lines[1], `${collection}/${String(record.id)}/${lines[0]}`);
			}
		}
		expect(problems).toEqual([]);
	});
});
