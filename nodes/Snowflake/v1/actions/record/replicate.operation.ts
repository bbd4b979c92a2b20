import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ENTITY_NAMES, isEntityName, validateCanonical } from '../../../../../lib/canonical';
import type { EntityName } from '../../../../../lib/canonical';
import { InvalidInputError } from '../../../../shared/kit';
import { outcomesToItems } from '../../../../shared/kit/outcomes';
import type { ItemOutcome } from '../../../../shared/kit/outcomes';
import { isCanonicalException } from '../../../../shared/canonicalOutput';
import { columnNameOf, entityColumns } from '../../../helpers/columns';
import { createTableStatement, mergeOutcome, mergeStatement, rowValuesOf, storedVersionsStatement } from '../../../helpers/statements';
import type { RowValues, VersionFrom } from '../../../helpers/statements';
import { executeStatement, IDENTIFIER } from '../../../transport';
import type { StatementBuilder } from '../../../transport';
import type { SnowflakeOperationContext } from '../common';
import { executeOptions, submitRequestId } from '../common';

export const DEFAULT_TABLE_PREFIX = 'CANONICAL_';
export const DEFAULT_BATCH_SIZE = 200;
export const MAX_BATCH_SIZE = 1_000;

const properties: INodeProperties[] = [
	{
		displayName: 'Entity',
		name: 'entity',
		type: 'options',
		options: [
			{ name: 'From Each Record (Envelope.entity)', value: 'auto', description: 'Each record goes to the table of its own entity' },
			...ENTITY_NAMES.map((entity) => ({ name: entity.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()), value: entity })),
		],
		default: 'auto',
		description: 'The canonical entity of the input records (Output: Canonical of a vendor node, or the Canonical Transform node)',
	},
	{
		displayName: 'Table',
		name: 'table',
		type: 'string',
		default: '',
		placeholder: 'CANONICAL_TIME_ENTRY',
		description: 'Target table (letters, digits, _ and $; created if missing); empty for the table prefix + the entity (CANONICAL_TIME_ENTRY)',
		displayOptions: { hide: { entity: ['auto'] } },
	},
	{
		displayName: 'Options',
		name: 'replicateOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
				default: DEFAULT_BATCH_SIZE,
				description: 'Records per MERGE statement',
			},
			{
				displayName: 'Table Prefix',
				name: 'tablePrefix',
				type: 'string',
				default: DEFAULT_TABLE_PREFIX,
				description: 'Prefix of the table named after each entity (CANONICAL_ + TIME_ENTRY)',
			},
			{
				displayName: 'Version From',
				name: 'versionFrom',
				type: 'options',
				options: [
					{ name: 'Source Modified At', value: 'modifiedAt', description: 'Envelope.source.modifiedAt: a later change replaces an earlier one' },
					{ name: 'Source Version (Whole Number)', value: 'sourceVersion', description: 'Envelope.source.version as an integer (a row version or sequence number)' },
				],
				default: 'modifiedAt',
				description: 'What makes one version of a record newer than another; an older or equal version never replaces the stored row',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['canonicalRecord'], operation: ['replicate'] } }, properties);

interface Pending {
	itemIndex: number;
	entity: EntityName;
	table: string;
	enterpriseId: string;
	idempotencyKey: string;
	row: RowValues;
}

function tableFor(entity: EntityName, explicit: string, prefix: string): string {
	const table = explicit.trim() || `${prefix.trim()}${columnNameOf(entity)}`;
	if (!IDENTIFIER.test(table)) {
		throw new InvalidInputError(explicit.trim() ? 'table' : 'tablePrefix', `${explicit.trim() ? 'table' : 'tablePrefix'}: "${table.slice(0, 60)}" is not a valid table name (letters, digits, _ and $, starting with a letter or _)`);
	}
	return table;
}

/**
 * Creates each entity's table if it is missing, then MERGEs the records by enterprise id in batches. Every
 * item comes out once: inserted, updated, unchanged (a replay: the stored row is as new), olderVersion (a newer
 * version is stored; nothing written), supersededInBatch (a newer version of the same record came in the same
 * run), or an error naming the field that cannot be stored.
 */
