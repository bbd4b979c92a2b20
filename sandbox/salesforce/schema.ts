/**
 * The sandbox org's metadata: the standard objects a planning-to-cash flow touches, their fields as describe
 * reports them (types, createable/updateable, external ids, lookups), and the child relationships SOQL
 * subqueries use. Custom fields (`__c`) are the ones a typical NetSuite integration adds.
 */
import { psaObjects } from './certinia/objects';

export type FieldType =
	| 'id'
	| 'string'
	| 'textarea'
	| 'picklist'
	| 'reference'
	| 'boolean'
	| 'currency'
	| 'double'
	| 'percent'
	| 'int'
	| 'date'
	| 'datetime'
	| 'phone'
	| 'url'
	| 'email';

export interface FieldDef {
	name: string;
	label: string;
	type: FieldType;
	length?: number;
	createable: boolean;
	updateable: boolean;
	nillable: boolean;
	/** Set by the org on insert when the body leaves it out (OwnerId, Status …). */
	defaultedOnCreate?: boolean;
	externalId?: boolean;
	unique?: boolean;
	custom?: boolean;
	referenceTo?: string[];
	relationshipName?: string;
	picklist?: string[];
	restrictedPicklist?: boolean;
	/** Required on insert (not nillable, createable, not defaulted). */
	required?: boolean;
	/** Number(precision, scale) of a number or currency field (describe's precision and scale). */
	precision?: number;
	scale?: number;
	/** A formula field: computed by the org, never written. */
	calculated?: boolean;
	/** An auto-number Name (the org numbers it on insert). */
	autoNumber?: boolean;
	/** The value the org sets on insert when the body leaves the field out. */
	defaultBoolean?: boolean;
	defaultNumber?: number;
}

export interface ChildRelationship {
	relationshipName: string;
	childSObject: string;
	field: string;
}

export interface ObjectDef {
	name: string;
	label: string;
	labelPlural: string;
	keyPrefix: string;
	fields: FieldDef[];
	childRelationships: ChildRelationship[];
}

