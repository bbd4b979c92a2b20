/**
 * Generates docs/canonical-model/: one JSON Schema per canonical entity (from the zod schemas) and the README
 * that describes each entity, the envelope and the vendor objects mapped to it.
 *
 *   npx tsx scripts/gen-canonical-docs.ts          write the files
 *   npx tsx scripts/gen-canonical-docs.ts --check  exit 1 when the committed files are out of date
 *
 * test/canonical/docs.test.ts runs the same comparison.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';

import { ENTITY_SCHEMAS, SCHEMA_VERSION, envelope, recordSchema } from '../lib/canonical';
import * as primitives from '../lib/canonical/primitives';
import { DAY_HOURS, DECIMAL, ISO_DATE, PERCENT, TIMESTAMP, UNSIGNED_DECIMAL } from '../lib/canonical/primitives';
import type { EntityName } from '../lib/canonical';
import { MAPPERS } from '../nodes/CanonicalTransform/mappers';
import { SCHEDULE_MAPPER, SCHEDULE_SOURCE_OBJECT, SCHEDULE_SOURCE_SYSTEM } from '../lib/revenue/canonicalSchedule';

/** Canonical records a node computes rather than maps from a vendor object. */
const COMPUTED: Partial<Record<EntityName, { by: string; system: string; object: string; mapper: string }>> = {
	revenueSchedule: { by: 'the Revenue Schedule node (Output Mode *Canonical Revenue Schedules*), one per performance obligation', system: SCHEDULE_SOURCE_SYSTEM, object: SCHEDULE_SOURCE_OBJECT, mapper: SCHEDULE_MAPPER },
};

export const DOCS_DIR = resolve(__dirname, '..', 'docs', 'canonical-model');

/** Entities with their own schema file (resourceRequest is documented inside assignment.schema.json). */
export const DOCUMENTED_ENTITIES = [
	'customer',
	'contract',
	'project',
	'resource',
	'assignment',
	'timeEntry',
	'expense',
	'milestone',
	'billingEvent',
	'invoice',
	'revenueSchedule',
	'journalEntry',
	'costCommitment',
	'supplierInvoice',
] as const;

const BASE_URL = 'https://github.com/n8n-nodes-planning-to-cash/n8n-nodes-planning-to-cash/blob/main/docs/canonical-model';

function jsonSchemaOf(entity: EntityName): Record<string, unknown> {
	const schema = zodToJsonSchema(recordSchema(entity), { $refStrategy: 'none', target: 'jsonSchema7' }) as Record<string, unknown>;
	const document: Record<string, unknown> = {
		$schema: schema.$schema,
		$id: `${BASE_URL}/${entity}.schema.json`,
		title: `Canonical ${entity} v${SCHEMA_VERSION}`,
		...schema,
	};
	if (entity === 'assignment') {
		document.definitions = {
			resourceRequest: {
				...(zodToJsonSchema(recordSchema('resourceRequest'), { $refStrategy: 'none', target: 'jsonSchema7' }) as Record<string, unknown>),
				$schema: undefined,
				title: `Canonical resourceRequest v${SCHEMA_VERSION}`,
			},
		};
	}
	return JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
}

type Shape = Record<string, z.ZodTypeAny>;

function unwrap(schema: z.ZodTypeAny): { inner: z.ZodTypeAny; optional: boolean } {
	let current = schema;
	let optional = false;
	for (;;) {
		if (current instanceof z.ZodOptional) {
			optional = true;
			current = current.unwrap();
		} else if (current instanceof z.ZodEffects) {
			current = current.innerType();
		} else {
			return { inner: current, optional };
		}
	}
}

const PATTERN_LABELS: Array<[RegExp, string]> = [
	[ISO_DATE, 'date'],
	[DAY_HOURS, 'hours 0–24 (decimal string)'],
	[PERCENT, 'percent 0–100 (decimal string)'],
	[TIMESTAMP, 'timestamp'],
	[UNSIGNED_DECIMAL, 'decimal string ≥ 0'],
	[DECIMAL, 'decimal string'],
];

