import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AuditChangesResponse } from '../../api/types';
import {
  mockReadinessApi,
  pending,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderWithApis } from '../../__testUtils__/render';
import { formatDateTime } from '../../helpers/format';
import { SinceLastAudit } from './SinceLastAudit';

const REF = 'component:default/orders-api';
const BEFORE = '2027-01-04T09:00:00.000Z';
const AFTER = '2027-01-05T09:00:00.000Z';

const rule = (ruleId: string, severity: 'critical' | 'high' | 'low') => ({
  ruleId,
  title: `Title of ${ruleId}`,
  severity,
});

function changes(
  overrides: Partial<AuditChangesResponse> = {},
): AuditChangesResponse {
  return {
    entityRef: REF,
    current: {
      auditedAt: AFTER,
      score: 70,
      verdict: 'needs-work',
      blockers: 1,
      sourceVersion: '89e6c98d92887913cadf06b2adb97f26cde4849b',
    },
    previous: {
      auditedAt: BEFORE,
      score: 62,
      verdict: 'not-ready',
      blockers: 2,
      sourceVersion: '3f786850e387550fdab836ed7e6dc881de23001b',
    },
    transitions: {
      newlyFailing: [rule('security/committed-env-file', 'critical')],
      fixed: [rule('testing/has-tests', 'high'), rule('cicd/pipeline', 'low')],
      newlyWaived: [
        { ...rule('observability/health', 'high'), expires: '2027-03-01' },
      ],
      waiverExpired: [
        { ...rule('documentation/runbook', 'low'), expires: '2027-01-03' },
      ],
      findings: { added: 3, resolved: 1 },
    },
    ...overrides,
  };
}

async function renderSection(api: ReturnType<typeof mockReadinessApi>) {
  await renderWithApis(<SinceLastAudit entityRef={REF} auditedAt={AFTER} />, {
    api,
  });
}

describe('SinceLastAudit', () => {
  it('shows progress while the changes load', async () => {
    const api = mockReadinessApi({ getChanges: jest.fn(() => pending()) });
    await renderSection(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(api.getChanges).toHaveBeenCalledWith(REF);
  });

  it('shows the error panel when the backend fails', async () => {
    const api = mockReadinessApi({
      getChanges: jest.fn(async () => {
        throw await responseError(500, 'database unavailable');
      }),
    });
    await renderSection(api);
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });

  it('says a first audit has nothing to compare with', async () => {
    const api = mockReadinessApi({
      getChanges: jest.fn(async () =>
        changes({ previous: null, transitions: null }),
      ),
    });
    await renderSection(api);
    expect(
      await screen.findByText(
        `The first audit (${formatDateTime(
          AFTER,
        )}) has nothing to compare with yet; the next one will say what changed.`,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Newly failing/)).not.toBeInTheDocument();
  });

  it('says when no audit ran yet, and when an audit changed no rule', async () => {
    const none = mockReadinessApi({
      getChanges: jest.fn(async () =>
        changes({ current: null, previous: null, transitions: null }),
      ),
    });
    await renderSection(none);
    expect(await screen.findByText(/^No audit yet/)).toBeInTheDocument();

    const same = mockReadinessApi({
      getChanges: jest.fn(async () =>
        changes({
          transitions: {
            newlyFailing: [],
            fixed: [],
            newlyWaived: [],
            waiverExpired: [],
            findings: { added: 0, resolved: 0 },
          },
        }),
      ),
    });
    await renderSection(same);
    expect(
      await screen.findByText('No rule changed since the last audit.'),
    ).toBeInTheDocument();
  });

  it('lists each kind of transition with the score, findings and commits before and after', async () => {
    const api = mockReadinessApi({
      getChanges: jest.fn(async () => changes()),
    });
    await renderSection(api);
    const failing = await screen.findByRole('region', {
      name: 'Newly failing',
    });
    expect(within(failing).getByText('Newly failing (1)')).toBeInTheDocument();
    expect(
      within(failing).getByText('Title of security/committed-env-file'),
    ).toBeInTheDocument();
    const fixed = screen.getByRole('region', { name: 'Fixed' });
    expect(
      within(fixed)
        .getAllByRole('button')
        .map(b => b.textContent),
    ).toEqual(['Title of testing/has-tests', 'Title of cicd/pipeline']);
    expect(
      within(screen.getByRole('region', { name: 'Waived' })).getByText(
        'observability/health · waived until 2027-03-01',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Waiver expired' })).getByText(
        'documentation/runbook · waiver expired 2027-01-03',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Score 62 → 70 (+8), blockers 2 → 1'),
    ).toBeInTheDocument();
    expect(screen.getByText('3 new findings, 1 resolved')).toBeInTheDocument();
    expect(
      screen.getByText(/source 3f786850e387 → 89e6c98d9288$/),
    ).toBeInTheDocument();
  });

  it("opens a rule's explanation from the rule catalog", async () => {
    const api = mockReadinessApi({
      getChanges: jest.fn(async () => changes()),
      getRules: jest.fn(async () => [
        {
          id: 'security/committed-env-file',
          category: 'security' as const,
          severity: 'critical' as const,
          title: 'Title of security/committed-env-file',
          description: 'No .env file is committed.',
          rationale: 'Committed env files leak credentials.',
          remediation: 'Remove the file and rotate what it held.',
        },
      ]),
    });
    await renderSection(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Title of security/committed-env-file: explain this rule',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText('Committed env files leak credentials.'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('Remove the file and rotate what it held.'),
    ).toBeInTheDocument();

    // A rule the backend no longer runs says so.
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Title of cicd/pipeline: explain this rule',
      }),
    );
    expect(
      await screen.findByText(/no longer runs cicd\/pipeline/),
    ).toBeInTheDocument();
  });
});
