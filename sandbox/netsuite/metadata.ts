/**
 * The metadata catalog's JSON Schema for one record type (`GET /services/rest/record/v1/metadata-catalog/<type>`
 * with `Accept: application/schema+json`), derived from the sandbox's own record schema (schema.ts), so what
 * the catalog describes is what the record service accepts. Shape as NetSuite sends it: `type: object`,
 * `properties` keyed by REST field name (title, type, format, nullable, readOnly), references as objects with
 * `id` / `refName` / `externalId`, selects with their ids as `enum`, sublists as `{ items: [...] }`, plus the
 * root `x-ns-filterable` list and `required`.
 */
import type { SandboxRequest, SandboxResponse } from '../core/server';
import { RecordError } from './errors';
import { schemaFor } from './schema';
import type { FieldKind, RecordSchema } from './schema';

export const SCHEMA_CONTENT_TYPE = 'application/schema+json';

type JsonSchema = Record<string, unknown>;

/** `companyName` → "Company Name": the sandbox keeps labels only for required fields. */
function titleOf(name: string): string {
	const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

const LINKS: JsonSchema = {
	title: 'Links',
	type: 'array',
	readOnly: true,
	items: { type: 'object', properties: { rel: { type: 'string' }, href: { type: 'string', format: 'uri' } } },
};

function propertyOf(kind: FieldKind, title: string): JsonSchema {
	switch (kind.kind) {
		case 'string':
			return { title, type: 'string', nullable: true };
		case 'number':
			return { title, type: 'number', format: 'double', nullable: true };
		case 'boolean':
			return { title, type: 'boolean', nullable: true };
		case 'date':
			return { title, type: 'string', format: 'date', nullable: true };
		case 'datetime':
			return { title, type: 'string', format: 'date-time', nullable: true };
		case 'ref':
			return {
				title,
				type: 'object',
				nullable: true,
				'x-ns-referenced-types': kind.to,
				properties: {
					id: { title: 'Internal identifier', type: 'string' },
					refName: { title: 'Reference Name', type: 'string', readOnly: true },
					externalId: { title: 'External identifier', type: 'string' },
					links: LINKS,
				},
			};
		case 'enum':
			return {
				title,
				type: 'object',
				nullable: true,
				properties: {
					id: { title: 'Internal identifier', type: 'string', enum: Object.keys(kind.values) },
					refName: { title: 'Reference Name', type: 'string', readOnly: true },
				},
			};
		case 'sublist':
			return {
				title,
				type: 'object',
				properties: {
					links: LINKS,
					totalResults: { type: 'integer', format: 'int64', readOnly: true },
					items: {
						type: 'array',
						items: {
							type: 'object',
							properties: Object.fromEntries(Object.entries(kind.fields).map(([name, field]) => [name, propertyOf(field, titleOf(name))])),
							required: kind.required,
						},
					},
				},
			};
	}
}

/** The catalog entry for one record type. */
export function recordTypeSchema(schema: RecordSchema): JsonSchema {
	const labels = new Map(schema.required);
	const properties: Record<string, JsonSchema> = {
		links: LINKS,
		id: { title: 'Internal ID', type: 'string', readOnly: true },
		refName: { title: 'Reference Name', type: 'string', readOnly: true },
	};
	for (const [name, kind] of Object.entries(schema.fields)) {
		const property = propertyOf(kind, labels.get(name) ?? titleOf(name));
		if (schema.readOnly.includes(name)) property.readOnly = true;
		properties[name] = property;
	}
	return {
		type: 'object',
		title: titleOf(schema.type),
		'x-ns-type': schema.type,
		properties,
		required: schema.required.map(([name]) => name),
		// SuiteQL/search can filter on the scalar fields and references (not on sublists).
		'x-ns-filterable': Object.entries(schema.fields)
			.filter(([, kind]) => kind.kind !== 'sublist')
			.map(([name]) => name),
	};
}

/**
 * `GET /services/rest/record/v1/metadata-catalog/:type`. The sandbox serves the JSON Schema variant only;
 * a request for the OpenAPI variant (`application/swagger+json`) is refused in plain words.
 */
export function metadataCatalogResponse(request: SandboxRequest): SandboxResponse {
	const accept = (request.headers.accept ?? '').toLowerCase();
	if (!accept.includes(SCHEMA_CONTENT_TYPE)) {
		throw new RecordError(
			400,
			'INVALID_HEADER',
			`The NetSuite sandbox serves the metadata catalog as JSON Schema only: send Accept: ${SCHEMA_CONTENT_TYPE}.`,
			undefined,
			{ 'o:errorHeader': 'Accept' },
		);
	}
	const schema = schemaFor(request.params.type);
	if (!schema) throw new RecordError(404, 'NONEXISTENT_ID', `Record type '${request.params.type}' does not exist.`);
	return { status: 200, headers: { 'Content-Type': `${SCHEMA_CONTENT_TYPE}; charset=UTF-8` }, body: recordTypeSchema(schema) };
}
