/** Whether an experiment or run in this lifecycle stage is in a search's `view_type` (default ACTIVE_ONLY). */
export function inLifecycleView(stage: 'active' | 'deleted', viewType: string): boolean {
  if (viewType === 'ALL') return true;
  return viewType === 'DELETED_ONLY' ? stage === 'deleted' : stage === 'active';
}
