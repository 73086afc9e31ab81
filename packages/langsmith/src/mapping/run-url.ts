/** The run's page in the LangSmith UI, in the SDK's format (`getRunUrl`). */
export function runUrl(options: {
  webUrl: string;
  tenantId: string;
  projectId: string;
  runId: string;
}): string {
  return `${options.webUrl}/o/${options.tenantId}/projects/p/${options.projectId}/r/${options.runId}?poll=true`;
}

/** A tracing project's page in the LangSmith UI. */
export function projectUrl(options: { webUrl: string; tenantId: string; projectId: string }): string {
  return `${options.webUrl}/o/${options.tenantId}/projects/p/${options.projectId}`;
}

/** An experiment's page: the dataset's comparison view with the experiment selected. */
export function experimentUrl(options: {
  webUrl: string;
  tenantId: string;
  datasetId: string;
  experimentId: string;
}): string {
  return `${options.webUrl}/o/${options.tenantId}/datasets/${options.datasetId}/compare?selectedSessions=${options.experimentId}`;
}
