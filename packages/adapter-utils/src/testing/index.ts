export {
  type HostileAnswer,
  type HostileTracker,
  type LoopbackServer,
  type ReceivedRequest,
  startHostileTracker,
  startLoopbackServer,
} from './hostile-tracker.js';
export { type TrackerSafetyFixture, testTrackerSafety } from './test-tracker-safety.js';
