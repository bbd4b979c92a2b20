import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { withIsuAuthentication } from '../nodes/Workday/transport/auth';
import { workdayTenantProperties } from '../nodes/Workday/transport/credentialProperties';

/**
 * A Workday integration system user (ISU) for Workday Web Services (SOAP, WS-Security UsernameToken) and
 * Reports-as-a-Service (HTTP Basic). The user name is sent as `user@tenant`.
 */
export class P2cWorkdayIsuApi implements ICredentialType {
	name = 'p2cWorkdayIsuApi';

	displayName = 'Workday (Planning to Cash) Integration System User API';

	documentationUrl = 'https://github.com/n8n-nodes-planning-to-cash/n8n-nodes-planning-to-cash#workday-integration-system-user-p2cworkdayisuapi';

	icon = { light: 'file:p2cWorkday.svg', dark: 'file:p2cWorkday.svg' } as const;

	properties: INodeProperties[] = [
		...workdayTenantProperties,
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'ISU_PlanningToCash',
			description: 'The integration system user; @tenant is added when left out',
		},
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '', required: true },
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return withIsuAuthentication(credentials, requestOptions);
	}

	// One worker through Get_Workers: proves the host, tenant, version, user and password together.
	test: ICredentialTestRequest = {
		request: {
			baseURL: "={{ ($credentials.host.startsWith('http') ? $credentials.host : 'https://' + $credentials.host).replace(/\\/+$/, '') }}",
			url: "=/ccx/service/{{ encodeURIComponent($credentials.tenant.trim()) }}/Human_Resources/{{ ($credentials.webServiceVersion || 'v42.0').startsWith('v') ? ($credentials.webServiceVersion || 'v42.0') : 'v' + $credentials.webServiceVersion }}",
			method: 'POST',
			headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' },
			body: '<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wd="urn:com.workday/bsvc"><env:Header/><env:Body><wd:Get_Workers_Request><wd:Response_Filter><wd:Page>1</wd:Page><wd:Count>1</wd:Count></wd:Response_Filter><wd:Response_Group><wd:Include_Reference>true</wd:Include_Reference><wd:Include_Personal_Information>false</wd:Include_Personal_Information><wd:Include_Employment_Information>false</wd:Include_Employment_Information></wd:Response_Group></wd:Get_Workers_Request></env:Body></env:Envelope>',
			json: false,
		},
	};
}
