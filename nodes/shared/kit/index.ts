export * from './batch';
export * from './correlation';
export * from './errors';
export * from './items';
export * from './limiter';
export * from './pagination';
export * from './request';
export * from './escape';
