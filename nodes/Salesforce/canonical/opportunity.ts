import type { CanonicalData, Problem, VendorMapper } from '../../../lib/canonical';
import { exactDecimalText, isPlainObject, moneyOf } from '../../../lib/canonical';

import {
	SALESFORCE,
	childRecords,
	compact,
	currencyOf,
	identityOut,
	isOfType,
	numberOut,
	sfRef,
	sfRefOut,
	sourceOf,
	textOf,
	xrefOf,
} from './common';

const OPPORTUNITY_FIELDS = [
	'Id', 'IsDeleted', 'AccountId', 'Account', 'IsPrivate', 'Name', 'Description', 'StageName', 'Amount', 'Probability',
	'ExpectedRevenue', 'TotalOpportunityQuantity', 'CloseDate', 'Type', 'NextStep', 'LeadSource', 'IsClosed', 'IsWon',
	'ForecastCategory', 'ForecastCategoryName', 'CurrencyIsoCode', 'CampaignId', 'HasOpportunityLineItem', 'Pricebook2Id',
	'OwnerId', 'Owner', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp',
	'LastActivityDate', 'PushCount', 'LastStageChangeDate', 'FiscalQuarter', 'FiscalYear', 'Fiscal', 'ContactId',
	'LastViewedDate', 'LastReferencedDate', 'ContractId', 'HasOpenActivity', 'HasOverdueTask', 'LastAmountChangedHistoryId',
	'LastCloseDateChangedHistoryId', 'OpportunityLineItems', 'Enterprise_Id__c',
];

/** Won, lost or still open: IsWon / IsClosed when queried, else the standard stage names. */
function statusOf(record: Record<string, unknown>): string {
	if (typeof record.IsWon === 'boolean' || typeof record.IsClosed === 'boolean') {
		return record.IsWon === true ? 'won' : record.IsClosed === true ? 'lost' : 'negotiation';
	}
	const stage = typeof record.StageName === 'string' ? record.StageName : '';
	if (/^closed\s*won$/i.test(stage)) return 'won';
	if (/^closed\s*lost$/i.test(stage)) return 'lost';
	return 'negotiation';
}

export const opportunityMapper: VendorMapper = {
	system: SALESFORCE,
	object: 'Opportunity',
	aliases: ['opportunity', 'deal'],
	entity: 'contract',
	version: 1,
	knownFields: OPPORTUNITY_FIELDS,
	matches: (record) => isOfType(record, 'Opportunity', '006'),

	toCanonical(record, context) {
		const problems: Problem[] = [];
		const source = sourceOf(record, problems);
		const currency = currencyOf(record, context, problems, true);
		const lines = childRecords(record.OpportunityLineItems).map((line) => {
			if (!isPlainObject(line)) return line;
			const product = isPlainObject(line.Product2) ? line.Product2 : undefined;
			return compact({
				lineId: textOf(line.Id),
				product: sfRef(line, 'Product2Id', 'Product2'),
				productCode: line.ProductCode ?? product?.ProductCode,
				description: line.Description ?? line.Name,
				quantity: exactDecimalText(line.Quantity ?? undefined),
				unitPrice: moneyOf(line.UnitPrice, currency),
				amount: moneyOf(line.TotalPrice, currency),
				startDate: line.ServiceDate,
			});
		});
		const data: CanonicalData = compact({
			name: record.Name,
			kind: 'opportunity',
			customer: sfRef(record, 'AccountId', 'Account', 'customer'),
			status: statusOf(record),
			stage: record.StageName,
			currency,
			totalValue: moneyOf(record.Amount, currency),
			signedDate: record.CloseDate,
			probability: exactDecimalText(record.Probability ?? undefined),
			lines,
			description: record.Description,
		});
		return { data, source, enterpriseId: xrefOf(record, 'contract'), problems };
	},

	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const lines = (data.lines ?? []) as Array<Record<string, any>>;
		const record = compact({
			attributes: { type: 'Opportunity' },
			...identityOut(context),
			Name: data.name,
			...sfRefOut(data.customer, context, 'AccountId', 'Account', 'contract.customer', problems),
			StageName: data.stage ?? (data.status === 'won' ? 'Closed Won' : data.status === 'lost' ? 'Closed Lost' : undefined),
			CurrencyIsoCode: data.currency,
			Amount: numberOut(data.totalValue, 'contract.totalValue', problems),
			CloseDate: data.signedDate,
			Probability: numberOut(data.probability, 'contract.probability', problems),
			Description: data.description,
			OpportunityLineItems:
				lines.length === 0
					? undefined
					: {
							records: lines.map((line, index) =>
								compact({
									attributes: { type: 'OpportunityLineItem' },
									Id: context.sourceSystem === SALESFORCE ? line.lineId : undefined,
									...(line.product ? sfRefOut(line.product, context, 'Product2Id', 'Product2', `contract.lines[${index}].product`, problems) : {}),
									ProductCode: line.productCode,
									Description: line.description,
									Quantity: numberOut(line.quantity, `contract.lines[${index}].quantity`, problems),
									UnitPrice: numberOut(line.unitPrice, `contract.lines[${index}].unitPrice`, problems),
									// Salesforce takes UnitPrice or TotalPrice on insert, not both.
									TotalPrice: line.unitPrice ? undefined : numberOut(line.amount, `contract.lines[${index}].amount`, problems),
									ServiceDate: line.startDate,
								}),
							),
						},
		});
		return { record, problems };
	},
};
