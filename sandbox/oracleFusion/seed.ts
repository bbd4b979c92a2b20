/**
 * The consulting firm (sandbox/firm/dataset.ts) in Oracle Fusion's shape: people as HCM workers (person number
 * = the firm's employee id), delivered projects with their tasks (project and task numbers = the firm's ids, so
 * PSA records map without a lookup table), the firm's customers as accounts (the Salesforce seed's accounts by
 * name, plus the delivered projects' customers), a contract per project, approved expenses as expense reports,
 * and the reference data costing and General Ledger check against: business units, organizations, expenditure
 * types, the PSA transaction sources, ledgers with their open periods and valid account combinations.
 */
import { FIRM_CUSTOMERS, FIRM_EXPENSES, FIRM_PEOPLE, FIRM_PROJECTS, firmPerson } from '../firm/dataset';
import type { Row } from './q';
import type { ReferenceData } from './resources';
import type { OracleStore } from './rest';
import { hashKey } from './rest';

/** The CRM's customer names (sandbox/firm FIRM_CUSTOMERS); kept for the SAP sandbox, which reads them from here. */
export const SALESFORCE_ACCOUNT_NAMES: string[] = FIRM_CUSTOMERS.map((c) => c.name);

export const US_LEDGER_ID = '300000046975971';
export const UK_LEDGER_ID = '300000046975972';
export const DATA_ACCESS_SET_ID = '300000046975980';

export const PSA_LABOR_SOURCE = 'External PSA';
export const PSA_LABOR_DOCUMENT = 'PSA Labor';
export const PSA_EXPENSE_DOCUMENT = 'PSA Expenses';

const BUSINESS_UNIT = { USD: 'US1 Business Unit', GBP: 'UK1 Business Unit' } as const;
const ORGANIZATION = { US: 'Consulting US', UK: 'Consulting UK' } as const;

/** 2026 to 2028, open in both ledgers (2025 is closed; revenue schedules of the firm's deals run into 2028). */
const OPEN_PERIODS = [2026, 2027, 2028].flatMap((year) => Array.from({ length: 12 }, (_v, m) => `${year}-${String(m + 1).padStart(2, '0')}`));

/** Company . cost center . account . intercompany: receivables, unbilled (contract asset), deferred revenue, revenue, cost. */
const NATURAL_ACCOUNTS = ['11000', '12500', '21000', '41000', '51000'];

export function referenceData(): ReferenceData {
	return {
		businessUnits: Object.values(BUSINESS_UNIT),
		organizations: Object.values(ORGANIZATION),
		expenditureTypes: [
			{ name: 'Professional Labor', unitOfMeasure: 'Hours' },
			{ name: 'Travel', unitOfMeasure: 'Each' },
			{ name: 'Meals', unitOfMeasure: 'Each' },
			{ name: 'Non-Recoverable Tax', unitOfMeasure: 'Each' },
		],
		transactionSources: [{ source: PSA_LABOR_SOURCE, documents: [PSA_LABOR_DOCUMENT, PSA_EXPENSE_DOCUMENT] }],
		openPeriods: { [US_LEDGER_ID]: OPEN_PERIODS, [UK_LEDGER_ID]: OPEN_PERIODS },
		ledgers: [
			{ id: US_LEDGER_ID, name: 'US Primary Ledger', currency: 'USD', dataAccessSetId: DATA_ACCESS_SET_ID },
			{ id: UK_LEDGER_ID, name: 'UK Primary Ledger', currency: 'GBP', dataAccessSetId: DATA_ACCESS_SET_ID },
		],
		accounts: {
			[US_LEDGER_ID]: NATURAL_ACCOUNTS.flatMap((a) => [`101.10.${a}.000`, `101.00.${a}.000`]),
			[UK_LEDGER_ID]: NATURAL_ACCOUNTS.flatMap((a) => [`102.10.${a}.000`, `102.00.${a}.000`]),
		},
		journalSources: ['Spreadsheet', 'Manual', 'Revenue Recognition'],
		journalCategories: ['Adjustment', 'Revenue', 'Accrual'],
	};
}

