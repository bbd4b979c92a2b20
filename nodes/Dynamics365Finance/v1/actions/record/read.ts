/** Reading records and documents (header with its lines), shared by Get and Get Many. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toCanonical } from '../../../canonical';
import { FINANCE } from '../../../canonical/common';
import type { FinanceEntity } from '../../../helpers/entities';
import { listAll, scopeQuery } from '../../../transport';
import type { FinanceConnection } from '../../../transport';
import { companyCondition } from '../context';
import { odataAnd, odataStringLiteral } from '../../../../shared/kit/odata';

export function canonicalTarget(entity: FinanceEntity) {
	return { system: FINANCE, object: entity.canonicalObject ?? entity.set, toCanonical };
}

/** The lines of a document, in line order. */
export async function linesOf(context: IExecuteFunctions, connection: FinanceConnection, entity: FinanceEntity, header: IDataObject, itemIndex: number, correlationId: string): Promise<IDataObject[]> {
	const lines = entity.lines!;
	const filter = odataAnd(entity.companyScoped ? companyCondition(String(header.dataAreaId)) : undefined, `${lines.headerKeyField} eq ${odataStringLiteral(String(header[entity.key[0]]))}`);
	return await listAll(context, connection, `/${lines.set}`, scopeQuery(entity, { $filter: filter, $orderby: lines.lineNumberField }), { itemIndex, correlationId });
}

/** Headers whose lines one request reads: an "or" of this many keys keeps the URL short. */
const HEADERS_PER_LINES_READ = 20;

/**
 * The lines of many documents with one request per HEADERS_PER_LINES_READ headers of a company (not one per
 * document), each document's lines in line order.
 */
export async function linesOfMany(context: IExecuteFunctions, connection: FinanceConnection, entity: FinanceEntity, headers: IDataObject[], itemIndex: number, correlationId: string): Promise<Map<IDataObject, IDataObject[]>> {
	const lines = entity.lines!;
	const byHeader = new Map<IDataObject, IDataObject[]>(headers.map((header) => [header, []]));
	const companies = new Map<string, IDataObject[]>();
	for (const header of headers) {
		const company = entity.companyScoped ? String(header.dataAreaId) : '';
		companies.set(company, [...(companies.get(company) ?? []), header]);
	}
	for (const [company, group] of companies) {
		for (let start = 0; start < group.length; start += HEADERS_PER_LINES_READ) {
			const chunk = group.slice(start, start + HEADERS_PER_LINES_READ);
			const keys = chunk.map((header) => `${lines.headerKeyField} eq ${odataStringLiteral(String(header[entity.key[0]]))}`);
			const filter = odataAnd(entity.companyScoped ? companyCondition(company) : undefined, `(${keys.join(' or ')})`);
			const found = await listAll(context, connection, `/${lines.set}`, scopeQuery(entity, { $filter: filter, $orderby: lines.lineNumberField }), { itemIndex, correlationId });
			const headerOf = new Map(chunk.map((header) => [String(header[entity.key[0]]), header]));
			for (const line of found) {
				const header = headerOf.get(String(line[lines.headerKeyField]));
				if (header) byHeader.get(header)!.push(line);
			}
		}
	}
	return byHeader;
}

/**
 * What a read returns per record. Raw: the record, a document with its lines under `Lines` (Get Many only when
 * Include Lines is on: one more request per 20 documents of a company). Canonical: hour and
 * expense journals map line by line (each line with its company and the header's posted flag); free-text
 * invoices and general journals map as a header with its lines.
 */
export async function shapeForOutput(context: IExecuteFunctions, connection: FinanceConnection, entity: FinanceEntity, records: IDataObject[], canonical: boolean, itemIndex: number, correlationId: string, withLines = true): Promise<IDataObject[]> {
	if (!entity.lines || (!canonical && !withLines)) return records;
	const out: IDataObject[] = [];
	const linesByHeader = await linesOfMany(context, connection, entity, records, itemIndex, correlationId);
	for (const header of records) {
		const lines = linesByHeader.get(header)!;
		if (canonical && entity.canonicalPerLine) {
			for (const line of lines) out.push({ ...line, dataAreaId: line.dataAreaId ?? header.dataAreaId, IsPosted: header[entity.postedField ?? 'IsPosted'] });
			continue;
		}
		out.push({ ...header, Lines: lines });
	}
	return out;
}
