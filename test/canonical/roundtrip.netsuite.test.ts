import { NetSuiteStore } from '../../sandbox/netsuite/store';
import { seedAccount } from '../../sandbox/netsuite/seed';
import { enterpriseIdFor, fromCanonicalRecord, idempotencyKeyFor, toCanonicalRecord, validateCanonical } from '../../lib/canonical';
import {
	customerMapper,
	employeeMapper,
	expenseReportMapper,
	invoiceMapper,
	jobMapper,
	journalEntryMapper,
	netSuiteMappers,
	resourceAllocationMapper,
	timeBillMapper,
} from '../../nodes/NetSuite/canonical';
import { readSpec, describeWithSpecs } from '../helpers/specs';
import { netSuite } from './fixtures';
import { CONTEXT, expectOk, expectWrittenFieldsKept, roundTrip } from './helpers';

/** Fields each mapping must write back (besides identity), so a dropped mapping fails the test. */
const WRITTEN: Array<[string, () => Record<string, unknown>, typeof timeBillMapper, string[]]> = [
	['timeBill', netSuite.timeBill, timeBillMapper, ['tranDate', 'hours', 'employee.id', 'customer.id', 'caseTaskEvent.id', 'item.id', 'approvalStatus.id', 'isBillable', 'rate', 'memo', 'department.id', 'subsidiary.id', 'timesheet.id']],
	['customer', netSuite.customer, customerMapper, ['companyName', 'isPerson', 'entityId', 'isInactive', 'currency.refName', 'email', 'phone', 'url', 'vatRegNumber', 'parent.id', 'subsidiary.id', 'comments']],
	['job', netSuite.job, jobMapper, ['companyName', 'entityId', 'parent.id', 'entityStatus.id', 'currency.refName', 'startDate', 'projectedEndDate', 'projectManager.id', 'subsidiary.id', 'estimatedTimeOverride', 'estimatedCost', 'estimatedRevenue', 'comments', 'projectTasks[0].title', 'projectTasks[1].parent.id', 'projectTasks[1].plannedWork', 'projectTasks[0].status.id']],
	['employee', netSuite.employee, employeeMapper, ['firstName', 'lastName', 'entityId', 'email', 'title', 'subsidiary.id', 'department.id', 'location.id', 'supervisor.id', 'hireDate', 'isInactive', 'laborCost', 'currency.refName', 'targetUtilization', 'isJobResource']],
	['expenseReport', netSuite.expenseReport, expenseReportMapper, ['tranId', 'entity.id', 'tranDate', 'expensereportcurrency.refName', 'memo', 'expense[0].amount', 'expense[1].category.id', 'expense[0].expensedate', 'expense[0].customer.id', 'expense[0].isBillable', 'expense[0].isnonreimbursable', 'expense[1].memo']],
	['invoice', netSuite.invoice, invoiceMapper, ['tranId', 'entity.id', 'job.id', 'tranDate', 'dueDate', 'currency.refName', 'otherRefNum', 'memo', 'subsidiary.id', 'item[0].quantity', 'item[0].rate', 'item[0].amount', 'item[1].description', 'item[1].item.id', 'item[1].job.id']],
	['journalEntry', netSuite.journalEntry, journalEntryMapper, ['tranId', 'tranDate', 'currency.refName', 'subsidiary.id', 'memo', 'line[0].account.id', 'line[0].debit', 'line[1].credit', 'line[1].memo', 'line[0].department.id', 'line[1].entity.id']],
	['resourceAllocation', netSuite.resourceAllocation, resourceAllocationMapper, ['allocationResource.id', 'project.id', 'projectTask.id', 'allocationType.id', 'startDate', 'endDate', 'numberHours', 'notes']],
];

