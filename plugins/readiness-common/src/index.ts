/**
 * Shared types, scoring and permissions of Readiness scorecards.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './api';
export * from './scoring';
export * from './permissions';
export * from './annotations';
export * from './links';
export * from './rollups';
export * from './campaigns';
