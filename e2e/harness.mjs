// Shared helpers of the browser tests: wait for the app, a guest token, a
// Chromium page, screenshots.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const FRONTEND =
  process.env.READINESS_FRONTEND_URL ?? 'http://localhost:3000';
export const BACKEND =
  process.env.READINESS_BACKEND_URL ?? 'http://localhost:7007';
export const ARTIFACTS = join(process.cwd(), 'e2e-artifacts');

const sleep = ms => new Promise(r => setTimeout(r, ms));

/** Polls `check` every second until it returns something truthy. */
export async function waitFor(what, timeoutMs, check) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await sleep(1000);
  }
  throw new Error(
    `timed out after ${timeoutMs / 1000} s waiting for ${what}${
      last ? `: ${last.message}` : ''
    }`,
  );
}

export async function waitForApp() {
  await waitFor('the backend', 240_000, async () => {
    const res = await fetch(`${BACKEND}/.backstage/health/v1/readiness`);
    return res.ok;
  });
  await waitFor(
    'the frontend',
    240_000,
    async () => (await fetch(FRONTEND)).ok,
  );
}

/** The guest's Backstage identity: `{ token, identity: { userEntityRef, ownershipEntityRefs } }`. */
export async function guestIdentity() {
  const res = await fetch(`${BACKEND}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}`);
  const body = await res.json();
  return body.backstageIdentity;
}

export async function guestToken() {
  return (await guestIdentity()).token;
}

export async function api(path, init = {}) {
  const token = await guestToken();
  const res = await fetch(`${BACKEND}${path}`, {
    ...init,
    headers: { ...init.headers, Authorization: `Bearer ${token}` },
  });
  return res;
}

/** Waits until at least `count` entities have a stored scorecard. */
export async function waitForAudits(count) {
  return waitFor(`${count} audited entities`, 180_000, async () => {
    const res = await api('/api/readiness/leaderboard?limit=500');
    if (!res.ok) return false;
    const body = await res.json();
    const audited = body.items.filter(i => typeof i.score === 'number');
    return audited.length >= count ? body : false;
  });
}

export async function openBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.READINESS_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
  });
  return { browser, context };
}

export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Opens a page, signing in as guest when the sign-in page shows. */
export async function visit(context, path) {
  const page = await context.newPage();
  await page.goto(`${FRONTEND}${path}`);
  const guest = page.getByRole('button', { name: /enter/i });
  try {
    await guest.first().waitFor({ timeout: 3000 });
    await guest.first().click();
  } catch {
    // Already signed in, or no sign-in page configured.
  }
  return page;
}

/**
 * Runs `fn` on a fresh page at `path`; on failure saves a screenshot named
 * `failed-<name>` beside the others before rethrowing.
 */
export async function onPage(context, path, name, fn) {
  const page = await visit(context, path);
  try {
    await fn(page);
  } catch (e) {
    await screenshot(page, `failed-${name}`).catch(() => undefined);
    throw e;
  } finally {
    await page.close();
  }
}