export async function execute(this: IExecuteFunctions, op: SnowflakeOperationContext): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const outcomes = new Map<number, ItemOutcome>();
	const byTable = new Map<string, { entity: EntityName; rows: Pending[] }>();
	const chosen = this.getNodeParameter('entity', 0, 'auto') as string;
	const options = this.getNodeParameter('replicateOptions', 0, {}) as IDataObject;
	const versionFrom = (options.versionFrom as VersionFrom | undefined) ?? 'modifiedAt';
	const batchSize = Math.min(Math.max(Math.floor(Number(options.batchSize ?? DEFAULT_BATCH_SIZE)), 1), MAX_BATCH_SIZE);
	const prefix = String(options.tablePrefix ?? DEFAULT_TABLE_PREFIX);
	const explicitTable = chosen === 'auto' ? '' : (this.getNodeParameter('table', 0, '') as string);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const record = items[itemIndex].json;
		try {
			if (isCanonicalException(record)) throw new InvalidInputError('problems', 'problems: the item is a canonical exception (a record that could not be mapped), not a canonical record; route it to the exception queue');
			const declared = (record.envelope as IDataObject | undefined)?.entity;
			const entity = chosen === 'auto' ? declared : chosen;
			if (!isEntityName(entity)) throw new InvalidInputError('envelope.entity', `envelope.entity: ${declared === undefined ? 'is missing' : `"${String(declared)}" is not a canonical entity`}; the input must be canonical records`);
			const validation = validateCanonical(entity, record, { unknownFields: 'lenient', verifyIdempotencyKey: false });
			if (!validation.valid) {
				const first = validation.problems[0];
				throw new InvalidInputError(first.path, `${first.path}: ${first.reason}${validation.problems.length > 1 ? ` (and ${validation.problems.length - 1} more problems)` : ''}`);
			}
			const columns = entityColumns(entity);
			const row = rowValuesOf(record, columns, versionFrom);
			if ('reason' in row) throw new InvalidInputError(row.field, `${row.field}: ${row.reason}`);
			const table = tableFor(entity, explicitTable, prefix);
			const envelope = record.envelope as IDataObject;
			const group = byTable.get(table) ?? { entity, rows: [] };
			if (group.entity !== entity) throw new InvalidInputError('table', `table: ${table} holds ${group.entity} records; a ${entity} cannot go there too`);
			group.rows.push({ itemIndex, entity, table, enterpriseId: String(envelope.enterpriseId), idempotencyKey: String(envelope.idempotencyKey), row });
			byTable.set(table, group);
		} catch (error) {
			outcomes.set(itemIndex, { error: error as Error });
		}
	}

	for (const [table, group] of byTable) {
		const columns = entityColumns(group.entity);
		const run = async (builder: StatementBuilder, unit: string, itemIndex?: number) =>
			await executeStatement(this, op.connection, { statement: builder.statement, bindings: builder.bindings, timeout: op.timeout }, executeOptions(op, submitRequestId(this, unit, builder.statement, builder.bindings), { itemIndex }));
		try {
			await run(createTableStatement(table, columns), `create:${table}`);
		} catch (error) {
			for (const pending of group.rows) outcomes.set(pending.itemIndex, { error: error as Error });
			continue;
		}
		// One row per record in a MERGE (Snowflake refuses a MERGE that would touch a row twice): the newest wins.
		const newest = new Map<string, Pending>();
		for (const pending of group.rows) {
			const seen = newest.get(pending.enterpriseId);
			const newer = !seen || (pending.row.version !== null && (seen.row.version === null || pending.row.version >= seen.row.version));
			if (newer) {
				if (seen) outcomes.set(seen.itemIndex, { json: { enterpriseId: seen.enterpriseId, table, outcome: 'supersededInBatch', reason: `envelope.enterpriseId: item ${pending.itemIndex} carries the same record in a newer or equal version` } });
				newest.set(pending.enterpriseId, pending);
			} else {
				outcomes.set(pending.itemIndex, { json: { enterpriseId: pending.enterpriseId, table, outcome: 'supersededInBatch', reason: `envelope.enterpriseId: item ${seen.itemIndex} carries the same record in a newer version` } });
			}
		}
		const rows = [...newest.values()];
		for (let start = 0; start < rows.length; start += batchSize) {
			const batch = rows.slice(start, start + batchSize);
			try {
				const stored = await run(storedVersionsStatement(table, batch.map((pending) => pending.enterpriseId)), `read:${table}:${start}`);
				const before = new Map(stored.rows.map((row) => [String(row[0]), { version: row[1] === null ? null : BigInt(row[1]), idempotencyKey: row[2] }]));
				const merged = await run(mergeStatement(table, columns, batch.map((pending) => pending.row)), `merge:${table}:${start}`);
				for (const pending of batch) {
					const outcome = mergeOutcome(before.get(pending.enterpriseId), { version: pending.row.version, idempotencyKey: pending.idempotencyKey });
					outcomes.set(pending.itemIndex, {
						json: {
							enterpriseId: pending.enterpriseId,
							table,
							outcome,
							recordVersion: pending.row.version === null ? null : pending.row.version.toString(),
							statementHandle: merged.statementHandle,
						},
					});
				}
			} catch (error) {
				for (const pending of batch) outcomes.set(pending.itemIndex, { error: error as Error });
			}
		}
	}
	return outcomesToItems(this, items, (itemIndex) => outcomes.get(itemIndex) ?? { error: new Error('the item was not processed') });
}
