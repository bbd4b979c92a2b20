import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { resourceOf } from '../helpers/resources';
import { apiRequest, oracleConnection } from '../transport';
import type { OracleAuthentication } from '../transport';

/** Oracle's allowChanges (never, createOnly, always), or updatable when a pod omits it. */
function changesOf(attribute: IDataObject): string | undefined {
	if (attribute.allowChanges === 'createOnly') return 'set on create only';
	if (attribute.allowChanges === 'never' || (attribute.allowChanges === undefined && attribute.updatable === false)) return 'read-only';
	return undefined;
}

/**
 * The resource's attributes from Oracle's describe metadata (`GET /<resource>/describe`), so the field pickers
 * show the pod's own attributes, flexfields included, with their titles and types.
 */
export async function getAttributes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const resource = resourceOf(String(this.getCurrentNodeParameter('resource') ?? 'project'));
	if (resource.parent) return [];
	const connection = await oracleConnection(this, (this.getCurrentNodeParameter('authentication') ?? 'oAuth2') as OracleAuthentication);
	const response = await apiRequest<IDataObject>(this, connection, { method: 'GET', service: resource.service, path: `/${resource.collection}/describe` });
	const described = ((response.body.Resources ?? {}) as Record<string, IDataObject>)[resource.collection] ?? Object.values((response.body.Resources ?? {}) as Record<string, IDataObject>)[0];
	const attributes = ((described?.attributes ?? []) as IDataObject[]).filter((a) => typeof a.name === 'string');
	return attributes
		.map((a) => ({
			name: typeof a.title === 'string' && a.title !== a.name ? `${a.title} (${String(a.name)})` : String(a.name),
			value: String(a.name),
			description: [a.type, a.mandatory === true ? 'required' : undefined, changesOf(a)].filter(Boolean).join(', '),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
