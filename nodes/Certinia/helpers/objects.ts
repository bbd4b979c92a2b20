/**
 * The Certinia PSA node's resources and the pse__ objects (sObjects of the managed package on Salesforce)
 * behind them. Everything else (auth, REST, SOQL, describe, collections) is the Salesforce platform's, shared
 * with the Salesforce node.
 */
export type CertiniaResource =
	| 'project'
	| 'projectTask'
	| 'resource'
	| 'assignment'
	| 'resourceRequest'
	| 'budget'
	| 'timecard'
	| 'timecardSplit'
	| 'expenseReport'
	| 'expense'
	| 'milestone'
	| 'billingEvent'
	| 'billingEventItem';

export interface CertiniaResourceInfo {
	sObject: string;
	label: string;
	plural: string;
	/** The field a record is known by in the picker. */
	nameField: string;
	/** Fields a read returns when the user names none. */
	defaultFields: string[];
	/** Conditions every read of the resource carries (Contact as a resource). */
	baseConditions?: string[];
	/** Child records a Canonical read brings along (a project's WBS, a billing event's items). */
	canonicalChildren?: Array<{ relationship: string; fields: string[] }>;
}

const AUDIT = ['CreatedDate', 'LastModifiedDate', 'SystemModstamp'];
const HOURS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((d) => `pse__${d}_Hours__c`);

