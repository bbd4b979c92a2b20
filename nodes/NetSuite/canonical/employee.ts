import type { CanonicalData, Problem, VendorMapper } from '../../../lib/canonical';
import { dateText, decimalToNumber, exactDecimalText, isPlainObject } from '../../../lib/canonical';

import {
	NETSUITE,
	amountOut,
	compact,
	currencyOf,
	currencyOut,
	identityOut,
	money,
	nsRef,
	nsRefOut,
	recordTypeOf,
	sourceOf,
	sublist,
	textOf,
	xrefOf,
} from './common';
import { employeeFields } from './standardFields';

export const employeeMapper: VendorMapper = {
	system: NETSUITE,
	object: 'employee',
	aliases: ['worker', 'resource'],
	entity: 'resource',
	version: 1,
	knownFields: employeeFields,
	matches: (record) => recordTypeOf(record) === 'employee',

	toCanonical(record, context) {
		const problems: Problem[] = [];
		const source = sourceOf(record, problems);
		const currency = record.currency === undefined ? context.defaultCurrency : currencyOf(record.currency, context, 'payload.currency', problems);
		const display = [record.firstName, record.middleName, record.lastName].filter((part) => typeof part === 'string' && part !== '').join(' ');
		const type = isPlainObject(record.employeetype) ? textOf(record.employeetype.refName) : undefined;
		const laborCost = record.laborCost;
		if (laborCost !== undefined && laborCost !== null && !currency) {
			problems.push({ path: 'payload.laborCost', reason: 'has no currency: the employee has no currency, so set the Default Currency option' });
		}
		const billRates = sublist(record.rates)
			.filter(isPlainObject)
			.map((entry) => {
				const entryCurrency = entry.entityCurrency === undefined ? currency : currencyOf(entry.entityCurrency, context, 'payload.rates', problems);
				return { rate: { ...(money(entry.rate, entryCurrency) as object), unit: 'hour' } };
			});
		const data: CanonicalData = compact({
			number: record.entityId,
			name: compact({
				display: display || record.entityId || record.altName,
				given: record.firstName,
				middle: record.middleName,
				family: record.lastName,
			}),
			email: record.email,
			title: record.title,
			workerType: type ? (/contract/i.test(type) ? 'contractor' : 'employee') : undefined,
			employmentStatus: record.isInactive === true ? (record.releasedate ? 'terminated' : 'inactive') : 'active',
			legalEntity: nsRef(record.subsidiary),
			costCenter: nsRef(record.department),
			location: nsRef(record.location),
			manager: nsRef(record.supervisor),
			hireDate: dateText(record.hireDate),
			terminationDate: dateText(record.releasedate),
			costRates: laborCost === undefined || laborCost === null ? [] : [{ rate: { ...(money(laborCost, currency) as object), unit: 'hour' } }],
			billRates: billRates.length > 0 ? billRates : undefined,
			targetUtilization: exactDecimalText(record.targetUtilization ?? undefined),
			bookable: record.isJobResource,
		});
		return { data, source, enterpriseId: xrefOf(record, 'resource'), problems };
	},

	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const name = (data.name ?? {}) as Record<string, unknown>;
		const costRates = (data.costRates ?? []) as Array<{ rate: { currency: string } }>;
		// NetSuite keeps one labor cost per employee: the latest effective rate.
		const current = costRates[costRates.length - 1];
		const record = compact({
			...identityOut('resource', context),
			entityId: data.number,
			firstName: name.given ?? name.display,
			middleName: name.middle,
			lastName: name.family,
			email: data.email,
			title: data.title,
			isInactive: data.employmentStatus !== 'active' && data.employmentStatus !== 'leave',
			subsidiary: nsRefOut(data.legalEntity, context, 'resource.legalEntity', problems),
			department: nsRefOut(data.costCenter, context, 'resource.costCenter', problems),
			location: nsRefOut(data.location, context, 'resource.location', problems),
			supervisor: nsRefOut(data.manager, context, 'resource.manager', problems),
			hireDate: data.hireDate,
			releasedate: data.terminationDate,
			laborCost: current ? amountOut(current.rate, `resource.costRates[${costRates.length - 1}].rate.amount`, problems) : undefined,
			currency: current ? currencyOut(current.rate.currency) : undefined,
			targetUtilization: decimalToNumber(data.targetUtilization, 'resource.targetUtilization', problems),
			isJobResource: data.bookable,
		});
		return { record, problems };
	},
};
