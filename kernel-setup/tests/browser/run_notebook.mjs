// Opens a notebook in JupyterLab in headless Chromium, runs all its cells through the UI and saves a screenshot
// once a plot (an <img> output) is visible; with PROGRESS_SCREENSHOT, also one of the last training cell's
// progress bar once it shows the finished state ("done in"). On failure it saves SCREENSHOT-failure.png and
// prints the cells' prompts, so a red run says where it stopped.
// usage: node run_notebook.mjs URL SCREENSHOT [TIMEOUT_SECONDS] [PROGRESS_SCREENSHOT]
import { chromium } from 'playwright-core';

const [url, screenshot, timeoutArg, progressShot] = process.argv.slice(2);
const timeout = 1000 * Number(timeoutArg || 600);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
         '--disable-component-update', '--disable-sync', '--disable-quic'],
});
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
try {
  await page.goto(url, { timeout: 120_000 });
  // the notebook panel, and its kernel connected and idle: cells queued before that can be lost
  await page.waitForSelector('.jp-Notebook', { timeout: 120_000 });
  await page.waitForFunction(() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const kernel = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
    return kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
  }, null, { timeout: 180_000, polling: 500 });
  await page.evaluate(() => window.jupyterapp.commands.execute('notebook:run-all-cells'));
  // a rendered PNG output is the plot
  await page.waitForSelector('.jp-OutputArea-output img', { timeout });
  const images = await page.locator('.jp-OutputArea-output img').count();
  await page.locator('.jp-OutputArea-output img').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot });
  console.log(`plot visible: ${images} image output(s); screenshot ${screenshot}`);
  if (progressShot) {
    const finished = page.locator('.jp-OutputArea-output', { hasText: 'done in' }).last();
    await finished.waitFor({ timeout });
    await finished.scrollIntoViewIfNeeded();
    await page.waitForTimeout(1000); // the plot below the bar renders
    await page.screenshot({ path: progressShot });
    console.log(`finished progress bar: ${(await finished.innerText()).trim()}; screenshot ${progressShot}`);
  }
} catch (e) {
  const failure = screenshot.replace(/\.png$/, '') + '-failure.png';
  await page.screenshot({ path: failure }).catch(() => {});
  const prompts = await page.locator('.jp-InputPrompt').allInnerTexts().catch(() => []);
  console.log(`failed: ${e.message.split('\n')[0]}; cell prompts ${JSON.stringify(prompts)}; screenshot ${failure}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
