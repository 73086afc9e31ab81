export { conformanceEnd, conformanceRecords } from './conformance-records.js';
export {
  conformanceReport,
  type PublishedResult,
  type PublisherFixture,
  testPublisher,
} from './test-publisher.js';
export { type SourceFixture, type TestSourceOptions, testSource } from './test-source.js';
