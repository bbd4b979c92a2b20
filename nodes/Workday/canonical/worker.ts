/**
 * Workday worker → canonical resource, from both APIs:
 * - `Worker` (Get_Workers, as the node gives it: the SOAP element as JSON, repeated elements as arrays, IDs as
 *   `{"@type": "Employee_ID", "#text": "…"}`): status (a termination counts from its date, so a future-dated one
 *   leaves the worker active with the date set), hire and termination dates, the hourly cost rate as exact money
 *   with its effective date, FTE (percentage → fraction, exactly) and scheduled weekly hours, location, company
 *   (legal entity), cost center and manager.
 * - `workerProfile` (REST common v1 /workers/{id}): name, email, title, location; the REST API lists active
 *   workers only, so the status is active.
 * Workday is read here, never written, so fromCanonical renders nothing writable and says so.
 */
import type { CanonicalData, Problem, VendorMapper, VendorRecord } from '../../../lib/canonical';
import { compact, isPlainObject, reference, textOf } from '../../../lib/canonical';
import { formatAmount, isCurrencyCode, parseAmount } from '../../../lib/money';

export const WORKDAY = 'workday';

/** An element that may repeat, as a list. */
export function list(value: unknown): unknown[] {
	if (value === undefined || value === null || value === '') return [];
	return Array.isArray(value) ? value : [value];
}

/** An element's text, whether it came as a string or as `{#text}` beside attributes. */
export function text(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (isPlainObject(value) && typeof value['#text'] === 'string') return value['#text'].trim() || undefined;
	return undefined;
}

/** The ID of a reference element with this type (`Employee_ID`, `WID`, `Currency_ID` …). */
export function idOf(referenceElement: unknown, type: string): string | undefined {
	if (!isPlainObject(referenceElement)) return undefined;
	const found = list(referenceElement.ID).find((id) => isPlainObject(id) && id['@type'] === type);
	return text(found);
}

export function descriptorOf(referenceElement: unknown): string | undefined {
	return isPlainObject(referenceElement) && typeof referenceElement['@Descriptor'] === 'string' ? referenceElement['@Descriptor'] : undefined;
}

function child(value: unknown, ...path: string[]): unknown {
	let current = value;
	for (const step of path) {
		const first = list(isPlainObject(current) ? current[step] : undefined)[0];
		current = first;
	}
	return current;
}

function bool(value: unknown): boolean | undefined {
	const t = text(value);
	return t === undefined ? undefined : t === '1' || t === 'true';
}

/** A percentage as an exact fraction: "100" → "1", "80" → "0.8", "37.5" → "0.375"; moves the point, no arithmetic. */
export function percentToFraction(percent: string): string | undefined {
	const match = /^(\d+)(?:\.(\d+))?$/.exec(percent);
	if (!match) return undefined;
	const digits = (match[1] + (match[2] ?? '')).replace(/^0+(?=\d)/, '');
	const scale = (match[2] ?? '').length + 2;
	const padded = digits.padStart(scale + 1, '0');
	const whole = padded.slice(0, padded.length - scale).replace(/^0+(?=\d)/, '');
	const fraction = padded.slice(padded.length - scale).replace(/0+$/, '');
	return fraction ? `${whole}.${fraction}` : whole;
}

/** A Workday amount as canonical money with the currency's minor units checked; never a float. */
function exactMoney(amount: string | undefined, currency: string | undefined, path: string, problems: Problem[]): { amount: string; currency: string } | undefined {
	if (amount === undefined) return undefined;
	if (!currency || !isCurrencyCode(currency)) {
		problems.push({ path: `${path}.Currency_Reference`, reason: `must name an ISO 4217 currency (got ${JSON.stringify(currency)})` });
		return undefined;
	}
	try {
		return { amount: formatAmount(parseAmount(amount, currency), currency), currency };
	} catch (error) {
		problems.push({ path: `${path}.Amount`, reason: `is not an exact ${currency} amount: ${(error as Error).message}` });
		return undefined;
	}
}

/** The worker's employee (or contingent worker) id and WID from its Worker_Reference. */
export function workerIds(record: VendorRecord): { employeeId?: string; wid?: string } {
	const ref = record.Worker_Reference;
	return { employeeId: idOf(ref, 'Employee_ID') ?? idOf(ref, 'Contingent_Worker_ID') ?? text(child(record, 'Worker_Data', 'Worker_ID')), wid: idOf(ref, 'WID') };
}

