import type { CanonicalData, Problem, VendorMapper } from '../../../lib/canonical';

import {
	DATAVERSE,
	SYSTEM_COLUMNS,
	addressOf,
	addressOut,
	bindOut,
	compact,
	currencyOf,
	identityOut,
	isTable,
	knownWithAnnotations,
	labelOf,
	lookupRef,
	sourceOf,
	xrefOf,
} from '../../Dataverse/canonical';

/** account columns the mapping reads or knowingly leaves out. */
const ACCOUNT_COLUMNS = knownWithAnnotations([
	...SYSTEM_COLUMNS,
	'accountid', 'name', 'accountnumber', 'statecode', 'statuscode', 'customertypecode', 'accountcategorycode', 'industrycode',
	'telephone1', 'telephone2', 'fax', 'emailaddress1', 'websiteurl', 'description', '_parentaccountid_value', '_primarycontactid_value',
	'address1_line1', 'address1_line2', 'address1_line3', 'address1_city', 'address1_stateorprovince', 'address1_postalcode',
	'address1_country', 'address1_composite', 'address2_line1', 'address2_line2', 'address2_line3', 'address2_city',
	'address2_stateorprovince', 'address2_postalcode', 'address2_country', 'address2_composite', 'revenue', 'revenue_base',
	'numberofemployees', 'paymenttermscode', 'creditlimit', 'creditlimit_base', 'creditonhold', 'tickersymbol', 'sic',
	'ownershipcode', 'donotemail', 'donotphone', 'accountid@odata.etag',
]);

/** account.statecode: 0 Active, 1 Inactive. customertypecode 3 is Customer, 11 Prospect (Dataverse defaults). */
const PROSPECT_TYPE = 11;

export const accountMapper: VendorMapper = {
	system: DATAVERSE,
	object: 'account',
	aliases: ['accounts', 'customer'],
	entity: 'customer',
	version: 1,
	knownFields: ACCOUNT_COLUMNS,
	matches: (record) => isTable(record, 'account'),

	toCanonical(record, context) {
		const problems: Problem[] = [];
		const source = sourceOf(record, 'accountid', problems);
		const data: CanonicalData = compact({
			name: record.name,
			number: record.accountnumber,
			status: record.statecode === 1 ? 'inactive' : record.customertypecode === PROSPECT_TYPE ? 'prospect' : 'active',
			kind: 'company',
			category: labelOf(record, 'customertypecode'),
			currency: currencyOf(record, context, problems, false),
			email: record.emailaddress1,
			phone: record.telephone1,
			website: record.websiteurl,
			industry: labelOf(record, 'industrycode'),
			billingAddress: addressOf(record, 'address1'),
			shippingAddress: addressOf(record, 'address2'),
			parent: lookupRef(record, 'parentaccountid', 'customer'),
			paymentTerms: labelOf(record, 'paymenttermscode'),
			description: record.description,
		});
		return { data, source, enterpriseId: xrefOf(record, 'customer'), problems };
	},

	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const record = compact({
			...identityOut(context, 'accountid'),
			name: data.name,
			accountnumber: data.number,
			emailaddress1: data.email,
			telephone1: data.phone,
			websiteurl: data.website,
			...addressOut(data.billingAddress, 'address1'),
			...addressOut(data.shippingAddress, 'address2'),
			...bindOut(data.parent, context, 'parentaccountid', 'accounts', 'customer.parent', problems),
			description: data.description,
		});
		return { record, problems };
	},
};
