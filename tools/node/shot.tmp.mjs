import { chromium } from 'playwright-core';
const [,, src, out] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
await page.goto('file://' + src);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
