export * from './roles';
export type * from './handlers';
export type * from './accounts';
