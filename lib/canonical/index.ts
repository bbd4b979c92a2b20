export * from './envelope';
export * from './identity';
export * from './json';
export * from './mapping';
export * from './problems';
export * from './schemas';
export * from './transform';
export * from './validate';
export type { Money } from './money';
