// In a file of its own: `usePermission` caches its answer between renders,
// and every test here is allowed to manage campaigns.
import type { Entity } from '@backstage/catalog-model';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  categoryCatalog,
  type RuleMeta,
} from '@readiness/backstage-plugin-readiness-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeCampaignDetail,
  makeCampaignSummary,
  mockReadinessApi,
  pending,
  responseError,
} from '../../__testUtils__/fixtures';
import { mockPermissionApi, renderWithApis } from '../../__testUtils__/render';
import { CampaignEditor } from './CampaignEditor';
import { ReadinessCampaigns } from './ReadinessCampaigns';

const RULES: RuleMeta[] = [
  {
    id: 'security/container-root-user',
    category: 'security',
    severity: 'high',
    title: 'Containers run as non-root',
    description: 'A container image sets a non-root USER.',
    rationale: 'Root in a container is root on the host after an escape.',
    remediation: 'Add a USER instruction.',
  },
  {
    id: 'observability/healthcheck',
    category: 'observability',
    severity: 'medium',
    title: 'Health checks',
    description: 'The service declares a health check.',
    rationale: 'Orchestrators restart what they can check.',
    remediation: 'Add a HEALTHCHECK.',
  },
];

const CATEGORIES = [
  ...categoryCatalog(),
  { id: 'ml-pipeline', title: 'ML pipeline', weight: 1, custom: true },
];