const ORG_TYPE_ID: Record<string, string> = { Company: 'Company_Reference_ID', Cost_Center: 'Cost_Center_Reference_ID' };

/** The worker's organization of a type (Company, Cost_Center) as a reference by its reference id. */
function organizationOf(workerData: unknown, type: 'Company' | 'Cost_Center'): Record<string, unknown> | undefined {
	for (const membership of list(child(workerData, 'Organization_Data') && (child(workerData, 'Organization_Data') as VendorRecord).Worker_Organization_Data)) {
		const data = child(membership, 'Organization_Data');
		if (idOf(child(data, 'Organization_Type_Reference'), 'Organization_Type_ID') !== type) continue;
		const ref = child(membership, 'Organization_Reference');
		const id = idOf(ref, ORG_TYPE_ID[type]) ?? text(child(data, 'Organization_Reference_ID')) ?? idOf(ref, 'WID');
		return reference(WORKDAY, id, text(child(data, 'Organization_Name')) ?? descriptorOf(ref));
	}
	return undefined;
}

export const workerMapper: VendorMapper = {
	system: WORKDAY,
	object: 'Worker',
	aliases: ['worker', 'Get_Workers'],
	entity: 'resource',
	version: 1,
	knownFields: ['Worker_Reference', 'Worker_Descriptor', 'Worker_Data', 'Universal_Identifier_Reference', 'asOfEffectiveDate', 'statusAsOf'],
	matches: (record) => isPlainObject(record.Worker_Data),

	toCanonical(record) {
		const problems: Problem[] = [];
		const { employeeId, wid } = workerIds(record);
		if (!employeeId) problems.push({ path: 'payload.Worker_Reference', reason: 'carries no Employee_ID or Contingent_Worker_ID (ask Get_Workers for Include_Reference)' });
		const data = child(record, 'Worker_Data');
		const nameDetail = child(data, 'Personal_Data', 'Name_Data', 'Legal_Name_Data', 'Name_Detail_Data');
		const given = text(child(nameDetail, 'First_Name'));
		const family = text(child(nameDetail, 'Last_Name'));
		const formatted = isPlainObject(nameDetail) && typeof nameDetail['@Formatted_Name'] === 'string' ? nameDetail['@Formatted_Name'] : undefined;
		const email = list(child(data, 'Personal_Data', 'Contact_Data') && (child(data, 'Personal_Data', 'Contact_Data') as VendorRecord).Email_Address_Data).map((e) => text(child(e, 'Email_Address'))).find(Boolean);
		const jobs = list(child(data, 'Employment_Data') && (child(data, 'Employment_Data') as VendorRecord).Worker_Job_Data);
		const primary = jobs.find((job) => isPlainObject(job) && (job['@Primary_Job'] === '1' || job['@Primary_Job'] === 'true')) ?? jobs[0];
		const position = child(primary, 'Position_Data');
		const status = child(data, 'Employment_Data', 'Worker_Status_Data');
		const readAsOf = typeof record.asOfEffectiveDate === 'string' ? record.asOfEffectiveDate : isPlainObject(position) && typeof position['@Effective_Date'] === 'string' ? position['@Effective_Date'] : undefined;
		// The status is judged as of `statusAsOf` when given (a change read as of its future effective date is still judged today).
		const asOf = typeof record.statusAsOf === 'string' ? record.statusAsOf : readAsOf;
		const terminationDate = text(child(status, 'Termination_Date'));
		// A termination counts from its date: dated after the record's as-of date, the worker is still active.
		const terminatedFlag = bool(child(status, 'Terminated')) === true;
		const pendingTermination = terminatedFlag && terminationDate !== undefined && asOf !== undefined && terminationDate > asOf;
		const terminated = terminatedFlag && !pendingTermination;
		// Read as of a future termination, Active is false because of that termination: judged earlier, the worker is active.
		const active = pendingTermination ? true : bool(child(status, 'Active'));
		const onLeave = list(isPlainObject(status) ? status.Leave_Status_Data : undefined).some((leave) => bool(child(leave, 'On_Leave')) === true);
		const employmentStatus = terminated ? 'terminated' : onLeave ? 'leave' : active === false ? 'inactive' : 'active';

		const costRates: CanonicalData[] = [];
		for (const [index, plan] of list(child(data, 'Compensation_Data') && (child(data, 'Compensation_Data') as VendorRecord).Salary_and_Hourly_Data).entries()) {
			const frequency = idOf(child(plan, 'Frequency_Reference'), 'Frequency_ID');
			if (frequency !== 'Hourly') continue;
			const rate = exactMoney(text(child(plan, 'Amount')), idOf(child(plan, 'Currency_Reference'), 'Currency_ID'), `payload.Worker_Data.Compensation_Data.Salary_and_Hourly_Data[${index}]`, problems);
			if (rate) costRates.push(compact({ rate: { ...rate, unit: 'hour' }, effectiveFrom: text(child(plan, 'Assignment_Effective_Date')) }));
		}
		const ftePercent = text(child(position, 'Full_Time_Equivalent_Percentage'));
		const fte = ftePercent === undefined ? undefined : percentToFraction(ftePercent);
		if (ftePercent !== undefined && fte === undefined) problems.push({ path: 'payload.Worker_Data.Employment_Data.Worker_Job_Data.Position_Data.Full_Time_Equivalent_Percentage', reason: `must be a decimal percentage (got ${JSON.stringify(ftePercent)})` });
		const site = child(position, 'Business_Site_Summary_Data');
		const locationRef = child(site, 'Location_Reference');
		const managerRef = child(position, 'Manager_as_of_last_detected_manager_change_Reference');
		const workerType = idOf(child(position, 'Worker_Type_Reference'), 'Employee_Type_ID') ? 'employee' : idOf(record.Worker_Reference, 'Contingent_Worker_ID') ? 'contractor' : undefined;

		const out: CanonicalData = compact({
			number: employeeId,
			name: compact({ display: formatted ?? ([given, family].filter(Boolean).join(' ') || textOf(record.Worker_Descriptor)), given, family }),
			email,
			title: text(child(position, 'Business_Title')),
			workerType,
			employmentStatus,
			legalEntity: organizationOf(data, 'Company'),
			costCenter: organizationOf(data, 'Cost_Center'),
			location: reference(WORKDAY, idOf(locationRef, 'Location_ID') ?? idOf(locationRef, 'WID'), text(child(site, 'Name')) ?? descriptorOf(locationRef)),
			manager: reference(WORKDAY, idOf(managerRef, 'Employee_ID') ?? idOf(managerRef, 'WID'), descriptorOf(managerRef), 'resource'),
			hireDate: text(child(status, 'Hire_Date')),
			terminationDate,
			costRates,
			fte,
			weeklyCapacityHours: text(child(position, 'Scheduled_Weekly_Hours')),
		});
		return { data: out, source: compact({ id: employeeId ?? wid ?? '', version: readAsOf }), problems };
	},

	fromCanonical() {
		return { record: {}, problems: [{ path: 'resource', reason: 'Workday workers are read here, not written: hire and change them through Workday business processes' }] };
	},
};

