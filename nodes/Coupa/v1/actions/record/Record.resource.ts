/** The operations of every Coupa resource, generated from the resource table; one implementation per operation. */
import type { INodeProperties } from 'n8n-workflow';

import { operationPickerProperty } from '../../../../shared/kit';
import type { OperationLabel } from '../../../../shared/kit';
import { RESOURCES } from '../../../helpers/resources';
import type { CoupaOperation, CoupaResource, CoupaResourceName } from '../../../helpers/resources';
import { canonicalOutputProperties, filterProperties, invoiceIdProperty, jsonBodyProperty, markExportedProperties, readOptionsProperty, recordIdProperty, writeOptionsProperty } from './common.descriptions';

const OPERATION_LABELS: Record<CoupaOperation, OperationLabel> = {
	create: { name: 'Create', verb: 'Create' },
	get: { name: 'Get', verb: 'Get' },
	getMany: { name: 'Get Many', verb: 'Get many', many: true },
	markExported: { name: 'Mark Exported', verb: 'Mark exported' },
	update: { name: 'Update', verb: 'Update' },
};

function describeOperation(name: CoupaResourceName, resource: CoupaResource, operation: CoupaOperation): string | undefined {
	switch (operation) {
		case 'markExported':
			return `Set exported on the ${resource.singular} and write back the ERP document number, after the ERP posted it`;
		case 'create':
			return `Create a ${resource.singular}; a create whose answer is lost is not resent`;
		case 'getMany':
			return name === 'invoiceLine' ? 'Get the lines of an invoice' : undefined;
		default:
			return undefined;
	}
}

export function operationProperty(name: CoupaResourceName): INodeProperties {
	const resource = RESOURCES[name] as CoupaResource;
	return operationPickerProperty({
		resource: name,
		operations: resource.operations,
		labels: OPERATION_LABELS,
		target: { one: `${/^[aeiou]/.test(resource.singular) ? 'an' : 'a'} ${resource.singular}`, many: resource.plural },
		describe: (operation) => describeOperation(name, resource, operation),
	});
}

export const recordProperties: INodeProperties[] = [
	...(Object.keys(RESOURCES) as CoupaResourceName[]).map(operationProperty),
	recordIdProperty,
	invoiceIdProperty,
	jsonBodyProperty,
	...markExportedProperties,
	...filterProperties,
	readOptionsProperty,
	writeOptionsProperty,
	...canonicalOutputProperties,
];
