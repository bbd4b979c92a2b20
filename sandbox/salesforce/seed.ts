/**
 * Seed data: Brightline Consulting, a professional-services firm, selling consulting, fixed-fee
 * implementations, managed-services retainers and training to its clients. Some deals are Closed Won and not
 * yet in NetSuite (no NetSuite_Project_Id__c), some already synced, some still open or lost.
 * Timestamps are fixed, so ids and SystemModstamps are the same on every run.
 */
import { SANDBOX_JWT_PUBLIC_KEY } from './keys';
import type { SalesforceOrg } from './org';

export const SANDBOX_USERNAME = 'integration@brightline-consulting.example';
export const SANDBOX_CONSUMER_KEY = '3MVG9P2Csandbox.Brightline.JwtIntegration.ConsumerKey';
export const SANDBOX_CLIENT_ID = '3MVG9P2Csandbox.Brightline.ClientCredentials.ConsumerKey';
export const SANDBOX_CLIENT_SECRET = 'P2C-SANDBOX-CLIENT-SECRET-0001';

const SEED_START = Date.parse('2026-10-01T09:00:00.000Z');
const HOUR = 3_600_000;

interface SeedOpportunity {
	key: string;
	account: number;
	name: string;
	stage: string;
	close: string;
	type: string;
	lines: Array<[product: string, quantity: number, unitPrice: number]>;
	netSuiteProject?: string;
}

const ACCOUNTS: Array<[name: string, industry: string, city: string, country: string, netSuiteId?: string]> = [
	['Northwind Health Partners', 'Healthcare', 'Boston', 'United States', '1101'],
	['Contoso Manufacturing GmbH', 'Manufacturing', 'Stuttgart', 'Germany', '1102'],
	['Fabrikam Financial Group', 'Financial Services', 'New York', 'United States'],
	['Tailspin Energy', 'Energy', 'Houston', 'United States'],
	['Wingtip Retail Co', 'Retail', 'Chicago', 'United States'],
	['Adatum Public Sector Services', 'Government', 'Ottawa', 'Canada'],
	['Litware Software Ltd', 'Technology', 'London', 'United Kingdom'],
	['Proseware Logistics', 'Manufacturing', 'Rotterdam', 'Netherlands'],
	['Woodgrove Bank', 'Financial Services', 'Toronto', 'Canada'],
	["O'Brien & Sons Engineering", 'Manufacturing', 'Dublin', 'Ireland'],
	['Alpine Ski House', 'Retail', 'Denver', 'United States'],
	['Blue Yonder Airlines', 'Technology', 'Seattle', 'United States'],
];

const PRODUCTS: Array<[code: string, name: string, family: string, listPrice: number]> = [
	['PS-TM-DAY', 'Consulting Services (T&M, per day)', 'Professional Services', 1600],
	['PS-FF-IMPL', 'Fixed-Fee Implementation', 'Professional Services', 45000],
	['MS-RET-MONTH', 'Managed Services Retainer (per month)', 'Managed Services', 8500],
	['TR-DAY', 'Training Day', 'Training', 2400],
	['EXP-PASS', 'Travel and Expenses (pass-through)', 'Expenses', 1],
];

const OPPORTUNITIES: SeedOpportunity[] = [
	{ key: 'OPP-2001', account: 0, name: 'Northwind EHR Integration Phase 1', stage: 'Closed Won', close: '2026-09-15', type: 'New Business', lines: [['PS-FF-IMPL', 1, 45000], ['TR-DAY', 4, 2400]], netSuiteProject: '5101' },
	{ key: 'OPP-2002', account: 1, name: 'Contoso SAP Rollout Advisory', stage: 'Closed Won', close: '2026-10-20', type: 'New Business', lines: [['PS-TM-DAY', 60, 1550], ['EXP-PASS', 12000, 1]] },
	{ key: 'OPP-2003', account: 2, name: 'Fabrikam Risk Platform Assessment', stage: 'Closed Won', close: '2026-10-28', type: 'New Business', lines: [['PS-FF-IMPL', 1, 38000]] },
	{ key: 'OPP-2004', account: 3, name: 'Tailspin Grid Analytics Retainer', stage: 'Closed Won', close: '2026-11-02', type: 'New Business', lines: [['MS-RET-MONTH', 12, 8500]] },
	{ key: 'OPP-2005', account: 4, name: 'Wingtip POS Modernisation', stage: 'Negotiation/Review', close: '2026-12-15', type: 'New Business', lines: [['PS-TM-DAY', 120, 1600], ['TR-DAY', 6, 2400]] },
	{ key: 'OPP-2006', account: 5, name: 'Adatum Case Management Discovery', stage: 'Proposal/Price Quote', close: '2027-01-31', type: 'New Business', lines: [['PS-FF-IMPL', 1, 52000]] },
	{ key: 'OPP-2007', account: 6, name: 'Litware Cloud Migration', stage: 'Closed Lost', close: '2026-10-05', type: 'New Business', lines: [['PS-TM-DAY', 80, 1500]] },
	{ key: 'OPP-2008', account: 7, name: 'Proseware Warehouse Optimisation', stage: 'Qualification', close: '2027-02-28', type: 'New Business', lines: [] },
	{ key: 'OPP-2009', account: 8, name: 'Woodgrove Open Banking Sprint', stage: 'Closed Won', close: '2026-11-10', type: 'New Business', lines: [['PS-TM-DAY', 25, 1700], ['TR-DAY', 2, 2400]] },
	{ key: 'OPP-2010', account: 9, name: "O'Brien Plant Maintenance Rollout", stage: 'Closed Won', close: '2026-11-12', type: 'New Business', lines: [['PS-FF-IMPL', 1, 29500], ['EXP-PASS', 3500, 1]] },
	{ key: 'OPP-2011', account: 0, name: 'Northwind EHR Integration Phase 2', stage: 'Value Proposition', close: '2027-03-31', type: 'Existing Business', lines: [['PS-FF-IMPL', 1, 60000]] },
	{ key: 'OPP-2012', account: 1, name: 'Contoso Support Retainer Renewal', stage: 'Closed Won', close: '2026-08-30', type: 'Renewal', lines: [['MS-RET-MONTH', 12, 7800]], netSuiteProject: '5102' },
	{ key: 'OPP-2013', account: 10, name: 'Alpine Booking Engine Review', stage: 'Prospecting', close: '2027-04-15', type: 'New Business', lines: [] },
	{ key: 'OPP-2014', account: 11, name: 'Blue Yonder Crew Scheduling Pilot', stage: 'Id. Decision Makers', close: '2027-01-15', type: 'New Business', lines: [['PS-TM-DAY', 40, 1650]] },
];

