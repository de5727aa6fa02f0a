// In a file of its own: `usePermission` caches its answer between renders,
// and every test here is allowed to manage campaigns.
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeCampaignDetail,
  makeCampaignSummary,
  mockReadinessApi,
  responseError,
} from '../../__testUtils__/fixtures';
import { mockPermissionApi, renderWithApis } from '../../__testUtils__/render';
import { CampaignDetail } from './CampaignDetail';

describe('CampaignDetail for users allowed to manage campaigns', () => {
  it('archives a campaign of the API, then shows it archived', async () => {
    const api = mockReadinessApi({
      archiveCampaign: jest.fn(async () => ({
        ...makeCampaignSummary(),
        archived: true,
      })),
    });
    api.getCampaign
      .mockImplementationOnce(async () => makeCampaignDetail())
      .mockImplementation(async () => makeCampaignDetail({ archived: true }));
    const permission = mockPermissionApi(true);
    await renderWithApis(<CampaignDetail id="non-root" />, {
      api,
      permission,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Archive' }),
    );
    expect(api.archiveCampaign).toHaveBeenCalledWith('non-root');
    expect(await screen.findByText('Archived')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Archive' }),
    ).not.toBeInTheDocument();
    expect(permission.authorize).toHaveBeenCalled();
  });

  it("says why archiving failed, with the server's message", async () => {
    const api = mockReadinessApi({
      getCampaign: async () => makeCampaignDetail(),
      archiveCampaign: async () => {
        throw await responseError(403, 'not allowed to manage campaigns');
      },
    });
    await renderWithApis(<CampaignDetail id="non-root" />, {
      api,
      permission: mockPermissionApi(true),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Archive' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The campaign could not be archived: not allowed to manage campaigns',
    );
  });

  it('offers no archiving for a campaign from configuration', async () => {
    const api = mockReadinessApi({
      getCampaign: async () => makeCampaignDetail({ source: 'config' }),
    });
    await renderWithApis(<CampaignDetail id="non-root" />, {
      api,
      permission: mockPermissionApi(true),
    });
    expect(await screen.findByText('From configuration')).toBeInTheDocument();
    await screen.findByText('Orders API');
    expect(
      screen.queryByRole('button', { name: 'Archive' }),
    ).not.toBeInTheDocument();
  });
});
