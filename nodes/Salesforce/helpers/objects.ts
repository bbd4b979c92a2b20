/** The node's resources and the sObjects behind them. */
export type RecordResource = 'account' | 'opportunity' | 'contract';

export interface ResourceInfo {
	sObject: string;
	label: string;
	/** Standard fields a SOQL read returns when the user names none (custom fields differ per org). */
	defaultFields: string[];
}

export const RESOURCES: Record<RecordResource, ResourceInfo> = {
	account: {
		sObject: 'Account',
		label: 'Account',
		defaultFields: ['Id', 'Name', 'Type', 'Industry', 'BillingCity', 'BillingCountry', 'Phone', 'Website', 'OwnerId', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'],
	},
	opportunity: {
		sObject: 'Opportunity',
		label: 'Opportunity',
		defaultFields: ['Id', 'Name', 'AccountId', 'StageName', 'Amount', 'CloseDate', 'Probability', 'IsClosed', 'IsWon', 'Type', 'OwnerId', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'],
	},
	contract: {
		sObject: 'Contract',
		label: 'Contract',
		defaultFields: ['Id', 'AccountId', 'ContractNumber', 'Status', 'StartDate', 'EndDate', 'ContractTerm', 'OwnerId', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'],
	},
};

/** OpportunityLineItem fields read with an opportunity (child relationship OpportunityLineItems). */
export const LINE_ITEM_FIELDS = ['Id', 'Product2Id', 'PricebookEntryId', 'ProductCode', 'Name', 'Quantity', 'UnitPrice', 'TotalPrice', 'ServiceDate', 'Description'];
export const LINE_ITEM_RELATIONSHIP = 'OpportunityLineItems';

export function sObjectOf(resource: string): string {
	const info = RESOURCES[resource as RecordResource];
	if (!info) throw new Error(`Unknown resource "${resource}"`);
	return info.sObject;
}

/**
 * The fields to read, from the picker's list (['Id', 'Name']) or the former comma-separated text
 * ("Id, Name , Amount"), which saved workflows and expressions still give; empty → the resource's defaults.
 */
export function fieldsOf(resource: RecordResource, raw: unknown): string[] {
	const list = (Array.isArray(raw) ? raw.map(String) : [String(raw ?? '')])
		.flatMap((entry) => entry.split(','))
		.map((f) => f.trim())
		.filter(Boolean);
	return list.length ? list : RESOURCES[resource].defaultFields;
}

/** Removes Salesforce's `attributes` (type + url) from records and their nested relationship objects. */
export function withoutAttributes(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutAttributes);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value as Record<string, unknown>)
			.filter(([key]) => key !== 'attributes')
			.map(([key, v]) => [key, withoutAttributes(v)]),
	);
}
