/** The feedback type rules of `weave/trace_server/feedback.py`; a reason when the request breaks one. */
export function feedbackProblem(body: Record<string, unknown>): string | undefined {
  const projectId = body.project_id as string;
  const type = body.feedback_type as string;
  const payload = body.payload as Record<string, unknown>;
  const weaveRef = body.weave_ref as string;
  if (
    !weaveRef.startsWith(`weave:///${projectId}/`) ||
    !/^weave:\/\/\/[^/]+\/[^/]+\/(call|object|op|table)\/.+/.test(weaveRef)
  )
    return `Invalid weave_ref '${weaveRef}': expected a weave:/// ref in project ${projectId}`;
  if (Buffer.byteLength(JSON.stringify(payload)) > 1 << 20) return 'Feedback payload too large (limit 1 MiB)';
  const isRunnable = type.startsWith('wandb.runnable.');
  if (!isRunnable) {
    for (const key of ['runnable_ref', 'call_ref', 'trigger_ref']) {
      if (body[key] !== undefined && body[key] !== null)
        return `${key} is only valid on wandb.runnable feedback`;
    }
  }
  if (type === 'wandb.reaction.1') {
    return typeof payload.emoji === 'string' && Object.keys(payload).length === 1
      ? undefined
      : 'wandb.reaction.1 takes {emoji}';
  }
  if (type === 'wandb.note.1') {
    if (typeof payload.note !== 'string' || Object.keys(payload).length !== 1)
      return 'wandb.note.1 takes {note}';
    return payload.note.length > 1024 ? 'Note too long (limit 1024 characters)' : undefined;
  }
  if (type.startsWith('wandb.annotation.')) {
    if (typeof body.annotation_ref !== 'string') return 'annotation_ref is required for annotation feedback';
    return 'value' in payload ? undefined : 'annotation feedback takes {value}';
  }
  if (isRunnable) {
    const name = type.slice('wandb.runnable.'.length);
    const runnableRef = body.runnable_ref;
    if (typeof runnableRef !== 'string') return 'runnable_ref is required for runnable feedback';
    const refName = runnableRef.slice(runnableRef.lastIndexOf('/') + 1).split(':')[0];
    if (refName !== name) return `runnable_ref names '${refName}', the feedback type names '${name}'`;
    if (runnableRef.includes('/op/') && typeof body.call_ref !== 'string')
      return 'call_ref is required when the runnable is an op';
    return 'output' in payload ? undefined : 'runnable feedback takes {output}';
  }
  if (type.startsWith('wandb.')) return `Unknown feedback type '${type}': wandb.* types are reserved`;
  return undefined;
}
