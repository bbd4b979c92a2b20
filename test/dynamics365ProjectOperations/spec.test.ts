/**
 * The sandbox's Project Operations tables against Microsoft's CDM entity definitions (Project Service
 * Automation / Project Operations): every column a table shares with its spec has the spec's type and
 * option-set values, and every other column is one the CDM version does not have but the Web API reference
 * does (listed here, so a misspelt column fails).
 */
import { readSpec, describeWithSpecs } from '../helpers/specs';
import { ALL_TABLES, tableOf } from '../../sandbox/dataverse/projectOperations/tables';
import type { ColumnDefinition, EdmType } from '../../sandbox/dataverse/projectOperations/tables';

interface SpecColumn {
	type: string;
	options?: number[];
}

function specColumns(entity: string): Map<string, SpecColumn> {
	const document = JSON.parse(readSpec(`microsoft/cdm-projectServiceAutomation/${entity}.cdm.json`)) as { definitions: Array<{ hasAttributes: Array<{ attributeGroupReference?: { members: unknown[] } }> }> };
	const columns = new Map<string, SpecColumn>();
	for (const group of document.definitions[0].hasAttributes) {
		for (const member of (group.attributeGroupReference?.members ?? []) as Array<Record<string, any>>) {
			if (member.entity) {
				const foreignKey = member.resolutionGuidance.entityByReference.foreignKeyAttribute;
				columns.set(`_${foreignKey.sourceName as string}_value`, { type: 'lookup' });
				continue;
			}
			const dataType = member.dataType;
			const type = typeof dataType === 'string' ? dataType : (dataType.dataTypeReference as string);
			let options: number[] | undefined;
			for (const trait of (typeof dataType === 'object' ? dataType.appliedTraits : []) ?? []) {
				for (const argument of trait.arguments ?? []) {
					const reference = argument?.entityReference;
					if (reference?.entityShape === 'listLookupValues') options = (reference.constantValues as string[][]).map((row) => Number(row[2]));
				}
			}
			columns.set(member.sourceName as string, { type, ...(options ? { options } : {}) });
		}
	}
	return columns;
}

const EDM_OF: Record<string, EdmType[]> = {
	entityId: ['Edm.Guid'],
	guid: ['Edm.Guid'],
	lookup: ['Edm.Guid'],
	string: ['Edm.String'],
	name: ['Edm.String'],
	email: ['Edm.String'],
	url: ['Edm.String'],
	integer: ['Edm.Int32'],
	bigInteger: ['Edm.Int64'],
	decimal: ['Edm.Decimal'],
	currency: ['Edm.Decimal'],
	double: ['Edm.Double'],
	boolean: ['Edm.Boolean'],
	// Date Only columns (msdyn_date, msdyn_transactiondate) read as Edm.Date; the CDM calls both dateTime.
	dateTime: ['Edm.DateTimeOffset', 'Edm.Date'],
	listLookup: ['Edm.Int32'],
	listLookupCorrelated: ['Edm.Int32'],
};

/** Columns each table has that this CDM version does not (newer releases, the Web API reference, the base entity). */
const NOT_IN_CDM: Record<string, string[]> = {
	msdyn_projects: ['msdyn_finish'],
	msdyn_projecttasks: ['msdyn_outlinelevel', 'msdyn_displaysequence', '_msdyn_projectbucket_value'],
	msdyn_projectteams: [],
	msdyn_resourceassignments: [],
	// BookableResource's CDM file lists only what Project Operations adds to the base entity.
	bookableresources: ['bookableresourceid', 'statecode', 'statuscode', 'createdon', 'modifiedon', 'versionnumber', 'name', 'resourcetype', 'timezone', '_userid_value', '_contactid_value'],
	bookableresourcebookings: ['bookableresourcebookingid', 'statecode', 'statuscode', 'createdon', 'modifiedon', 'versionnumber', 'name', 'starttime', 'endtime', 'duration', 'bookingtype', '_resource_value'],
	msdyn_timeentries: [],
	msdyn_expenses: [],
	msdyn_expensecategories: [],
	msdyn_projectapprovals: [],
	// Invoice's CDM file lists only what Project Operations adds to the base invoice.
	invoices: ['invoiceid', 'statecode', 'statuscode', 'createdon', 'modifiedon', 'versionnumber', 'name', 'invoicenumber', 'msdyn_invoicedate', 'totalamount', 'totaltax', 'datedelivered', 'duedate', 'description', '_salesorderid_value', '_customerid_value', '_transactioncurrencyid_value'],
	// Actuals carry a journal line's transaction columns (JournalLine in the CDM), plus their source entries.
	msdyn_actuals: ['msdyn_actualid', 'msdyn_description', 'msdyn_documentdate', '_msdyn_sourcetimeentry_value', '_msdyn_sourceexpense_value'],
};

