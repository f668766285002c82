export * from './reference';
export * from './audit';
export * from './auth';
export * from './jury';
export * from './campaign';
export * from './trends';
export * from './results';
export * from './live';
