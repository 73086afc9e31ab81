import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests that start the built CLI or load a TS config run slower when CI's two cores run every package at once.
  test: { testTimeout: 120_000, hookTimeout: 120_000 },
});
