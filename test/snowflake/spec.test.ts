/**
 * The node's requests and the sandbox's answers against Snowflake's official SQL API v2 OpenAPI
 * (../shared/specs/snowflake/sqlapi.yaml): paths and methods, request body fields, query parameters, and the
 * ResultSet / QueryStatus / QueryFailureStatus / CancelStatus schemas of each answer.
 */
import { parse } from 'yaml';

import { canonicalTimeEntry } from './fixtures';
import { snowflakeNode, useSnowflakeSandbox, workflow } from './helpers';
import { describeWithSpecs, readSpec } from '../helpers/specs';

const suite = useSnowflakeSandbox();

interface SchemaNode {
	type?: string;
	required?: string[];
	properties?: Record<string, SchemaNode>;
	items?: SchemaNode;
	enum?: unknown[];
	nullable?: boolean;
	minimum?: number;
}

/** The OpenAPI 3.0 subset sqlapi.yaml uses (type, required, properties, items, enum, nullable, minimum): where a value breaks it. */
function schemaProblems(schema: SchemaNode, value: unknown, path: string): string[] {
	if (value === null) return schema.nullable ? [] : [`${path}: null is not allowed`];
	const problems: string[] = [];
	const type = schema.type;
	const actual = Array.isArray(value) ? 'array' : typeof value;
	if (type === 'integer' ? !Number.isInteger(value) : type !== undefined && type !== actual) return [`${path}: ${JSON.stringify(value)} is not ${type}`];
	if (schema.enum && !schema.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
	if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum) problems.push(`${path}: below ${schema.minimum}`);
	if (actual === 'object') {
		const record = value as Record<string, unknown>;
		for (const name of schema.required ?? []) if (!(name in record)) problems.push(`${path}.${name}: required`);
		for (const [name, child] of Object.entries(schema.properties ?? {})) if (name in record) problems.push(...schemaProblems(child, record[name], `${path}.${name}`));
	}
	if (actual === 'array' && schema.items) (value as unknown[]).forEach((entry, index) => problems.push(...schemaProblems(schema.items!, entry, `${path}[${index}]`)));
	return problems;
}

type Spec = { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, object>; parameters: Record<string, { name: string; in: string }> } };

