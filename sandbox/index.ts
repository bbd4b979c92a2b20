/** Every vendor sandbox, started together (for `npm run sandbox`, the demo and end-to-end tests). */
import type { SandboxServer } from './core/server';
import { COUPA_SANDBOX_PORT, createCoupaSandbox } from './coupa';
import { createDataverseSandbox, DATAVERSE_SANDBOX_PORT } from './dataverse';
import { projectOperationsModule } from './dataverse/projectOperations';
import { createDynamicsFinanceSandbox, DYNAMICS_FINANCE_SANDBOX_PORT } from './dynamicsFinance';
import { createEntraSandbox, ENTRA_SANDBOX_PORT } from './entra';
import { createKantataSandbox, KANTATA_SANDBOX_PORT } from './kantata';
import { createNetSuiteSandbox, NETSUITE_SANDBOX_PORT } from './netsuite';
import { createOracleFusionSandbox, ORACLE_SANDBOX_PORT } from './oracleFusion';
import { createSalesforceSandbox, SALESFORCE_SANDBOX_PORT } from './salesforce';
import { createSapS4HanaCloudSandbox, SAP_SANDBOX_PORT } from './sapS4HanaCloud';
import { createSnowflakeSandbox, SNOWFLAKE_SANDBOX_PORT } from './snowflake';
import { createWorkdaySandbox, WORKDAY_SANDBOX_PORT } from './workday';

export interface RunningSandboxes {
	salesforce: ReturnType<typeof createSalesforceSandbox>;
	netsuite: ReturnType<typeof createNetSuiteSandbox>;
	kantata: ReturnType<typeof createKantataSandbox>;
	/** Microsoft Entra ID token endpoint for the Dataverse and Finance credentials. */
	entra: ReturnType<typeof createEntraSandbox>;
	/** Dataverse: Dynamics 365 Sales and Project Operations (tokens from `entra`). */
	dataverse: ReturnType<typeof createDataverseSandbox>;
	/** The Project Operations module of `dataverse` (seeded ids, operation-set delay). */
	projectOperations: ReturnType<typeof projectOperationsModule>;
	/** Dynamics 365 Finance & Operations data entities (tokens from `entra`). */
	dynamicsFinance: ReturnType<typeof createDynamicsFinanceSandbox>;
	oracleFusion: ReturnType<typeof createOracleFusionSandbox>;
	workday: ReturnType<typeof createWorkdaySandbox>;
	/** SAP S/4HANA Cloud OData v2 services and Journal Entry – Post. */
	sapS4HanaCloud: ReturnType<typeof createSapS4HanaCloudSandbox>;
	/** Snowflake SQL API v2 over an embedded Postgres (analytics replication). */
	snowflake: ReturnType<typeof createSnowflakeSandbox>;
	/** Coupa Core API: subcontractor purchase orders, receipts and invoices. */
	coupa: ReturnType<typeof createCoupaSandbox>;
	all: SandboxServer[];
	stop(): Promise<void>;
}

/** `fixedPorts` for the demo and `npm run sandbox`; tests take free ports so they never collide. */
export async function startSandboxes(fixedPorts: boolean, host = '127.0.0.1'): Promise<RunningSandboxes> {
	const salesforce = createSalesforceSandbox();
	const workday = createWorkdaySandbox();
	const netsuite = createNetSuiteSandbox();
	const kantata = createKantataSandbox();
	const entra = createEntraSandbox();
	const projectOperations = projectOperationsModule();
	const dataverse = createDataverseSandbox({ modules: [projectOperations.register] });
	const dynamicsFinance = createDynamicsFinanceSandbox();
	const oracleFusion = createOracleFusionSandbox();
	const sapS4HanaCloud = createSapS4HanaCloudSandbox();
	const snowflake = createSnowflakeSandbox();
	const coupa = createCoupaSandbox();
	await salesforce.start(fixedPorts ? SALESFORCE_SANDBOX_PORT : 0, host);
	await workday.start(fixedPorts ? WORKDAY_SANDBOX_PORT : 0, host);
	await netsuite.start(fixedPorts ? NETSUITE_SANDBOX_PORT : 0, host);
	await kantata.start(fixedPorts ? KANTATA_SANDBOX_PORT : 0, host);
	await entra.start(fixedPorts ? ENTRA_SANDBOX_PORT : 0, host);
	await dataverse.start(fixedPorts ? DATAVERSE_SANDBOX_PORT : 0, host);
	await dynamicsFinance.start(fixedPorts ? DYNAMICS_FINANCE_SANDBOX_PORT : 0, host);
	await oracleFusion.start(fixedPorts ? ORACLE_SANDBOX_PORT : 0, host);
	await sapS4HanaCloud.start(fixedPorts ? SAP_SANDBOX_PORT : 0, host);
	await snowflake.start(fixedPorts ? SNOWFLAKE_SANDBOX_PORT : 0, host);
	await coupa.start(fixedPorts ? COUPA_SANDBOX_PORT : 0, host);
	const all: SandboxServer[] = [salesforce, netsuite, kantata, entra, dataverse, dynamicsFinance, oracleFusion, workday, sapS4HanaCloud, snowflake, coupa];
	return { salesforce, netsuite, kantata, entra, dataverse, projectOperations, dynamicsFinance, oracleFusion, workday, sapS4HanaCloud, snowflake, coupa, all, stop: async () => void (await Promise.all(all.map((s) => s.stop()))) };
}
