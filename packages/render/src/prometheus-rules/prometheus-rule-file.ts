/** A Prometheus rules file (`rule_files:`), as `promtool check rules` reads it. */
export interface PrometheusRuleFile {
  groups: PrometheusRuleGroup[];
}

export interface PrometheusRuleGroup {
  name: string;
  rules: Array<PrometheusRecordingRule | PrometheusAlertingRule>;
}

export interface PrometheusRecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

export interface PrometheusAlertingRule {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** The rules of a config, and what the user should know about SLOs that get no alerts. */
export interface PrometheusRulesExport {
  file: PrometheusRuleFile;
  notes: string[];
}
