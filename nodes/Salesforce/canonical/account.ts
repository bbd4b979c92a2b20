import type { CanonicalData, Problem, VendorMapper } from '../../../lib/canonical';

import { SALESFORCE, addressOf, addressOut, compact, currencyOf, identityOut, isOfType, sfRef, sfRefOut, sourceOf, xrefOf } from './common';

/** Standard Account fields the mapping reads or knowingly leaves out. */
const ACCOUNT_FIELDS = [
	'Id', 'IsDeleted', 'MasterRecordId', 'Name', 'Type', 'ParentId', 'Parent', 'BillingStreet', 'BillingCity', 'BillingState',
	'BillingPostalCode', 'BillingCountry', 'BillingLatitude', 'BillingLongitude', 'BillingGeocodeAccuracy', 'BillingAddress',
	'ShippingStreet', 'ShippingCity', 'ShippingState', 'ShippingPostalCode', 'ShippingCountry', 'ShippingLatitude',
	'ShippingLongitude', 'ShippingGeocodeAccuracy', 'ShippingAddress', 'Phone', 'Fax', 'AccountNumber', 'Website', 'PhotoUrl',
	'Sic', 'Industry', 'AnnualRevenue', 'NumberOfEmployees', 'Ownership', 'TickerSymbol', 'Description', 'Rating', 'Site',
	'CurrencyIsoCode', 'OwnerId', 'Owner', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp',
	'LastActivityDate', 'LastViewedDate', 'LastReferencedDate', 'Jigsaw', 'JigsawCompanyId', 'AccountSource', 'SicDesc',
	'IsPersonAccount', 'Enterprise_Id__c',
];

export const accountMapper: VendorMapper = {
	system: SALESFORCE,
	object: 'Account',
	aliases: ['account', 'customer'],
	entity: 'customer',
	version: 1,
	knownFields: ACCOUNT_FIELDS,
	matches: (record) => isOfType(record, 'Account', '001'),

	toCanonical(record, context) {
		const problems: Problem[] = [];
		const source = sourceOf(record, problems);
		const type = typeof record.Type === 'string' ? record.Type : undefined;
		const data: CanonicalData = compact({
			name: record.Name,
			number: record.AccountNumber,
			status: record.IsDeleted === true ? 'inactive' : type && /prospect/i.test(type) ? 'prospect' : 'active',
			kind: record.IsPersonAccount === undefined ? undefined : record.IsPersonAccount === true ? 'individual' : 'company',
			category: type,
			currency: currencyOf(record, context, problems, false),
			phone: record.Phone,
			website: record.Website,
			industry: record.Industry,
			billingAddress: addressOf(record, 'Billing'),
			shippingAddress: addressOf(record, 'Shipping'),
			parent: sfRef(record, 'ParentId', 'Parent', 'customer'),
			description: record.Description,
		});
		return { data, source, enterpriseId: xrefOf(record, 'customer'), problems };
	},

	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const record = compact({
			attributes: { type: 'Account' },
			...identityOut(context),
			Name: data.name,
			AccountNumber: data.number,
			Type: data.category,
			CurrencyIsoCode: data.currency,
			Phone: data.phone,
			Website: data.website,
			Industry: data.industry,
			...addressOut(data.billingAddress, 'Billing'),
			...addressOut(data.shippingAddress, 'Shipping'),
			...sfRefOut(data.parent, context, 'ParentId', 'Parent', 'customer.parent', problems),
			Description: data.description,
		});
		return { record, problems };
	},
};
