/**
 * Reading a Dataverse entity payload the way the Web API does: `@odata.type` names the entity type, columns
 * must exist on it (the nav property name of a lookup is case-sensitive), lookups are written
 * `<nav>@odata.bind: "/<set>(<guid>)"` and stored as `_<nav>_value`.
 */
import type { Row } from './store';
import type { TableDefinition } from './tables';

/** A refusal in Dataverse's terms: HTTP status, the hex error code and its message. */
export class DataverseError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
	) {
		super(message);
		this.name = 'DataverseError';
	}

	toBody(): { error: { code: string; message: string } } {
		return { error: { code: this.code, message: this.message } };
	}
}

/** Dataverse error codes the module answers with. */
export const CODES = {
	/** `<entity> With Id = <id> Does Not Exist` */
	notFound: '0x80040217',
	/** A plug-in refused the operation (what Project Operations' own plug-ins raise). */
	pluginRefused: '0x80040265',
	/** Invalid argument. */
	invalidArgument: '0x80040203',
	/** `Could not find a property named ...` */
	unknownProperty: '0x80060888',
	/** Bad request body / bind. */
	badRequest: '0x8006088a',
} as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuidText(value: unknown): value is string {
	return typeof value === 'string' && GUID.test(value);
}

/** The GUID of `/<set>(<guid>)` (leading slash optional, or an absolute URL ending so), checked against the target set. */
export function parseBind(value: unknown, targetSet: string, nav: string): string {
	const text = typeof value === 'string' ? value : '';
	const match = /(?:^|\/)([A-Za-z_][A-Za-z0-9_]*)\(([0-9a-fA-F-]{36})\)$/.exec(text);
	if (!match || !GUID.test(match[2])) {
		throw new DataverseError(400, CODES.badRequest, `An undeclared property '${nav}' which only has property annotations in the payload but no property value was found in the payload. The value of '${nav}@odata.bind' must be a URL such as /${targetSet}(00000000-0000-0000-0000-000000000000), got ${JSON.stringify(value)}.`);
	}
	if (match[1] !== targetSet) {
		throw new DataverseError(400, CODES.badRequest, `The entity set '${match[1]}' of '${nav}@odata.bind' is not the target of '${nav}', which is '${targetSet}'.`);
	}
	return match[2].toLowerCase();
}

export interface PayloadOptions {
	/** Whether the primary key may be given (creates: a client-generated id). */
	allowKey: boolean;
	/** Columns a caller may not write even though they are not read-only (the schedule API's unsupported fields). */
	refused?: string[];
}

/**
 * The columns of an entity payload as a row (`_x_value` for binds). Unknown columns, read-only columns and
 * binds to the wrong set are refused as Dataverse refuses them.
 */
export function payloadToRow(definition: TableDefinition, payload: Record<string, unknown>, options: PayloadOptions): Row {
	const row: Row = {};
	const typeName = `Microsoft.Dynamics.CRM.${definition.entityType}`;
	for (const [name, value] of Object.entries(payload)) {
		if (name === '@odata.type') {
			if (value !== typeName && value !== `#${typeName}`) throw new DataverseError(400, CODES.badRequest, `The @odata.type ${JSON.stringify(value)} is not ${typeName}.`);
			continue;
		}
		if (name.endsWith('@odata.bind')) {
			const nav = name.slice(0, -'@odata.bind'.length);
			const lookup = definition.lookups?.[nav];
			if (!lookup) throw new DataverseError(400, CODES.unknownProperty, `An undeclared property '${nav}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.`);
			if (options.refused?.includes(nav)) throw new DataverseError(400, CODES.pluginRefused, `${nav} cannot be set through this operation.`);
			row[lookup.column] = value === null ? null : parseBind(value, lookup.target, nav);
			continue;
		}
		if (name.includes('@')) continue; // other instance annotations are ignored, as Dataverse does
		const column = definition.properties[name];
		if (!column) throw new DataverseError(400, CODES.unknownProperty, `Could not find a property named '${name}' on type '${typeName}'.`);
		const isKey = definition.key.includes(name);
		if (isKey && !options.allowKey) throw new DataverseError(400, CODES.invalidArgument, `${name} cannot be changed.`);
		if (isKey && value !== null && !isGuidText(value)) throw new DataverseError(400, CODES.badRequest, `Cannot convert the literal '${String(value)}' to the expected type 'Edm.Guid'.`);
		if (!isKey && (column.readOnly || /^_.*_value$/.test(name))) throw new DataverseError(400, CODES.invalidArgument, `${name} is read-only${/^_.*_value$/.test(name) ? '; write the lookup with <navigation property>@odata.bind' : ''}.`);
		if (options.refused?.includes(name)) throw new DataverseError(400, CODES.pluginRefused, `${name} cannot be set through this operation.`);
		row[name] = isKey && typeof value === 'string' ? value.toLowerCase() : value;
	}
	return row;
}
