import type { Scenario } from '../lib/demo';
import { approvedExpenses } from './approvedExpenses';
import { certiniaOpportunityToProject } from './certiniaOpportunityToProject';
import { changeOrder } from './changeOrder';
import { coupaSubcontractorInvoice } from './coupaSubcontractorInvoice';
import { d365ApprovedTimeToFinance } from './d365ApprovedTimeToFinance';
import { d365WonOpportunityToProject } from './d365WonOpportunityToProject';
import { erpOutageDrain } from './erpOutageDrain';
import { exceptionReplay } from './exceptionReplay';
import { exceptionReplayAnyFlow } from './exceptionReplayAnyFlow';
import { invoicePaymentStatus } from './invoicePaymentStatus';
import { matrix } from './matrix';
import { matrixRevenue } from './matrixRevenue';
import { milestoneToInvoice } from './milestoneToInvoice';
import { monthEndClose } from './monthEndClose';
import { kantataOpportunityToProject } from './kantataOpportunityToProject';
import { opportunityToProject } from './opportunityToProject';
import { oracleCosts } from './oracleCosts';
import { oracleRevenueJournals } from './oracleRevenueJournals';
import { postingSafety } from './postingSafety';
import { psaErpReconciliation } from './psaErpReconciliation';
import { revenueSchedule } from './revenueSchedule';
import { sapRevenueJournals } from './sapRevenueJournals';
import { sapTimeExpenses } from './sapTimeExpenses';
import { snowflakeReplication } from './snowflakeReplication';
import { staffingToForecast } from './staffingToForecast';
import { templateBinding } from './templateBinding';
import { timeReconciliation } from './timeReconciliation';
import { timeReconciliationKantata } from './timeReconciliationKantata';
import { terminationConflicts } from './terminationConflicts';
import { timeAndMaterialsInvoicing } from './timeAndMaterialsInvoicing';
import { workerSync } from './workerSync';
import { wonDealToProject } from './wonDealToProject';

/**
 * Every template scenario the demo and the end-to-end test run, in order. The later ones add their own
 * opportunities, after revenue-schedule has counted the seed's.
 */
export const scenarios: Scenario[] = [opportunityToProject, revenueSchedule, postingSafety, exceptionReplay, timeReconciliation, timeReconciliationKantata, templateBinding, kantataOpportunityToProject, certiniaOpportunityToProject, workerSync, terminationConflicts, oracleCosts, oracleRevenueJournals, d365WonOpportunityToProject, d365ApprovedTimeToFinance, sapTimeExpenses, sapRevenueJournals, matrix, snowflakeReplication, coupaSubcontractorInvoice, invoicePaymentStatus, staffingToForecast, milestoneToInvoice, timeAndMaterialsInvoicing, changeOrder, matrixRevenue, approvedExpenses, erpOutageDrain, exceptionReplayAnyFlow, monthEndClose, psaErpReconciliation, wonDealToProject];
