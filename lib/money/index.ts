export * from './currencies';
export * from './rational';
export * from './amount';
export * from './allocate';
