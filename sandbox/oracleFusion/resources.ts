/**
 * The Oracle Fusion resources the sandbox serves, described for the REST core: attributes and their types
 * (as Oracle's describe gives them), keys, children, Upsert-Mode keys, and the business rules our flows meet
 * (projects, tasks, people, expenditure types, transaction sources, open periods; a cost's original transaction
 * reference is unique within its transaction source and document).
 */
import { formatAmount, parseAmount, Rational, toMinorRational } from '../../lib/money';
import type { Row } from './q';
import type { AttributeDef, FieldError, OracleStore, ResourceDef } from './rest';
import { hashKey } from './rest';

export type OracleServiceName = 'fscm' | 'hcm' | 'crm';

const s = (name: string, extra: Partial<AttributeDef> = {}): AttributeDef => ({ name, type: 'string', ...extra });
const n = (name: string, extra: Partial<AttributeDef> = {}): AttributeDef => ({ name, type: 'number', ...extra });
const i = (name: string, extra: Partial<AttributeDef> = {}): AttributeDef => ({ name, type: 'integer', ...extra });
const d = (name: string, extra: Partial<AttributeDef> = {}): AttributeDef => ({ name, type: 'date', ...extra });
const b = (name: string, extra: Partial<AttributeDef> = {}): AttributeDef => ({ name, type: 'boolean', ...extra });
const audit = (): AttributeDef[] => [s('CreatedBy', { readOnly: true }), { name: 'CreationDate', type: 'datetime', readOnly: true }, s('LastUpdatedBy', { readOnly: true }), { name: 'LastUpdateDate', type: 'datetime', readOnly: true }];

/** Reference data the rules look things up in (seeded in seed.ts). */
export interface ReferenceData {
	businessUnits: string[];
	organizations: string[];
	expenditureTypes: Array<{ name: string; unitOfMeasure: string }>;
	transactionSources: Array<{ source: string; documents: string[] }>;
	/** Open GL periods per ledger id: `YYYY-MM`. */
	openPeriods: Record<string, string[]>;
	ledgers: Array<{ id: string; name: string; currency: string; dataAccessSetId: string }>;
	/** Valid account combinations (segments joined by "."), per ledger id. */
	accounts: Record<string, string[]>;
	journalSources: string[];
	journalCategories: string[];
}

function now(): string {
	return new Date().toISOString();
}

function stamp(row: Row): void {
	row.CreatedBy = row.CreatedBy ?? 'P2C.INTEGRATION';
	row.CreationDate = row.CreationDate ?? now();
	row.LastUpdatedBy = 'P2C.INTEGRATION';
	row.LastUpdateDate = now();
}

const taskDef: ResourceDef = {
	name: 'Tasks',
	key: 'TaskId',
	keyKind: 'number',
	attributes: [i('TaskId', { readOnly: true }), s('TaskName', { mandatory: true, maxLength: 255 }), s('TaskNumber', { mandatory: true, maxLength: 100 }), s('TaskDescription'), i('ParentTaskId'), i('TaskLevel', { readOnly: true }), d('PlannedStartDate'), d('PlannedFinishDate'), n('PlannedEffort'), b('MilestoneFlag'), b('ChargeableFlag'), b('BillableFlag'), b('CompletedFlag')],
	complete(row) {
		row.TaskLevel = row.ParentTaskId ? 2 : 1;
		row.ChargeableFlag = row.ChargeableFlag ?? true;
		row.BillableFlag = row.BillableFlag ?? true;
		row.MilestoneFlag = row.MilestoneFlag ?? false;
	},
	validate(row, mode, _store, parent) {
		const siblings = ((parent?.Tasks ?? []) as Row[]).filter((t) => t !== row && t.TaskId !== row.TaskId);
		return siblings.some((t) => t.TaskNumber === row.TaskNumber) ? [{ attribute: 'TaskNumber', message: `The task number ${String(row.TaskNumber)} is already used in this project.`, code: 'PJF_TASK_NUMBER_NOT_UNIQUE' }] : [];
	},
};

