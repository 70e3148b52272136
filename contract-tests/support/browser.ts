import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

// A real browser for the console's end-to-end tests: Debian's `chromium` (CI installs it; CHROMIUM_PATH overrides),
// driven by playwright-core, headless. Without one the tests skip and say why; CI sets REQUIRE_BROWSER=1 so a missing
// browser fails there instead.

const CANDIDATES = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((path): path is string => Boolean(path));

export function chromiumPath(): string | undefined {
  return CANDIDATES.find((path) => existsSync(path));
}

export function browserUnavailable(): string | undefined {
  if (chromiumPath()) return undefined;
  if (process.env['REQUIRE_BROWSER'] === '1') throw new Error('REQUIRE_BROWSER=1 but no chromium found (set CHROMIUM_PATH)');
  return 'no chromium found (CI installs Debian chromium; set CHROMIUM_PATH to use another): console browser tests skipped';
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath() as string,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-domain-reliability', '--no-pings'],
  });
}
