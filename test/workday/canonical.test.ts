/** Workday worker → canonical resource: exact money and FTE, effective dates, status judged as of a date, problems named. */
import { toCanonical } from '../../nodes/Workday/canonical';
import { percentToFraction } from '../../nodes/Workday/canonical/worker';

const id = (type: string, value: string) => ({ '@type': type, '#text': value });

function worker(overrides: { amount?: string; currency?: string; fte?: string; status?: Record<string, string>; asOf?: string; statusAsOf?: string } = {}) {
	return {
		Worker_Reference: { '@Descriptor': 'Priya Raman', ID: [id('WID', 'a'.repeat(32)), id('Employee_ID', 'EMP-0002')] },
		Worker_Descriptor: 'Priya Raman',
		Worker_Data: {
			Worker_ID: 'EMP-0002',
			Personal_Data: { Name_Data: { Legal_Name_Data: { Name_Detail_Data: { '@Formatted_Name': 'Priya Raman', Country_Reference: { ID: id('ISO_3166-1_Alpha-2_Code', 'US') }, First_Name: 'Priya', Last_Name: 'Raman' } } }, Contact_Data: { Email_Address_Data: { Email_Address: 'priya.raman@meridian.example' } } },
			Employment_Data: {
				Worker_Job_Data: {
					'@Primary_Job': '1',
					Position_Data: {
						'@Effective_Date': '2026-12-01',
						Business_Title: 'Senior Consultant',
						Worker_Type_Reference: { ID: id('Employee_Type_ID', 'Regular') },
						Scheduled_Weekly_Hours: '32',
						Full_Time_Equivalent_Percentage: overrides.fte ?? '80',
						Business_Site_Summary_Data: { Location_Reference: { '@Descriptor': 'Chicago', ID: [id('WID', 'b'.repeat(32)), id('Location_ID', 'LOC-CHICAGO')] }, Name: 'Chicago' },
						Manager_as_of_last_detected_manager_change_Reference: { '@Descriptor': 'Dana Whitfield', ID: [id('WID', 'c'.repeat(32)), id('Employee_ID', 'EMP-0001')] },
					},
				},
				Worker_Status_Data: overrides.status ?? { Active: '1', Hire_Date: '2021-06-14', Terminated: '0' },
			},
			Compensation_Data: { Salary_and_Hourly_Data: [{ Amount: overrides.amount ?? '75.5', Currency_Reference: { ID: id('Currency_ID', overrides.currency ?? 'USD') }, Frequency_Reference: { ID: id('Frequency_ID', 'Hourly') }, Assignment_Effective_Date: '2026-12-01' }, { Amount: '120000', Currency_Reference: { ID: id('Currency_ID', 'USD') }, Frequency_Reference: { ID: id('Frequency_ID', 'Annual') } }] },
			Organization_Data: {
				Worker_Organization_Data: [
					{ Organization_Reference: { ID: [id('WID', 'd'.repeat(32)), id('Company_Reference_ID', 'MAG-US')] }, Organization_Data: { Organization_Reference_ID: 'MAG-US', Organization_Name: 'Meridian Advisory Group, Inc.', Organization_Type_Reference: { ID: id('Organization_Type_ID', 'Company') } } },
					{ Organization_Reference: { ID: [id('WID', 'e'.repeat(32)), id('Cost_Center_Reference_ID', 'CC-100')] }, Organization_Data: { Organization_Reference_ID: 'CC-100', Organization_Name: 'Consulting Delivery', Organization_Type_Reference: { ID: id('Organization_Type_ID', 'Cost_Center') } } },
				],
			},
		},
		...(overrides.asOf ? { asOfEffectiveDate: overrides.asOf } : {}),
		...(overrides.statusAsOf ? { statusAsOf: overrides.statusAsOf } : {}),
	};
}

const map = (record: unknown) => toCanonical('Worker', record, { environment: 'sandbox', correlationId: 'c-1' });