export function oracleResources(ref: ReferenceData): Array<ResourceDef & { service: OracleServiceName }> {
	const projectOf = (store: OracleStore, number: unknown) => store.all('projects').find((p) => p.ProjectNumber === number);
	const costRules = (row: Row, store: OracleStore): FieldError[] => {
		const errors: FieldError[] = [];
		const source = ref.transactionSources.find((t) => t.source === row.TransactionSource);
		if (!source) errors.push({ attribute: 'TransactionSource', message: `The transaction source ${String(row.TransactionSource)} isn't valid.`, code: 'PJC_INVALID_TXN_SOURCE' });
		else if (!source.documents.includes(String(row.Document))) errors.push({ attribute: 'Document', message: `The document ${String(row.Document)} isn't valid for the transaction source ${String(row.TransactionSource)}.`, code: 'PJC_INVALID_DOCUMENT' });
		if (!ref.businessUnits.includes(String(row.BusinessUnit))) errors.push({ attribute: 'BusinessUnit', message: `The business unit ${String(row.BusinessUnit)} isn't valid.`, code: 'PJC_INVALID_BU' });
		const project = projectOf(store, row.ProjectNumber);
		if (!project) errors.push({ attribute: 'ProjectNumber', message: `The project ${String(row.ProjectNumber)} isn't valid.`, code: 'PJC_INVALID_PROJECT' });
		else {
			if (project.ProjectStatusCode !== 'ACTIVE') errors.push({ attribute: 'ProjectNumber', message: `The project ${String(row.ProjectNumber)} isn't active, so it can't be charged.`, code: 'PJC_PROJECT_NOT_CHARGEABLE' });
			const task = ((project.Tasks ?? []) as Row[]).find((t) => t.TaskNumber === row.TaskNumber);
			if (!task) errors.push({ attribute: 'TaskNumber', message: `The task ${String(row.TaskNumber)} isn't valid for the project ${String(row.ProjectNumber)}.`, code: 'PJC_INVALID_TASK' });
			else if (task.ChargeableFlag === false) errors.push({ attribute: 'TaskNumber', message: `The task ${String(row.TaskNumber)} isn't chargeable.`, code: 'PJC_TASK_NOT_CHARGEABLE' });
			else {
				row.ProjectId = project.ProjectId;
				row.ProjectName = project.ProjectName;
				row.TaskId = task.TaskId;
				row.TaskName = task.TaskName;
			}
		}
		const type = ref.expenditureTypes.find((t) => t.name === row.ExpenditureType);
		if (!type) errors.push({ attribute: 'ExpenditureType', message: `The expenditure type ${String(row.ExpenditureType)} isn't valid.`, code: 'PJC_INVALID_EXP_TYPE' });
		else if (String(row.UnitOfMeasure) !== type.unitOfMeasure) errors.push({ attribute: 'UnitOfMeasure', message: `The unit of measure of the expenditure type ${type.name} is ${type.unitOfMeasure}.`, code: 'PJC_INVALID_UOM' });
		if (!ref.organizations.includes(String(row.ExpenditureOrganization))) errors.push({ attribute: 'ExpenditureOrganization', message: `The expenditure organization ${String(row.ExpenditureOrganization)} isn't valid.`, code: 'PJC_INVALID_EXP_ORG' });
		if (row.PersonNumber !== undefined) {
			const worker = store.all('workers').find((w) => w.PersonNumber === row.PersonNumber);
			if (!worker) errors.push({ attribute: 'PersonNumber', message: `The person ${String(row.PersonNumber)} isn't valid.`, code: 'PJC_INVALID_PERSON' });
			else {
				row.PersonId = worker.PersonId;
				row.PersonName = worker.DisplayName;
			}
		}
		if (typeof row.Quantity === 'number' && row.Quantity <= 0 && type?.unitOfMeasure === 'Hours') errors.push({ attribute: 'Quantity', message: 'The quantity must be greater than zero.', code: 'PJC_INVALID_QUANTITY' });
		const duplicate = [...store.all('unprocessedProjectCosts'), ...store.all('projectCosts')].find(
			(c) => c !== row && c.TransactionSource === row.TransactionSource && c.Document === row.Document && c.OriginalTransactionReference === row.OriginalTransactionReference,
		);
		if (duplicate) errors.push({ attribute: 'OriginalTransactionReference', message: `The original transaction reference ${String(row.OriginalTransactionReference)} already exists for the transaction source and document.`, code: 'PJC_DUPLICATE_ORIG_TXN_REF' });
		return errors;
	};
	const costAttributes = (processed: boolean): AttributeDef[] => [
		...(processed ? [i('ExpenditureItemId', { readOnly: true })] : [s('unprocessedProjectCostsUniqID', { readOnly: true }), i('TransactionNumber', { readOnly: true }), s('TransactionStatus', { readOnly: true })]),
		s('TransactionSource', { mandatory: true, createOnly: true }),
		s('Document', { mandatory: true, createOnly: true }),
		s('DocumentEntry', { mandatory: true, createOnly: true }),
		s('BusinessUnit', { mandatory: true, createOnly: true }),
		s('ProjectNumber', { mandatory: true }),
		i('ProjectId', { readOnly: true }),
		s('ProjectName', { readOnly: true }),
		s('TaskNumber', { mandatory: true }),
		i('TaskId', { readOnly: true }),
		s('TaskName', { readOnly: true }),
		s('ExpenditureType', { mandatory: true }),
		d('ExpenditureItemDate', { mandatory: true }),
		s('ExpenditureOrganization', { mandatory: true }),
		s('PersonNumber'),
		i('PersonId', { readOnly: true }),
		s('PersonName', { readOnly: true }),
		n('Quantity', { mandatory: true }),
		s('UnitOfMeasure', { mandatory: true }),
		s('DenomCurrencyCode'),
		n('DenomRawCost'),
		n('DenomBurdenedCost'),
		s('OriginalTransactionReference', { mandatory: true, createOnly: true, maxLength: 120 }),
		s('BillableFlag'),
		s('CapitalizableFlag'),
		s('ExpenditureComment', { maxLength: 240 }),
		...audit(),
	];
	return [
		{
			service: 'fscm',
			name: 'projects',
			key: 'ProjectId',
			keyKind: 'number',
			attributes: [i('ProjectId', { readOnly: true }), s('ProjectNumber', { mandatory: true, maxLength: 25 }), s('ProjectName', { mandatory: true, maxLength: 240 }), s('ProjectDescription', { maxLength: 2000 }), s('ProjectStatus', { readOnly: true }), s('ProjectStatusCode'), d('ProjectStartDate', { mandatory: true }), d('ProjectEndDate'), s('ProjectCurrencyCode', { createOnly: true }), s('ProjectManagerName'), s('ProjectManagerEmail'), s('LegalEntityName'), s('BusinessUnitName', { mandatory: true, createOnly: true }), s('OrganizationName'), s('CustomerName', { readOnly: true }), s('CustomerNumber'), s('ContractNumber', { readOnly: true }), s('ProjectTypeName'), s('SourceTemplateName', { createOnly: true }), s('SourceApplicationCode', { createOnly: true }), s('SourceProjectReference', { createOnly: true }), ...audit()],
			children: [taskDef],
			upsertKeys: [['ProjectNumber']],
			deletable: false,
			complete(row, store) {
				stamp(row);
				// Creating from a template copies its tasks (unless the payload brings its own).
				const template = row.SourceTemplateName ? store.all('projectTemplates').find((t) => t.ProjectTemplateName === row.SourceTemplateName) : undefined;
				if (template && row.Tasks === undefined) row.Tasks = ((template.Tasks ?? []) as Row[]).map(({ TaskId: _id, ...task }) => ({ ...task, TaskId: store.nextId() }));
				row.ProjectStatusCode = row.ProjectStatusCode ?? 'UNAPPROVED';
				row.ProjectStatus = row.ProjectStatusCode === 'ACTIVE' ? 'Active' : 'Unapproved';
				row.ProjectCurrencyCode = row.ProjectCurrencyCode ?? 'USD';
				if (row.CustomerNumber) row.CustomerName = store.all('accounts').find((a) => a.PartyNumber === row.CustomerNumber)?.OrganizationName;
			},
			validate(row, _mode, store) {
				const errors: FieldError[] = [];
				if (store.all('projects').some((p) => p !== row && p.ProjectId !== row.ProjectId && p.ProjectNumber === row.ProjectNumber)) errors.push({ attribute: 'ProjectNumber', message: `The project number ${String(row.ProjectNumber)} already exists.`, code: 'PJF_PROJ_NUMBER_NOT_UNIQUE' });
				if (!ref.businessUnits.includes(String(row.BusinessUnitName))) errors.push({ attribute: 'BusinessUnitName', message: `The business unit ${String(row.BusinessUnitName)} isn't valid.`, code: 'PJF_INVALID_BU' });
				if (row.ProjectEndDate && String(row.ProjectEndDate) < String(row.ProjectStartDate)) errors.push({ attribute: 'ProjectEndDate', message: 'The project finish date must be on or after the start date.', code: 'PJF_INVALID_DATES' });
				if (row.CustomerNumber && !store.all('accounts').some((a) => a.PartyNumber === row.CustomerNumber)) errors.push({ attribute: 'CustomerNumber', message: `The customer ${String(row.CustomerNumber)} isn't valid.`, code: 'PJF_INVALID_CUSTOMER' });
				if (row.SourceTemplateName && !store.all('projectTemplates').some((t) => t.ProjectTemplateName === row.SourceTemplateName)) errors.push({ attribute: 'SourceTemplateName', message: `The project template ${String(row.SourceTemplateName)} isn't valid.`, code: 'PJF_INVALID_TEMPLATE' });
				return errors;
			},
			finders: { PrimaryKey: (v, row) => String(row.ProjectId) === v.ProjectId },
		},
		{
			service: 'fscm',
			name: 'projectTemplates',
			key: 'ProjectTemplateId',
			keyKind: 'number',
			attributes: [i('ProjectTemplateId', { readOnly: true }), s('ProjectTemplateNumber'), s('ProjectTemplateName'), s('ProjectTemplateDescription'), s('BusinessUnitName'), s('OrganizationName'), s('ProjectTypeName'), ...audit()],
			children: [taskDef],
			writable: false,
			deletable: false,
		},
		{
			service: 'fscm',
			name: 'unprocessedProjectCosts',
			key: 'unprocessedProjectCostsUniqID',
			keyKind: 'hash',
			attributes: costAttributes(false),
			children: [{ name: 'Errors', key: 'MessageName', keyKind: 'text', attributes: [s('MessageName'), s('MessageText')], writable: false }],
			complete(row, store) {
				stamp(row);
				row.TransactionNumber = store.nextId();
				row.TransactionStatus = 'PENDING';
				row.unprocessedProjectCostsUniqID = hashKey('unprocessedProjectCosts', row.TransactionNumber);
				row.BillableFlag = row.BillableFlag ?? 'Y';
			},
			validate: (row, _mode, store) => costRules(row, store),
		},
		{ service: 'fscm', name: 'projectCosts', key: 'ExpenditureItemId', keyKind: 'number', attributes: costAttributes(true), writable: false, deletable: false },
		{
			service: 'fscm',
			name: 'projectBillingEvents',
			key: 'EventId',
			keyKind: 'number',
			attributes: [i('EventId', { readOnly: true }), i('EventNumber', { readOnly: true }), s('ContractNumber', { mandatory: true }), s('ContractLineNumber', { mandatory: true }), i('ContractId', { readOnly: true }), s('EventTypeName', { mandatory: true }), s('ProjectNumber'), i('ProjectId', { readOnly: true }), s('TaskNumber'), n('BillTrnsAmount', { mandatory: true }), s('BillTrnsCurrencyCode', { mandatory: true }), d('CompletionDate', { mandatory: true }), s('EventDescription', { maxLength: 240 }), s('BusinessUnitName'), s('OrganizationName'), s('CustomerNumber', { readOnly: true }), b('InvoicedFlag', { readOnly: true }), b('BillHoldFlag'), ...audit()],
			complete(row, store) {
				stamp(row);
				row.EventNumber = store.all('projectBillingEvents').length + 1;
				row.InvoicedFlag = false;
			},
			validate(row, _mode, store) {
				const errors: FieldError[] = [];
				const contract = store.all('contracts').find((c) => c.ContractNumber === row.ContractNumber);
				if (!contract) errors.push({ attribute: 'ContractNumber', message: `The contract ${String(row.ContractNumber)} isn't valid.`, code: 'PJB_INVALID_CONTRACT' });
				else {
					row.ContractId = contract.ContractId;
					row.CustomerNumber = contract.CustomerNumber;
					if (!((contract.ContractLine ?? []) as Row[]).some((l) => l.LineNumber === row.ContractLineNumber)) errors.push({ attribute: 'ContractLineNumber', message: `The contract line ${String(row.ContractLineNumber)} isn't valid for the contract ${String(row.ContractNumber)}.`, code: 'PJB_INVALID_CONTRACT_LINE' });
					if (contract.CurrencyCode !== row.BillTrnsCurrencyCode) errors.push({ attribute: 'BillTrnsCurrencyCode', message: `The bill transaction currency must be the contract currency ${String(contract.CurrencyCode)}.`, code: 'PJB_INVALID_CURRENCY' });
				}
				if (!['Milestone', 'Fixed Fee', 'Adjustment', 'Expense', 'Labor'].includes(String(row.EventTypeName))) errors.push({ attribute: 'EventTypeName', message: `The event type ${String(row.EventTypeName)} isn't valid.`, code: 'PJB_INVALID_EVENT_TYPE' });
				if (row.ProjectNumber !== undefined) {
					const project = projectOf(store, row.ProjectNumber);
					if (!project) errors.push({ attribute: 'ProjectNumber', message: `The project ${String(row.ProjectNumber)} isn't valid.`, code: 'PJB_INVALID_PROJECT' });
					else {
						row.ProjectId = project.ProjectId;
						if (row.TaskNumber !== undefined && !((project.Tasks ?? []) as Row[]).some((t) => t.TaskNumber === row.TaskNumber)) errors.push({ attribute: 'TaskNumber', message: `The task ${String(row.TaskNumber)} isn't valid for the project.`, code: 'PJB_INVALID_TASK' });
					}
				}
				if (typeof row.BillTrnsAmount === 'number' && row.BillTrnsAmount === 0) errors.push({ attribute: 'BillTrnsAmount', message: 'The bill transaction amount can\'t be zero.', code: 'PJB_ZERO_AMOUNT' });
				return errors;
			},
		},
		{
			service: 'fscm',
			name: 'contracts',
			key: 'ContractId',
			keyKind: 'number',
			attributes: [i('ContractId', { readOnly: true }), s('ContractNumber'), s('ContractName'), s('ContractTypeName'), s('CurrencyCode'), s('CustomerNumber'), s('CustomerName'), d('StartDate'), d('EndDate'), s('StatusCode'), s('BusinessUnitName'), ...audit()],
			children: [{ name: 'ContractLine', key: 'LineId', keyKind: 'number', attributes: [i('LineId', { readOnly: true }), s('LineNumber'), s('ItemName'), s('LineTypeName'), n('LineAmount'), s('ProjectNumber')], writable: false }],
			writable: false,
			deletable: false,
		},
		{
			service: 'fscm',
			name: 'receivablesInvoices',
			key: 'CustomerTransactionId',
			keyKind: 'number',
			attributes: [i('CustomerTransactionId', { readOnly: true }), s('TransactionNumber', { createOnly: true }), s('TransactionType', { mandatory: true }), s('TransactionSource', { mandatory: true }), d('TransactionDate', { mandatory: true }), d('AccountingDate'), d('DueDate'), s('BillToCustomerNumber', { mandatory: true }), s('BillToCustomerName', { readOnly: true }), s('BillToSite'), s('BusinessUnit', { mandatory: true }), s('InvoiceCurrencyCode', { mandatory: true }), s('InvoiceStatus'), s('PaymentTerms'), s('PurchaseOrder'), s('Comments'), s('CrossReference'), n('EnteredAmount', { readOnly: true }), n('InvoiceBalanceAmount', { readOnly: true }), n('FreightAmount'), ...audit()],
			children: [
				{
					name: 'receivablesInvoiceLines',
					key: 'CustomerTransactionLineId',
					keyKind: 'number',
					attributes: [i('CustomerTransactionLineId', { readOnly: true }), i('LineNumber', { mandatory: true }), s('Description', { mandatory: true, maxLength: 240 }), n('Quantity', { mandatory: true }), n('UnitSellingPrice', { mandatory: true }), n('LineAmount', { readOnly: true }), s('MemoLineName'), s('ItemNumber')],
					complete(row, _store, parent) {
						// Exact: quantity × price as rationals, rounded half up to the currency's minor units.
						const currency = String(parent?.InvoiceCurrencyCode ?? 'USD');
						const product = Rational.parse(String(row.Quantity)).mul(Rational.parse(String(row.UnitSellingPrice)));
						row.LineAmount = Number(formatAmount(toMinorRational(product, currency).roundHalfUp(), currency));
					},
				},
			],
			deletable: false,
			afterCreate(row) {
				const currency = String(row.InvoiceCurrencyCode);
				const lines = ((row.receivablesInvoiceLines ?? []) as Row[]).map((l) => parseAmount(String(l.LineAmount), currency));
				const freight = row.FreightAmount === undefined ? 0n : parseAmount(String(row.FreightAmount), currency);
				row.EnteredAmount = Number(formatAmount(lines.reduce((sum, a) => sum + a, freight), currency));
				row.InvoiceBalanceAmount = row.EnteredAmount;
			},
			complete(row, store) {
				stamp(row);
				row.TransactionNumber = row.TransactionNumber ?? String(100000 + store.all('receivablesInvoices').length + 1);
				row.InvoiceStatus = row.InvoiceStatus ?? 'Complete';
				row.BillToCustomerName = store.all('accounts').find((a) => a.PartyNumber === row.BillToCustomerNumber)?.OrganizationName;
			},
			validate(row, mode, store) {
				const errors: FieldError[] = [];
				if (!store.all('accounts').some((a) => a.PartyNumber === row.BillToCustomerNumber)) errors.push({ attribute: 'BillToCustomerNumber', message: `The bill-to customer ${String(row.BillToCustomerNumber)} isn't valid.`, code: 'AR_INVALID_BILL_TO' });
				if (!ref.businessUnits.includes(String(row.BusinessUnit))) errors.push({ attribute: 'BusinessUnit', message: `The business unit ${String(row.BusinessUnit)} isn't valid.`, code: 'AR_INVALID_BU' });
				if (mode === 'create' && store.all('receivablesInvoices').some((r) => r !== row && r.TransactionNumber === row.TransactionNumber && r.TransactionSource === row.TransactionSource)) errors.push({ attribute: 'TransactionNumber', message: `The transaction number ${String(row.TransactionNumber)} already exists for the transaction source.`, code: 'AR_DUPLICATE_TRX_NUMBER' });
				return errors;
			},
		},
		{
			service: 'fscm',
			name: 'expenseReports',
			key: 'ExpenseReportId',
			keyKind: 'number',
			attributes: [i('ExpenseReportId', { readOnly: true }), s('ExpenseReportNumber'), s('Purpose'), d('ExpenseReportDate'), i('PersonId'), s('PersonName'), s('PersonNumber'), s('BusinessUnit'), n('ExpenseReportTotal'), s('ReimbursementCurrencyCode'), s('ExpenseStatusCode'), d('SubmitDate'), ...audit()],
			children: [{ name: 'Expense', key: 'ExpenseId', keyKind: 'number', attributes: [i('ExpenseId', { readOnly: true }), d('StartDate'), d('ReceiptDate'), s('ExpenseType'), i('ExpenseTypeId'), n('ReceiptAmount'), s('ReceiptCurrencyCode'), n('ReimbursableAmount'), s('ReimbursementCurrencyCode'), s('Description'), s('MerchantName'), s('ReceiptMissingFlag')], writable: false }],
			writable: false,
			deletable: false,
		},
		{
			service: 'crm',
			name: 'accounts',
			key: 'PartyNumber',
			keyKind: 'text',
			attributes: [i('PartyId', { readOnly: true }), s('PartyNumber', { createOnly: true, maxLength: 30 }), s('OrganizationName', { mandatory: true, maxLength: 360 }), s('Type'), s('PartyStatus', { readOnly: true }), s('CurrencyCode'), s('EmailAddress'), s('URL'), s('PhoneNumber'), s('IndustryCode'), s('TaxpayerIdentificationNumber'), s('AddressLine1'), s('City'), s('State'), s('PostalCode'), s('Country'), s('SourceSystem', { createOnly: true }), s('SourceSystemReferenceValue', { createOnly: true }), ...audit()],
			upsertKeys: [['PartyNumber'], ['SourceSystem', 'SourceSystemReferenceValue']],
			deletable: false,
			complete(row, store) {
				stamp(row);
				row.PartyId = store.nextId();
				row.PartyNumber = row.PartyNumber ?? `CDRM_${String(row.PartyId).slice(-6)}`;
				row.PartyStatus = 'A';
				row.Type = row.Type ?? 'ZCA_CUSTOMER';
			},
			validate(row, mode, store) {
				if (mode === 'create' && store.all('accounts').some((a) => a !== row && a.PartyNumber === row.PartyNumber)) return [{ attribute: 'PartyNumber', message: `The party number ${String(row.PartyNumber)} already exists.`, code: 'HZ_DUP_PARTY_NUMBER' }];
				return [];
			},
		},
		{
			service: 'hcm',
			name: 'workers',
			key: 'workersUniqID',
			keyKind: 'hash',
			attributes: [s('workersUniqID', { readOnly: true }), i('PersonId', { readOnly: true }), s('PersonNumber'), s('DisplayName'), s('FirstName'), s('LastName'), s('MiddleName'), s('WorkEmail'), d('HireDate'), s('WorkerType'), d('EffectiveStartDate'), ...audit()],
			writable: false,
			deletable: false,
		},
	];
}
