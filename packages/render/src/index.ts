export { renderHistoryHtml } from './history-report/render-history-html.js';
export { renderHistoryMarkdown } from './history-report/render-history-markdown.js';
export { renderHistoryTable } from './history-report/render-history-table.js';
export { downsample, sparkline } from './history-report/sparkline.js';
export { generatePrometheusRules } from './prometheus-rules/generate-prometheus-rules.js';
export type {
  PrometheusAlertingRule,
  PrometheusRecordingRule,
  PrometheusRuleFile,
  PrometheusRuleGroup,
  PrometheusRulesExport,
} from './prometheus-rules/prometheus-rule-file.js';
export { renderPrometheusRules } from './prometheus-rules/render-prometheus-rules.js';
export { escapeHtml } from './report/escape-html.js';
export { renderMarkdown } from './report/render-markdown.js';
export { type ReportFormat, renderReport } from './report/render-report.js';
export { type RenderTableOptions, renderTable } from './report/render-table.js';
export { terminalText } from './report/terminal-text.js';
export { renderReview } from './review/render-review.js';
