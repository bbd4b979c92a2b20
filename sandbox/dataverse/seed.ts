/**
 * The Sales seed of the Dataverse sandbox, from the firm dataset: the CRM's customers as accounts (account
 * numbers ACC-1001 …), the delivered projects' customers as accounts too (external ids as the ERP knows them),
 * the products on a US Dollar price list, and the opportunities with their products: open, won (closed with an
 * opportunity close, Won) and lost. Won deals without a delivered project (OPP-2002, 2003, 2004, 2009, 2010) are
 * the ones the won-opportunity → project flow picks up. Money is converted from minor units exactly.
 */
import { formatAmount } from '../../lib/money';
import { FIRM_CUSTOMERS, FIRM_OPPORTUNITIES, FIRM_PRODUCTS, FIRM_PROJECTS } from '../firm/dataset';
import type { RowStore } from './projectOperations/store';
import { OPPORTUNITY_STATE, OPPORTUNITY_STATUS } from './tables';

/** The application user the Entra sandbox's app signs in as, and the org's ids WhoAmI answers. */
export const DATAVERSE_SANDBOX_ORG = {
	organizationId: '7d9e2c31-5b4a-4e6f-8a1b-2c3d4e5f6a70',
	businessUnitId: '1c2b3a49-5867-4d3c-9b2a-1f0e9d8c7b6a',
	applicationUserId: '2e4f6a8c-1b3d-4f5a-9c7e-0d2f4a6c8e10',
	licensedUserId: '6b8d0f2a-4c6e-4a8b-8d0f-2a4c6e8a0b2c',
} as const;

export interface SalesSeedIds {
	currencies: Record<string, string>;
	priceList: string;
	products: Record<string, string>;
	/** Account numbers (and the delivered projects' customer external ids) → account id. */
	accounts: Record<string, string>;
	opportunities: Record<string, string>;
}

/** A minor-unit string as the JSON number a Money column holds (exact: at most 4 decimals, 15 digits). */
export function moneyNumber(minor: string, currency: string): number {
	const text = formatAmount(BigInt(minor), currency);
	const value = Number(text);
	if (String(value) !== text.replace(/\.?0+$/, '') && String(value) !== text) throw new Error(`${text} ${currency} cannot be held exactly as a JSON number`);
	return value;
}

/** A user of the org: the application user (its app's client id) or a licensed user (an Entra object id). */
export interface SeedUser {
	systemuserid: string;
	fullname: string;
	azureactivedirectoryobjectid: string;
	applicationid?: string;
}

