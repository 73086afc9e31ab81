/** `weave:///entity/project/op/Name:digest` → `Name`; a plain op name (raw `/call/start` users) is returned as is. */
export function opNameOf(opName: string): string {
  if (!opName.startsWith('weave:///')) return opName;
  const last = opName.slice(opName.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon === -1 ? last : last.slice(0, colon);
}

/** The `op_names` filter entries matching every version of an op: its ref with any digest, and the plain name. */
export function opNameFilter(projectId: string, name: string): string[] {
  if (name.startsWith('weave:///')) return [name];
  return [`weave:///${projectId}/op/${name}:*`, name];
}

/**
 * The name in an object or op ref (`weave:///e/p/object/support-eval:abc` → `support-eval`); undefined for
 * anything else.
 */
export function refName(ref: unknown): string | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('weave:///')) return undefined;
  const match = /^weave:\/\/\/[^/]+\/[^/]+\/(?:object|op)\/([^:/]+):/.exec(ref);
  return match?.[1];
}

export function callRef(projectId: string, callId: string): string {
  return `weave:///${projectId}/call/${callId}`;
}

/** The op names of evaluation runs and of their rows, from both SDKs (Python `predict_and_score`, JS `predictAndScore`). */
export const evaluateOp = 'Evaluation.evaluate';
export const predictOps = ['Evaluation.predict_and_score', 'Evaluation.predictAndScore'] as const;
