import { testSource } from '../testing/test-source.js';
import { createMemorySource } from './memory-source.js';

testSource({
  name: 'memory',
  setup: async (records) => ({ source: createMemorySource('memory', records, { batchSize: 50 }) }),
});
