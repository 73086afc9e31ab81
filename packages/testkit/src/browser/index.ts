export type { Browser, Page } from 'playwright-core';
export { debianChromiumPath, type OpenChromiumOptions, openChromium } from './open-chromium.js';
