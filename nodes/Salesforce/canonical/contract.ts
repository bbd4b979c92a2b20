import type { CanonicalData, Problem, VendorMapper } from '../../../lib/canonical';
import { lookupLabel } from '../../../lib/canonical';

import { SALESFORCE, compact, currencyOf, identityOut, isOfType, sfRef, sfRefOut, sourceOf, xrefOf } from './common';

const CONTRACT_FIELDS = [
	'Id', 'AccountId', 'Account', 'Pricebook2Id', 'OwnerExpirationNotice', 'StartDate', 'EndDate', 'BillingStreet', 'BillingCity',
	'BillingState', 'BillingPostalCode', 'BillingCountry', 'BillingLatitude', 'BillingLongitude', 'BillingGeocodeAccuracy',
	'BillingAddress', 'ShippingStreet', 'ShippingCity', 'ShippingState', 'ShippingPostalCode', 'ShippingCountry',
	'ShippingAddress', 'ContractTerm', 'OwnerId', 'Owner', 'Status', 'CompanySignedId', 'CompanySignedDate', 'CustomerSignedId',
	'CustomerSignedTitle', 'CustomerSignedDate', 'SpecialTerms', 'ActivatedById', 'ActivatedDate', 'StatusCode', 'Description',
	'Name', 'IsDeleted', 'ContractNumber', 'LastApprovedDate', 'CreatedDate', 'CreatedById', 'LastModifiedDate',
	'LastModifiedById', 'SystemModstamp', 'LastActivityDate', 'LastViewedDate', 'LastReferencedDate', 'CurrencyIsoCode',
	'Enterprise_Id__c',
];

type ContractStatus = 'draft' | 'negotiation' | 'active' | 'expired' | 'terminated';
const STATUS: Record<string, ContractStatus> = {
	draft: 'draft',
	inapproval: 'negotiation',
	inapprovalprocess: 'negotiation',
	activated: 'active',
	expired: 'expired',
	terminated: 'terminated',
};
const STATUS_OUT: Record<ContractStatus, string> = {
	draft: 'Draft',
	negotiation: 'In Approval Process',
	active: 'Activated',
	expired: 'Expired',
	terminated: 'Terminated',
};

export const contractMapper: VendorMapper = {
	system: SALESFORCE,
	object: 'Contract',
	aliases: ['contract'],
	entity: 'contract',
	version: 1,
	knownFields: CONTRACT_FIELDS,
	matches: (record) => isOfType(record, 'Contract', '800'),

	toCanonical(record, context) {
		const problems: Problem[] = [];
		const source = sourceOf(record, problems);
		// StatusCode is the fixed category behind the org's Status labels.
		const status = lookupLabel(STATUS, record.StatusCode) ?? lookupLabel(STATUS, record.Status) ?? record.StatusCode ?? record.Status;
		const data: CanonicalData = compact({
			name: record.Name ?? (record.ContractNumber ? `Contract ${String(record.ContractNumber)}` : undefined),
			number: record.ContractNumber,
			kind: 'contract',
			customer: sfRef(record, 'AccountId', 'Account', 'customer'),
			status,
			stage: record.Status,
			currency: currencyOf(record, context, problems, true),
			signedDate: record.CustomerSignedDate,
			startDate: record.StartDate,
			endDate: record.EndDate,
			termMonths: record.ContractTerm,
			billingTerms: compact({ specialTerms: record.SpecialTerms }),
			lines: [],
			description: record.Description,
		});
		return { data, source, enterpriseId: xrefOf(record, 'contract'), problems };
	},

	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const terms = (data.billingTerms ?? {}) as Record<string, unknown>;
		const record = compact({
			attributes: { type: 'Contract' },
			...identityOut(context),
			Name: data.name,
			...sfRefOut(data.customer, context, 'AccountId', 'Account', 'contract.customer', problems),
			Status: data.stage ?? STATUS_OUT[data.status as ContractStatus],
			CurrencyIsoCode: data.currency,
			CustomerSignedDate: data.signedDate,
			StartDate: data.startDate,
			EndDate: data.endDate,
			ContractTerm: data.termMonths,
			SpecialTerms: terms.specialTerms,
			Description: data.description,
		});
		return { record, problems };
	},
};
