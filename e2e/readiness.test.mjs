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
let leaderboard;

before(async () => {
  await waitForApp();
  leaderboard = await waitForAudits(7);
  ({ browser, context } = await openBrowser());
});

after(async () => {
  await browser?.close();
});

async function scorecardOf(name) {
  const res = await api(`/api/readiness/scorecards/component/default/${name}`);
  assert.equal(res.status, 200, `scorecard of ${name}`);
  return res.json();
}

test('the sample catalog is audited with the verdicts its repositories deserve', () => {
  const byName = Object.fromEntries(leaderboard.items.map(i => [i.name, i]));
  assert.equal(byName['flask-orders-api'].verdict, 'not-ready');
  assert.ok(
    byName['ts-payments-service'].score >= 90,
    'the clean service scores high',
  );
  assert.ok(
    byName['flask-orders-api'].score < byName['ts-payments-service'].score,
  );
});

test('the entity tab shows the score, the verdict and the blockers', async () => {
  const { scorecard } = await scorecardOf('flask-orders-api');
  await onPage(
    context,
    '/catalog/default/component/flask-orders-api/readiness',
    'entity-tab',
    async page => {
      await page
        .getByLabel(`Overall score ${scorecard.score} out of 100`)
        .first()
        .waitFor({ timeout: 150_000 });
      await page.getByText('Production blockers').first().waitFor();
      for (const blocker of scorecard.blockers.slice(0, 3)) {
        assert.ok(
          await page.getByText(blocker.title).first().isVisible(),
          `blocker "${blocker.title}" is shown`,
        );
      }
      assert.ok(
        await page
          .getByText(/not ready/i)
          .first()
          .isVisible(),
      );
      await screenshot(page, 'entity-readiness-tab');
    },
  );
});

test('the overview card shows the score and links to the tab', async () => {
  await onPage(
    context,
    '/catalog/default/component/go-notifier',
    'overview-card',
    async page => {
      await page
        .getByText('Production readiness')
        .first()
        .waitFor({ timeout: 150_000 });
      await page.getByText('View readiness review').first().click();
      await page.waitForURL(/\/readiness$/);
      await screenshot(page, 'entity-overview-card');
    },
  );
});

test('the leaderboard sorts and filters', async () => {
  const page = await visit(context, '/readiness');
  const rows = page.locator('tbody tr');
  await rows.first().waitFor({ timeout: 150_000 });
  await waitFor(
    'all sample rows',
    30_000,
    async () => (await rows.count()) >= 7,
  );
  await screenshot(page, 'leaderboard-all');
  const top = leaderboard.items.reduce((a, b) => (b.score > a.score ? b : a));
  assert.match(await rows.first().innerText(), new RegExp(`${top.score}`));

  await page
    .getByRole('button', { name: /^score$/i })
    .first()
    .click();
  await waitFor('ascending order', 30_000, async () =>
    /flask-orders-api/.test(await rows.first().innerText()),
  );

  await page.getByLabel('Band').first().click();
  await page.getByRole('option', { name: /critical/i }).click();
  await waitFor('the critical band only', 30_000, async () => {
    const texts = await rows.allInnerTexts();
    return texts.length === 1 && /flask-orders-api/.test(texts[0]);
  });
  await screenshot(page, 'leaderboard');
  await page.close();
});

test('the catalog readiness filter narrows the list', async () => {
  await waitFor('the band label in the catalog', 180_000, async () => {
    const res = await api(
      '/api/catalog/entities/by-name/component/default/flask-orders-api',
    );
    const entity = await res.json();
    return entity.metadata?.labels?.['readiness.dev/band'] === 'critical';
  });
  const page = await visit(context, '/');
  const table = page.locator('tbody');
  await table.getByText('go-notifier').first().waitFor({ timeout: 120_000 });
  await page
    .getByLabel(/^critical/i)
    .first()
    .check();
  await waitFor('only critical entities', 60_000, async () => {
    const text = await table.innerText();
    return text.includes('flask-orders-api') && !text.includes('go-notifier');
  });
  await screenshot(page, 'catalog-filtered');
  await page.close();
});

test('the refresh button re-audits the entity', async () => {
  const before = await scorecardOf('react-storefront');
  const page = await visit(
    context,
    '/catalog/default/component/react-storefront/readiness',
  );
  const button = page.getByRole('button', { name: /^refresh$/i });
  await button.waitFor({ timeout: 150_000 });
  await button.click();
  await waitFor('a new audit', 120_000, async () => {
    const now = await scorecardOf('react-storefront');
    return now.auditedAt && now.auditedAt !== before.auditedAt;
  });
  await screenshot(page, 'entity-after-refresh');
  await page.close();
});