function group(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

function formApi(overrides: Parameters<typeof mockReadinessApi>[0] = {}) {
  return mockReadinessApi({
    getRules: async () => RULES,
    getCategories: async () => CATEGORIES,
    ...overrides,
  });
}

async function renderEditor(
  api: ReturnType<typeof mockReadinessApi>,
  props: { id?: string } = {},
) {
  const onSaved = jest.fn();
  const rendered = await renderWithApis(
    <CampaignEditor
      id={props.id}
      onSaved={onSaved}
      cancelLink="?tab=campaigns"
    />,
    {
      api,
      permission: mockPermissionApi(true),
      catalog: catalogApiMock({
        entities: [group('platform'), group('payments')],
      }),
    },
  );
  return { ...rendered, onSaved };
}

const field = (name: RegExp) => screen.getByLabelText(name);

/** Types a text at once (pasted), which keeps long forms quick to test. */
async function enter(element: HTMLElement, text: string) {
  await userEvent.click(element);
  await userEvent.paste(text);
}

/** Adds a value to a chips field. */
async function addValue(element: HTMLElement, text: string) {
  await enter(element, text);
  await userEvent.keyboard('{Enter}');
}

async function fillRequired(
  values: { id?: string; title?: string; owner?: string; date?: string } = {},
) {
  const {
    id = 'ml-reviewed',
    title = 'ML pipelines reviewed',
    owner = 'group:default/platform',
    date = '2099-12-31',
  } = values;
  if (id) await enter(field(/^Id/), id);
  if (title) await enter(field(/^Title/), title);
  if (owner) await enter(field(/^Owning team/), owner);
  if (date)
    fireEvent.change(field(/^Target date/), { target: { value: date } });
}

describe('CampaignEditor', () => {
  it('shows progress while the rule catalog loads', async () => {
    await renderEditor(formApi({ getRules: () => pending() }));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByLabelText(/^Title/)).not.toBeInTheDocument();
  });

  it('shows the error panel when the rule catalog cannot be read', async () => {
    await renderEditor(
      formApi({
        getRules: async () => {
          throw await responseError(500, 'database unavailable');
        },
      }),
    );
    expect(
      await screen.findByText(/Request failed with 500/),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText(/^Title/)).not.toBeInTheDocument();
  });

  it('offers the rule catalog by title, and categories with the custom ones', async () => {
    await renderEditor(formApi());
    await userEvent.click(
      await screen.findByRole('radio', { name: 'Rules pass' }),
    );
    await userEvent.click(field(/^Rules$/));
    expect(
      await screen.findByRole('option', {
        name: 'Containers run as non-root (security/container-root-user)',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('option', {
        name: 'Health checks (observability/healthcheck)',
      }),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('radio', { name: 'Every rule of categories passes' }),
    );
    await userEvent.click(field(/^Categories$/));
    expect(
      await screen.findByRole('option', { name: 'ML pipeline (custom)' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'Security' })).toBeVisible();
  });

  it('suggests the groups of the catalog as owning team', async () => {
    await renderEditor(formApi());
    await userEvent.type(await screen.findByLabelText(/^Owning team/), 'pay');
    await userEvent.click(
      await screen.findByRole('option', { name: 'group:default/payments' }),
    );
    expect(field(/^Owning team/)).toHaveValue('group:default/payments');
  });

  it('refuses to send a form with a missing or bad id, a past date, or nothing to hold', async () => {
    const api = formApi();
    await renderEditor(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create campaign' }),
    );
    expect(screen.getByText('Correct the fields marked above.')).toBeVisible();
    expect(field(/^Id/)).toHaveAccessibleDescription('Required');
    expect(field(/^Title/)).toHaveAccessibleDescription('Required');
    expect(field(/^Target date/)).toHaveAccessibleDescription('Required');
    expect(
      screen.getByText(
        'Pick what must hold: rules, categories or a minimum score',
      ),
    ).toBeVisible();

    await fillRequired({ id: 'ML_Pipeline', date: '2020-01-01' });
    expect(field(/^Id/)).toHaveAccessibleDescription(
      /^Lower-case letters, digits and dashes, up to 64 characters/,
    );
    expect(field(/^Target date/)).toHaveAccessibleDescription(
      /^Must be today \(\d{4}-\d{2}-\d{2}\) or later$/,
    );
    await userEvent.click(
      screen.getByRole('radio', { name: 'Every rule of categories passes' }),
    );
    expect(screen.getByText('Pick at least one category')).toBeVisible();
    await userEvent.click(
      screen.getByRole('radio', { name: 'A minimum score' }),
    );
    await userEvent.type(field(/^Minimum score/), '120');
    expect(
      screen.getByText(
        'The minimum score must be a whole number from 0 to 100',
      ),
    ).toBeVisible();
    await userEvent.click(
      screen.getByRole('button', { name: 'Create campaign' }),
    );
    expect(api.createCampaign).not.toHaveBeenCalled();
  });

  it('creates the campaign with the body the API takes', async () => {
    const saved = makeCampaignSummary({ id: 'ml-reviewed' });
    const api = formApi({ createCampaign: jest.fn(async () => saved) });
    const { onSaved } = await renderEditor(api);
    await screen.findByRole('button', { name: 'Create campaign' });
    await fillRequired({ owner: 'platform' });
    await enter(field(/^Description/), 'Every model pipeline has a review.');
    await userEvent.click(
      screen.getByRole('radio', { name: 'Every rule of categories passes' }),
    );
    await userEvent.click(field(/^Categories$/));
    await userEvent.click(
      await screen.findByRole('option', { name: 'ML pipeline (custom)' }),
    );
    await addValue(field(/^Lifecycles/), 'production');
    await addValue(field(/^Owners/), 'payments');
    await addValue(field(/^Kinds/), 'Component');
    await userEvent.click(
      screen.getByRole('button', { name: 'Create campaign' }),
    );

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(api.createCampaign).toHaveBeenCalledTimes(1);
    expect(api.createCampaign).toHaveBeenCalledWith({
      id: 'ml-reviewed',
      title: 'ML pipelines reviewed',
      description: 'Every model pipeline has a review.',
      owner: 'group:default/platform',
      targetDate: '2099-12-31',
      requirement: { categories: ['ml-pipeline'] },
      scope: {
        kind: ['Component'],
        owner: ['group:default/payments'],
        lifecycle: ['production'],
      },
    });
  });

  it("shows the API's message when it refuses the campaign, and keeps the form", async () => {
    const api = formApi({
      createCampaign: async () => {
        throw await responseError(
          400,
          "requirement.rules.0: 'security/container-root-user' is not a rule this backend runs",
        );
      },
    });
    const { onSaved } = await renderEditor(api);
    await screen.findByRole('button', { name: 'Create campaign' });
    await fillRequired();
    await userEvent.click(screen.getByRole('radio', { name: 'Rules pass' }));
    await userEvent.click(field(/^Rules$/));
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'Containers run as non-root (security/container-root-user)',
      }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Create campaign' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "The campaign could not be saved: requirement.rules.0: 'security/container-root-user' is not a rule this backend runs",
    );
    expect(onSaved).not.toHaveBeenCalled();
    expect(field(/^Title/)).toHaveValue('ML pipelines reviewed');
  });

  it('edits a campaign of the API: no id field, the whole definition sent, annotations and archived flag kept', async () => {
    const detail = makeCampaignDetail({
      archived: true,
      targetDate: '2020-03-01',
      scope: {
        lifecycle: ['production'],
        annotations: { 'github.com/project-slug': true },
      },
    });
    const api = formApi({
      getCampaign: jest.fn(async () => detail),
      updateCampaign: jest.fn(async () => makeCampaignSummary()),
    });
    const { onSaved } = await renderEditor(api, { id: 'non-root' });
    expect(await screen.findByLabelText(/^Title/)).toHaveValue(
      'Containers run as non-root',
    );
    expect(api.getCampaign).toHaveBeenCalledWith(
      'non-root',
      expect.objectContaining({ limit: 1 }),
    );
    expect(screen.queryByLabelText(/^Id/)).not.toBeInTheDocument();
    expect(
      screen.getByText(/annotations github\.com\/project-slug;/),
    ).toBeVisible();
    expect(screen.getByRole('radio', { name: 'Rules pass' })).toBeChecked();

    await userEvent.clear(field(/^Title/));
    await enter(field(/^Title/), 'Non-root containers');
    // The stored target date has passed; keeping it is allowed.
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.updateCampaign).toHaveBeenCalledWith('non-root', {
      title: 'Non-root containers',
      description: 'Every production container drops root before it starts.',
      owner: 'group:default/platform',
      targetDate: '2020-03-01',
      requirement: { rules: ['security/container-root-user'] },
      scope: {
        lifecycle: ['production'],
        annotations: { 'github.com/project-slug': true },
      },
      archived: true,
    });
  });

  it('does not edit a campaign from configuration', async () => {
    const api = formApi({
      getCampaign: async () => makeCampaignDetail({ source: 'config' }),
    });
    await renderEditor(api, { id: 'non-root' });
    expect(
      await screen.findByText('This campaign is defined in configuration'),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText(/^Title/)).not.toBeInTheDocument();
    expect(api.updateCampaign).not.toHaveBeenCalled();
  });
});