/** Descriptions the building blocks carry; the type column already says them. */
const GENERIC_DESCRIPTIONS = new Set(
	[primitives.ref, primitives.money, primitives.rate, primitives.isoDate, primitives.timestamp, primitives.decimal, primitives.hours, primitives.dayHours, primitives.percent, primitives.currencyCode, primitives.enterpriseId]
		.map((schema) => (schema.description ?? '').replace(/\|/g, '\\|')),
);

function keysOf(schema: z.ZodTypeAny): string {
	return schema instanceof z.ZodObject ? Object.keys(schema.shape as Shape).sort().join(',') : '';
}

function typeLabel(schema: z.ZodTypeAny): string {
	const { inner } = unwrap(schema);
	const keys = keysOf(inner);
	if (keys === 'amount,currency') return 'money';
	if (keys === 'amount,currency,unit') return 'rate';
	if (keys === 'enterpriseId,id,name') return 'reference';
	if (inner instanceof z.ZodEnum && (inner.options as string[]).includes('USD')) return 'currency code';
	if (inner instanceof z.ZodEnum) return (inner.options as string[]).map((option) => `\`${option}\``).join(' \\| ');
	if (inner instanceof z.ZodArray) return `list of ${typeLabel(inner.element)}`;
	if (inner instanceof z.ZodObject) return 'object';
	if (inner instanceof z.ZodRecord) return 'map of custom values';
	if (inner instanceof z.ZodBoolean) return 'boolean';
	if (inner instanceof z.ZodNumber) return 'integer';
	if (inner instanceof z.ZodLiteral) return `\`${String(inner.value)}\``;
	if (inner instanceof z.ZodString) {
		const checks = (inner._def.checks ?? []) as Array<{ kind: string; regex?: RegExp }>;
		for (const check of checks) {
			if (check.kind !== 'regex' || !check.regex) continue;
			const label = PATTERN_LABELS.find(([pattern]) => pattern.source === check.regex?.source)?.[1];
			if (label) return label;
			if (check.regex.source.startsWith('^ent-')) return 'enterprise id';
		}
		if (/currency code/.test(schema.description ?? inner.description ?? '')) return 'currency code';
	}
	return 'text';
}

function fieldRows(shape: Shape, prefix = ''): string[] {
	const rows: string[] = [];
	for (const [name, schema] of Object.entries(shape)) {
		const { inner, optional } = unwrap(schema);
		const description = (schema.description ?? inner.description ?? '').replace(/\|/g, '\\|');
		const label = typeLabel(schema);
		const notes = GENERIC_DESCRIPTIONS.has(description) ? '' : description;
		rows.push(`| \`${prefix}${name}\` | ${label} | ${optional ? '' : 'yes'} | ${notes} |`);
		if (label === 'object' && inner instanceof z.ZodObject) rows.push(...fieldRows(inner.shape as Shape, `${prefix}${name}.`));
		if (inner instanceof z.ZodArray) {
			const element = unwrap(inner.element).inner;
			if (element instanceof z.ZodObject && !['money', 'rate', 'reference'].includes(typeLabel(element))) {
				rows.push(...fieldRows(element.shape as Shape, `${prefix}${name}[].`));
			}
		}
	}
	return rows;
}

