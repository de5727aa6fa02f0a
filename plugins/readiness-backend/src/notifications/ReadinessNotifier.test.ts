import { mockServices } from '@backstage/backend-test-utils';
import { makeScorecard } from '../testing/scorecards';
import { ReadinessNotifier } from './ReadinessNotifier';

const entity = {
  entityRef: 'component:default/orders',
  kind: 'Component',
  namespace: 'default',
  name: 'orders',
  title: 'Orders API',
  owner: 'group:default/team-a',
};

const withBlocker = makeScorecard([
  {
    ruleId: 'security/committed-env-file',
    severity: 'critical',
    status: 'fail',
  },
  { ruleId: 'documentation/readme', severity: 'low' },
]);

function notifier(
  settings: Partial<{
    enabled: boolean;
    scoreDropThreshold: number;
    onNewBlocker: boolean;
  }> = {},
  installed?: string[],
) {
  const notifications = { send: jest.fn().mockResolvedValue(undefined) };
  const instanceMetadata = installed
    ? {
        getId: () => 'x',
        getInstalledPlugins: async () =>
          installed.map(pluginId => ({ pluginId, modules: [] })),
      }
    : undefined;
  return {
    notifications,
    notifier: ReadinessNotifier.create({
      notifications,
      instanceMetadata,
      logger: mockServices.logger.mock(),
      settings: { scoreDropThreshold: 10, onNewBlocker: true, ...settings },
    }),
  };
}

describe('ReadinessNotifier', () => {
  it('tells the owner about a new blocker', async () => {
    const { notifier: n, notifications } = notifier({}, [
      'catalog',
      'notifications',
    ]);
    expect(
      await n.onAudit(entity, { score: 90, blockerRuleIds: [] }, withBlocker),
    ).toBe(true);
    expect(notifications.send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: 'group:default/team-a' },
      payload: expect.objectContaining({
        title: 'Orders API has a new production-readiness blocker',
        description: expect.stringContaining(
          'New blocker: Title of security/committed-env-file (security/committed-env-file).',
        ),
        link: '/catalog/default/component/orders',
        severity: 'critical',
        topic: 'readiness',
        scope: 'readiness:component:default/orders',
      }),
    });
  });

  it('stays quiet for known blockers, small drops and first audits', () => {
    const { notifier: n } = notifier({ enabled: true });
    expect(
      n.compose(
        entity,
        {
          score: withBlocker.score,
          blockerRuleIds: ['security/committed-env-file'],
        },
        withBlocker,
      ),
    ).toBeUndefined();
    expect(
      n.compose(
        entity,
        {
          score: withBlocker.score + 10,
          blockerRuleIds: ['security/committed-env-file'],
        },
        withBlocker,
      ),
    ).toBeUndefined();
    expect(n.compose(entity, undefined, withBlocker)).toBeUndefined();
    expect(
      n.compose(entity, { score: null, blockerRuleIds: [] }, withBlocker),
    ).toBeUndefined();
    expect(
      n.compose(
        { ...entity, owner: undefined },
        { score: 100, blockerRuleIds: [] },
        withBlocker,
      ),
    ).toBeUndefined();
  });

  it('reports a drop beyond the threshold, and new blockers only when asked', () => {
    const { notifier: n } = notifier({
      enabled: true,
      onNewBlocker: false,
      scoreDropThreshold: 5,
    });
    const notification = n.compose(
      entity,
      { score: withBlocker.score + 6, blockerRuleIds: [] },
      withBlocker,
    );
    expect(notification?.payload).toMatchObject({
      title: "Orders API's readiness score dropped by 6 points",
      description: `The score dropped from ${withBlocker.score + 6} to ${
        withBlocker.score
      }.`,
      severity: 'normal',
    });
  });

  it('skips silently when the notifications plugin is not installed', async () => {
    const { notifier: n, notifications } = notifier({}, ['catalog']);
    expect(
      await n.onAudit(entity, { score: 90, blockerRuleIds: [] }, withBlocker),
    ).toBe(false);
    const none = notifier({});
    expect(
      await none.notifier.onAudit(
        entity,
        { score: 90, blockerRuleIds: [] },
        withBlocker,
      ),
    ).toBe(false);
    const off = notifier({ enabled: false }, ['notifications']);
    expect(
      await off.notifier.onAudit(
        entity,
        { score: 90, blockerRuleIds: [] },
        withBlocker,
      ),
    ).toBe(false);
    expect(notifications.send).not.toHaveBeenCalled();
    expect(none.notifications.send).not.toHaveBeenCalled();
    expect(off.notifications.send).not.toHaveBeenCalled();
  });

  it('never lets a failed send escape', async () => {
    const { notifier: n, notifications } = notifier({ enabled: true });
    notifications.send.mockRejectedValue(
      new Error('notifications backend is down'),
    );
    expect(
      await n.onAudit(entity, { score: 90, blockerRuleIds: [] }, withBlocker),
    ).toBe(false);
  });
});
