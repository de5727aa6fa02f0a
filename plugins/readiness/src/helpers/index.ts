export * from './bands';
export * from './csv';
export * from './download';
export * from './format';
export * from './sourceLinks';
export * from './errors';
export * from './campaigns';
