export * from './roles';
export * from './errors';
export * from './station';
export type * from './handlers';
export type * from './push';
export type * from './envelope';
export type * from './registry';
export type * from './kiosk';
export type * from './applications';
