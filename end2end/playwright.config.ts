import { defineConfig, devices } from '@playwright/test';

// The built release server is started by Playwright on its own port with a fresh
// SQLite database under end2end/.data, seeded with a small demo shop.
const PORT = process.env.E2E_PORT ?? '3100';
export const BASE_URL = `http://127.0.0.1:${PORT}`;

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
  },
  projects: [
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, channel: undefined },
    },
  ],
  webServer: {
    command:
      'rm -rf end2end/.data && mkdir -p end2end/.data && ./target/release/pressdesk serve --demo-orders 3000',
    cwd: '..',
    url: `${BASE_URL}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      DATABASE_URL: 'sqlite://end2end/.data/e2e.db',
      PRESSDESK_DATABASE__DATA_DIR: 'end2end/.data',
      LEPTOS_SITE_ADDR: `127.0.0.1:${PORT}`,
      RUST_LOG: 'warn',
      PRESSDESK_TEST_HOOKS: '1',
      // Links the app sends out (WhatsApp media, portal pages) point at this server.
      PRESSDESK_SECURITY__PUBLIC_URL: BASE_URL,
    },
  },
});
