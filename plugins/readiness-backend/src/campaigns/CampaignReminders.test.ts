import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { CampaignDefinition } from '@readiness/backstage-plugin-readiness-common';
import { DatabaseCampaignStore } from '../database/DatabaseCampaignStore';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { entitySummary, testDatabases, testStore } from '../testing/databases';
import { makeScorecard } from '../testing/scorecards';
import {
  CampaignReminders,
  composeReminder,
  reminderKind,
} from './CampaignReminders';
import { CampaignService } from './CampaignService';
import { CampaignScopes } from './scope';

jest.setTimeout(60_000);

const databases = testDatabases(['SQLITE_3']);

const RULE = 'security/a';

function component(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

const campaign = (
  extra: Partial<CampaignDefinition> = {},
): CampaignDefinition => ({
  id: 'non-root',
  title: 'Containers run as non-root',
  description: '',
  owner: 'group:default/platform',
  targetDate: '2027-03-01',
  requirement: { rules: [RULE] },
  scope: {},
  archived: false,
  ...extra,
});

const at = (iso: string) => new Date(`${iso}T09:00:00Z`);

describe('reminderKind', () => {
  it('reminds from daysBefore before the target, and every day after it', () => {
    const kind = (iso: string, archived = false) =>
      reminderKind(campaign({ archived }), 7, at(iso));
    expect(kind('2027-02-21')).toBeUndefined();
    expect(kind('2027-02-22')).toBe('due-soon');
    expect(kind('2027-03-01')).toBe('due-soon');
    expect(kind('2027-03-02')).toBe('overdue');
    expect(kind('2027-05-02')).toBe('overdue');
    expect(kind('2027-03-02', true)).toBeUndefined();
  });
});

describe('composeReminder', () => {
  it('names the entities not done with their rules left, and counts the rest', () => {
    const entities = Array.from({ length: 12 }, (_, i) => ({
      entityRef: `component:default/svc-${i}`,
      status: 'not-done' as const,
      done: false,
      score: 50,
      rulesLeft: [RULE],
      waivedRules: [],
      auditedAt: null,
    }));
    const sent = composeReminder(
      { ...campaign(), source: 'config' },
      'due-soon',
      'group:default/team-a',
      entities,
      at('2027-02-27'),
    );
    expect(sent.recipients).toEqual({
      type: 'entity',
      entityRef: 'group:default/team-a',
    });
    expect(sent.payload.title).toBe(
      "Campaign 'Containers run as non-root' is due in 2 days: 12 entities not done",
    );
    expect(sent.payload.description).toContain(
      'svc-0 (1 rule left: security/a)',
    );
    expect(sent.payload.description).not.toContain('svc-10');
    expect(sent.payload.description).toContain('and 2 more');
    expect(sent.payload.link).toBe('/readiness/campaigns/non-root');
  });
});

describe('CampaignReminders', () => {
  let store: DatabaseReadinessStore;
  let campaigns: DatabaseCampaignStore;
  let sent: NotificationSendOptions[];
  let failSends: boolean;

  const notifications: NotificationService = {
    async send(options) {
      if (failSends) throw new Error('notifications are down');
      sent.push(options);
    },
  };

  const reminders = (
    options: {
      enabled?: boolean;
      plugins?: string[];
      configured?: CampaignDefinition[];
    } = {},
  ) => {
    const service = new CampaignService({
      store: campaigns,
      scopes: new CampaignScopes({
        catalog: catalogServiceMock({
          entities: [
            component('alpha', 'team-a'),
            component('bravo', 'team-a'),
            component('charlie', 'team-b'),
            component('delta', 'team-c'),
          ],
        }),
        auth: mockServices.auth(),
      }),
      configured: options.configured ?? [campaign()],
    });
    return CampaignReminders.create({
      campaigns: service,
      store: campaigns,
      notifications,
      logger: mockServices.logger.mock(),
      options: { daysBefore: 7 },
      ...(options.plugins
        ? {
            instanceMetadata: {
              getInstalledPlugins: async () =>
                options.plugins!.map(pluginId => ({ pluginId, modules: [] })),
            } as any,
          }
        : { notificationsEnabled: options.enabled ?? true }),
    });
  };

  beforeEach(async () => {
    let knex;
    ({ knex, store } = await testStore(databases, 'SQLITE_3'));
    campaigns = new DatabaseCampaignStore({ knex });
    sent = [];
    failSends = false;
    const audit = (name: string, owner: string, failing: boolean) =>
      store.saveAudit({
        entity: entitySummary(name, { owner: `group:default/${owner}` }),
        scorecard: makeScorecard([
          { ruleId: RULE, status: failing ? 'fail' : 'pass' },
        ]),
        auditedAt: at('2027-01-01'),
      });
    await audit('alpha', 'team-a', true);
    await audit('bravo', 'team-a', true);
    await audit('charlie', 'team-b', false);
    // delta (team-c) is never audited: not done either.
  });

  it('reminds each owner of entities not done once a day', async () => {
    const first = await reminders().run(at('2027-02-25'));
    expect(first).toEqual({ sent: 2, alreadySent: 0, enabled: true });
    expect(sent.map(s => s.recipients)).toEqual([
      { type: 'entity', entityRef: 'group:default/team-a' },
      { type: 'entity', entityRef: 'group:default/team-c' },
    ]);
    expect(sent[0].payload.title).toContain('2 entities not done');

    // Again the same day, from another replica: nothing more.
    const again = await reminders().run(new Date('2027-02-25T23:00:00Z'));
    expect(again).toEqual({ sent: 0, alreadySent: 2, enabled: true });
    expect(sent).toHaveLength(2);

    // The next day, once more.
    expect((await reminders().run(at('2027-02-26'))).sent).toBe(2);
    expect(sent).toHaveLength(4);
  });

  it('says due today on the target date, and overdue from the day after', async () => {
    await reminders().run(at('2027-03-01'));
    await reminders().run(at('2027-03-02'));
    expect(sent.map(s => s.payload.title)).toEqual([
      expect.stringContaining('is due today'),
      expect.stringContaining('is due today'),
      expect.stringContaining('is overdue'),
      expect.stringContaining('is overdue'),
    ]);
    expect(sent[2].payload.severity).toBe('high');
  });

  it('sends nothing before the window, for archived campaigns or when all is done', async () => {
    expect((await reminders().run(at('2027-02-21'))).sent).toBe(0);
    const archived = reminders({ configured: [campaign({ archived: true })] });
    expect((await archived.run(at('2027-03-05'))).sent).toBe(0);
    const easy = reminders({
      configured: [
        campaign({
          requirement: { minScore: 0 },
          scope: { owner: ['group:default/team-a'] },
        }),
      ],
    });
    expect((await easy.run(at('2027-03-05'))).sent).toBe(0);
    expect(sent).toEqual([]);
  });

  it('is skipped without the notifications service, recording nothing', async () => {
    const skipped = { sent: 0, alreadySent: 0, enabled: false };
    expect(
      await reminders({ plugins: ['catalog', 'readiness'] }).run(
        at('2027-02-25'),
      ),
    ).toEqual(skipped);
    expect(await reminders({ enabled: false }).run(at('2027-02-25'))).toEqual(
      skipped,
    );
    expect(sent).toEqual([]);
    // With the notifications plugin installed, they go out.
    expect(
      (await reminders({ plugins: ['notifications'] }).run(at('2027-02-25')))
        .sent,
    ).toBe(2);
  });

  it('tries a failed reminder again on the next run', async () => {
    failSends = true;
    expect((await reminders().run(at('2027-02-25'))).sent).toBe(0);
    failSends = false;
    expect((await reminders().run(at('2027-02-25'))).sent).toBe(2);
  });
});
