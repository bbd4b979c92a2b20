import type { Scenario } from '../lib/demo';
import { opportunityToProject } from './opportunityToProject';
import { revenueSchedule } from './revenueSchedule';

/** Every template scenario the demo and the end-to-end test run, in order. */
export const scenarios: Scenario[] = [opportunityToProject, revenueSchedule];
