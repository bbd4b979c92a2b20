import type { CanonicalData, FromCanonicalContext, Problem, VendorMapper } from '../../../lib/canonical';
import { exactDecimalText, isPlainObject, moneyOf } from '../../../lib/canonical';

import {
	DATAVERSE,
	SYSTEM_COLUMNS,
	bindOut,
	compact,
	currencyOf,
	dateOnly,
	identityOut,
	isTable,
	knownWithAnnotations,
	labelOf,
	lookupRef,
	lookupTable,
	numberOut,
	sourceOf,
	textOf,
	xrefOf,
} from '../../Dataverse/canonical';

/** The collection navigation property from opportunity to its opportunityproduct rows. */
export const OPPORTUNITY_PRODUCTS = 'product_opportunities';

const OPPORTUNITY_COLUMNS = knownWithAnnotations([
	...SYSTEM_COLUMNS,
	'opportunityid', 'name', 'description', 'statecode', 'statuscode', 'salesstage', 'salesstagecode', 'stepname', 'stepid',
	'estimatedvalue', 'estimatedvalue_base', 'actualvalue', 'actualvalue_base', 'estimatedclosedate', 'actualclosedate',
	'closeprobability', 'opportunityratingcode', 'prioritycode', 'purchasetimeframe', 'purchaseprocess', 'budgetamount',
	'budgetamount_base', 'totalamount', 'totalamount_base', 'totallineitemamount', 'totallineitemamount_base',
	'totaldiscountamount', 'totaldiscountamount_base', 'totaltax', 'totaltax_base', 'discountamount', 'discountpercentage',
	'isrevenuesystemcalculated', '_customerid_value', '_parentaccountid_value', '_parentcontactid_value', '_pricelevelid_value',
	'_originatingleadid_value', '_campaignid_value', 'p2c_psaprojectid', 'p2c_erpprojectid', OPPORTUNITY_PRODUCTS,
]);

/** opportunity.statecode: 0 Open, 1 Won, 2 Lost. */
export const OPPORTUNITY_STATE = { open: 0, won: 1, lost: 2 } as const;

function statusOf(record: Record<string, unknown>): string {
	if (record.statecode === OPPORTUNITY_STATE.won) return 'won';
	if (record.statecode === OPPORTUNITY_STATE.lost) return 'lost';
	return 'negotiation';
}

/**
 * A line's product as Dataverse takes it: bound to the product (by id from Dataverse, by enterprise id, or by its
 * product number, an alternate key of product), else a write-in product described by the line.
 */
function productOut(line: Record<string, unknown>, context: FromCanonicalContext, index: number, problems: Problem[]): Record<string, unknown> {
	const product = isPlainObject(line.product) ? line.product : undefined;
	if (product && ((context.sourceSystem === DATAVERSE && typeof product.id === 'string') || typeof product.enterpriseId === 'string')) {
		return bindOut(product, context, 'productid', 'products', `contract.lines[${index}].product`, problems);
	}
	if (typeof line.productCode === 'string' && line.productCode !== '') {
		return { 'productid@odata.bind': `/products(productnumber='${line.productCode.replace(/'/g, "''")}')` };
	}
	return { isproductoverridden: true, productdescription: line.description ?? (product && typeof product.name === 'string' ? product.name : undefined) };
}

export const opportunityMapper: VendorMapper = {
	system: DATAVERSE,
	object: 'opportunity',
	aliases: ['opportunities', 'deal'],
	entity: 'contract',
	version: 1,
	knownFields: OPPORTUNITY_COLUMNS,
	matches: (record) => isTable(record, 'opportunity'),

	toCanonical(record, context) {
		const problems: Problem[] = [];
		const source = sourceOf(record, 'opportunityid', problems);
		const currency = currencyOf(record, context, problems, true);
		const won = record.statecode === OPPORTUNITY_STATE.won;
		const products = Array.isArray(record[OPPORTUNITY_PRODUCTS]) ? (record[OPPORTUNITY_PRODUCTS] as unknown[]) : [];
		const lines = products.map((line) => {
			if (!isPlainObject(line)) return line;
			// A write-in product has no product lookup, only its description.
			return compact({
				lineId: textOf(line.opportunityproductid),
				product: lookupRef(line, 'productid'),
				productCode: isPlainObject(line.productid) && typeof line.productid.productnumber === 'string' ? line.productid.productnumber : undefined,
				description: line.productdescription ?? line.description ?? line.opportunityproductname,
				quantity: exactDecimalText(line.quantity ?? undefined),
				unitPrice: moneyOf(line.priceperunit, currency),
				// extendedamount is after discount and tax; baseamount is quantity × price.
				amount: moneyOf(line.extendedamount ?? line.baseamount, currency),
			});
		});
		const customerTable = lookupTable(record, 'customerid');
		const data: CanonicalData = compact({
			name: record.name,
			kind: 'opportunity',
			customer: lookupRef(record, 'customerid', customerTable === 'contact' ? undefined : 'customer') ?? lookupRef(record, 'parentaccountid', 'customer'),
			status: statusOf(record),
			stage: labelOf(record, 'statuscode') ?? record.stepname,
			currency,
			totalValue: moneyOf(won && record.actualvalue !== undefined && record.actualvalue !== null ? record.actualvalue : record.estimatedvalue, currency),
			signedDate: dateOnly(won ? (record.actualclosedate ?? record.estimatedclosedate) : record.estimatedclosedate),
			probability: exactDecimalText(record.closeprobability ?? undefined),
			lines,
			description: record.description,
		});
		return { data, source, enterpriseId: xrefOf(record, 'contract'), problems };
	},

	fromCanonical(data, context) {
		const problems: Problem[] = [];
		const lines = (data.lines ?? []) as Array<Record<string, unknown>>;
		// Status is not rendered: Dataverse closes an opportunity only through WinOpportunity / LoseOpportunity.
		const record = compact({
			...identityOut(context, 'opportunityid'),
			name: data.name,
			...bindOut(data.customer, context, 'customerid_account', 'accounts', 'contract.customer', problems),
			estimatedvalue: numberOut(data.totalValue, 'contract.totalValue', problems),
			estimatedclosedate: data.signedDate,
			closeprobability: typeof data.probability === 'string' && /^\d+$/.test(data.probability) ? Number(data.probability) : undefined,
			description: data.description,
			[OPPORTUNITY_PRODUCTS]:
				lines.length === 0
					? undefined
					: lines.map((line, index) =>
							compact({
								...productOut(line, context, index, problems),
								quantity: numberOut(line.quantity, `contract.lines[${index}].quantity`, problems),
								priceperunit: numberOut(line.unitPrice ?? line.amount, `contract.lines[${index}].unitPrice`, problems),
							}),
						),
		});
		return { record, problems };
	},
};
