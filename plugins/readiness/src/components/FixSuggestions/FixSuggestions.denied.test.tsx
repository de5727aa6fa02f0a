import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeScorecard, mockReadinessApi } from '../../__testUtils__/fixtures';
import { mockPermissionApi, renderWithApis } from '../../__testUtils__/render';
import { FixRoadmap } from '../EntityReadinessContent/Sections';

describe('suggested changes for a user without readiness.fix.create', () => {
  it('shows the changes but no pull request button', async () => {
    const permission = mockPermissionApi(false);
    const api = mockReadinessApi({
      getSuggestedFixes: jest.fn(async () => ({
        entityRef: 'component:default/shop',
        commit: '0123456789abcdef0123456789abcdef01234567',
        fixes: [
          {
            ruleId: 'security/committed-env-file',
            category: 'security' as const,
            severity: 'critical' as const,
            title: 'No committed .env file',
            expectedGain: 12,
            summary: 'Ignore env files in .gitignore',
            files: [{ path: '.gitignore', action: 'create' as const }],
            diff: '--- /dev/null\n+++ b/.gitignore\n@@ -0,0 +1 @@\n+.env\n',
            notes: [],
          },
        ],
        pullRequest: { supported: true },
      })),
    });
    await renderWithApis(
      <FixRoadmap
        fixes={makeScorecard().fixes}
        entityRef="component:default/shop"
      />,
      { api, permission },
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Suggested change for security/committed-env-file',
      }),
    );
    expect(
      await screen.findByLabelText('Diff for security/committed-env-file'),
    ).toBeInTheDocument();
    expect(permission.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'readiness.fix.create' }),
      }),
    );
    expect(
      screen.queryByRole('button', { name: 'Open pull request' }),
    ).not.toBeInTheDocument();
    expect(api.openFixPullRequest).not.toHaveBeenCalled();
  });
});
