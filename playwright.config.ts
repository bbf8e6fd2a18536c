import { defineConfig } from '@playwright/test';
import { E2E_BASE, E2E_DIST, E2E_PORT, chromiumLaunchOptions } from './tests/e2e/fixtures/env.ts';

// e2e runs against the *built* site (`npm run build:e2e`) served under a non-root base,
// as GitHub Pages serves a project site.
export default defineConfig({
  testDir: './tests/e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}${E2E_BASE}`,
    launchOptions: chromiumLaunchOptions(),
    trace: 'off',
    // Without coi-sw.js the pages are what Pages serves; page.route and request counting
    // see every request. tests/e2e/isolation.spec.ts runs with the service worker.
    serviceWorkers: 'block',
  },
  webServer: {
    command: `node scripts/serve-dist.ts --port ${E2E_PORT} --base ${E2E_BASE} --dir ${E2E_DIST}`,
    url: `http://127.0.0.1:${E2E_PORT}${E2E_BASE}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
