import type { CanonicalData, Problem, VendorMapper } from '../../../lib/canonical';
import { isPlainObject } from '../../../lib/canonical';

import { NETSUITE, compact, currencyOf, currencyOut, identityOut, nsRef, nsRefOut, recordTypeOf, sourceOf, textOf, xrefOf } from './common';
import { customerFields } from './standardFields';

/** NetSuite customer statuses are named STAGE-Status, e.g. "PROSPECT-In Discussion", "CUSTOMER-Closed Won". */
function statusOf(record: Record<string, unknown>): string {
	if (record.isInactive === true) return 'inactive';
	const stage = isPlainObject(record.entityStatus) ? textOf(record.entityStatus.refName) : undefined;
	if (stage && /^(prospect|lead)/i.test(stage)) return 'prospect';
	return 'active';
}

export const customerMapper: VendorMapper = {
	system: NETSUITE,
	object: 'customer',
	entity: 'customer',
	version: 1,
	knownFields: customerFields,
	matches: (record) => recordTypeOf(record) === 'customer',

	toCanonical(record, context) {
		const problems: Problem[] = [];
		const source = sourceOf(record, problems);
		const person = record.isPerson === true;
		const personName = [textOf(record.firstName), textOf(record.lastName)].filter(Boolean).join(' ');
		const data: CanonicalData = compact({
			name: person ? personName || record.companyName : (record.companyName ?? record.altName ?? (personName || undefined)),
			number: record.entityId,
			status: statusOf(record),
			kind: record.isPerson === undefined ? undefined : person ? 'individual' : 'company',
			currency: record.currency === undefined ? undefined : currencyOf(record.currency, context, 'payload.currency', problems),
			email: record.email,
			phone: record.phone,
			website: record.url,
			taxId: record.vatRegNumber,
			parent: nsRef(record.parent),
			legalEntity: nsRef(record.subsidiary),
			description: record.comments,
		});
		return { data, source, enterpriseId: xrefOf(record, 'customer'), problems };
	},

	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const individual = data.kind === 'individual';
		const [firstName, ...rest] = String(data.name).split(' ');
		const record = compact({
			...identityOut('customer', context),
			companyName: individual ? undefined : data.name,
			isPerson: data.kind === undefined ? undefined : individual,
			firstName: individual ? firstName : undefined,
			lastName: individual ? rest.join(' ') || undefined : undefined,
			entityId: data.number,
			isInactive: data.status === 'inactive',
			currency: currencyOut(data.currency),
			email: data.email,
			phone: data.phone,
			url: data.website,
			vatRegNumber: data.taxId,
			parent: nsRefOut(data.parent, context, 'customer.parent', problems),
			subsidiary: nsRefOut(data.legalEntity, context, 'customer.legalEntity', problems),
			comments: data.description,
		});
		return { record, problems };
	},
};