describeWithSpecs('Snowflake SQL API v2: node and sandbox against sqlapi.yaml', () => {
	let spec: Spec;
	beforeAll(() => {
		spec = parse(readSpec('snowflake/sqlapi.yaml')) as Spec;
	});
	const check = (schema: string, body: unknown) => schemaProblems(spec.components.schemas[schema] as SchemaNode, body, schema);
	/** Spec path template matching a request path, e.g. /api/v2/statements/{statementHandle}. */
	const specPathOf = (path: string) => Object.keys(spec.paths).find((template) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
	const queryNamesOf = (template: string) => (spec.paths[template].parameters as Array<{ $ref: string }>).map((p) => spec.components.parameters[p.$ref.split('/').pop()!]).filter((p) => p.in === 'query').map((p) => p.name);

	it('every request the node sends (submit, 202 polling, partitions) is a documented path, method, query parameter and body field', async () => {
		suite.sandbox.settings.statementDelayMs = 200;
		suite.sandbox.settings.syncWindowMs = 10;
		suite.sandbox.settings.partitionRows = 2;
		const replicate = snowflakeNode({ resource: 'canonicalRecord', operation: 'replicate' });
		const records = ['PSA-TE-1001', 'PSA-TE-1002', 'PSA-TE-1003'].map((id) => canonicalTimeEntry(id, { modifiedAt: '2026-01-16T17:02:00Z' }));
		expect((await suite.run(workflow(records, replicate))).error).toBeUndefined();
		const select = snowflakeNode({ resource: 'statement', operation: 'execute', statement: 'SELECT "SOURCE_ID", "HOURS", "DATE", "SOURCE_MODIFIED_AT", "RESOURCE" FROM "CANONICAL_TIME_ENTRY" ORDER BY 1' }, { name: 'Select' });
		const read = await suite.run(workflow([{}], select));
		expect(read.output('Select').map((r) => [r.SOURCE_ID, r.HOURS, r.DATE, r.SOURCE_MODIFIED_AT])).toEqual([
			['PSA-TE-1001', '7.500000000', '2026-01-13', '2026-01-16T17:02:00Z'],
			['PSA-TE-1002', '8.500000000', '2026-01-14', '2026-01-16T17:02:00Z'],
			['PSA-TE-1003', '2.000000000', '2026-01-14', '2026-01-16T17:02:00Z'],
		]);
		const requests = suite.sandbox.requests;
		expect(requests.some((r) => r.status === 202)).toBe(true);
		expect(requests.some((r) => new URLSearchParams(r.query).get('partition') === '1')).toBe(true);
		const bodyFields = Object.keys(spec.paths['/api/v2/statements'].post.requestBody.content['application/json'].schema.properties);
		for (const request of requests) {
			const template = specPathOf(request.path);
			expect(template).toBeDefined();
			expect(spec.paths[template!][request.method.toLowerCase()]).toBeDefined();
			// retry=true on a resend is documented on docs.snowflake.com (not in this OpenAPI file).
			for (const name of new URLSearchParams(request.query).keys()) expect([...queryNamesOf(template!), 'retry']).toContain(name);
			expect(request.headers['user-agent']).toBeTruthy();
			if (request.method === 'POST' && template === '/api/v2/statements') {
				for (const field of Object.keys(request.body as object)) expect(bodyFields).toContain(field);
				expect(typeof (request.body as { statement: unknown }).statement).toBe('string');
			}
		}
	});

	it('the sandbox answers with the spec\'s schemas: ResultSet, QueryStatus (202), QueryFailureStatus (422), CancelStatus', async () => {
		const run = suite.sandbox.startStatement('SELECT "EXTERNAL_ID", "BILL_RATE", "HIRE_DATE" FROM "FIRM_PEOPLE"', undefined, 'P2C_ANALYTICS', 'REFERENCE', '11111111-2222-4333-8444-555555555555', 60);
		expect(check('QueryStatus', suite.sandbox.answer(run).body)).toEqual([]);
		await run.done;
		const ok = suite.sandbox.answer(run);
		expect(ok.status).toBe(200);
		expect(check('ResultSet', ok.body)).toEqual([]);
		expect((ok.body as { resultSetMetaData: { rowType: Array<{ type: string }> } }).resultSetMetaData.rowType.map((c) => c.type)).toEqual(['text', 'fixed', 'date']);
		const failed = suite.sandbox.startStatement('SELECT * FROM "NOPE"', undefined, 'P2C_ANALYTICS', 'REFERENCE', '11111111-2222-4333-8444-666666666666', 60);
		await failed.done;
		const failure = suite.sandbox.answer(failed);
		expect(failure.status).toBe(422);
		expect(check('QueryFailureStatus', failure.body)).toEqual([]);
		suite.sandbox.settings.statementDelayMs = 5_000;
		const slow = suite.sandbox.startStatement('SELECT 1', undefined, 'P2C_ANALYTICS', 'REFERENCE', '11111111-2222-4333-8444-777777777777', 60);
		const response = await fetch(`${suite.baseUrl}/api/v2/statements/${slow.handle}/cancel`, { method: 'POST', headers: await authHeaders() });
		expect(response.status).toBe(200);
		expect(check('CancelStatus', await response.json())).toEqual([]);
	});
});

async function authHeaders(): Promise<Record<string, string>> {
	const { keyPairJwt } = await import('../../nodes/Snowflake/transport/auth');
	const { snowflakeSandboxKeyPairCredentials } = await import('../../sandbox/snowflake');
	return { Authorization: `Bearer ${keyPairJwt(snowflakeSandboxKeyPairCredentials(''))}`, 'X-Snowflake-Authorization-Token-Type': 'KEYPAIR_JWT', 'User-Agent': 'jest' };
}