const system = (name: string, label: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef => ({
	name,
	label,
	type,
	createable: false,
	updateable: false,
	nillable: false,
	...extra,
});

const field = (name: string, label: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef => ({
	name,
	label,
	type,
	createable: true,
	updateable: true,
	nillable: true,
	custom: name.endsWith('__c'),
	length: type === 'string' || type === 'picklist' || type === 'phone' || type === 'url' || type === 'email' ? 255 : undefined,
	...extra,
});

const required = (name: string, label: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef =>
	field(name, label, type, { nillable: false, required: true, ...extra });

const lookup = (name: string, label: string, target: string, relationshipName: string, extra: Partial<FieldDef> = {}): FieldDef =>
	field(name, label, 'reference', { referenceTo: [target], relationshipName, length: 18, ...extra });

const externalId = (name: string, label: string, unique: boolean): FieldDef =>
	field(name, label, 'string', { externalId: true, unique, length: 80 });

/** Audit fields every object has. */
const audit = (): FieldDef[] => [
	system('Id', 'Record ID', 'id', { length: 18 }),
	system('IsDeleted', 'Deleted', 'boolean'),
	system('CreatedDate', 'Created Date', 'datetime'),
	system('CreatedById', 'Created By ID', 'reference', { referenceTo: ['User'], relationshipName: 'CreatedBy' }),
	system('LastModifiedDate', 'Last Modified Date', 'datetime'),
	system('LastModifiedById', 'Last Modified By ID', 'reference', { referenceTo: ['User'], relationshipName: 'LastModifiedBy' }),
	system('SystemModstamp', 'System Modstamp', 'datetime'),
];

const owner = (): FieldDef =>
	lookup('OwnerId', 'Owner ID', 'User', 'Owner', { nillable: false, defaultedOnCreate: true });

export interface StageDef {
	name: string;
	probability: number;
	isClosed: boolean;
	isWon: boolean;
	forecastCategory: string;
}

export const OPPORTUNITY_STAGES: StageDef[] = [
	{ name: 'Prospecting', probability: 10, isClosed: false, isWon: false, forecastCategory: 'Pipeline' },
	{ name: 'Qualification', probability: 10, isClosed: false, isWon: false, forecastCategory: 'Pipeline' },
	{ name: 'Needs Analysis', probability: 20, isClosed: false, isWon: false, forecastCategory: 'Pipeline' },
	{ name: 'Value Proposition', probability: 50, isClosed: false, isWon: false, forecastCategory: 'Pipeline' },
	{ name: 'Id. Decision Makers', probability: 60, isClosed: false, isWon: false, forecastCategory: 'Pipeline' },
	{ name: 'Perception Analysis', probability: 70, isClosed: false, isWon: false, forecastCategory: 'Pipeline' },
	{ name: 'Proposal/Price Quote', probability: 75, isClosed: false, isWon: false, forecastCategory: 'Pipeline' },
	{ name: 'Negotiation/Review', probability: 90, isClosed: false, isWon: false, forecastCategory: 'Pipeline' },
	{ name: 'Closed Won', probability: 100, isClosed: true, isWon: true, forecastCategory: 'Closed' },
	{ name: 'Closed Lost', probability: 0, isClosed: true, isWon: false, forecastCategory: 'Omitted' },
];

export const OBJECTS: ObjectDef[] = [
	// Certinia PSA's pse__ objects (and Contact as a resource), registered in sandbox/salesforce/certinia.
	...psaObjects({ system, field, required, lookup, externalId, audit, owner }),
	{
		name: 'User',
		label: 'User',
		labelPlural: 'Users',
		keyPrefix: '005',
		fields: [
			...audit(),
			system('Name', 'Full Name', 'string', { length: 121 }),
			required('Username', 'Username', 'string', { unique: true }),
			required('Email', 'Email', 'email'),
			field('IsActive', 'Active', 'boolean', { nillable: false, defaultedOnCreate: true }),
		],
		childRelationships: [],
	},
	{
		name: 'Account',
		label: 'Account',
		labelPlural: 'Accounts',
		keyPrefix: '001',
		fields: [
			...audit(),
			required('Name', 'Account Name', 'string'),
			field('Type', 'Account Type', 'picklist', {
				picklist: ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner', 'Other'],
			}),
			field('Industry', 'Industry', 'picklist', {
				picklist: ['Consulting', 'Financial Services', 'Healthcare', 'Manufacturing', 'Retail', 'Technology', 'Energy', 'Government'],
			}),
			field('BillingStreet', 'Billing Street', 'textarea'),
			field('BillingCity', 'Billing City', 'string', { length: 40 }),
			field('BillingState', 'Billing State/Province', 'string', { length: 80 }),
			field('BillingPostalCode', 'Billing Zip/Postal Code', 'string', { length: 20 }),
			field('BillingCountry', 'Billing Country', 'string', { length: 80 }),
			field('Phone', 'Account Phone', 'phone', { length: 40 }),
			field('Website', 'Website', 'url'),
			field('AnnualRevenue', 'Annual Revenue', 'currency'),
			field('NumberOfEmployees', 'Employees', 'int'),
			field('Description', 'Account Description', 'textarea'),
			owner(),
			externalId('External_Id__c', 'External Id', true),
			externalId('NetSuite_Customer_Id__c', 'NetSuite Customer Id', false),
			// Cash from the ERP's receivables, written by the invoice-payment-status template (account currency).
			field('Invoiced_Amount__c', 'Invoiced Amount', 'currency'),
			field('Paid_Amount__c', 'Paid Amount', 'currency'),
			field('Open_Amount__c', 'Open Amount', 'currency'),
			field('Overdue_Amount__c', 'Overdue Amount', 'currency'),
			field('Payment_Status__c', 'Payment Status', 'picklist', { picklist: ['Paid', 'Partially Paid', 'Open', 'Overdue'] }),
		],
		childRelationships: [
			{ relationshipName: 'Opportunities', childSObject: 'Opportunity', field: 'AccountId' },
			{ relationshipName: 'Contracts', childSObject: 'Contract', field: 'AccountId' },
		],
	},
	{
		name: 'Product2',
		label: 'Product',
		labelPlural: 'Products',
		keyPrefix: '01t',
		fields: [
			...audit(),
			required('Name', 'Product Name', 'string'),
			field('ProductCode', 'Product Code', 'string'),
			field('Family', 'Product Family', 'picklist', { picklist: ['Professional Services', 'Managed Services', 'Training', 'Expenses'] }),
			field('IsActive', 'Active', 'boolean', { nillable: false, defaultedOnCreate: true }),
			field('Description', 'Product Description', 'textarea'),
			externalId('External_Id__c', 'External Id', true),
		],
		childRelationships: [{ relationshipName: 'PricebookEntries', childSObject: 'PricebookEntry', field: 'Product2Id' }],
	},
	{
		name: 'Pricebook2',
		label: 'Price Book',
		labelPlural: 'Price Books',
		keyPrefix: '01s',
		fields: [
			...audit(),
			required('Name', 'Price Book Name', 'string'),
			field('IsActive', 'Active', 'boolean', { nillable: false, defaultedOnCreate: true }),
			system('IsStandard', 'Is Standard Price Book', 'boolean'),
		],
		childRelationships: [{ relationshipName: 'PricebookEntries', childSObject: 'PricebookEntry', field: 'Pricebook2Id' }],
	},
	{
		name: 'PricebookEntry',
		label: 'Price Book Entry',
		labelPlural: 'Price Book Entries',
		keyPrefix: '01u',
		fields: [
			...audit(),
			system('Name', 'Product Name', 'string'),
			required('Pricebook2Id', 'Price Book ID', 'reference', { referenceTo: ['Pricebook2'], relationshipName: 'Pricebook2', updateable: false }),
			required('Product2Id', 'Product ID', 'reference', { referenceTo: ['Product2'], relationshipName: 'Product2', updateable: false }),
			required('UnitPrice', 'List Price', 'currency'),
			field('IsActive', 'Active', 'boolean', { nillable: false, defaultedOnCreate: true }),
			system('ProductCode', 'Product Code', 'string'),
		],
		childRelationships: [],
	},
	{
		name: 'Opportunity',
		label: 'Opportunity',
		labelPlural: 'Opportunities',
		keyPrefix: '006',
		fields: [
			...audit(),
			lookup('AccountId', 'Account ID', 'Account', 'Account'),
			required('Name', 'Name', 'string', { length: 120 }),
			field('Description', 'Description', 'textarea'),
			required('StageName', 'Stage', 'picklist', { picklist: OPPORTUNITY_STAGES.map((s) => s.name), restrictedPicklist: true }),
			field('Amount', 'Amount', 'currency'),
			field('Probability', 'Probability (%)', 'percent', { defaultedOnCreate: true }),
			required('CloseDate', 'Close Date', 'date'),
			field('Type', 'Opportunity Type', 'picklist', { picklist: ['New Business', 'Existing Business', 'Renewal', 'Change Order'] }),
			field('NextStep', 'Next Step', 'string'),
			field('LeadSource', 'Lead Source', 'picklist', { picklist: ['Web', 'Partner Referral', 'Existing Customer', 'Event'] }),
			system('IsClosed', 'Closed', 'boolean'),
			system('IsWon', 'Won', 'boolean'),
			system('ForecastCategoryName', 'Forecast Category', 'picklist', { nillable: true }),
			system('LastStageChangeDate', 'Last Stage Change Date', 'datetime', { nillable: true }),
			system('HasOpportunityLineItem', 'Has Line Item', 'boolean'),
			lookup('Pricebook2Id', 'Price Book ID', 'Pricebook2', 'Pricebook2'),
			lookup('ContractId', 'Contract ID', 'Contract', 'Contract'),
			owner(),
			externalId('External_Id__c', 'External Id', true),
			externalId('NetSuite_Customer_Id__c', 'NetSuite Customer Id', false),
			externalId('NetSuite_Project_Id__c', 'NetSuite Project Id', false),
			// The PSA project a won deal was set up as (won-deal-to-project writes it back).
			field('Certinia_Project_Id__c', 'Certinia Project Id', 'string', { length: 18 }),
		],
		childRelationships: [{ relationshipName: 'OpportunityLineItems', childSObject: 'OpportunityLineItem', field: 'OpportunityId' }],
	},
	{
		name: 'OpportunityLineItem',
		label: 'Opportunity Product',
		labelPlural: 'Opportunity Product',
		keyPrefix: '00k',
		fields: [
			...audit(),
			required('OpportunityId', 'Opportunity ID', 'reference', {
				referenceTo: ['Opportunity'],
				relationshipName: 'Opportunity',
				updateable: false,
			}),
			field('PricebookEntryId', 'Price Book Entry ID', 'reference', {
				referenceTo: ['PricebookEntry'],
				relationshipName: 'PricebookEntry',
				updateable: false,
			}),
			field('Product2Id', 'Product ID', 'reference', { referenceTo: ['Product2'], relationshipName: 'Product2', updateable: false }),
			system('Name', 'Opportunity Product Name', 'string', { length: 376 }),
			system('ProductCode', 'Product Code', 'string'),
			required('Quantity', 'Quantity', 'double'),
			field('UnitPrice', 'Sales Price', 'currency'),
			field('TotalPrice', 'Total Price', 'currency'),
			system('ListPrice', 'List Price', 'currency', { nillable: true }),
			field('ServiceDate', 'Date', 'date'),
			field('Description', 'Line Description', 'string'),
			externalId('External_Id__c', 'External Id', true),
		],
		childRelationships: [],
	},
	{
		name: 'Contract',
		label: 'Contract',
		labelPlural: 'Contracts',
		keyPrefix: '800',
		fields: [
			...audit(),
			required('AccountId', 'Account ID', 'reference', { referenceTo: ['Account'], relationshipName: 'Account' }),
			system('ContractNumber', 'Contract Number', 'string', { length: 30 }),
			field('Status', 'Status', 'picklist', {
				picklist: ['Draft', 'In Approval Process', 'Activated'],
				restrictedPicklist: true,
				nillable: false,
				defaultedOnCreate: true,
			}),
			field('StartDate', 'Contract Start Date', 'date'),
			field('ContractTerm', 'Contract Term (months)', 'int'),
			system('EndDate', 'Contract End Date', 'date', { nillable: true }),
			system('ActivatedDate', 'Activated Date', 'datetime', { nillable: true }),
			field('Description', 'Description', 'textarea'),
			field('SpecialTerms', 'Special Terms', 'textarea'),
			owner(),
			lookup('Opportunity__c', 'Opportunity', 'Opportunity', 'Opportunity__r', { custom: true }),
			externalId('External_Id__c', 'External Id', true),
		],
		childRelationships: [],
	},
];

const byLowerName = new Map(OBJECTS.map((o) => [o.name.toLowerCase(), o]));

export function objectDef(name: string): ObjectDef | undefined {
	return byLowerName.get(name.toLowerCase());
}

export function objectByPrefix(prefix: string): ObjectDef | undefined {
	return OBJECTS.find((o) => o.keyPrefix === prefix);
}

export function fieldDef(object: ObjectDef, name: string): FieldDef | undefined {
	const lower = name.toLowerCase();
	return object.fields.find((f) => f.name.toLowerCase() === lower);
}

/** The lookup field whose relationship name is `name` (`Account` → AccountId, `Opportunity__r` → Opportunity__c). */
export function relationshipField(object: ObjectDef, name: string): FieldDef | undefined {
	const lower = name.toLowerCase();
	return object.fields.find((f) => f.relationshipName?.toLowerCase() === lower);
}

export function childRelationship(object: ObjectDef, name: string): ChildRelationship | undefined {
	const lower = name.toLowerCase();
	return object.childRelationships.find((c) => c.relationshipName.toLowerCase() === lower);
}

export function isNumericType(type: FieldType): boolean {
	return type === 'currency' || type === 'double' || type === 'percent' || type === 'int';
}

export function isTextType(type: FieldType): boolean {
	return ['string', 'textarea', 'picklist', 'phone', 'url', 'email', 'id', 'reference'].includes(type);
}

/** The describe call's JSON for one object. */
export function describe(object: ObjectDef, version: string): Record<string, unknown> {
	const base = `/services/data/${version}/sobjects/${object.name}`;
	return {
		name: object.name,
		label: object.label,
		labelPlural: object.labelPlural,
		keyPrefix: object.keyPrefix,
		custom: false,
		createable: true,
		updateable: true,
		deletable: true,
		queryable: true,
		searchable: true,
		childRelationships: object.childRelationships.map((c) => ({
			cascadeDelete: c.childSObject === 'OpportunityLineItem',
			childSObject: c.childSObject,
			field: c.field,
			relationshipName: c.relationshipName,
		})),
		fields: object.fields.map((f) => ({
			name: f.name,
			label: f.label,
			type: f.type,
			length: f.length ?? 0,
			precision: f.precision ?? (f.type === 'currency' ? 18 : 0),
			scale: f.scale ?? (f.type === 'currency' ? 2 : 0),
			custom: f.custom ?? false,
			calculated: f.calculated ?? false,
			autoNumber: f.autoNumber ?? false,
			createable: f.createable,
			updateable: f.updateable,
			nillable: f.nillable,
			defaultedOnCreate: f.defaultedOnCreate ?? f.name === 'Id',
			externalId: f.externalId ?? false,
			unique: f.unique ?? false,
			idLookup: f.name === 'Id' || (f.externalId ?? false),
			filterable: true,
			sortable: f.type !== 'textarea',
			referenceTo: f.referenceTo ?? [],
			relationshipName: f.relationshipName ?? null,
			restrictedPicklist: f.restrictedPicklist ?? false,
			picklistValues: (f.picklist ?? []).map((value, i) => ({
				active: true,
				defaultValue: f.name === 'Status' && i === 0,
				label: value,
				validFor: null,
				value,
			})),
			soapType: f.type === 'id' || f.type === 'reference' ? 'tns:ID' : `xsd:${f.type === 'currency' || f.type === 'percent' ? 'double' : f.type}`,
		})),
		urls: {
			sobject: base,
			describe: `${base}/describe`,
			rowTemplate: `${base}/{ID}`,
		},
	};
}
