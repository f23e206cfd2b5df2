export * from './roles';
export type * from './handlers';