export async function seedSales(rows: RowStore, users: SeedUser[]): Promise<SalesSeedIds> {
	const ids: SalesSeedIds = { currencies: {}, priceList: '', products: {}, accounts: {}, opportunities: {} };
	for (const user of users) await rows.insert('systemusers', { ...user, isdisabled: false });
	for (const [code, name, symbol] of [['USD', 'US Dollar', '$'], ['GBP', 'Pound Sterling', '£'], ['EUR', 'Euro', '€']]) {
		const row = await rows.insert('transactioncurrencies', { transactioncurrencyid: rows.newId(), isocurrencycode: code, currencyname: name, currencysymbol: symbol, currencyprecision: 2, exchangerate: code === 'USD' ? 1 : code === 'GBP' ? 0.79 : 0.92 });
		ids.currencies[code] = String(row.transactioncurrencyid);
	}
	const usd = ids.currencies.USD;
	ids.priceList = String((await rows.insert('pricelevels', { pricelevelid: rows.newId(), name: 'Brightline Standard (USD)', 'transactioncurrencyid@odata.bind': `/transactioncurrencies(${usd})` })).pricelevelid);
	for (const product of FIRM_PRODUCTS) {
		const row = await rows.insert('products', {
			productid: rows.newId(),
			name: product.name,
			productnumber: product.code,
			description: product.family,
			price: moneyNumber(product.listPriceMinor, 'USD'),
			'pricelevelid@odata.bind': `/pricelevels(${ids.priceList})`,
			'transactioncurrencyid@odata.bind': `/transactioncurrencies(${usd})`,
		});
		ids.products[product.code] = String(row.productid);
	}

	for (const customer of FIRM_CUSTOMERS) {
		const row = await rows.insert('accounts', {
			accountid: rows.newId(),
			name: customer.name,
			accountnumber: customer.accountNumber,
			customertypecode: 3,
			address1_city: customer.city,
			address1_country: customer.country,
			description: customer.industry,
			p2c_externalid: customer.accountNumber,
			'transactioncurrencyid@odata.bind': `/transactioncurrencies(${usd})`,
		});
		ids.accounts[customer.accountNumber] = String(row.accountid);
	}
	// The delivered projects' customers (the ERP firm's), so Project Operations' contracts have their accounts.
	for (const project of FIRM_PROJECTS) {
		if (ids.accounts[project.customerExternalId]) continue;
		const row = await rows.insert('accounts', {
			accountid: rows.newId(),
			name: project.customer,
			accountnumber: project.customerExternalId.slice(0, 20),
			customertypecode: 3,
			p2c_externalid: project.customerExternalId,
			'transactioncurrencyid@odata.bind': `/transactioncurrencies(${ids.currencies[project.currency]})`,
		});
		ids.accounts[project.customerExternalId] = String(row.accountid);
	}

	for (const opportunity of FIRM_OPPORTUNITIES) {
		const accountId = ids.accounts[opportunity.accountNumber];
		const currencyId = ids.currencies[opportunity.currency];
		let totalMinor = 0n;
		for (const line of opportunity.lines) totalMinor += BigInt(line.unitPriceMinor) * BigInt(line.quantity);
		const row = await rows.insert('opportunities', {
			opportunityid: rows.newId(),
			name: opportunity.name,
			p2c_externalid: opportunity.externalId,
			stepname: opportunity.stage,
			estimatedclosedate: opportunity.closeDate,
			estimatedvalue: moneyNumber(String(totalMinor), opportunity.currency),
			isrevenuesystemcalculated: opportunity.lines.length > 0,
			closeprobability: opportunity.status === 'won' ? 100 : opportunity.status === 'lost' ? 0 : 50,
			description: opportunity.type,
			...(opportunity.erpProjectId ? { p2c_erpprojectid: opportunity.erpProjectId } : {}),
			'customerid_account@odata.bind': `/accounts(${accountId})`,
			'parentaccountid@odata.bind': `/accounts(${accountId})`,
			'pricelevelid@odata.bind': `/pricelevels(${ids.priceList})`,
			'transactioncurrencyid@odata.bind': `/transactioncurrencies(${currencyId})`,
		});
		const id = String(row.opportunityid);
		ids.opportunities[opportunity.externalId] = id;
		let sequence = 0;
		for (const line of opportunity.lines) {
			await rows.insert('opportunityproducts', {
				opportunityproductid: rows.newId(),
				p2c_externalid: `${opportunity.externalId}-L${++sequence}`,
				sequencenumber: sequence,
				quantity: Number(line.quantity),
				priceperunit: moneyNumber(line.unitPriceMinor, opportunity.currency),
				ispriceoverridden: true,
				'opportunityid@odata.bind': `/opportunities(${id})`,
				'productid@odata.bind': `/products(${ids.products[line.productCode]})`,
				'transactioncurrencyid@odata.bind': `/transactioncurrencies(${currencyId})`,
			});
		}
		if (opportunity.status === 'open') continue;
		const won = opportunity.status === 'won';
		await rows.insert('opportunitycloses', {
			activityid: rows.newId(),
			subject: won ? 'Won' : 'Lost',
			actualend: opportunity.closeDate,
			actualrevenue: won ? moneyNumber(String(totalMinor), opportunity.currency) : 0,
			statecode: 1,
			statuscode: 2,
			'opportunityid@odata.bind': `/opportunities(${id})`,
		});
		await rows.update('opportunities', id, {
			statecode: won ? OPPORTUNITY_STATE.won : OPPORTUNITY_STATE.lost,
			statuscode: won ? OPPORTUNITY_STATUS.won : OPPORTUNITY_STATUS.outSold,
			actualclosedate: opportunity.closeDate,
			actualvalue: won ? moneyNumber(String(totalMinor), opportunity.currency) : 0,
		});
	}
	return ids;
}
