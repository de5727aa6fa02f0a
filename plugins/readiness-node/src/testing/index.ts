export * from './fixtures';
export * from './describeRule';
