import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityReadinessContent } from './EntityReadinessContent';
import {
  makeEntity,
  makeEntityCampaign,
  makeScorecard,
  makeScorecardResponse,
  mockReadinessApi,
  pending,
  responseError,
} from '../../__testUtils__/fixtures';
import { mockPermissionApi, renderWithApis } from '../../__testUtils__/render';
import { formatDateTime } from '../../helpers/format';

describe('EntityReadinessContent', () => {
  it('shows progress while the scorecard loads', async () => {
    const api = mockReadinessApi({ getScorecard: jest.fn(() => pending()) });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: makeEntity('loading-svc'),
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(api.getScorecard).toHaveBeenCalledWith(
      'component:default/loading-svc',
    );
  });

  it('shows the error panel when the backend fails', async () => {
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () => {
        throw await responseError(500, 'database unavailable');
      }),
    });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: makeEntity('failing-svc'),
    });
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
  });

  it('shows an empty state when Readiness does not know the entity', async () => {
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () => {
        throw await responseError(404, 'unknown');
      }),
    });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: makeEntity('unknown-svc'),
    });
    expect(
      await screen.findByText('Readiness does not track this entity'),
    ).toBeInTheDocument();
  });

  it('says the entity waits for the SCM rate limit, and until when, instead of its last error', async () => {
    const until = '2026-12-03T10:04:00.000Z';
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () =>
        makeScorecardResponse({
          error: 'Repository could not be read: 500',
          waiting: { reason: 'scm-rate-limit', host: 'github.com', until },
        }),
      ),
    });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: makeEntity('limited-svc'),
    });
    expect(
      await screen.findByText(
        `Info: Waiting for the SCM rate limit of github.com until ${formatDateTime(
          until,
        )}`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Error: The latest audit failed'),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByText('Repository could not be read: 500'),
    ).not.toBeInTheDocument();
    // the last scorecard is still shown
    expect(screen.getByText('Production readiness')).toBeInTheDocument();
  });

  it('says a never-audited entity waits for the SCM rate limit', async () => {
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () =>
        makeScorecardResponse({
          scorecard: null,
          auditedAt: null,
          history: [],
          waiting: {
            reason: 'scm-rate-limit',
            host: 'gitlab.com',
            until: '2026-12-03T10:04:00.000Z',
          },
        }),
      ),
    });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: makeEntity('new-limited-svc'),
    });
    expect(await screen.findByText('Not audited yet')).toBeInTheDocument();
    expect(
      screen.getByText(
        'The first audit runs when the SCM rate limit of gitlab.com resets.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /^Info: Waiting for the SCM rate limit of gitlab\.com until/,
      ),
    ).toBeInTheDocument();
  });

  it('shows an empty state with the audit error when there is no scorecard yet', async () => {
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () =>
        makeScorecardResponse({
          scorecard: null,
          auditedAt: null,
          history: [],
          error: 'Repository could not be read: 401',
        }),
      ),
    });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: makeEntity('new-svc'),
    });
    expect(await screen.findByText('Not audited yet')).toBeInTheDocument();
    expect(
      screen.getByText('Error: The latest audit failed'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Repository could not be read: 401'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /download review/i }),
    ).not.toBeInTheDocument();
  });

  it('has a "Since the last audit" section with the latest transitions', async () => {
    const response = makeScorecardResponse();
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () => response),
      getChanges: jest.fn(async (entityRef: unknown) => ({
        entityRef: String(entityRef),
        current: {
          auditedAt: response.auditedAt!,
          score: 62,
          verdict: 'not-ready' as const,
          blockers: 2,
        },
        previous: {
          auditedAt: '2024-12-01T00:00:00.000Z',
          score: 70,
          verdict: 'needs-work' as const,
          blockers: 1,
        },
        transitions: {
          newlyFailing: [
            {
              ruleId: 'security/committed-env-file',
              title: 'No committed .env file',
              severity: 'critical' as const,
            },
          ],
          fixed: [],
          newlyWaived: [],
          waiverExpired: [],
        },
      })),
    });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: makeEntity('orders-api'),
    });
    const section = (await screen.findByText('Since the last audit')).closest(
      'div[class*="MuiPaper"]',
    ) as HTMLElement;
    expect(
      await within(section).findByText('Newly failing (1)'),
    ).toBeInTheDocument();
    expect(
      within(section).getByText('Score 70 → 62 (-8), blockers 1 → 2'),
    ).toBeInTheDocument();
    expect(api.getChanges).toHaveBeenCalledWith('component:default/orders-api');
  });

  it('lists the campaigns the entity is in, naming the rules left by their titles', async () => {
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () => makeScorecardResponse()),
      getEntityCampaigns: jest.fn(async (entityRef: unknown) => ({
        entityRef: String(entityRef),
        items: [
          makeEntityCampaign({
            rulesLeft: ['security/committed-env-file'],
            overdue: true,
          }),
        ],
      })),
    });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: makeEntity('orders-api'),
    });
    const list = await screen.findByRole('list', {
      name: 'Campaigns of this entity',
    });
    expect(
      within(list).getByText(
        "1 rule left for 'Containers run as non-root', due 2027-03-01",
      ),
    ).toBeInTheDocument();
    expect(
      within(list).getByText('Left: No committed .env file'),
    ).toBeInTheDocument();
    expect(api.getEntityCampaigns).toHaveBeenCalledWith(
      'component:default/orders-api',
    );
  });

  it('lists the campaigns of an entity not audited yet', async () => {
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () =>
        makeScorecardResponse({
          scorecard: null,
          auditedAt: null,
          history: [],
        }),
      ),
      getEntityCampaigns: jest.fn(async (entityRef: unknown) => ({
        entityRef: String(entityRef),
        items: [makeEntityCampaign({ status: 'unscored', rulesLeft: [] })],
      })),
    });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: makeEntity('new-svc'),
    });
    expect(
      await screen.findByText(
        "Not audited yet for 'Containers run as non-root', due 2027-03-01",
      ),
    ).toBeInTheDocument();
  });

  it('renders the scorecard: score, verdict, categories, blockers, roadmap, strengths, waivers', async () => {
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () => makeScorecardResponse()),
    });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: makeEntity('orders-api'),
    });

    expect(
      await screen.findByRole('img', { name: 'Overall score 62 out of 100' }),
    ).toHaveTextContent('62');
    const verdict = screen.getByText('Not ready').closest('[data-tone]');
    expect(verdict).toHaveAttribute('data-tone', 'error');
    expect(verdict?.querySelector('svg')).not.toBeNull();
    expect(screen.getByText(/42 files read/)).toBeInTheDocument();

    // Categories with score and band.
    const categories = screen
      .getByText('Categories')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    expect(within(categories).getByText('Security')).toBeInTheDocument();
    expect(within(categories).getByText('35')).toBeInTheDocument();
    expect(within(categories).getByText('Critical')).toBeInTheDocument();
    expect(within(categories).getByText('Not applicable')).toBeInTheDocument();

    // Blockers with a linked example.
    const blockers = screen
      .getByText('Production blockers')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    expect(
      within(blockers).getByText('security/committed-env-file'),
    ).toBeInTheDocument();
    expect(
      within(blockers).getByRole('link', {
        name: /^Open \.env:3 in the source repository/,
      }),
    ).toHaveAttribute(
      'href',
      'https://github.com/fernhill/orders-api/blob/main/.env#L3',
    );

    // Fix roadmap by priority with expected gains.
    expect(screen.getByText('P0 — fix before production')).toBeInTheDocument();
    expect(screen.getByText('P2 — improvements')).toBeInTheDocument();
    expect(screen.queryByText('P1 — fix next')).not.toBeInTheDocument();
    expect(screen.getByLabelText('expected gain +12 points')).toHaveTextContent(
      '+12',
    );
    expect(
      screen.getByLabelText('expected gain +2.5 points'),
    ).toBeInTheDocument();

    // What is done well.
    expect(screen.getByText('What is done well')).toBeInTheDocument();
    expect(screen.getByText('Has automated tests')).toBeInTheDocument();

    // Waivers with reason and expiry.
    expect(screen.getByText('Waived rules')).toBeInTheDocument();
    expect(screen.getByText('Internal tool behind VPN')).toBeInTheDocument();
    expect(screen.getByText('2099-01-31')).toBeInTheDocument();

    // History chart with an accessible summary.
    expect(
      screen.getByRole('img', {
        name: /Score history over 2 audits: 48 .* 62 .* \(up 14 points\)/,
      }),
    ).toBeInTheDocument();
  });

  it('titles a custom category from the scorecard in the categories, blockers, roadmap and strengths', async () => {
    const base = makeScorecard();
    const runbook = {
      ruleId: 'operations/runbook',
      category: 'operations',
      severity: 'high' as const,
      title: 'Has a runbook',
    };
    const scorecard = makeScorecard({
      categories: [
        ...base.categories,
        {
          id: 'operations',
          title: 'Operations',
          score: 40,
          band: 'poor',
          weight: 2,
          passed: 1,
          failed: 1,
          applicable: 2,
        },
      ],
      results: [
        ...base.results,
        { ...runbook, status: 'fail', findings: [] },
        {
          ruleId: 'operations/on-call',
          category: 'operations',
          severity: 'low',
          title: 'Names its on-call rotation',
          status: 'pass',
          findings: [],
        },
      ],
      blockers: [{ ...runbook, findings: 1 }],
      fixes: [
        {
          ...runbook,
          priority: 'P1',
          remediation: 'Write RUNBOOK.md.',
          expectedGain: 7,
        },
      ],
      strengths: [
        {
          ruleId: 'operations/on-call',
          category: 'operations',
          title: 'Names its on-call rotation',
        },
      ],
    });
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () => makeScorecardResponse({ scorecard })),
    });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: makeEntity('orders-api'),
    });

    const categories = (await screen.findByText('Categories')).closest(
      'div[class*="MuiPaper"]',
    ) as HTMLElement;
    expect(within(categories).getByText('Operations')).toBeInTheDocument();
    expect(within(categories).getByText('40')).toBeInTheDocument();
    const blockers = screen
      .getByText('Production blockers')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    expect(within(blockers).getByText('Operations')).toBeInTheDocument();
    expect(
      within(blockers).queryByText('operations', { exact: true }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(/Operations · operations\/runbook/),
    ).toBeInTheDocument();
    const strengths = screen
      .getByText('What is done well')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    expect(
      within(strengths).getByRole('heading', { name: 'Operations' }),
    ).toBeInTheDocument();
    // The accordion of the category, with its rules.
    expect(
      screen.getByRole('button', { name: /Operations/ }),
    ).toBeInTheDocument();
  });

  it('expands a category into its parameter rows and findings', async () => {
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () => makeScorecardResponse()),
    });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: makeEntity('orders-api'),
    });
    const summary = await screen.findByRole('button', {
      name: /Security 35 \/ 100/,
    });
    expect(summary).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(summary);
    expect(summary).toHaveAttribute('aria-expanded', 'true');

    const region = document.getElementById(
      'readiness-category-security-content',
    ) as HTMLElement;
    expect(
      within(region).getByText('No committed .env file'),
    ).toBeInTheDocument();
    expect(within(region).getByText('Fail')).toBeInTheDocument();
    expect(within(region).getByText('Waived')).toBeInTheDocument();
    expect(within(region).getByText('Pass')).toBeInTheDocument();
    expect(within(region).getByText('DB_PASSWORD=s3****')).toBeInTheDocument();
    expect(within(region).getByText(/low confidence/)).toBeInTheDocument();
    expect(
      within(region).getByRole('link', {
        name: /^Open app\.py:33 in the source repository/,
      }),
    ).toHaveAttribute(
      'href',
      'https://github.com/fernhill/orders-api/blob/main/app.py#L33',
    );
  });

  it('shows plain path:line for findings of a local directory source', async () => {
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () => makeScorecardResponse()),
    });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: makeEntity('local-svc', {
        'backstage.io/source-location':
          'dir:../../examples/repos/flask-orders-api',
      }),
    });
    const blockers = (await screen.findByText('Production blockers')).closest(
      'div[class*="MuiPaper"]',
    ) as HTMLElement;
    expect(within(blockers).getByText('.env:3')).toBeInTheDocument();
    expect(within(blockers).queryByRole('link')).not.toBeInTheDocument();
  });

  it('links findings to the audited commit with the links the backend serves', async () => {
    const sha = '3f786850e387550fdab836ed7e6dc881de23001b';
    const base = `https://gitlab.example.com/fernhill/orders/-/blob/${sha}/api/`;
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () =>
        makeScorecardResponse({ links: { base, lineAnchor: '#L' } }),
      ),
    });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: makeEntity('orders-api'),
    });
    const blockers = (await screen.findByText('Production blockers')).closest(
      'div[class*="MuiPaper"]',
    ) as HTMLElement;
    expect(
      within(blockers).getByRole('link', {
        name: /^Open \.env:3 in the source repository/,
      }),
    ).toHaveAttribute('href', `${base}.env#L3`);

    await userEvent.click(
      screen.getByRole('button', { name: /Security 35 \/ 100/ }),
    );
    const region = document.getElementById(
      'readiness-category-security-content',
    ) as HTMLElement;
    expect(
      within(region).getByRole('link', {
        name: /^Open app\.py:33 in the source repository/,
      }),
    ).toHaveAttribute('href', `${base}app.py#L33`);
  });

  it('shows plain path:line when the backend serves no links, whatever the annotation says', async () => {
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () => makeScorecardResponse({ links: null })),
    });
    // The default entity's source location is a GitHub URL.
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: makeEntity('orders-api'),
    });
    const blockers = (await screen.findByText('Production blockers')).closest(
      'div[class*="MuiPaper"]',
    ) as HTMLElement;
    expect(within(blockers).getByText('.env:3')).toBeInTheDocument();
    expect(within(blockers).queryByRole('link')).not.toBeInTheDocument();
  });

  it('hides Refresh when the permission is denied', async () => {
    const permission = mockPermissionApi(false);
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () => makeScorecardResponse()),
    });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      permission,
      entity: makeEntity('denied-svc'),
    });
    expect(
      await screen.findByRole('button', { name: /download review/i }),
    ).toBeInTheDocument();
    await waitFor(() => expect(permission.authorize).toHaveBeenCalled());
    expect(permission.authorize).toHaveBeenCalledWith(
      expect.objectContaining({ resourceRef: 'component:default/denied-svc' }),
    );
    expect(
      screen.queryByRole('button', { name: 'Refresh' }),
    ).not.toBeInTheDocument();
  });

  it('queues a refresh when allowed, then reloads the scorecard', async () => {
    const api = mockReadinessApi({
      getScorecard: jest
        .fn()
        .mockResolvedValueOnce(makeScorecardResponse())
        .mockResolvedValue(makeScorecardResponse({ refreshing: true })),
      refresh: jest.fn(async () => ({ status: 'queued' })),
    });
    await renderWithApis(<EntityReadinessContent pollIntervalMs={60_000} />, {
      api,
      permission: mockPermissionApi(true),
      entity: makeEntity('allowed-svc'),
    });
    const refresh = await screen.findByRole('button', { name: 'Refresh' });
    await userEvent.click(refresh);
    expect(api.refresh).toHaveBeenCalledWith('component:default/allowed-svc');
    expect(
      await screen.findByText(/An audit is queued or running/),
    ).toBeInTheDocument();
    expect(api.getScorecard).toHaveBeenCalledTimes(2);
    expect(
      screen.getByRole('button', { name: 'Audit running…' }),
    ).toBeDisabled();
  });

  it('explains a 403 on refresh', async () => {
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () => makeScorecardResponse()),
      refresh: jest.fn(async () => {
        throw await responseError(403, 'not allowed');
      }),
    });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      permission: mockPermissionApi(true),
      entity: makeEntity('forbidden-svc'),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Refresh' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You are not allowed to refresh this scorecard.',
    );
  });

  it('shows why a refresh was refused', async () => {
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () => makeScorecardResponse()),
      refresh: jest.fn(async () => {
        throw await responseError(400, 'only Component entities are audited');
      }),
    });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      permission: mockPermissionApi(true),
      entity: makeEntity('refused-svc'),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Refresh' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The refresh could not be queued: only Component entities are audited',
    );
  });

  it('downloads the review as a Markdown file', async () => {
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:review');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        expect(this.download).toBe('orders-api-readiness-review.md');
        expect(this.href).toBe('blob:review');
      });
    const api = mockReadinessApi({
      getScorecard: jest.fn(async () => makeScorecardResponse()),
      getReview: jest.fn(async () => '# Orders API review\n'),
    });
    await renderWithApis(<EntityReadinessContent />, {
      api,
      entity: makeEntity('orders-api'),
    });
    fireEvent.click(
      await screen.findByRole('button', { name: /download review/i }),
    );
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(api.getReview).toHaveBeenCalledWith('component:default/orders-api');
    const blob = createObjectURL.mock.calls[0][0];
    expect(blob.type).toBe('text/markdown;charset=utf-8');
    click.mockRestore();
  });
});
