/** The n8n credentials that point at the running sandboxes. */
import type { RunningSandboxes } from '../../sandbox';
import { coupaSandboxCredentials } from '../../sandbox/coupa';
import { entraSandboxClientCredentials, entraSandboxOAuth2Credentials } from '../../sandbox/entra';
import { kantataSandboxCredentials } from '../../sandbox/kantata';
import { netSuiteSandboxCredentials } from '../../sandbox/netsuite';
import { oracleSandboxOAuth2Credentials } from '../../sandbox/oracleFusion';
import { salesforceSandboxCredentials } from '../../sandbox/salesforce';
import { sapSandboxBasicCredentials, sapSandboxOAuth2Credentials } from '../../sandbox/sapS4HanaCloud';
import { snowflakeSandboxKeyPairCredentials } from '../../sandbox/snowflake';
import { workdayIsuSandboxCredentials, workdayOAuth2SandboxCredentials } from '../../sandbox/workday';

/**
 * Credentials for n8n's `import:credentials`, with the stable ids and names the templates reference.
 * The hidden token fields start empty so n8n runs each credential's token exchange on first use.
 */
export function sandboxCredentials(sandboxes: RunningSandboxes): object[] {
	return [
		{
			id: 'p2cSfSandboxJwt1',
			name: 'Salesforce sandbox (JWT)',
			type: 'p2cSalesforceJwtApi',
			data: { ...salesforceSandboxCredentials(sandboxes.salesforce.baseUrl), accessToken: '', instanceUrl: '' },
		},
		{
			id: 'p2cNsSandboxTba1',
			name: 'NetSuite sandbox (TBA)',
			type: 'p2cNetSuiteTbaApi',
			data: netSuiteSandboxCredentials(sandboxes.netsuite.baseUrl),
		},
		{
			id: 'p2cOracleSandboxOAuth1',
			name: 'Oracle Fusion sandbox (OAuth2)',
			type: 'p2cOracleFusionOAuth2Api',
			data: oracleSandboxOAuth2Credentials(sandboxes.oracleFusion.baseUrl),
		},
		{
			id: 'p2cSapSandboxBasic1',
			name: 'SAP S/4HANA Cloud sandbox (communication user)',
			type: 'p2cSapS4HanaCloudBasicApi',
			data: sapSandboxBasicCredentials(sandboxes.sapS4HanaCloud.baseUrl),
		},
		{
			id: 'p2cSapSandboxOAuth1',
			name: 'SAP S/4HANA Cloud sandbox (OAuth2)',
			type: 'p2cSapS4HanaCloudOAuth2Api',
			data: sapSandboxOAuth2Credentials(sandboxes.sapS4HanaCloud.baseUrl),
		},
		{
			id: 'p2cKantataSandbox1',
			name: 'Kantata sandbox (token)',
			type: 'p2cKantataTokenApi',
			data: kantataSandboxCredentials(sandboxes.kantata.baseUrl),
		},
		{
			id: 'p2cWorkdaySandboxOAuth1',
			name: 'Workday sandbox (OAuth2)',
			type: 'p2cWorkdayOAuth2Api',
			data: workdayOAuth2SandboxCredentials(sandboxes.workday.baseUrl),
		},
		{
			id: 'p2cWorkdaySandboxIsu1',
			name: 'Workday sandbox (ISU)',
			type: 'p2cWorkdayIsuApi',
			data: workdayIsuSandboxCredentials(sandboxes.workday.baseUrl),
		},
		{
			id: 'p2cDataverseSandbox1',
			name: 'Dataverse sandbox (client credentials)',
			type: 'p2cDataverseClientCredentialsApi',
			data: entraSandboxClientCredentials(sandboxes.entra.baseUrl, sandboxes.dataverse.baseUrl),
		},
		{
			id: 'p2cDataverseSandboxOAuth1',
			name: 'Dataverse sandbox (licensed user, OAuth2)',
			type: 'p2cDataverseOAuth2Api',
			data: entraSandboxOAuth2Credentials(sandboxes.entra.baseUrl, sandboxes.dataverse.baseUrl),
		},
		{
			id: 'p2cD365FinSandbox1',
			name: 'Dynamics 365 Finance sandbox (client credentials)',
			type: 'p2cDynamics365FinanceApi',
			data: entraSandboxClientCredentials(sandboxes.entra.baseUrl, sandboxes.dynamicsFinance.baseUrl),
		},
		{
			id: 'p2cCoupaSandbox1',
			name: 'Coupa sandbox (OAuth2 client credentials)',
			type: 'p2cCoupaOAuth2Api',
			data: coupaSandboxCredentials(sandboxes.coupa.baseUrl),
		},
		{
			id: 'p2cSnowflakeSandbox1',
			name: 'Snowflake sandbox (key pair)',
			type: 'p2cSnowflakeKeyPairApi',
			data: snowflakeSandboxKeyPairCredentials(sandboxes.snowflake.baseUrl),
		},
	];
}
