import type { Entity } from '@backstage/catalog-model';
import { Table } from '@backstage/core-components';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createReadinessScoreColumn,
  withReadinessScoreColumn,
  type EntityRow,
} from './ReadinessScoreColumn';

function row(name: string, score?: string, band?: string): EntityRow {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: score ? { 'readiness.dev/score': score } : {},
      labels: band ? { 'readiness.dev/band': band } : {},
    },
  };
  return { entity };
}

describe('createReadinessScoreColumn', () => {
  const rows = [row('alpha', '45', 'poor'), row('beta'), row('gamma', '88')];

  it('renders score and band, and a dash without a score', async () => {
    await renderInTestApp(
      <Table<EntityRow>
        columns={[
          { title: 'Name', field: 'entity.metadata.name' },
          createReadinessScoreColumn(),
        ]}
        data={rows}
        options={{ paging: false, search: false }}
      />,
    );
    const [, alpha, beta, gamma] = screen.getAllByRole('row');
    expect(
      within(alpha).getByLabelText('Readiness score 45'),
    ).toHaveTextContent('45');
    expect(within(alpha).getByText('Poor')).toBeInTheDocument();
    expect(within(beta).getByText('—')).toBeInTheDocument();
    // Without a band label the band follows from the score.
    expect(within(gamma).getByText('Good')).toBeInTheDocument();
  });

  it('sorts entities without a score last when descending', async () => {
    await renderInTestApp(
      <Table<EntityRow>
        columns={[
          { title: 'Name', field: 'entity.metadata.name' },
          createReadinessScoreColumn({ title: 'Score' }),
        ]}
        data={rows}
        options={{ paging: false, search: false, draggable: false }}
      />,
    );
    const header = screen
      .getAllByRole('columnheader')
      .find(cell => cell.textContent === 'Score')!
      .querySelector('[role="button"]') as HTMLElement;
    await userEvent.click(header);
    await userEvent.click(header);
    const names = screen
      .getAllByRole('row')
      .slice(1)
      .map(r => within(r).getAllByRole('cell')[0].textContent);
    expect(names).toEqual(['gamma', 'alpha', 'beta']);
  });

  it('sorts ascending with entities without a score first', async () => {
    await renderInTestApp(
      <Table<EntityRow>
        columns={[
          { title: 'Name', field: 'entity.metadata.name' },
          createReadinessScoreColumn({ title: 'Score' }),
        ]}
        data={[row('gamma', '88'), row('beta'), row('alpha', '45', 'poor')]}
        options={{ paging: false, search: false, draggable: false }}
      />,
    );
    const header = screen
      .getAllByRole('columnheader')
      .find(cell => cell.textContent === 'Score')!
      .querySelector('[role="button"]') as HTMLElement;
    await userEvent.click(header);
    const names = screen
      .getAllByRole('row')
      .slice(1)
      .map(r => within(r).getAllByRole('cell')[0].textContent);
    expect(names).toEqual(['beta', 'alpha', 'gamma']);
  });
});

describe('withReadinessScoreColumn', () => {
  const base = () => [{ title: 'Name', field: 'entity.metadata.name' }];
  const context = (kind?: string) =>
    ({
      filters: kind ? { kind: { value: kind, label: kind } } : {},
    }) as unknown as Parameters<ReturnType<typeof withReadinessScoreColumn>>[0];

  it('adds the score column while the catalog lists components', () => {
    const columns = withReadinessScoreColumn<EntityRow>(base);
    expect(columns(context('component')).map(c => c.title)).toEqual([
      'Name',
      'Readiness',
    ]);
    expect(columns(context('Component')).map(c => c.title)).toEqual([
      'Name',
      'Readiness',
    ]);
    expect(columns(context('system')).map(c => c.title)).toEqual(['Name']);
    expect(columns(context()).map(c => c.title)).toEqual(['Name']);
  });

  it('takes a title and the kinds to show it for', () => {
    const columns = withReadinessScoreColumn<EntityRow>(base, {
      title: 'Score',
      kinds: ['System'],
    });
    expect(columns(context('system')).map(c => c.title)).toEqual([
      'Name',
      'Score',
    ]);
    expect(columns(context('component')).map(c => c.title)).toEqual(['Name']);
  });
});
