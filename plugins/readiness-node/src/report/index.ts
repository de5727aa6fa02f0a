export {
  BaselineError,
  compareFindingSets,
  compareWithBaseline,
  parseReport,
  reportedFindings,
  SARIF_FINGERPRINT_KEY,
} from './baseline';
export type { BaselineComparison, BaselineState, ReportedFinding, ReportSummary } from './baseline';
export { diffReports, renderDiff } from './diff';
export type { ReportDiff } from './diff';
export { renderJson, scorecardToJson } from './json';
export type { JsonReportOptions } from './json';
export { renderMarkdown } from './markdown';
export type { MarkdownReportOptions } from './markdown';
export { renderSarif, SARIF_LEVELS } from './sarif';
export type { SarifReportOptions } from './sarif';
export { renderTable } from './table';
export { compareAudits, hasTransitions } from './transitions';
export type { TableReportOptions } from './table';
export { VERDICT_LABELS, BAND_LABELS } from './format';