function entitySection(entity: EntityName): string {
	const schema = ENTITY_SCHEMAS[entity] as unknown as z.ZodObject<Shape>;
	const mappings = MAPPERS.filter((mapper) => mapper.entity === entity);
	const file = entity === 'resourceRequest' ? 'assignment.schema.json (definitions.resourceRequest)' : `${entity}.schema.json`;
	const schemaLink = entity === 'resourceRequest' ? '[assignment.schema.json](assignment.schema.json)' : `[${entity}.schema.json](${entity}.schema.json)`;
	return [
		`## ${entity}`,
		'',
		schema.description ?? '',
		'',
		`JSON Schema: ${schemaLink}${file.includes('definitions') ? ' (under `definitions.resourceRequest`)' : ''}. ` +
			`Vendor objects: ${mappings.length > 0 ? mappings.map((mapper) => `${mapper.system} \`${mapper.object}\``).join(', ') : 'none yet'}.` +
			(COMPUTED[entity] ? ` Computed by ${COMPUTED[entity].by}.` : ''),
		'',
		'| Field | Type | Required | Notes |',
		'| --- | --- | --- | --- |',
		...fieldRows(schema.shape),
		'',
	].join('\n');
}

function readme(): string {
	const entities = Object.keys(ENTITY_SCHEMAS) as EntityName[];
	const mappingRows = MAPPERS.map(
		(mapper) => `| ${mapper.system} | \`${mapper.object}\` | \`${mapper.entity}\` | \`${mapper.system}.${mapper.object}@${mapper.version}\` |`,
	);
	return [
		'# Canonical planning-to-cash model, version 1',
		'',
		'<!-- Generated by `npx tsx scripts/gen-canonical-docs.ts` from lib/canonical; do not edit by hand. -->',
		'',
		'One shape per planning-to-cash concept, whatever CRM, PSA, HCM or ERP a record comes from. The zod schemas in',
		'`lib/canonical/` are the source of truth; the JSON Schema files here are generated from them. The Canonical',
		'Transform node (`canonicalTransform`) converts vendor records to and from this model and validates it.',
		'',
		'## Record shape',
		'',
		'A canonical record is `{ envelope, <entity>: data }`, e.g. `{ envelope: {…}, timeEntry: { date, hours, … } }`.',
		'Field paths in problems and in field-mapping overrides start with the entity name: `timeEntry.hours`,',
		'`project.practice`. Paths into the original vendor payload start with `payload.`.',
		'',
		'### Envelope',
		'',
		'| Field | Type | Required | Notes |',
		'| --- | --- | --- | --- |',
		...fieldRows(envelope.shape as unknown as Shape),
		'',
		'- **enterpriseId** — `ent-<entity>-<32 hex>`: the first 32 hex digits of SHA-256 over the canonical JSON of',
		'  `{entity, system, id}` of the record where it was first seen. A record this package creates in another system',
		'  carries that origin as its external id, and mappings read it back, so one customer has one enterprise id in',
		'  every system: in NetSuite the external id is `SF-<Salesforce id>` for records created from Salesforce (the',
		'  convention of the opportunity-to-project template) and the enterprise id itself for other sources; in',
		'  Salesforce an External ID field `Enterprise_Id__c` holds it. Other external ids (a legacy `CID-00017`) are',
		'  kept in `envelope.source.externalId` but are not identities. References are `{ id, name, enterpriseId }` in',
		'  the source system; Salesforce references carry the enterprise id of the record they point to (records',
		'  originate there), NetSuite references do not (the referenced record’s identity may come from its external',
		'  id, which a reference does not show): join those by source system and id.',
		'- **idempotencyKey** — SHA-256 (64 hex digits) of the canonical JSON (keys sorted) of source system, object,',
		'  id, entity and the posting-relevant content: the entity data without display names of references and',
		'  without fields that do not change a posting (an invoice’s status, payments and amounts paid; a time entry’s',
		'  timesheet and posted flag; an expense report’s status label; a billing event’s invoice). Same record and',
		'  content give the same key on every run and machine; key order, correlation ids, timestamps and lineage do',
		'  not change it; any posted value does. `validate` and `fromCanonical` reject a record whose content no longer',
		'  matches its key (option *Check Idempotency Key*).',
		'- **correlationId** — carried from the input item (or new), 1–128 header-safe characters, sent by every vendor',
		'  node as `X-Correlation-Id`.',
		'- **lineage** — where the record came from and what touched it: `extract` (source system, object, id,',
		'  modified time), `map` (mapper and version), `override` (per-run field overrides applied), `render`',
		'  (fromCanonical).',
		'',
		'### Values',
		'',
		'- **Money** is `{ amount, currency }`: `amount` an exact decimal string with at most the currency’s ISO 4217',
		'  minor-unit decimals (JPY 0, USD 2, KWD 3, CLF 4; table in `lib/money/currencies.ts`), e.g. `"1250.00"` USD,',
		'  `"84931"` JPY, `"84.931"` KWD. Sums are checked in integer minor units, never floating point. Rates add',
		'  `unit` (`hour` or `day`). JSON Schema cannot express the minor-unit rule; `validate` checks it.',
		'- **Dates** are ISO calendar dates `YYYY-MM-DD`; **timestamps** carry their zone (`Z` or `±hh:mm`).',
		'- **Hours, quantities and percentages** are exact decimal strings (`"7.5"`). NetSuite durations `7:30` become',
		'  `"7.5"`; a duration that is not an exact decimal (7:20) is an exception rather than a rounded number.',
		'- **Cross-field rules** (checked by `validate`): lines sum exactly to totals (contract, expense, invoice,',
		'  revenue schedule), invoice total = subtotal + discounts + tax + shipping, amount due = total − paid, journal',
		'  lines have one side each and balance, end dates are not before start dates, line currencies match the',
		'  header.',
		'- **Unknown fields**: every object is closed (`additionalProperties: false`). In the node’s *lenient* mode extra',
		'  fields are kept and ignored; in *strict* mode they are exceptions, and so are vendor fields no mapping reads',
		'  (e.g. an unmapped `custentity_…` or `Practice__c`) unless a field-mapping override maps them.',
		'',
		'## Vendor mappings',
		'',
		'| System | Object | Canonical entity | Mapper |',
		'| --- | --- | --- | --- |',
		...mappingRows,
		...Object.entries(COMPUTED).map(([entity, computed]) => `| ${computed.system} (computed) | \`${computed.object}\` | \`${entity}\` | \`${computed.mapper}\` |`),
		'',
		'NetSuite notes: records are recognised by the record type in their `links` self href. Sublists must be read with',
		'*Expand Sub-Resources* (a sublist that came as a link only is reported). Records rendered from another system are keyed for upsert by external id (`PUT …/eid:<externalId>`),',
		'and their references use the referenced records’ external ids. A job’s WBS comes from its projectTask records',
		'attached under `projectTasks` (array or `{ items }`). NetSuite references currencies by internal id, which',
		'only the account knows: rendered records',
		'carry `currency: { refName: "<ISO code>" }` for the NetSuite node to resolve, and reading a currency whose name',
		'is not an ISO code needs the *Default Currency* option. Time bills carry no currency at all (their rate is in',
		'the project’s currency): set *Default Currency*. Status lists are read by label first; the internal-id tables',
		'used when a record has no `refName` are NetSuite’s defaults and should be checked per account.',
		'',
		'Salesforce notes: records are recognised by `attributes.type`, or, when the attributes were stripped (as the',
		'Salesforce node does), by the key prefix of their Id (`001` Account, `006` Opportunity, `800` Contract).',
		'`CurrencyIsoCode` exists only in multi-currency orgs; otherwise *Default Currency* applies.',
		'Opportunity line items come from the `OpportunityLineItems` child relationship (`{ records: [...] }`). A',
		'reference to a record from another system is rendered as `Account: { Enterprise_Id__c: … }` (upsert by',
		'external id), so the org needs that External ID field for cross-system writes.',
		'',
		'## Entities',
		'',
		...entities.map(entitySection),
	].join('\n');
}

