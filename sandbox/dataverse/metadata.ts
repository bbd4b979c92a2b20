/**
 * Table definitions as the Web API answers them (`EntityDefinitions(LogicalName='account')/Attributes`), from
 * the sandbox's entity sets: each column's LogicalName, AttributeType, display name and whether it can be read,
 * created and updated; lookups as `Lookup` attributes named by their logical column (`parentaccountid`). Only
 * `$select` is honoured; other options are refused plainly.
 */
import type { SandboxRequest, SandboxResponse } from '../core/server';
import type { ODataService } from '../odata/service';
import { ODataError } from '../odata/types';
import type { ODataEntitySetDefinition, ODataPropertyDefinition } from '../odata/types';

const ATTRIBUTE_TYPES: Record<string, string> = {
	'Edm.String': 'String',
	'Edm.Guid': 'Uniqueidentifier',
	'Edm.Int32': 'Integer',
	'Edm.Int64': 'BigInt',
	'Edm.Decimal': 'Decimal',
	'Edm.Double': 'Double',
	'Edm.Boolean': 'Boolean',
	'Edm.DateTimeOffset': 'DateTime',
	'Edm.Date': 'DateTime',
};

const MONEY = /amount$|value$|revenue$|price$|perunit$|^tax$|cost$|limit$|^budgetamount$|^totaltax$/;

function attributeType(name: string, definition: ODataPropertyDefinition): string {
	if (name === 'statecode') return 'State';
	if (name === 'statuscode') return 'Status';
	if (definition.enumValues && definition.type === 'Edm.Int32') return 'Picklist';
	if (definition.type === 'Edm.Decimal' && MONEY.test(name)) return 'Money';
	return ATTRIBUTE_TYPES[definition.type] ?? 'String';
}

function label(name: string): string {
	return name.replace(/^p2c_/, '').replace(/^address(\d)_/, 'Address $1: ').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** Answers `EntityDefinitions(LogicalName='<name>')/Attributes`, or undefined for other paths. */
export function metadataResponse(service: ODataService, request: SandboxRequest, path: string, tableOf: (logicalName: string) => ODataEntitySetDefinition | undefined): SandboxResponse | undefined {
	const match = /^EntityDefinitions\(LogicalName='([a-z_0-9]+)'\)\/Attributes$/.exec(decodeURIComponent(path));
	if (!match || request.method !== 'GET') return undefined;
	for (const name of request.query.keys()) {
		if (name.startsWith('$') && name !== '$select') throw new ODataError(501, 'notSupportedBySandbox', `The query option ${name} on EntityDefinitions is not supported by the sandbox`);
	}
	const set = tableOf(match[1]);
	if (!set) throw new ODataError(404, 'notFound', `Could not find entity with name '${match[1]}'.`, '0x80040217');
	const lookupColumns = new Map(Object.values(set.lookups ?? {}).map((lookup) => [lookup.column, lookup]));
	const value = Object.entries(set.properties).map(([name, definition]) => {
		const lookup = lookupColumns.get(name);
		const logicalName = lookup ? name.replace(/^_/, '').replace(/_value$/, '') : name;
		return {
			LogicalName: logicalName,
			AttributeType: lookup ? 'Lookup' : set.key.includes(name) ? 'Uniqueidentifier' : attributeType(name, definition),
			DisplayName: { UserLocalizedLabel: { Label: label(logicalName), LanguageCode: 1033 } },
			IsValidForRead: true,
			IsValidForCreate: !definition.readOnly,
			IsValidForUpdate: !definition.readOnly && !set.key.includes(name),
			...(lookup ? { Targets: [service.entitySet(lookup.target)?.entityType ?? lookup.target] } : {}),
		};
	});
	return { status: 200, headers: { 'OData-Version': '4.0' }, body: { '@odata.context': `${request.url.origin}${service.root}/$metadata#EntityDefinitions('${match[1]}')/Attributes`, value } };
}
