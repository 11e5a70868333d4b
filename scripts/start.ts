/**
 * `npm start`: builds the extension, serves the bundled demo site on 127.0.0.1 and opens Chromium
 * with the extension on it. `npm start -- --headless` (or a machine without a display) prints the
 * demo page's PageReport instead.
 */
import { join } from 'node:path';
import { visit } from './lib/crawl-run';
import { log, runMain } from './lib/cli';
import { ensureBuilt, PROJECT_ROOT } from './lib/build';
import { startDemoServer } from './lib/demo-server';
import { launchWithExtension, tabIdOf } from './lib/extension-browser';


async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== '--headless');
  if (unknown.length) {
    log(`start: unknown option ${unknown.join(' ')}\nUsage: npm start [-- --headless]`);
    return 2;
  }
  const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const headless = argv.includes('--headless') || noDisplay;
  if (noDisplay && !argv.includes('--headless')) log('No display found: printing the demo page\'s report instead (as with --headless).');

  const extensionDir = ensureBuilt(log, true);
  const server = await startDemoServer([join(PROJECT_ROOT, 'scripts', 'demo-site')]);
  const demoUrl = `${server.siteOrigin}/`;
  log(`Demo site: ${demoUrl}`);
  const ext = await launchWithExtension({ extensionDir, headless });

  if (headless) {
    try {
      const report = await visit(ext, demoUrl, { waitMs: 1_500, timeoutMs: 30_000 });
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      const shown = report.ads.filter((a) => a.status === 'shown').length;
      log(report.error ? `The demo page could not be read: ${report.error.message}` : `${shown} ads shown on the demo page.`);
      return report.error ? 1 : 0;
    } finally {
      await ext.close();
      await server.close();
    }
  }

  const page = await ext.context.newPage();
  await page.goto(demoUrl);
  const tabId = await tabIdOf(ext, page);
  // The toolbar button sits in the extensions menu of a fresh profile; open the popup beside the page too.
  await ext.control.goto(`chrome-extension://${ext.extensionId}/src/ui/popup/index.html?tabId=${tabId}`);
  await page.bringToFront();
  log('Chromium is open on the demo site with Why This Ad. Its popup is in the second tab (or the toolbar\'s extensions menu).');
  log('Close the browser or press Ctrl+C to stop.');
  await new Promise<void>((done) => {
    ext.context.on('close', () => done());
    process.once('SIGINT', () => done());
  });
  await ext.close();
  await server.close();
  return 0;
}

runMain('start', main);
