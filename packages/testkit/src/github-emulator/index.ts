export { type GitHubEmulator, type GitHubEmulatorOptions, startGitHubEmulator } from './github-emulator.js';
export type { IssueComment } from './issue-comment-store.js';
