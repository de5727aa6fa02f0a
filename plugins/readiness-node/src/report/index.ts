export { renderJson, scorecardToJson } from './json';
export { renderMarkdown } from './markdown';
export type { MarkdownReportOptions } from './markdown';
export { renderSarif, SARIF_LEVELS } from './sarif';
export type { SarifReportOptions } from './sarif';
export { renderTable } from './table';
export type { TableReportOptions } from './table';
export { VERDICT_LABELS, BAND_LABELS } from './format';