const CONTRACTS: Array<[key: string, account: number, opportunity: string, start: string, term: number, status: string]> = [
	['CTR-3001', 0, 'OPP-2001', '2026-10-01', 6, 'Activated'],
	['CTR-3002', 1, 'OPP-2012', '2026-09-01', 12, 'Activated'],
	['CTR-3003', 3, 'OPP-2004', '2026-11-15', 12, 'Draft'],
	['CTR-3004', 8, 'OPP-2009', '2026-11-20', 3, 'In Approval Process'],
	['CTR-3005', 2, 'OPP-2003', '2026-11-05', 4, 'Draft'],
];

/** Populates an empty org. */
export function seedOrg(org: SalesforceOrg): void {
	let tick = 0;
	const at = <T>(work: () => T): T => org.atTime(SEED_START + tick++ * HOUR, work);
	const bootstrap = 'bootstrap';

	const users = ['admin@brightline-consulting.example', SANDBOX_USERNAME, 'maria.sales@brightline-consulting.example'].map((username) =>
		at(() => org.insert('User', { Username: username, Email: username }, bootstrap)),
	);
	const integrationUser = users[1];
	org.apps.push({ consumerKey: SANDBOX_CONSUMER_KEY, publicKey: SANDBOX_JWT_PUBLIC_KEY, preAuthorizedUsers: [SANDBOX_USERNAME] });
	org.apps.push({ consumerKey: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET, runAsUsername: SANDBOX_USERNAME, preAuthorizedUsers: [] });

	const admin = users[0];
	const pricebook = at(() => org.insert('Pricebook2', { Name: 'Standard Price Book' }, admin));
	org.byId(pricebook)!.IsStandard = true;
	const entries = new Map<string, string>();
	PRODUCTS.forEach(([code, name, family, price]) => {
		const product = at(() => org.insert('Product2', { Name: name, ProductCode: code, Family: family, External_Id__c: code }, admin));
		entries.set(code, at(() => org.insert('PricebookEntry', { Pricebook2Id: pricebook, Product2Id: product, UnitPrice: price }, admin)));
	});

	const accountIds = ACCOUNTS.map(([name, industry, city, country, netSuiteId], i) =>
		at(() =>
			org.insert(
				'Account',
				{
					Name: name,
					Type: 'Customer - Direct',
					Industry: industry,
					BillingCity: city,
					BillingCountry: country,
					External_Id__c: `ACC-${1001 + i}`,
					NetSuite_Customer_Id__c: netSuiteId ?? null,
				},
				users[2],
			),
		),
	);

	const opportunityIds = new Map<string, string>();
	for (const o of OPPORTUNITIES) {
		const id = at(() =>
			org.insert(
				'Opportunity',
				{
					Name: o.name,
					AccountId: accountIds[o.account],
					StageName: 'Qualification',
					CloseDate: o.close,
					Type: o.type,
					External_Id__c: o.key,
					Pricebook2Id: pricebook,
				},
				users[2],
			),
		);
		opportunityIds.set(o.key, id);
		for (const [code, quantity, unitPrice] of o.lines) {
			at(() => org.insert('OpportunityLineItem', { OpportunityId: id, PricebookEntryId: entries.get(code), Quantity: quantity, UnitPrice: unitPrice }, users[2]));
		}
		// The deal moves to its final stage afterwards, as it would in real life (LastStageChangeDate is set).
		if (o.stage !== 'Qualification') at(() => org.update('Opportunity', id, { StageName: o.stage }, users[2]));
		if (o.netSuiteProject) {
			const account = ACCOUNTS[o.account];
			at(() => org.update('Opportunity', id, { NetSuite_Project_Id__c: o.netSuiteProject, NetSuite_Customer_Id__c: account[4] ?? null }, integrationUser));
		}
	}

	for (const [key, account, opportunity, start, term, status] of CONTRACTS) {
		const id = at(() =>
			org.insert(
				'Contract',
				{ AccountId: accountIds[account], StartDate: start, ContractTerm: term, External_Id__c: key, Opportunity__c: opportunityIds.get(opportunity) },
				users[2],
			),
		);
		if (status !== 'Draft') at(() => org.update('Contract', id, { Status: status }, users[2]));
	}
	// Seeding is not API traffic.
	org.apiUsage = 0;
}
