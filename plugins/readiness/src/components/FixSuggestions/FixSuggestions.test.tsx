import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Fix } from '@readiness/backstage-plugin-readiness-common';
import type {
  FixPullRequestResponse,
  SuggestedFixesResponse,
} from '../../api/types';
import {
  makeScorecard,
  mockReadinessApi,
  pending,
  responseError,
} from '../../__testUtils__/fixtures';
import { mockPermissionApi, renderWithApis } from '../../__testUtils__/render';
import { FixRoadmap } from '../EntityReadinessContent/Sections';

const ENTITY = 'component:default/shop';
const fixes: Fix[] = makeScorecard().fixes;

const suggestions = (
  overrides: Partial<SuggestedFixesResponse> = {},
): SuggestedFixesResponse => ({
  entityRef: ENTITY,
  commit: '0123456789abcdef0123456789abcdef01234567',
  fixes: [
    {
      ruleId: 'security/committed-env-file',
      category: 'security',
      severity: 'critical',
      title: 'No committed .env file',
      expectedGain: 12,
      summary: 'Ignore env files in .gitignore',
      files: [{ path: '.gitignore', action: 'create' }],
      diff: '--- /dev/null\n+++ b/.gitignore\n@@ -0,0 +1,2 @@\n+.env\n+.env.*\n',
      notes: ['Remove .env from the git index and rotate its credentials.'],
    },
  ],
  pullRequest: { supported: true },
  ...overrides,
});

const opened: FixPullRequestResponse = {
  url: 'https://github.example/acme/shop/pull/7',
  number: 7,
  branch: 'readiness/fixes-0123456789ab-1a2b3c4d',
  base: 'main',
  rules: ['security/committed-env-file'],
  expectedGain: 12,
};

/**
 * Renders the roadmap for a user granted readiness.fix.create. (usePermission
 * keeps its answers in a cache shared by the renders of a test file, so the
 * user without it is in FixSuggestions.denied.test.tsx.)
 */
const render = (
  api: ReturnType<typeof mockReadinessApi>,
  roadmap: Fix[] = fixes,
) =>
  renderWithApis(<FixRoadmap fixes={roadmap} entityRef={ENTITY} />, {
    api,
    permission: mockPermissionApi(true),
  });

describe('suggested changes on the fix roadmap', () => {
  it('shows progress while the changes are computed, and the roadmap meanwhile', async () => {
    const api = mockReadinessApi({
      getSuggestedFixes: jest.fn(() => pending()),
    });
    await render(api);
    expect(
      screen.getByLabelText('Computing suggested changes'),
    ).toBeInTheDocument();
    expect(screen.getByText('No committed .env file')).toBeInTheDocument();
    expect(api.getSuggestedFixes).toHaveBeenCalledWith(ENTITY);
  });

  it('shows the server message when they cannot be computed', async () => {
    const api = mockReadinessApi({
      getSuggestedFixes: jest.fn(async () => {
        throw await responseError(
          502,
          'Repository acme/shop could not be read: try again later',
        );
      }),
    });
    await render(api);
    expect(
      await screen.findByText(/Suggested changes could not be computed/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Repository acme/shop could not be read: try again later',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Suggested change')).not.toBeInTheDocument();
  });

  it('says so when no rule has a change, and offers no pull request', async () => {
    const api = mockReadinessApi({
      getSuggestedFixes: jest.fn(async () => suggestions({ fixes: [] })),
    });
    await render(api);
    expect(
      await screen.findByText(/No rule on this list has a change to suggest/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Open pull request' }),
    ).not.toBeInTheDocument();
  });

  it('asks nothing when there is nothing to fix', async () => {
    const api = mockReadinessApi();
    await render(api, []);
    expect(screen.getByText('Nothing left to fix.')).toBeInTheDocument();
    expect(api.getSuggestedFixes).not.toHaveBeenCalled();
  });

  it('folds the diff and notes under the rule that suggests them', async () => {
    const api = mockReadinessApi({
      getSuggestedFixes: jest.fn(async () => suggestions()),
    });
    await render(api);
    const expander = await screen.findByRole('button', {
      name: 'Suggested change for security/committed-env-file',
    });
    // only the rule with a fix has one
    expect(
      screen.queryByRole('button', {
        name: 'Suggested change for testing/coverage',
      }),
    ).not.toBeInTheDocument();
    expect(expander).toHaveTextContent('Ignore env files in .gitignore');
    expect(expander).toHaveTextContent('.gitignore (new)');
    expect(screen.queryByLabelText(/^Diff for/)).not.toBeInTheDocument();
    await userEvent.click(expander);
    const diff = await screen.findByLabelText(
      'Diff for security/committed-env-file',
    );
    // the highlighter renders the text once it has loaded
    await waitFor(() => expect(diff).toHaveTextContent('+++ b/.gitignore'));
    expect(diff).toHaveTextContent('+.env.*');
    expect(
      screen.getByText(
        'Remove .env from the git index and rotate its credentials.',
      ),
    ).toBeInTheDocument();
  });

  it('opens a pull request for a user with readiness.fix.create and links to it', async () => {
    const api = mockReadinessApi({
      getSuggestedFixes: jest.fn(async () => suggestions()),
      openFixPullRequest: jest.fn(async () => opened),
    });
    await render(api);
    const button = await screen.findByRole('button', {
      name: 'Open pull request',
    });
    expect(
      screen.getByText(
        /with the 1 suggested change below \(expected gain \+12 points\), from the audited commit 0123456789ab/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(button);
    const link = await screen.findByRole('link', {
      name: /^pull request #7\b/,
    });
    expect(link).toHaveAttribute('href', opened.url);
    expect(api.openFixPullRequest).toHaveBeenCalledWith(ENTITY, {});
    expect(
      screen.queryByRole('button', { name: 'Open pull request' }),
    ).not.toBeInTheDocument();
  });

  it('shows why a pull request could not be opened, and lets the user try again', async () => {
    const api = mockReadinessApi({
      getSuggestedFixes: jest.fn(async () => suggestions()),
      openFixPullRequest: jest.fn(async () => {
        throw await responseError(
          409,
          'The branch readiness/fixes-0123456789ab-1a2b3c4d already exists',
        );
      }),
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Open pull request' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'The pull request could not be opened: The branch readiness/fixes-0123456789ab-1a2b3c4d already exists',
    );
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Open pull request' }),
      ).toBeEnabled(),
    );
  });

  it('says why no pull request can be opened for a source that is not on GitHub or GitLab', async () => {
    const reason =
      'Pull requests are opened on GitHub and GitLab sources; this entity is read from a local directory';
    const api = mockReadinessApi({
      getSuggestedFixes: jest.fn(async () =>
        suggestions({
          commit: null,
          pullRequest: { supported: false, reason },
        }),
      ),
    });
    await render(api);
    expect(await screen.findByText(reason)).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Open pull request' }),
    ).not.toBeInTheDocument();
    const item = screen
      .getByText('No committed .env file')
      .closest('li') as HTMLElement;
    expect(
      within(item).getByRole('button', {
        name: 'Suggested change for security/committed-env-file',
      }),
    ).toBeInTheDocument();
  });
});
