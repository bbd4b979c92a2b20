import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InvalidInputError } from '../../../../shared/kit';
import { toV2Date } from '../../../transport';

/** RecordedHours is Edm.Decimal(4,2): decimal text with at most two decimals, more than 0 and below 100. */
export function hoursText(value: unknown): string {
	const text = String(value ?? '').trim();
	const match = /^(\d{1,2})(?:\.(\d{1,2}))?$/.exec(text);
	if (!match || /^0+(\.0+)?$/.test(text)) {
		throw new InvalidInputError('hours', `hours: ${JSON.stringify(value)} must be decimal hours above 0 with at most two decimals, as SAP stores them (field: hours)`);
	}
	return `${match[1]}.${(match[2] ?? '').padEnd(2, '0')}`;
}

/** The marker a created entry's note starts with, so the entry can be found again by its source reference. */
export function referenceMarker(reference: string): string {
	return `[${reference}]`;
}

export function entryBody(context: IExecuteFunctions, itemIndex: number, operation: 'C' | 'U'): IDataObject {
	const person = String(context.getNodeParameter('personWorkAgreementExternalId', itemIndex, '')).trim();
	const companyCode = String(context.getNodeParameter('companyCode', itemIndex, '')).trim();
	if (!person || person.length > 20) throw new InvalidInputError('personWorkAgreementExternalId', 'personWorkAgreementExternalId: required, at most 20 characters (field: personWorkAgreementExternalId)');
	if (!/^[A-Za-z0-9]{4}$/.test(companyCode)) throw new InvalidInputError('companyCode', `companyCode: "${companyCode}" is not a 4-character company code (field: companyCode)`);
	const date = String(context.getNodeParameter('date', itemIndex, '')).trim();
	const wbs = String(context.getNodeParameter('wbsElement', itemIndex, '')).trim();
	if (wbs.length > 24) throw new InvalidInputError('wbsElement', 'wbsElement: at most 24 characters (field: wbsElement)');
	const activityType = String(context.getNodeParameter('activityType', itemIndex, '')).trim();
	const reference = operation === 'C' ? String(context.getNodeParameter('externalReference', itemIndex, '')).trim() : '';
	const note = String(context.getNodeParameter('note', itemIndex, '') ?? '');
	const data: IDataObject = { RecordedHours: hoursText(context.getNodeParameter('hours', itemIndex, '')), HoursUnitOfMeasure: 'H' };
	if (wbs) data.WBSElement = wbs;
	if (activityType) data.ActivityType = activityType;
	const fullNote = reference ? `${referenceMarker(reference)} ${note}`.trim() : note;
	if (fullNote) data.TimeSheetNote = fullNote;
	return {
		PersonWorkAgreementExternalID: person,
		CompanyCode: companyCode,
		TimeSheetDate: toV2Date(date, 'date'),
		TimeSheetIsReleasedOnSave: context.getNodeParameter('releaseOnSave', itemIndex, true) as boolean,
		TimeSheetOperation: operation,
		TimeSheetDataFields: data,
	};
}
