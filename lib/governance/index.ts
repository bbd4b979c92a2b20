export * from './audit';
export * from './breaker';
export * from './exceptions';
export * from './kpi';
export * from './ledger';
export * from './order';
export * from './paths';
export * from './reconcile';
