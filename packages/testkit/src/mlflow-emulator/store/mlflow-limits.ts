/** The tracking server's size limits (mlflow/utils/validation.py). */
export const maxTagValue = 8000;
export const maxParamValue = 6000;
export const maxBatchBytes = 1024 * 1024;
export const maxBatchMetrics = 1000;
export const maxBatchParams = 100;
export const maxBatchTags = 100;
export const maxBatchEntities = 1000;
