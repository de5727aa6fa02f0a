export { appendLines, createFile, editYaml, failingPaths, fixOf, insertLinesBefore, modifyFile, unifiedDiff, yamlMapAt } from './edits';
export type { FileEdit, RuleFix } from './edits';
export { planFixes } from './plan';
export type { FixPlan, PlannedFile, PlanOptions, SuggestedFix } from './plan';
export { checkRelativePath, UnsafeFixError, writePlannedFiles } from './apply';
