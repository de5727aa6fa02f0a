import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, openBrowser, screenshot, visit, waitFor, waitForApp } from './harness.mjs';

let browser;
let context;

before(async () => {
  await waitForApp();
  ({ browser, context } = await openBrowser());
});

after(async () => {
  await browser?.close();
});

test('the catalog API serves the sample entities', async () => {
  // The catalog ingests the sample locations after the backend is up: wait for the first components.
  const names = await waitFor('components in the catalog', 180_000, async () => {
    const res = await api('/api/catalog/entities?filter=kind=component');
    assert.equal(res.status, 200);
    const listed = (await res.json()).map(e => e.metadata.name);
    return listed.length >= 3 ? listed : false;
  });
  for (const name of [
    'flask-orders-api',
    'ts-payments-service',
    'go-notifier',
  ]) {
    assert.ok(
      names.includes(name),
      `catalog lists ${name}: ${names.join(', ')}`,
    );
  }
});

test('the catalog page lists the sample components', async () => {
  const page = await visit(context, '/');
  await page.getByText('flask-orders-api').first().waitFor({ timeout: 150_000 });
  // `/` redirects to `/catalog`, which then adds its filters to the URL: wait for the table to settle.
  await page.getByText('ts-payments-service').first().waitFor({ timeout: 30_000 });
  assert.ok(await page.getByText('ts-payments-service').first().isVisible());
  await screenshot(page, 'catalog');
});
