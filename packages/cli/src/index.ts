export * from '@slokit/core';
export { runCli } from './run-cli.js';
