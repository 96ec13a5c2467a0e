// Starts Debian's Chromium headless for the browser tests, with the flags this closed network needs
// (without the background-networking flags Chromium keeps trying to reach Google's hosts).
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.STYR_CHROMIUM || '/usr/bin/chromium';

export async function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}
