/** Reading records and documents (header with its lines), shared by Get and Get Many. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toCanonical } from '../../../canonical';
import { FINANCE } from '../../../canonical/common';
import type { FinanceEntity } from '../../../helpers/entities';
import { listAll, scopeQuery } from '../../../transport';
import type { FinanceConnection } from '../../../transport';
import { and, companyCondition } from '../context';
import { odataStringLiteral } from '../../../../shared/kit/odata';

export function canonicalTarget(entity: FinanceEntity) {
	return { system: FINANCE, object: entity.canonicalObject ?? entity.set, toCanonical };
}

/** The lines of a document, in line order. */
export async function linesOf(context: IExecuteFunctions, connection: FinanceConnection, entity: FinanceEntity, header: IDataObject, itemIndex: number, correlationId: string): Promise<IDataObject[]> {
	const lines = entity.lines!;
	const filter = and(entity.companyScoped ? companyCondition(String(header.dataAreaId)) : undefined, `${lines.headerKeyField} eq ${odataStringLiteral(String(header[entity.key[0]]))}`);
	return await listAll(context, connection, `/${lines.set}`, scopeQuery(entity, { $filter: filter, $orderby: lines.lineNumberField }), { itemIndex, correlationId });
}

/**
 * What a read returns per record. Raw: the record, a document with its lines under `Lines` (Get Many only when
 * Include Lines is on: one more request per document). Canonical: hour and
 * expense journals map line by line (each line with its company and the header's posted flag); free-text
 * invoices and general journals map as a header with its lines.
 */
export async function shapeForOutput(context: IExecuteFunctions, connection: FinanceConnection, entity: FinanceEntity, records: IDataObject[], canonical: boolean, itemIndex: number, correlationId: string, withLines = true): Promise<IDataObject[]> {
	if (!entity.lines || (!canonical && !withLines)) return records;
	const out: IDataObject[] = [];
	for (const header of records) {
		const lines = await linesOf(context, connection, entity, header, itemIndex, correlationId);
		if (canonical && entity.canonicalPerLine) {
			for (const line of lines) out.push({ ...line, dataAreaId: line.dataAreaId ?? header.dataAreaId, IsPosted: header[entity.postedField ?? 'IsPosted'] });
			continue;
		}
		out.push({ ...header, Lines: lines });
	}
	return out;
}