/** Columns of the CdsStandard base every Dataverse table extends (not repeated in each CDM file). */
const CDS_STANDARD = ['createdon', 'modifiedon', 'versionnumber', 'statecode', 'statuscode'];

const SPEC_OF: Record<string, string> = {
	msdyn_projects: 'Project',
	msdyn_projecttasks: 'ProjectTask',
	msdyn_projectteams: 'ProjectTeam',
	msdyn_resourceassignments: 'ResourceAssignment',
	bookableresources: 'BookableResource',
	bookableresourcebookings: 'BookableResourceBooking',
	msdyn_timeentries: 'TimeEntry',
	msdyn_expenses: 'Expense',
	msdyn_expensecategories: 'ExpenseCategory',
	msdyn_projectapprovals: 'ProjectApproval',
	invoices: 'Invoice',
	msdyn_actuals: 'JournalLine',
};

describeWithSpecs('Project Operations tables against the CDM entity definitions', () => {
	it.each(Object.keys(SPEC_OF))('%s matches its CDM entity', (set) => {
		const spec = specColumns(SPEC_OF[set]);
		const table = tableOf(set);
		const mismatches: string[] = [];
		for (const [name, column] of Object.entries(table.properties) as Array<[string, ColumnDefinition]>) {
			const specColumn = spec.get(name);
			if (!specColumn) {
				// p2c_ columns are the firm's own custom columns (README: Project Operations set-up).
				if (!NOT_IN_CDM[set].includes(name) && !CDS_STANDARD.includes(name) && !name.startsWith('p2c_')) mismatches.push(`${name} is not in ${SPEC_OF[set]}`);
				continue;
			}
			const allowed = EDM_OF[specColumn.type];
			if (!allowed) mismatches.push(`${name}: unmapped CDM type ${specColumn.type}`);
			else if (!allowed.includes(column.type)) mismatches.push(`${name}: ${column.type}, the spec says ${specColumn.type}`);
			if (specColumn.options && name !== 'statuscode') {
				const ours = [...(column.enumValues ?? [])].sort((a, b) => a - b);
				const theirs = [...specColumn.options].sort((a, b) => a - b);
				// The sandbox may serve a subset of an option set, never a value the spec does not have.
				const unknown = ours.filter((value) => !theirs.includes(value));
				if (!ours.length || unknown.length) mismatches.push(`${name}: options ${ours.join(',')} vs the spec's ${theirs.join(',')}`);
			}
		}
		expect(mismatches).toEqual([]);
	});

	it('keeps the option sets the node and the actuals rely on exactly as the spec has them', () => {
		const time = specColumns('TimeEntry');
		expect(time.get('msdyn_entrystatus')!.options).toEqual(tableOf('msdyn_timeentries').properties.msdyn_entrystatus.enumValues);
		expect(specColumns('Expense').get('msdyn_expensestatus')!.options!.sort()).toEqual([...tableOf('msdyn_expenses').properties.msdyn_expensestatus.enumValues!].sort());
		expect(specColumns('JournalLine').get('msdyn_transactiontypecode')!.options).toEqual(expect.arrayContaining(tableOf('msdyn_actuals').properties.msdyn_transactiontypecode.enumValues!));
	});

	it('covers every table it serves with a key column and lookups that read as _x_value', () => {
		for (const table of ALL_TABLES) {
			expect(table.properties[table.key[0]]).toEqual({ type: 'Edm.Guid' });
			for (const [nav, lookup] of Object.entries(table.lookups ?? {})) {
				expect([nav, table.properties[lookup.column]]).toEqual([nav, { type: 'Edm.Guid' }]);
			}
		}
	});
});