describe('NetSuite ⇄ canonical round trip (realistic records)', () => {
	it.each(WRITTEN)('%s keeps every mapped field', (_name, fixture, mapper, expected) => {
		const original = fixture();
		const { rendered } = roundTrip(mapper, original);
		expect(rendered.record.id).toBe(original.id);
		// Sublists compare as `item[0].rate` rather than `item.items[0].rate`.
		const compared = expectWrittenFieldsKept(rendered.record, original).map((path) => path.replace(/\.items\[/g, '['));
		for (const field of expected) expect(compared).toContain(field);
	});

	it('keeps the record’s own external id and the exact amounts', () => {
		const { canonical, rendered } = roundTrip(invoiceMapper, netSuite.invoice());
		expect(canonical.envelope.source.externalId).toBe('INV-ACME-2026-01');
		expect(rendered.record.externalId).toBe('INV-ACME-2026-01');
		const invoice = canonical.invoice as Record<string, any>;
		expect(invoice.total).toEqual({ amount: '3650.00', currency: 'USD' });
		expect(invoice.lines.map((line: any) => line.amount.amount)).toEqual(['3100.00', '550.00']);
	});

	it('turns NetSuite durations into exact decimal hours and refuses ones that are not exact', () => {
		const clock = { ...netSuite.timeBill(), hours: '7:45' };
		const canonical = expectOk(toCanonicalRecord(timeBillMapper, clock, CONTEXT));
		expect((canonical.timeEntry as any).hours).toBe('7.75');
		const inexact = toCanonicalRecord(timeBillMapper, { ...netSuite.timeBill(), hours: '7:20' }, CONTEXT);
		expect(inexact.ok).toBe(false);
		expect(inexact.problems).toContainEqual({ path: 'payload.hours', reason: expect.stringContaining('not an exact decimal number of hours') });
	});

	it('names the project’s WBS from its attached projectTask records', () => {
		const canonical = expectOk(toCanonicalRecord(jobMapper, netSuite.job(), CONTEXT));
		const project = canonical.project as Record<string, any>;
		expect(project.tasks).toEqual([
			expect.objectContaining({ taskId: '501', name: 'Discovery', status: 'inProgress', startDate: '2026-01-12', plannedHours: '120', percentComplete: '40' }),
			expect.objectContaining({ taskId: '502', name: 'Build', parentTaskId: '501', status: 'notStarted', billable: true }),
		]);
		expect(project.status).toBe('active');
		expect(project.billingType).toBe('timeAndMaterials');
		expect(project.budget).toEqual({ hours: '1200', cost: { amount: '84000.00', currency: 'USD' }, revenue: { amount: '240000.00', currency: 'USD' } });
	});

	it('refers to records of another system by enterprise id, and uses the enterprise id as external id', () => {
		// A time entry from a system with no external-id prefix (as a Kantata mapping would produce it).
		const canonical = expectOk(toCanonicalRecord(timeBillMapper, netSuite.timeBill(), CONTEXT)) as any;
		canonical.envelope.source = { ...canonical.envelope.source, system: 'kantata', object: 'time_entries' };
		canonical.envelope.enterpriseId = enterpriseIdFor('timeEntry', 'kantata', '4101');
		canonical.timeEntry.resource.enterpriseId = enterpriseIdFor('resource', 'kantata', '12');
		canonical.timeEntry.project.enterpriseId = enterpriseIdFor('project', 'kantata', '310');
		canonical.envelope.idempotencyKey = idempotencyKeyFor('timeEntry', canonical.envelope.source, canonical.timeEntry);
		const result = fromCanonicalRecord(timeBillMapper, canonical);
		const rendered = result.value!;
		expect(rendered.record.id).toBeUndefined();
		expect(rendered.record.externalId).toBe(canonical.envelope.enterpriseId);
		expect(rendered.record.employee).toEqual({ externalId: enterpriseIdFor('resource', 'kantata', '12') });
		expect(rendered.record.customer).toEqual({ externalId: enterpriseIdFor('project', 'kantata', '310') });
		// References without an enterprise id cannot be carried into NetSuite: each one is named, none is guessed.
		expect(result.ok).toBe(false);
		expect(result.problems.map((problem) => problem.path).sort()).toEqual(
			['timeEntry.costCenter', 'timeEntry.legalEntity', 'timeEntry.serviceItem', 'timeEntry.task', 'timeEntry.timesheet'],
		);
	});

	it('gives NetSuite references no enterprise id: the referenced record’s identity may come from its external id', () => {
		const canonical = expectOk(toCanonicalRecord(timeBillMapper, netSuite.timeBill(), CONTEXT)) as any;
		expect(canonical.timeEntry.project).toEqual({ id: '310', name: 'Acme Manufacturing Inc. : Acme ERP Implementation' });
		const job = expectOk(toCanonicalRecord(jobMapper, netSuite.job(), CONTEXT));
		expect(job.envelope.enterpriseId).toBe(enterpriseIdFor('project', 'salesforce', '006A000101'));
	});

});

describe('NetSuite sandbox seed data → canonical → NetSuite', () => {
	const store = new NetSuiteStore();
	seedAccount(store);
	const base = 'https://1234567-sb1.suitetalk.api.netsuite.com';
	const cases: Array<[string, typeof timeBillMapper]> = [
		['customer', customerMapper],
		['job', jobMapper],
		['employee', employeeMapper],
		['timeBill', timeBillMapper],
		['expenseReport', expenseReportMapper],
		['invoice', invoiceMapper],
		['journalEntry', journalEntryMapper],
	];
	it.each(cases)('every seeded %s maps, validates and renders back its mapped fields', (type, mapper) => {
		const records = store.all(type).map((record) => store.render(record, base, { expandSubResources: true }));
		expect(records.length).toBeGreaterThan(0);
		for (const record of records) {
			const canonical = expectOk(toCanonicalRecord(mapper, record, CONTEXT, { unknownFields: 'lenient' }));
			expect(validateCanonical(mapper.entity, canonical).problems).toEqual([]);
			const rendered = expectOk(fromCanonicalRecord(mapper, canonical));
			expect(expectWrittenFieldsKept(rendered.record, record).length).toBeGreaterThan(3);
		}
	});
});

describeWithSpecs('NetSuite mappings use the fields of the NetSuite REST API Browser (specs/netsuite/docs)', () => {
	/** Property names of a definition's table in docs/schemas/<record>.md, top level only. */
	function propertiesOf(record: string, definition = record): Set<string> {
		const text = readSpec(`netsuite/docs/schemas/${record}.md`);
		const section = text.split(`\n## ${definition}\n`)[1].split('\n## ')[0];
		const names = new Set<string>();
		for (const line of section.split('\n')) {
			const match = /^\| `([^`.]+)` \|/.exec(line);
			if (match) names.add(match[1]);
		}
		return names;
	}
	const RECORDS: Record<string, string> = {
		customer: 'customer',
		job: 'job',
		employee: 'employee',
		timeBill: 'timeBill',
		expenseReport: 'expenseReport',
		invoice: 'invoice',
		journalEntry: 'journalEntry',
		resourceAllocation: 'resourceAllocation',
	};
	// Billing schedule milestones have no page in the stored browser copy: test/nodes/netsuite/projectMilestone.test.ts checks them.
	const documentedMappers = netSuiteMappers.filter((mapper) => RECORDS[mapper.object] !== undefined);

	it.each(documentedMappers.map((mapper) => [mapper.object, mapper] as const))('%s: known fields are the documented body fields', (object, mapper) => {
		const documented = propertiesOf(RECORDS[object]);
		const extra = mapper.knownFields.filter((field) => !documented.has(field) && field !== 'projectTasks');
		expect(extra).toEqual([]);
	});

	it.each(documentedMappers.map((mapper) => [mapper.object, mapper] as const))('%s: every field rendered from canonical is a documented body field', (object, mapper) => {
		const documented = propertiesOf(RECORDS[object]);
		const fixture = (netSuite as Record<string, () => Record<string, unknown>>)[object]();
		const { rendered } = roundTrip(mapper, fixture);
		const undocumented = Object.keys(rendered.record).filter((field) => !documented.has(field) && field !== 'projectTasks');
		expect(undocumented).toEqual([]);
	});

	it('sublist fields rendered for lines exist on the documented line elements', () => {
		const lineSpecs: Array<[() => Record<string, unknown>, typeof timeBillMapper, string, string, string]> = [
			[netSuite.invoice, invoiceMapper, 'invoice', 'invoice-itemElement', 'item'],
			[netSuite.journalEntry, journalEntryMapper, 'journalEntry', 'journalEntry-lineElement', 'line'],
			[netSuite.expenseReport, expenseReportMapper, 'expenseReport', 'expenseReport-expenseElement', 'expense'],
		];
		for (const [fixture, mapper, record, definition, sublist] of lineSpecs) {
			const documented = propertiesOf(record, definition);
			const { rendered } = roundTrip(mapper, fixture());
			const lines = (rendered.record[sublist] as { items: Array<Record<string, unknown>> }).items;
			const undocumented = lines.flatMap((line) => Object.keys(line)).filter((field) => !documented.has(field));
			expect({ record, undocumented }).toEqual({ record, undocumented: [] });
		}
		const taskFields = propertiesOf('projectTask');
		const { rendered } = roundTrip(jobMapper, netSuite.job());
		const taskKeys = (rendered.record.projectTasks as Array<Record<string, unknown>>).flatMap((task) => Object.keys(task));
		expect(taskKeys.filter((field) => !taskFields.has(field))).toEqual([]);
	});
});