export const CERTINIA_RESOURCES: Record<CertiniaResource, CertiniaResourceInfo> = {
	project: {
		sObject: 'pse__Proj__c',
		label: 'Project',
		plural: 'projects',
		nameField: 'Name',
		canonicalChildren: [{ relationship: 'pse__Project_Tasks__r', fields: ['Id', 'Name', 'pse__Parent_Task__c', 'pse__Status__c', 'pse__Start_Date_Time__c', 'pse__End_Date_Time__c', 'pse__Estimated_Hours__c'] }],
		defaultFields: ['Id', 'Name', 'pse__Account__c', 'pse__Opportunity__c', 'pse__Project_Manager__c', 'pse__Start_Date__c', 'pse__End_Date__c', 'pse__Stage__c', 'pse__Billing_Type__c', 'pse__Is_Active__c', 'pse__Is_Billable__c', 'pse__Planned_Hours__c', 'CurrencyIsoCode', ...AUDIT],
	},
	projectTask: {
		sObject: 'pse__Project_Task__c',
		label: 'Project Task',
		plural: 'project tasks',
		nameField: 'Name',
		defaultFields: ['Id', 'Name', 'pse__Project__c', 'pse__Parent_Task__c', 'pse__Milestone__c', 'pse__Start_Date_Time__c', 'pse__End_Date_Time__c', 'pse__Estimated_Hours__c', 'pse__Status__c', ...AUDIT],
	},
	resource: {
		sObject: 'Contact',
		label: 'Resource',
		plural: 'resources',
		nameField: 'Name',
		defaultFields: ['Id', 'Name', 'FirstName', 'LastName', 'Email', 'Title', 'pse__Is_Resource__c', 'pse__Is_Resource_Active__c', 'pse__Resource_Role__c', 'pse__Region__c', 'pse__Practice__c', 'pse__Group__c', 'pse__Default_Cost_Rate__c', 'CurrencyIsoCode', ...AUDIT],
		baseConditions: ['pse__Is_Resource__c = true'],
	},
	assignment: {
		sObject: 'pse__Assignment__c',
		label: 'Assignment',
		plural: 'assignments',
		nameField: 'Name',
		defaultFields: ['Id', 'Name', 'pse__Resource__c', 'pse__Project__c', 'pse__Schedule__c', 'pse__Role__c', 'pse__Status__c', 'pse__Bill_Rate__c', 'pse__Cost_Rate_Amount__c', 'pse__Is_Billable__c', 'pse__Planned_Hours__c', 'pse__Start_Date__c', 'pse__End_Date__c', 'pse__Closed_for_Time_Entry__c', 'CurrencyIsoCode', ...AUDIT],
	},
	resourceRequest: {
		sObject: 'pse__Resource_Request__c',
		label: 'Resource Request',
		plural: 'resource requests',
		nameField: 'Name',
		defaultFields: ['Id', 'Name', 'pse__Resource_Request_Name__c', 'pse__Project__c', 'pse__Opportunity__c', 'pse__Resource_Role__c', 'pse__Status__c', 'pse__Start_Date__c', 'pse__End_Date__c', 'pse__SOW_Hours__c', 'pse__Resource__c', ...AUDIT],
	},
	budget: {
		sObject: 'pse__Budget__c',
		label: 'Budget',
		plural: 'budgets',
		nameField: 'Name',
		defaultFields: ['Id', 'Name', 'pse__Project__c', 'pse__Account__c', 'pse__Opportunity__c', 'pse__Type__c', 'pse__Status__c', 'pse__Amount__c', 'pse__Expense_Amount__c', 'CurrencyIsoCode', 'pse__Effective_Date__c', 'pse__Approved__c', 'pse__Billable__c', 'pse__Include_In_Financials__c', ...AUDIT],
	},
	timecard: {
		sObject: 'pse__Timecard_Header__c',
		label: 'Timecard',
		plural: 'timecards',
		nameField: 'Name',
		defaultFields: ['Id', 'Name', 'pse__Resource__c', 'pse__Project__c', 'pse__Assignment__c', 'pse__Milestone__c', 'pse__Start_Date__c', 'pse__End_Date__c', ...HOURS, 'pse__Total_Hours__c', 'pse__Status__c', 'pse__Billable__c', 'pse__Approved__c', 'pse__Include_In_Financials__c', 'CurrencyIsoCode', ...AUDIT],
	},
	timecardSplit: {
		sObject: 'pse__Timecard__c',
		label: 'Timecard Split',
		plural: 'timecard splits',
		nameField: 'Name',
		defaultFields: ['Id', 'Name', 'pse__Timecard_Header__c', 'pse__Resource__c', 'pse__Project__c', 'pse__Assignment__c', 'pse__Start_Date__c', 'pse__End_Date__c', ...HOURS, 'pse__Total_Hours__c', 'pse__Status__c', 'pse__Billable__c', 'pse__Approved__c', 'pse__Invoiced__c', ...AUDIT],
	},
	expenseReport: {
		sObject: 'pse__Expense_Report__c',
		label: 'Expense Report',
		plural: 'expense reports',
		nameField: 'Name',
		defaultFields: ['Id', 'Name', 'pse__Resource__c', 'pse__Project__c', 'pse__Assignment__c', 'pse__Status__c', 'pse__Approved__c', 'pse__Billable__c', 'CurrencyIsoCode', ...AUDIT],
	},
	expense: {
		sObject: 'pse__Expense__c',
		label: 'Expense',
		plural: 'expenses',
		nameField: 'Name',
		defaultFields: ['Id', 'Name', 'pse__Expense_Report__c', 'pse__Resource__c', 'pse__Project__c', 'pse__Amount__c', 'CurrencyIsoCode', 'pse__Type__c', 'pse__Expense_Date__c', 'pse__Description__c', 'pse__Billable__c', 'pse__Status__c', 'pse__Approved__c', ...AUDIT],
	},
	milestone: {
		sObject: 'pse__Milestone__c',
		label: 'Milestone',
		plural: 'milestones',
		nameField: 'Name',
		defaultFields: ['Id', 'Name', 'pse__Project__c', 'pse__Milestone_Amount__c', 'CurrencyIsoCode', 'pse__Target_Date__c', 'pse__Actual_Date__c', 'pse__Status__c', 'pse__Approved__c', 'pse__Approved_for_Billing__c', ...AUDIT],
	},
	billingEvent: {
		sObject: 'pse__Billing_Event__c',
		label: 'Billing Event',
		plural: 'billing events',
		nameField: 'Name',
		canonicalChildren: [{ relationship: 'pse__Billing_Event_Items__r', fields: ['Id', 'pse__Category__c', 'pse__Amount__c', 'pse__Object_Id__c'] }],
		defaultFields: ['Id', 'Name', 'pse__Project__c', 'pse__Date__c', 'pse__Event_Key__c', 'pse__Status__c', 'pse__Is_Approved__c', 'pse__Is_Released__c', 'pse__Invoiced__c', 'pse__Invoice_Number__c', 'pse__Invoice_Date__c', 'pse__Summary_Amount__c', 'CurrencyIsoCode', ...AUDIT],
	},
	billingEventItem: {
		sObject: 'pse__Billing_Event_Item__c',
		label: 'Billing Event Item',
		plural: 'billing event items',
		nameField: 'Name',
		defaultFields: ['Id', 'Name', 'pse__Billing_Event__c', 'pse__Project__c', 'pse__Category__c', 'pse__Amount__c', 'pse__Quantity__c', 'pse__Date__c', 'pse__Description__c', 'pse__Object_Id__c', 'CurrencyIsoCode', ...AUDIT],
	},
};

export function resourceInfo(resource: string): CertiniaResourceInfo {
	const info = CERTINIA_RESOURCES[resource as CertiniaResource];
	if (!info) throw new Error(`Unknown Certinia resource "${resource}"`);
	return info;
}

/** The fields to read: the picker's list or comma-separated text; empty → the resource's defaults. */
export function certiniaFieldsOf(resource: string, raw: unknown): string[] {
	const list = (Array.isArray(raw) ? raw.map(String) : [String(raw ?? '')])
		.flatMap((entry) => entry.split(','))
		.map((f) => f.trim())
		.filter(Boolean);
	return list.length ? list : resourceInfo(resource).defaultFields;
}

/** Resources with a canonical mapping (Output: Canonical is offered on their reads). */
export const CANONICAL_RESOURCES: CertiniaResource[] = ['project', 'milestone', 'resource', 'assignment', 'resourceRequest', 'timecard', 'timecardSplit', 'expense', 'billingEvent'];
