import type { Report, SloReport } from '../report/report.js';

export interface PublishOptions {
  /** The whole report the results come from. */
  report: Report;
  /** The SLOs to publish: those that read the publisher's source. */
  slos: SloReport[];
  /**
   * Identifies the check or sync cycle. Publishers derive their record ids from it and the SLO name so that a retry
   * of the same cycle overwrites instead of duplicating.
   */
  checkId: string;
  signal?: AbortSignal;
}

export interface PublishResult {
  /** Where the results went, in words a user recognizes: `LangSmith project support-bot`. */
  target: string;
  /** How many SLO results were written. */
  published: number;
  /** Links to what was written, when the tracker has them. */
  urls?: string[];
}

/**
 * Version 1 of the contract for writing SLO results back to a tracker. Publishers write only SLO names, values,
 * statuses, targets and windows: never secrets, never record contents.
 */
export interface PublisherV1 {
  readonly specificationVersion: 'v1';
  /** The configured source whose tracker this publishes to. */
  readonly name: string;
  readonly type: string;
  publish(options: PublishOptions): Promise<PublishResult>;
}

export type Publisher = PublisherV1;
