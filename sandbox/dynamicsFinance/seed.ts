/**
 * The firm in Finance & Operations: two legal entities (usmf in USD for the US practice, gbsi in GBP for the UK
 * people and customers), the customers the Salesforce sandbox sells to (same names) and the delivered projects'
 * customers, the firm's projects (project ID = the firm's project id, so a PSA record maps onto them without
 * lookups), the people as workers (personnel number = the firm's employee id), project categories, journal
 * names, main accounts and the open posting period. Amounts are decimal text here and JSON numbers only on the
 * wire, where the service renders them.
 */
import { FIRM_PEOPLE, FIRM_PROJECTS } from '../firm/dataset';

export interface FinanceCompany {
	id: string;
	name: string;
	currency: string;
	country: string;
}

export const FINANCE_COMPANIES: FinanceCompany[] = [
	{ id: 'usmf', name: 'Meridian Advisory Group US', currency: 'USD', country: 'USA' },
	{ id: 'gbsi', name: 'Meridian Advisory Group UK', currency: 'GBP', country: 'GBR' },
];

/** The caller's default company: reads without cross-company=true see only it. */
export const DEFAULT_COMPANY = 'usmf';

/** The Salesforce sandbox's accounts (same names), as F&O customers; the company follows the country. */
export const FINANCE_CUSTOMERS: Array<{ company: string; account: string; name: string; city: string; country: string; currency: string; group: string }> = [
	{ company: 'usmf', account: 'US-1001', name: 'Northwind Health Partners', city: 'Boston', country: 'USA', currency: 'USD', group: '30' },
	{ company: 'usmf', account: 'US-1002', name: 'Contoso Manufacturing GmbH', city: 'Stuttgart', country: 'DEU', currency: 'EUR', group: '30' },
	{ company: 'usmf', account: 'US-1003', name: 'Fabrikam Financial Group', city: 'New York', country: 'USA', currency: 'USD', group: '30' },
	{ company: 'usmf', account: 'US-1004', name: 'Tailspin Energy', city: 'Houston', country: 'USA', currency: 'USD', group: '30' },
	{ company: 'usmf', account: 'US-1005', name: 'Wingtip Retail Co', city: 'Chicago', country: 'USA', currency: 'USD', group: '30' },
	{ company: 'usmf', account: 'US-1006', name: 'Adatum Public Sector Services', city: 'Ottawa', country: 'CAN', currency: 'CAD', group: '30' },
	{ company: 'gbsi', account: 'GB-1007', name: 'Litware Software Ltd', city: 'London', country: 'GBR', currency: 'GBP', group: '30' },
	{ company: 'usmf', account: 'US-1008', name: 'Proseware Logistics', city: 'Rotterdam', country: 'NLD', currency: 'EUR', group: '30' },
	{ company: 'usmf', account: 'US-1009', name: 'Woodgrove Bank', city: 'Toronto', country: 'CAN', currency: 'CAD', group: '30' },
	{ company: 'gbsi', account: 'GB-1010', name: "O'Brien & Sons Engineering", city: 'Dublin', country: 'IRL', currency: 'EUR', group: '30' },
	{ company: 'usmf', account: 'US-1011', name: 'Alpine Ski House', city: 'Denver', country: 'USA', currency: 'USD', group: '30' },
	{ company: 'usmf', account: 'US-1012', name: 'Blue Yonder Airlines', city: 'Seattle', country: 'USA', currency: 'USD', group: '30' },
	// The delivered projects' customers (sandbox/firm), keyed by the firm's customer id.
	{ company: 'usmf', account: 'SF-001A000001', name: 'Acme Manufacturing Inc.', city: 'Detroit', country: 'USA', currency: 'USD', group: '30' },
	{ company: 'gbsi', account: 'SF-001A000004', name: 'Umbrella Health plc', city: 'Manchester', country: 'GBR', currency: 'GBP', group: '30' },
];

export function companyOfCurrency(currency: string): string {
	return currency === 'GBP' ? 'gbsi' : 'usmf';
}

export const FINANCE_PROJECTS = FIRM_PROJECTS.map((project) => ({
	company: companyOfCurrency(project.currency),
	ProjectID: project.externalId,
	ProjectName: project.name,
	ProjectGroup: project.billing === 'Fixed Price' ? 'FP' : 'TM',
	ProjectType: project.billing === 'Fixed Price' ? 'FixedPrice' : 'TimeMaterial',
	Status: 'InProcess',
	CustomerAccount: project.customerExternalId,
	ProjectContractID: `PC-${project.externalId.slice(-6)}`,
	ProjectedStartDate: `${project.start}T00:00:00Z`,
	ProjectedEndDate: `${project.end}T00:00:00Z`,
	WorkerResponsiblePersonnelNumber: project.projectManagerExternalId,
	currency: project.currency,
}));

export const FINANCE_WORKERS = FIRM_PEOPLE.map((person) => ({
	PersonnelNumber: person.externalId,
	Name: `${person.firstName} ${person.lastName}`,
	FirstName: person.firstName,
	LastName: person.lastName,
	PrimaryContactEmail: person.email,
	Title: person.title,
	OriginalHireDateTime: `${person.hireDate}T00:00:00Z`,
}));

/** Project categories per company: the hour category, the firm's expense categories and the fee category. */
export const FINANCE_CATEGORIES: Array<{ CategoryId: string; CategoryName: string; CategoryType: 'Hour' | 'Expense' | 'Fee' }> = [
	{ CategoryId: 'Consulting', CategoryName: 'Consulting hours', CategoryType: 'Hour' },
	{ CategoryId: 'Travel', CategoryName: 'Travel', CategoryType: 'Expense' },
	{ CategoryId: 'Meals', CategoryName: 'Meals', CategoryType: 'Expense' },
	{ CategoryId: 'Fee', CategoryName: 'Fixed fee', CategoryType: 'Fee' },
];

/** Journal names per journal entity (every company has them). */
export const JOURNAL_NAMES: Record<string, string[]> = {
	ProjectJournalHeaders: ['Hours', 'Fees'],
	ExpenseJournalHeaders: ['Expense'],
	LedgerJournalHeaders: ['GenJrn'],
};

/** Main accounts of the chart of accounts the companies share (the first segment of a ledger display value). */
export const MAIN_ACCOUNTS = ['110110', '130100', '200100', '401100', '401200', '601500', '605100', '618100'];

export const VENDORS = [
	{ company: 'usmf', VendorAccount: 'V-2001', VendorOrganizationName: 'Summit Subcontracting LLC', VendorGroupId: 'SUB', CurrencyCode: 'USD' },
	{ company: 'gbsi', VendorAccount: 'V-2101', VendorOrganizationName: 'Thames Associates Ltd', VendorGroupId: 'SUB', CurrencyCode: 'GBP' },
];

/** Ledger periods open for posting, per company (inclusive dates); everything outside is closed. */
export const OPEN_PERIODS: Record<string, { from: string; to: string }> = {
	usmf: { from: '2026-01-01', to: '2026-12-31' },
	gbsi: { from: '2026-01-01', to: '2026-12-31' },
};