export const workerProfileMapper: VendorMapper = {
	system: WORKDAY,
	object: 'workerProfile',
	aliases: ['workers', 'workerSummary'],
	entity: 'resource',
	version: 1,
	knownFields: ['id', 'descriptor', 'href', 'primaryWorkEmail', 'primaryWorkPhone', 'isManager', 'businessTitle', 'primarySupervisoryOrganization', 'location', 'primaryWorkAddressText', 'yearsOfService', 'supervisoryOrganizationsManaged', 'dateOfBirth'],
	matches: (record) => typeof record.descriptor === 'string' && 'primarySupervisoryOrganization' in record,

	toCanonical(record) {
		const problems: Problem[] = [];
		const id = textOf(record.id);
		if (!id) problems.push({ path: 'payload.id', reason: 'is required: the worker WID' });
		const location = isPlainObject(record.location) ? record.location : undefined;
		const out = compact({
			name: { display: record.descriptor },
			email: record.primaryWorkEmail,
			title: record.businessTitle,
			// Workday's REST workers collection holds active workers.
			employmentStatus: 'active',
			location: location ? reference(WORKDAY, location.id, location.descriptor) : undefined,
			costRates: [],
		});
		return { data: out, source: { id: id ?? '' }, problems };
	},

	fromCanonical() {
		return { record: {}, problems: [{ path: 'resource', reason: 'Workday workers are read here, not written' }] };
	},
};
