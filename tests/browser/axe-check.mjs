// Accessibility check of one or more pages with axe-core in Debian's Chromium.
//
//   node tests/browser/axe-check.mjs URL_OR_FILE [...]
//
// Prints every violation; exits 1 when any is serious or critical, 2 when a page cannot be loaded.
// Shared by the report's HTML tests and the web app's browser tests (see also launch.mjs).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { launchChromium } from './launch.mjs';

const require = createRequire(import.meta.url);
const axeSource = require('fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function axeViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations;
}

async function main(targets) {
  const browser = await launchChromium();
  let worst = 0;
  try {
    for (const target of targets) {
      const url = existsSync(target) ? pathToFileURL(target).href : target;
      const page = await browser.newPage();
      try {
        await page.goto(url, { waitUntil: 'load' });
      } catch (e) {
        console.error(`${target}: could not be loaded: ${e.message}`);
        worst = Math.max(worst, 2);
        continue;
      }
      const violations = await axeViolations(page);
      for (const v of violations) {
        console.log(`${target}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} element(s)): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        if (v.impact === 'serious' || v.impact === 'critical') worst = Math.max(worst, 1);
      }
      if (violations.length === 0) console.log(`${target}: no violations`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.exit(worst);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.length < 3) {
    console.error('usage: node tests/browser/axe-check.mjs URL_OR_FILE [...]');
    process.exit(2);
  }
  await main(process.argv.slice(2));
}
