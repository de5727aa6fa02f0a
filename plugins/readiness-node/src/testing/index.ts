export * from './fixtures';
export * from './describeRule';
export * from './describeFix';