function displayName(personId: string): string {
	const person = firmPerson(personId);
	return `${person.firstName} ${person.lastName}`;
}

export function seedStore(store: OracleStore): void {
	const at = '2026-01-05T09:00:00+00:00';
	const audit = { CreatedBy: 'FIN_IMPL', CreationDate: at, LastUpdatedBy: 'FIN_IMPL', LastUpdateDate: at };

	for (const person of FIRM_PEOPLE) {
		const personId = store.nextId();
		store.insert('workers', {
			workersUniqID: hashKey('workers', personId),
			PersonId: personId,
			PersonNumber: person.externalId,
			DisplayName: `${person.firstName} ${person.lastName}`,
			FirstName: person.firstName,
			LastName: person.lastName,
			WorkEmail: person.email,
			HireDate: person.hireDate,
			WorkerType: 'E',
			EffectiveStartDate: person.hireDate,
			...audit,
		});
	}

	// The CRM's customers (the firm's, as every CRM sandbox seeds them), then the delivered projects' customers.
	const customers = [
		...FIRM_CUSTOMERS.map((c) => ({ name: c.name, city: c.city, country: c.country, industry: c.industry, reference: { SourceSystem: 'CRM', SourceSystemReferenceValue: c.accountNumber } })),
		...[...new Set(FIRM_PROJECTS.map((p) => p.customer))].map((name) => ({ name, city: undefined, country: undefined, industry: undefined, reference: { SourceSystem: 'SF', SourceSystemReferenceValue: FIRM_PROJECTS.find((p) => p.customer === name)!.customerExternalId } })),
	];
	customers.forEach((customer, index) => {
		const project = FIRM_PROJECTS.find((p) => p.customer === customer.name);
		store.insert('accounts', {
			PartyId: store.nextId(),
			PartyNumber: `CUST-${1001 + index}`,
			OrganizationName: customer.name,
			Type: 'ZCA_CUSTOMER',
			PartyStatus: 'A',
			CurrencyCode: project?.currency ?? 'USD',
			...(customer.city ? { City: customer.city, Country: customer.country, IndustryCode: customer.industry } : {}),
			...customer.reference,
			...audit,
		});
	});

	FIRM_PROJECTS.forEach((project, index) => {
		const manager = firmPerson(project.projectManagerExternalId);
		const customer = store.all('accounts').find((a) => a.OrganizationName === project.customer)!;
		const region = project.currency === 'GBP' ? 'UK' : 'US';
		const row: Row = {
			ProjectNumber: project.externalId,
			ProjectName: project.name,
			ProjectDescription: `${project.billing} engagement for ${project.customer}`,
			ProjectStatusCode: 'ACTIVE',
			ProjectStatus: 'Active',
			ProjectStartDate: project.start,
			ProjectEndDate: project.end,
			ProjectCurrencyCode: project.currency,
			ProjectManagerName: displayName(manager.externalId),
			ProjectManagerEmail: manager.email,
			LegalEntityName: region === 'UK' ? 'Meridian Advisory Ltd' : 'Meridian Advisory Group Inc',
			BusinessUnitName: BUSINESS_UNIT[project.currency],
			OrganizationName: ORGANIZATION[region],
			CustomerNumber: customer.PartyNumber,
			CustomerName: customer.OrganizationName,
			ContractNumber: `CON-${1001 + index}`,
			ProjectTypeName: project.billing === 'Fixed Price' ? 'Fixed Price Consulting' : 'Time and Materials Consulting',
			SourceApplicationCode: 'SF',
			SourceProjectReference: project.externalId,
			...audit,
		};
		store.insert('projects', row);
		for (const task of project.tasks) {
			store.insert(
				'projects',
				{
					TaskNumber: task.externalId,
					TaskName: task.name,
					PlannedStartDate: task.start,
					PlannedFinishDate: task.end,
					PlannedEffort: Number(task.plannedHours),
					MilestoneFlag: task.isMilestone === true,
					ChargeableFlag: task.isMilestone !== true,
					BillableFlag: true,
					TaskLevel: 1,
				},
				{ row, child: 'Tasks' },
			);
		}
		const contract: Row = {
			ContractNumber: `CON-${1001 + index}`,
			ContractName: `${project.customer} – ${project.name}`,
			ContractTypeName: 'Project Contract',
			CurrencyCode: project.currency,
			CustomerNumber: customer.PartyNumber,
			CustomerName: customer.OrganizationName,
			StartDate: project.start,
			EndDate: project.end,
			StatusCode: 'ACTIVE',
			BusinessUnitName: BUSINESS_UNIT[project.currency],
			...audit,
		};
		store.insert('contracts', contract);
		store.insert('contracts', { LineNumber: '1', ItemName: 'Professional Services', LineTypeName: project.billing === 'Fixed Price' ? 'Fixed Price' : 'Time and Materials', ProjectNumber: project.externalId }, { row: contract, child: 'ContractLine' });
	});

	const templateTasks = ['Discovery', 'Build', 'Test', 'Go-live'];
	(['Time and Materials Consulting', 'Fixed Price Consulting'] as const).forEach((type, index) => {
		const template: Row = { ProjectTemplateNumber: `TPL-${index + 1}`, ProjectTemplateName: `${type} Template`, ProjectTemplateDescription: `Standard ${type.toLowerCase()} engagement`, BusinessUnitName: BUSINESS_UNIT.USD, OrganizationName: ORGANIZATION.US, ProjectTypeName: type, ...audit };
		store.insert('projectTemplates', template);
		templateTasks.forEach((name, t) => store.insert('projectTemplates', { TaskNumber: String(t + 1), TaskName: name, MilestoneFlag: name === 'Go-live', ChargeableFlag: true, BillableFlag: true, TaskLevel: 1 }, { row: template, child: 'Tasks' }));
	});

	// Approved PSA expenses, as the expense reports the consultants filed in Oracle Expenses.
	const approved = FIRM_EXPENSES.filter((e) => e.status === 'Approved');
	const byPerson = new Map<string, typeof approved>();
	for (const expense of approved) byPerson.set(expense.personExternalId, [...(byPerson.get(expense.personExternalId) ?? []), expense]);
	let reportNumber = 1;
	for (const [personId, expenses] of byPerson) {
		const worker = store.all('workers').find((w) => w.PersonNumber === personId)!;
		const currency = expenses[0].currency;
		const totalMinor = expenses.reduce((sum, e) => sum + BigInt(e.amountMinor), 0n);
		const report: Row = {
			ExpenseReportNumber: `EXP${String(reportNumber++).padStart(6, '0')}`,
			Purpose: `Client travel ${expenses[0].date.slice(0, 7)}`,
			ExpenseReportDate: expenses[expenses.length - 1].date,
			PersonId: worker.PersonId,
			PersonName: worker.DisplayName,
			PersonNumber: worker.PersonNumber,
			BusinessUnit: BUSINESS_UNIT[currency],
			ExpenseReportTotal: Number(`${totalMinor / 100n}.${String(totalMinor % 100n).padStart(2, '0')}`),
			ReimbursementCurrencyCode: currency,
			ExpenseStatusCode: 'APPROVED',
			SubmitDate: expenses[expenses.length - 1].date,
			...audit,
		};
		store.insert('expenseReports', report);
		for (const expense of expenses) {
			const amount = Number(`${BigInt(expense.amountMinor) / 100n}.${String(BigInt(expense.amountMinor) % 100n).padStart(2, '0')}`);
			store.insert('expenseReports', { StartDate: expense.date, ReceiptDate: expense.date, ExpenseType: expense.category, ReceiptAmount: amount, ReceiptCurrencyCode: currency, ReimbursableAmount: amount, ReimbursementCurrencyCode: currency, Description: expense.notes, ReceiptMissingFlag: 'N' }, { row: report, child: 'Expense' });
		}
	}
}
