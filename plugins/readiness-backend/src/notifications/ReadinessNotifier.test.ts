import { mockServices } from '@backstage/backend-test-utils';
import { makeScorecard } from '../testing/scorecards';
import { AuditTransitions } from '@readiness/backstage-plugin-readiness-common';
import { describeTransitions, ReadinessNotifier } from './ReadinessNotifier';

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

  describe('what changed since the last audit', () => {
    const rule = (id: string) => ({
      ruleId: id,
      title: `Title of ${id}`,
      severity: 'high' as const,
    });
    const transitions: AuditTransitions = {
      newlyFailing: [rule('security/committed-env-file')],
      fixed: [rule('testing/has-tests'), rule('cicd/pipeline')],
      newlyWaived: [{ ...rule('docs/runbook'), expires: '2027-03-01' }],
      waiverExpired: [{ ...rule('security/tls'), expires: '2027-01-01' }],
    };

    it('names every kind of transition in the notification of a new blocker', () => {
      const { notifier: n } = notifier({ enabled: true });
      const notification = n.compose(
        entity,
        { score: withBlocker.score, blockerRuleIds: [] },
        withBlocker,
        transitions,
      );
      expect(notification?.payload.description).toBe(
        'New blocker: Title of security/committed-env-file (security/committed-env-file). ' +
          'Since the last audit: newly failing: Title of security/committed-env-file; ' +
          'waiver expired: Title of security/tls; ' +
          'fixed: Title of testing/has-tests, Title of cicd/pipeline; ' +
          'newly waived: Title of docs/runbook.',
      );
    });

    it('adds them to a score drop, and sends nothing for transitions alone', async () => {
      const { notifier: n, notifications } = notifier({
        enabled: true,
        onNewBlocker: false,
        scoreDropThreshold: 5,
      });
      const drop = n.compose(
        entity,
        { score: withBlocker.score + 6, blockerRuleIds: [] },
        withBlocker,
        transitions,
      );
      expect(drop?.payload.description).toMatch(
        /^The score dropped from \d+ to \d+\. Since the last audit: newly failing: /,
      );
      expect(
        await n.onAudit(
          entity,
          { score: withBlocker.score, blockerRuleIds: [] },
          withBlocker,
          transitions,
        ),
      ).toBe(false);
      expect(notifications.send).not.toHaveBeenCalled();
    });

    it('says nothing more when no rule changed', () => {
      const { notifier: n } = notifier({ enabled: true });
      const none: AuditTransitions = {
        newlyFailing: [],
        fixed: [],
        newlyWaived: [],
        waiverExpired: [],
        findings: { added: 0, resolved: 0 },
      };
      expect(describeTransitions(none)).toBe('');
      expect(
        n.compose(
          entity,
          { score: withBlocker.score, blockerRuleIds: [] },
          withBlocker,
          none,
        )?.payload.description,
      ).toBe(
        'New blocker: Title of security/committed-env-file (security/committed-env-file).',
      );
    });

    it('names at most five rules of a kind and counts the rest', () => {
      const many = Array.from({ length: 8 }, (_, i) => rule(`docs/r${i}`));
      expect(
        describeTransitions({
          ...transitions,
          newlyFailing: many,
          fixed: [],
          newlyWaived: [],
          waiverExpired: [],
        }),
      ).toBe(
        'Since the last audit: newly failing: Title of docs/r0, Title of docs/r1, Title of docs/r2, Title of docs/r3, Title of docs/r4 and 3 more.',
      );
    });
  });
});