describe('Workday canonical mapping', () => {
	it('maps a worker to a valid resource: exact cost rate with its date (hourly plans only), FTE as a fraction, organizations by reference id', () => {
		const result = map(worker());
		expect(result.problems).toEqual([]);
		expect(result.ok && result.value.resource).toEqual({
			number: 'EMP-0002',
			name: { display: 'Priya Raman', given: 'Priya', family: 'Raman' },
			email: 'priya.raman@meridian.example',
			title: 'Senior Consultant',
			workerType: 'employee',
			employmentStatus: 'active',
			legalEntity: { id: 'MAG-US', name: 'Meridian Advisory Group, Inc.' },
			costCenter: { id: 'CC-100', name: 'Consulting Delivery' },
			location: { id: 'LOC-CHICAGO', name: 'Chicago' },
			manager: { id: 'EMP-0001', name: 'Dana Whitfield', enterpriseId: expect.stringMatching(/^ent-resource-[0-9a-f]{32}$/) },
			hireDate: '2021-06-14',
			costRates: [{ rate: { amount: '75.50', currency: 'USD', unit: 'hour' }, effectiveFrom: '2026-12-01' }],
			fte: '0.8',
			weeklyCapacityHours: '32',
		});
	});

	it('an amount finer than the currency, or a currency that is not ISO 4217, is a problem naming the field, never rounded', () => {
		const fine = map(worker({ amount: '75.555' }));
		expect(fine.ok).toBe(false);
		expect(fine.problems).toEqual([{ path: 'payload.Worker_Data.Compensation_Data.Salary_and_Hourly_Data[0].Amount', reason: expect.stringContaining("'75.555' has 3 decimal places but USD has 2") }]);
		const jpy = map(worker({ amount: '9500.5', currency: 'JPY' }));
		expect(jpy.problems[0].path).toBe('payload.Worker_Data.Compensation_Data.Salary_and_Hourly_Data[0].Amount');
		expect(map(worker({ currency: 'XYZ1' })).problems[0]).toMatchObject({ path: 'payload.Worker_Data.Compensation_Data.Salary_and_Hourly_Data[0].Currency_Reference' });
	});

	it('a termination counts from its date: pending as of an earlier date, terminated on it', () => {
		const terminatedStatus = { Active: '0', Hire_Date: '2022-09-01', Terminated: '1', Termination_Date: '2027-01-01' };
		const pending = map(worker({ status: terminatedStatus, asOf: '2027-01-01', statusAsOf: '2026-12-03' }));
		expect(pending.ok && pending.value.resource).toMatchObject({ employmentStatus: 'active', terminationDate: '2027-01-01' });
		const done = map(worker({ status: terminatedStatus, asOf: '2027-01-01' }));
		expect(done.ok && done.value.resource).toMatchObject({ employmentStatus: 'terminated', terminationDate: '2027-01-01' });
		expect(done.ok && done.value.envelope.source).toMatchObject({ system: 'workday', object: 'Worker', id: 'EMP-0002', version: '2027-01-01' });
	});

	it('percentages become exact fractions without arithmetic', () => {
		expect(['100', '80', '37.5', '0', '5', '100.00', '12.345'].map(percentToFraction)).toEqual(['1', '0.8', '0.375', '0', '0.05', '1', '0.12345']);
		expect(percentToFraction('1e2')).toBeUndefined();
		expect(map(worker({ fte: 'eighty' })).problems[0]).toMatchObject({ path: 'payload.Worker_Data.Employment_Data.Worker_Job_Data.Position_Data.Full_Time_Equivalent_Percentage' });
	});

	it('a worker without an employee id is an exception naming Worker_Reference; Workday is not written', () => {
		const record = worker();
		record.Worker_Reference = { '@Descriptor': 'x', ID: [id('WID', 'a'.repeat(32))] };
		(record.Worker_Data as Record<string, unknown>).Worker_ID = undefined;
		expect(map(record).problems).toContainEqual({ path: 'payload.Worker_Reference', reason: expect.stringContaining('no Employee_ID') });
	});
});
