import { chromium, type Browser, type Page } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from './app.js';

export interface BrowserHarness {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** The real server (built web app included) on a private database, and Debian's Chromium driving it. */
export async function startBrowserHarness(): Promise<BrowserHarness> {
  const t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const pages: Page[] = [];
  return {
    t,
    browser,
    baseUrl: `http://127.0.0.1:${port}`,
    async newPage(viewport = { width: 1440, height: 900 }) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      page.on('pageerror', (error) => {
        throw new Error(`page error: ${error.message}`);
      });
      pages.push(page);
      return page;
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

export async function loginInBrowser(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/workbench/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-user').waitFor();
}
