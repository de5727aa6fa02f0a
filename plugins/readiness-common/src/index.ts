/**
 * Shared types, scoring and permissions of Readiness scorecards.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './scoring';
export * from './permissions';
export * from './annotations';
