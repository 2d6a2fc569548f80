// Opens a JupyterLab URL in headless Chromium, as a person does with the URL `kernel-setup/install.sh --run` prints,
// and checks that the page shows a notebook whose first cell contains EXPECTED (not the Launcher). Prints the first
// cell's text and the tab's title; saves SCREENSHOT either way.
// usage: node open_notebook.mjs URL SCREENSHOT EXPECTED
import { chromium } from 'playwright-core';

const [url, screenshot, expected] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
         '--disable-component-update', '--disable-sync', '--disable-quic'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
try {
  await page.goto(url, { timeout: 120_000 });
  const first = page.locator('.jp-Notebook .jp-Cell').first();
  await first.waitFor({ state: 'visible', timeout: 120_000 });
  await page.waitForFunction(e => {
    const cell = document.querySelector('.jp-Notebook .jp-Cell');
    return cell && cell.innerText.includes(e);
  }, expected, { timeout: 60_000, polling: 500 });
  const text = (await first.innerText()).trim().split('\n')[0];
  const tab = (await page.locator('.lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel').allInnerTexts()).join(', ');
  const launcher = await page.locator('.jp-Launcher').isVisible().catch(() => false);
  await page.screenshot({ path: screenshot });
  console.log(`first cell: ${text}; current tab: ${tab}; launcher visible: ${launcher}; screenshot ${screenshot}`);
  if (launcher) throw new Error('the Launcher is showing');
} catch (e) {
  await page.screenshot({ path: screenshot }).catch(() => {});
  console.log(`failed: ${e.message.split('\n')[0]}; screenshot ${screenshot}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
