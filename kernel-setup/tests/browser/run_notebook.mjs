// Opens a notebook in JupyterLab in headless Chromium, runs all its cells through the UI, waits until every code
// cell has run, and fails if any output is an error (JupyterLab marks errors and stderr with the stderr mime type).
// Screenshots: SCREENSHOT once a plot (an <img> output) is visible; PROGRESS_SCREENSHOT (optional, "-" = none) of
// the last progress bar in its finished state ("done in"), with the rounded table above it; COMPLETION_SCREENSHOT
// (optional) of the Tab-completion popup after typing `meta().reptile().` in a new cell. On failure it saves
// SCREENSHOT-failure.png and prints the cells' prompts, so a red run says where it stopped.
// usage: node run_notebook.mjs URL SCREENSHOT [TIMEOUT_SECONDS] [PROGRESS_SCREENSHOT] [COMPLETION_SCREENSHOT]
import { chromium } from 'playwright-core';

const [url, screenshot, timeoutArg, progressShot, completionShot] = process.argv.slice(2);
const timeout = 1000 * Number(timeoutArg || 600);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
         '--disable-component-update', '--disable-sync', '--disable-quic'],
});
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
const prompts = () => page.locator('.jp-CodeCell .jp-InputPrompt').allInnerTexts();
try {
  await page.goto(url, { timeout: 120_000 });
  // the notebook panel, and its kernel connected and answering (cells queued before that can be lost): it has
  // replied to kernel_info and is idle, or, for IJava 1.3.0, still 'unknown': JupyterLab ignores the status
  // messages of kernel_info and takes the first status from the reply to its history_request, which IJava never
  // answers, so its status stays 'unknown' until the first cell runs (measured: the cell then runs and prints)
  await page.waitForSelector('.jp-Notebook', { timeout: 120_000 });
  await page.waitForFunction(() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const kernel = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
    if (!kernel || kernel.connectionStatus !== 'connected') return false;
    if (!window.kernelAnswered) kernel.info.then(() => { window.kernelAnswered = kernel; });
    return window.kernelAnswered === kernel && (kernel.status === 'idle' || kernel.status === 'unknown');
  }, null, { timeout: 180_000, polling: 500 });
  await page.evaluate(() => window.jupyterapp.commands.execute('notebook:run-all-cells'));
  // a rendered PNG output is the plot
  await page.waitForSelector('.jp-OutputArea-output img', { timeout });
  const images = await page.locator('.jp-OutputArea-output img').count();
  await page.locator('.jp-OutputArea-output img').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot });
  console.log(`plot visible: ${images} image output(s); screenshot ${screenshot}`);
  // every code cell has run: its prompt holds an execution count, not '*' or blank
  await page.waitForFunction(() => {
    const texts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(e => e.innerText.trim());
    return texts.length > 0 && texts.every(t => /^\[\d+\]:$/.test(t));
  }, null, { timeout, polling: 1000 });
  const errors = await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    .allInnerTexts();
  if (errors.length > 0) {
    throw new Error(`${errors.length} cell output(s) show an error or stderr: ${JSON.stringify(errors.map(e => e.slice(0, 300)))}`);
  }
  console.log(`all cells ran without errors: ${JSON.stringify(await prompts())}`);
  if (progressShot && progressShot !== '-') {
    const finished = page.locator('.jp-OutputArea-output', { hasText: 'done in' }).last();
    await finished.waitFor({ timeout: 30_000 });
    await finished.scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, -250); // the table above the bar into view as well
    await page.waitForTimeout(1000);
    await page.screenshot({ path: progressShot });
    console.log(`finished progress bar: ${(await finished.innerText()).trim()}; screenshot ${progressShot}`);
  }
  if (completionShot) {
    // a new cell below the last one, `meta().reptile().` typed, Tab asks the kernel for completions
    await page.evaluate(() => window.jupyterapp.commands.execute('notebook:insert-cell-below'));
    await page.evaluate(() => window.jupyterapp.commands.execute('notebook:enter-edit-mode'));
    await page.keyboard.type('meta().reptile().');
    await page.keyboard.press('Tab');
    const completer = page.locator('.jp-Completer');
    await completer.waitFor({ state: 'visible', timeout: 60_000 });
    const items = await page.locator('.jp-Completer-item').allInnerTexts();
    await page.screenshot({ path: completionShot });
    console.log(`completion popup: ${items.length} items ${JSON.stringify(items)}; screenshot ${completionShot}`);
  }
} catch (e) {
  const failure = screenshot.replace(/\.png$/, '') + '-failure.png';
  await page.screenshot({ path: failure }).catch(() => {});
  console.log(`failed: ${e.message.split('\n')[0]}; cell prompts ${JSON.stringify(await prompts().catch(() => []))}; screenshot ${failure}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
