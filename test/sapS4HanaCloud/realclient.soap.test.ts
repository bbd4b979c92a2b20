/**
 * The `soap` npm client, a widely used third-party SOAP client, loads SAP's Journal Entry – Post WSDL
 * (JOURNALENTRYCREATEREQUESTCONFI.wsdl) from ../shared/specs and posts through the SAP sandbox with HTTP Basic.
 * What it sends is what a client generated from SAP's WSDL sends, so a sandbox that cannot read it (namespaces
 * declared elsewhere, the attribute-carrying amount) or answers something the client cannot parse fails here.
 */
import { join } from 'path';
import * as soap from 'soap';

import { SAP_COMMUNICATION_PASSWORD, SAP_COMMUNICATION_USER, createSapS4HanaCloudSandbox } from '../../sandbox/sapS4HanaCloud';
import type { SapS4HanaCloudSandbox } from '../../sandbox/sapS4HanaCloud';
import { JOURNAL_ENTRY_POST_PATH } from '../../sandbox/sapS4HanaCloud/services';
import { describeWithSpecs, specsDir } from '../helpers/specs';

type Rec = Record<string, any>;

describeWithSpecs('soap (npm) client against the SAP sandbox’s Journal Entry – Post', () => {
	let sandbox: SapS4HanaCloudSandbox;
	let client: soap.Client;

	beforeAll(async () => {
		sandbox = createSapS4HanaCloudSandbox({ latencyMs: 0 });
		const baseUrl = await sandbox.start(0);
		await sandbox.seeding;
		client = await soap.createClientAsync(join(specsDir()!, 'sap', 'JOURNALENTRYCREATEREQUESTCONFI.wsdl'), { endpoint: `${baseUrl}${JOURNAL_ENTRY_POST_PATH}` });
	}, 120_000);
	afterAll(async () => await sandbox.stop());

	const entry = (companyCode: string, credit: string) => ({
		MessageHeader: { ID: 'M1', CreationDateTime: new Date().toISOString() },
		JournalEntry: {
			OriginalReferenceDocumentType: 'BKPFF',
			OriginalReferenceDocument: 'SOAPCLIENT',
			OriginalReferenceDocumentLogicalSystem: 'N8N',
			BusinessTransactionType: 'RFBU',
			AccountingDocumentType: 'SA',
			CreatedByUser: 'N8N',
			CompanyCode: companyCode,
			DocumentDate: '2026-02-27',
			PostingDate: '2026-02-27',
			Item: [
				{ GLAccount: '21700000', AmountInTransactionCurrency: { attributes: { currencyCode: 'USD' }, $value: '125.40' }, DebitCreditCode: 'S' },
				{ GLAccount: '41000000', AmountInTransactionCurrency: { attributes: { currencyCode: 'USD' }, $value: credit }, DebitCreditCode: 'H' },
			],
		},
	});

	it('posts a balanced entry: the client\'s envelope is read and its confirmation parses; an unbalanced one comes back with its log', async () => {
		client.setSecurity(new soap.BasicAuthSecurity(SAP_COMMUNICATION_USER, SAP_COMMUNICATION_PASSWORD));
		const [result] = (await client.JournalEntryCreateRequestConfirmation_InAsync({
			MessageHeader: { ID: 'BULK1', CreationDateTime: new Date().toISOString() },
			JournalEntryCreateRequest: [entry('1710', '-125.40'), entry('1710', '-125.39')],
		})) as [Rec];
		const confirmations = [].concat(result.JournalEntryCreateConfirmation) as Rec[];
		expect(confirmations).toHaveLength(2);
		expect(String(confirmations[0].JournalEntryCreateConfirmation.AccountingDocument)).toMatch(/^\d{10}$/);
		expect(String(confirmations[0].JournalEntryCreateConfirmation.AccountingDocument)).not.toBe('0000000000');
		expect(String(confirmations[1].JournalEntryCreateConfirmation.AccountingDocument)).toBe('0000000000');
		const notes = ([] as Rec[]).concat(confirmations[1].Log.Item).map((item) => String(item.Note));
		expect(notes.some((note) => note.includes('Balance in transaction currency') && note.includes('0.01'))).toBe(true);
		expect(sandbox.journals).toHaveLength(1);
		expect(sandbox.journals[0].lines.map((line) => line.amount)).toEqual(['125.40', '-125.40']);
	}, 60_000);

	it('a wrong password is refused before anything is posted', async () => {
		client.setSecurity(new soap.BasicAuthSecurity(SAP_COMMUNICATION_USER, 'wrong'));
		await expect(client.JournalEntryCreateRequestConfirmation_InAsync({ MessageHeader: { CreationDateTime: new Date().toISOString() }, JournalEntryCreateRequest: [entry('1710', '-125.40')] })).rejects.toThrow();
		expect(sandbox.journals).toHaveLength(1);
	}, 60_000);
});
