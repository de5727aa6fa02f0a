/**
 * The bottom layer: the repository as a sorted list of text files, read in one
 * walk. Everything above (facts, rules, engine, reports) reads from it.
 */
export * from './snapshot';
export { walkRepository, UnreadableRepositoryError } from './walk';
export type { WalkOptions } from './walk';
