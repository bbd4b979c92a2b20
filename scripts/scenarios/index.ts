import type { Scenario } from '../lib/demo';
import { opportunityToProject } from './opportunityToProject';

/** Every template scenario the demo and the end-to-end test run, in order. */
export const scenarios: Scenario[] = [opportunityToProject];
