import { contentDigest } from './trace-store.js';

/** The ref of an op as the SDKs publish it: `weave:///<project>/op/<name>:<digest>`. */
export function opRef(project: string, op: string): string {
  return `weave:///${project}/op/${op}:${contentDigest(`op:${op}`)}`;
}