/** Every generated file, by name, with its exact content. */
export function renderCanonicalDocs(): Map<string, string> {
	const files = new Map<string, string>();
	for (const entity of DOCUMENTED_ENTITIES) files.set(`${entity}.schema.json`, `${JSON.stringify(jsonSchemaOf(entity), null, '\t')}\n`);
	files.set('README.md', readme());
	return files;
}

/** Names of generated files that are missing or differ from what the schemas produce. */
export function staleCanonicalDocs(dir = DOCS_DIR): string[] {
	const stale: string[] = [];
	for (const [name, content] of renderCanonicalDocs()) {
		const path = join(dir, name);
		if (!existsSync(path) || readFileSync(path, 'utf8') !== content) stale.push(name);
	}
	return stale;
}

if (require.main === module) {
	if (process.argv.includes('--check')) {
		const stale = staleCanonicalDocs();
		if (stale.length > 0) {
			console.error(`Out of date: ${stale.join(', ')}. Run npx tsx scripts/gen-canonical-docs.ts`);
			process.exit(1);
		}
		console.log('docs/canonical-model is up to date');
	} else {
		mkdirSync(DOCS_DIR, { recursive: true });
		for (const [name, content] of renderCanonicalDocs()) writeFileSync(join(DOCS_DIR, name), content);
		console.log(`Wrote ${renderCanonicalDocs().size} files to ${DOCS_DIR}`);
	}
}
