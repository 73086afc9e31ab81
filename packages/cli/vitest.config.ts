import { configDefaults, defineConfig } from 'vitest/config';

const freshClone = 'src/fresh-clone.e2e.test.ts';

export default defineConfig({
  // Tests that start the built CLI or load a TS config run slower when CI's two cores run every package at once.
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'cli', exclude: [...configDefaults.exclude, freshClone] } },
      // A whole install and build of the repository: after the other tests, so its load never slows them.
      { extends: true, test: { name: 'fresh-clone', include: [freshClone], sequence: { groupOrder: 1 } } },
    ],
  },
});