describe('ReadinessCampaigns for users allowed to manage campaigns', () => {
  it('creates a campaign from the list and opens it once saved, then edits it from its page', async () => {
    const created = makeCampaignSummary({
      id: 'health',
      title: 'Health checks everywhere',
    });
    const api = formApi({
      listCampaigns: async () => ({ items: [makeCampaignSummary()] }),
      createCampaign: jest.fn(async () => created),
      getCampaign: jest.fn(async id =>
        makeCampaignDetail(id === 'health' ? created : {}),
      ),
    });
    await renderWithApis(<ReadinessCampaigns />, {
      api,
      permission: mockPermissionApi(true),
      routeEntries: ['/?tab=campaigns'],
    });
    const create = await screen.findByRole('button', { name: 'New campaign' });
    expect(create).toHaveAttribute('href', '/?tab=campaigns&form=new');
    await userEvent.click(create);

    await screen.findByRole('form', { name: 'New campaign' });
    await fillRequired({ id: 'health', title: 'Health checks everywhere' });
    await userEvent.click(
      screen.getByRole('radio', { name: 'A minimum score' }),
    );
    await userEvent.type(field(/^Minimum score/), '80');
    await userEvent.click(
      screen.getByRole('button', { name: 'Create campaign' }),
    );

    expect(
      await screen.findByText('Campaign health', {}, { timeout: 3000 }),
    ).toBeInTheDocument();
    expect(api.createCampaign).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'health', requirement: { minScore: 80 } }),
    );
    expect(api.getCampaign).toHaveBeenCalledWith('health', expect.anything());

    const edit = screen.getByRole('button', { name: 'Edit' });
    expect(edit).toHaveAttribute(
      'href',
      '/?tab=campaigns&campaign=health&form=edit',
    );
    await userEvent.click(edit);
    expect(
      await screen.findByRole('form', { name: 'Edit campaign' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: '← Back to the campaign' }),
    ).toHaveAttribute('href', '/?tab=campaigns&campaign=health');
  });

  it('offers no Edit on a campaign from configuration', async () => {
    const api = formApi({
      getCampaign: async () => makeCampaignDetail({ source: 'config' }),
    });
    await renderWithApis(<ReadinessCampaigns />, {
      api,
      permission: mockPermissionApi(true),
      routeEntries: ['/?tab=campaigns&campaign=non-root'],
    });
    expect(await screen.findByText('From configuration')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit' }),
    ).not.toBeInTheDocument();
  });
});
