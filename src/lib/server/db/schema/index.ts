export * from './reference';
export * from './audit';
