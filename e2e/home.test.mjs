import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api,
  guestIdentity,
  onPage,
  openBrowser,
  screenshot,
  waitForApp,
  waitForAudits,
} from './harness.mjs';

let browser;
let context;

before(async () => {
  await waitForApp();
  await waitForAudits(7);
  ({ browser, context } = await openBrowser());
});

after(async () => {
  await browser?.close();
});

/**
 * The guest's ownership refs, as the sign-in answers them to the app (the
 * token itself leaves them out by default).
 */
async function guestOwnership() {
  const { identity } = await guestIdentity();
  return identity?.ownershipEntityRefs ?? [];
}

test("the home page shows the guest's services and the organisation's readiness", async () => {
  // The demo signs the guest in as the catalog's guest user, a member of payments.
  const ownership = await guestOwnership();
  assert.ok(
    ownership.includes('group:default/payments'),
    `guest owns through ${ownership.join(', ')}`,
  );
  const mine = await (
    await api(
      '/api/readiness/leaderboard?owner=group:default/payments&orderBy=score&order=asc',
    )
  ).json();
  assert.ok(mine.items.length > 0, 'payments owns audited services');
  // The widget lists the lowest score first (ties: most blockers first).
  const lowest = mine.items.filter(i => i.score === mine.items[0].score);

  const summaries = await (await api('/api/readiness/summaries')).json();
  const average = Math.round(
    summaries.items.reduce((sum, item) => sum + item.score, 0) /
      summaries.items.length,
  );

  await onPage(context, '/home', 'home-widgets', async page => {
    const services = page.getByRole('list', {
      name: 'My services, worst first',
    });
    await services.waitFor({ timeout: 120_000 });
    const first = services.getByRole('link').first();
    const text = await first.textContent();
    const worst = lowest.find(i => (i.title ?? i.name) === text);
    assert.ok(worst, `${text} is among the lowest-scored payments services`);
    assert.match(
      await first.getAttribute('href'),
      new RegExp(`/catalog/default/component/${worst.name}/readiness$`),
    );
    await page.getByText(/^Average \d+ over \d+ scored service/).waitFor();

    await page
      .getByLabel(`Average score ${average} out of 100`)
      .first()
      .waitFor();
    await page.getByRole('list', { name: 'Services per band' }).waitFor();
    await screenshot(page, 'home-widgets');

    await page
      .getByRole('link', { name: 'View the leaderboard' })
      .first()
      .click();
    await page.waitForURL(/\/readiness(?:\?|$)/);
  });
});
