/**
 * PSA's domain steps, as the package models them: status fields that its triggers act on.
 * - Timecard and expense report: Submit (Saved/Draft → Submitted), Approve (Submitted → Approved: PSA sets
 *   Approved and Include In Financials, and approves a report's expenses), Reject (Submitted → Rejected).
 *   Orgs that route approval through a Salesforce approval process approve there; this writes the status.
 * - Milestone: Complete (status Approved with its Actual Date; optionally Approved for Billing, which billing
 *   generation needs).
 * - Billing event: Record Invoice (the ERP's invoice number and date, Invoiced = true). Generating and releasing
 *   billing events is Apex-only in Certinia (pse.APIBillingService), so this node reads released events and
 *   writes the ERP's result back; it has no "generate" endpoint to call.
 * Each is a PATCH by id: the same step sent twice leaves the same record (a lost answer is resent).
 */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../../shared/kit';
import { isCalendarDate } from '../../../../Salesforce/helpers/soql';
import { recordIdProperty } from '../../../../Salesforce/v1/actions/common.descriptions';
import { checkedRecordId } from '../../../../Salesforce/v1/actions/record/context';
import type { CertiniaOperationContext } from '../record/context';
import { patchRecord } from '../record/update.operation';

export const STATUS_STEPS = { submit: 'Submitted', approve: 'Approved', reject: 'Rejected' } as const;

export function description(): INodeProperties[] {
	return [
		...updateDisplayOptions({ show: { resource: ['timecard', 'expenseReport'], operation: ['submit', 'approve', 'reject'] } }, [recordIdProperty]),
		...updateDisplayOptions({ show: { resource: ['milestone'], operation: ['complete'] } }, [
			recordIdProperty,
			{ displayName: 'Actual Date', name: 'actualDate', type: 'string', default: '', placeholder: '2026-06-30', description: 'The day the milestone was achieved (YYYY-MM-DD); empty means today (UTC)' },
			{ displayName: 'Approved for Billing', name: 'approvedForBilling', type: 'boolean', default: true, description: 'Whether billing generation may pick the milestone up' },
		]),
		...updateDisplayOptions({ show: { resource: ['billingEvent'], operation: ['recordInvoice'] } }, [
			recordIdProperty,
			{ displayName: 'Invoice Number', name: 'invoiceNumber', type: 'string', default: '', required: true, description: 'The ERP invoice number (up to 80 characters)' },
			{ displayName: 'Invoice Date', name: 'invoiceDate', type: 'string', default: '', required: true, placeholder: '2026-01-31', description: 'The ERP invoice date (YYYY-MM-DD)' },
		]),
	];
}

function dateParameter(value: unknown, name: string, fallback?: string): string {
	const text = String(value ?? '').trim() || fallback || '';
	if (!isCalendarDate(text)) throw new Error(`${name}: "${text}" is not a date (YYYY-MM-DD)`);
	return text;
}

export async function execute(this: IExecuteFunctions, op: CertiniaOperationContext, operation: string): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async ({ itemIndex, correlationId }) => {
		const id = checkedRecordId(this.getNodeParameter('recordId', itemIndex, '', { extractValue: true }));
		let body: Record<string, unknown>;
		if (operation in STATUS_STEPS) body = { pse__Status__c: STATUS_STEPS[operation as keyof typeof STATUS_STEPS] };
		else if (operation === 'complete') {
			body = {
				pse__Status__c: 'Approved',
				pse__Actual_Date__c: dateParameter(this.getNodeParameter('actualDate', itemIndex, ''), 'actualDate', new Date().toISOString().slice(0, 10)),
				pse__Approved_for_Billing__c: this.getNodeParameter('approvedForBilling', itemIndex, true) as boolean,
			};
		} else if (operation === 'recordInvoice') {
			const invoiceNumber = String(this.getNodeParameter('invoiceNumber', itemIndex, '') ?? '').trim();
			if (!invoiceNumber || invoiceNumber.length > 80) throw new Error('invoiceNumber: 1 to 80 characters');
			body = { pse__Invoice_Number__c: invoiceNumber, pse__Invoice_Date__c: dateParameter(this.getNodeParameter('invoiceDate', itemIndex, ''), 'invoiceDate'), pse__Invoiced__c: true };
		} else throw new Error(`Unknown operation "${operation}"`);
		await patchRecord(this, op, id, body, itemIndex, correlationId);
		return { id, success: true, ...body };
	});
}
