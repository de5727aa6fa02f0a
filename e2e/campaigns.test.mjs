import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api,
  onPage,
  openBrowser,
  screenshot,
  waitForApp,
  waitForAudits,
} from './harness.mjs';

let browser;
let context;

const CAMPAIGN = {
  id: 'payments-score-100',
  title: 'Payments services score 100',
  description: 'Every service of payments reaches a perfect score.',
  owner: 'group:default/platform',
  // Past, so the campaign is overdue while any service falls short.
  targetDate: '2020-01-01',
  requirement: { minScore: 100 },
  scope: { owner: ['group:default/payments'] },
};

before(async () => {
  await waitForApp();
  await waitForAudits(7);
  ({ browser, context } = await openBrowser());
});

after(async () => {
  await browser?.close();
});

test('a campaign created through the API on the campaigns page and on a Readiness tab', async () => {
  const created = await api('/api/readiness/campaigns', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(CAMPAIGN),
  });
  // 409: left by an earlier run against the same database.
  assert.ok(
    created.status === 201 || created.status === 409,
    `POST /campaigns answered ${created.status}`,
  );
  const detail = await (
    await api(`/api/readiness/campaigns/${CAMPAIGN.id}`)
  ).json();
  // flask-orders-api and ts-payments-service are owned by payments.
  assert.ok(
    detail.progress.entities >= 2,
    `covers ${detail.progress.entities}`,
  );
  assert.ok(detail.progress.overdue, 'overdue');
  const left = detail.entities.items.find(e => !e.done);
  assert.ok(left, 'an entity not done');
  const leftName = left.entityRef.split('/').pop();

  await onPage(
    context,
    '/readiness?tab=campaigns',
    'campaign-list',
    async page => {
      const link = page.getByRole('link', { name: CAMPAIGN.title });
      await link.waitFor({ timeout: 60_000 });
      const row = page.getByRole('row').filter({ has: link });
      await row.getByText('Overdue').waitFor();
      await row
        .getByText(
          `${detail.progress.done}/${detail.progress.entities} (${detail.progress.percent}%)`,
        )
        .waitFor();
      await screenshot(page, 'campaign-list');

      await link.click();
      await page.waitForURL(/campaign=payments-score-100/);
      await page.getByText(CAMPAIGN.description).waitFor();
      await page.getByText('Requirement: A score of at least 100').waitFor();
      await page
        .getByRole('img', { name: /done on \d{4}-\d{2}-\d{2}/ })
        .first()
        .waitFor();
      const entity = page.getByRole('link', { name: left.title ?? leftName });
      await entity.first().waitFor();
      assert.match(
        await entity.first().getAttribute('href'),
        new RegExp(`/catalog/default/component/${leftName}/readiness$`),
      );
      await screenshot(page, 'campaign-detail');
    },
  );

  await onPage(
    context,
    `/catalog/default/component/${leftName}/readiness`,
    'campaign-tab',
    async page => {
      const line = page.getByText(
        new RegExp(
          `(left|Not audited yet) for '${CAMPAIGN.title}', due ${CAMPAIGN.targetDate}`,
        ),
      );
      await line.first().waitFor({ timeout: 150_000 });
      await page
        .getByRole('list', { name: 'Campaigns of this entity' })
        .getByText('Overdue')
        .first()
        .waitFor();
      await screenshot(page, 'campaign-tab');
    },
  );
});
