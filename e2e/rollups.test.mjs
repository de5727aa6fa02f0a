import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api,
  onPage,
  openBrowser,
  screenshot,
  visit,
  waitFor,
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

test("the engineering group's readiness tab rolls up its teams' components", async () => {
  const res = await api(
    '/api/readiness/rollups/group/default/engineering?worst=10',
  );
  assert.equal(res.status, 200);
  const rollup = await res.json();
  // The four teams under engineering own the seven sample components.
  assert.ok(rollup.scored >= 7, `scored ${rollup.scored}`);
  const leaderboard = await (
    await api('/api/readiness/leaderboard?owner=group:default/web')
  ).json();
  assert.ok(
    rollup.worst.some(w => w.entityRef === leaderboard.items[0].entityRef),
    'a component of a child team is rolled up',
  );

  await onPage(
    context,
    '/catalog/default/group/engineering/readiness',
    'group-rollup',
    async page => {
      await page
        .getByLabel(`Average score ${rollup.averageScore} out of 100`)
        .first()
        .waitFor({ timeout: 150_000 });
      const worst = rollup.worst[0];
      const link = page.getByRole('link', { name: worst.title ?? worst.name });
      await link.first().waitFor();
      assert.match(
        await link.first().getAttribute('href'),
        new RegExp(`/catalog/default/component/${worst.name}$`),
      );
      await page.getByText('Blocking the most entities').waitFor();
      await screenshot(page, 'group-rollup');
    },
  );
});

test('/ and /catalog open the catalog, with a sortable readiness column', async () => {
  await waitFor('the score annotation in the catalog', 180_000, async () => {
    const res = await api(
      '/api/catalog/entities/by-name/component/default/go-notifier',
    );
    const entity = await res.json();
    return entity.metadata?.annotations?.['readiness.dev/score'] !== undefined;
  });
  const root = await visit(context, '/');
  // The catalog page adds its filters as query parameters once it opens.
  await root.waitForURL(/\/catalog(?:\?|$)/, { timeout: 60_000 });
  await root.close();

  await onPage(context, '/catalog', 'catalog-column', async page => {
    const table = page.locator('tbody');
    await table.getByText('go-notifier').first().waitFor({ timeout: 120_000 });
    const header = page.getByRole('columnheader', { name: /readiness/i });
    await header.first().waitFor();
    const scores = async () =>
      (await table.getByLabel(/^Readiness score \d+/).allInnerTexts()).map(t =>
        Number.parseInt(t, 10),
      );
    await waitFor('every component scored in the table', 120_000, async () =>
      (await scores()).length >= 7 ? true : (await page.reload(), false),
    );
    await header.first().getByRole('button').first().click();
    const ascending = await scores();
    assert.deepEqual(
      ascending,
      [...ascending].sort((a, b) => a - b),
      `ascending: ${ascending}`,
    );
    await header.first().getByRole('button').first().click();
    const descending = await scores();
    assert.deepEqual(
      descending,
      [...descending].sort((a, b) => b - a),
      `descending: ${descending}`,
    );
    await screenshot(page, 'catalog-score-column');
  });
});
