import type { TableColumn } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import type { EntityListContextProps } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { bandFor } from '@readiness/backstage-plugin-readiness-common';
import { BandChip } from '../StatusChip';
import {
  readinessBandOf,
  readinessScoreOf,
} from '../ReadinessBandPicker/ReadinessFilter';

/** The row shape of catalog tables: anything that carries an entity. @public */
export interface EntityRow {
  entity: Entity;
}

/**
 * A catalog table column with the readiness score and band, read from the
 * annotation and label the Readiness catalog integration writes.
 * @public
 */
export function createReadinessScoreColumn<T extends EntityRow = EntityRow>(
  options: { title?: string } = {},
): TableColumn<T> {
  const score = (row: T) => readinessScoreOf(row.entity);
  return {
    title: options.title ?? 'Readiness',
    field: 'readinessScore',
    type: 'numeric',
    width: '140px',
    customSort: (a, b) => (score(a) ?? -1) - (score(b) ?? -1),
    customFilterAndSearch: (query, row) =>
      String(score(row) ?? '').includes(String(query)),
    render: row => {
      const value = score(row);
      if (value === undefined) {
        return (
          <Typography variant="body2" color="textSecondary">
            —
          </Typography>
        );
      }
      const band = readinessBandOf(row.entity) ?? bandFor(value);
      return (
        <Box
          display="inline-flex"
          alignItems="center"
          gridGap={8}
          aria-label={`Readiness score ${value}`}
        >
          <span>{Math.round(value)}</span>
          <BandChip band={band} />
        </Box>
      );
    },
  };
}

/** Options of {@link withReadinessScoreColumn}. @public */
export interface ReadinessScoreColumnsOptions {
  /** The column title; `Readiness` by default. */
  title?: string;
  /** The catalog kinds the column shows for; only audited `component` by default. */
  kinds?: string[];
}

/**
 * Adds the readiness score column to a catalog table's columns function
 * (such as `CatalogTable.defaultColumnsFunc`) while the catalog lists one of
 * `kinds`: the entities Readiness audits.
 * @public
 */
export function withReadinessScoreColumn<T extends EntityRow>(
  columns: (context: EntityListContextProps) => TableColumn<T>[],
  options: ReadinessScoreColumnsOptions = {},
): (context: EntityListContextProps) => TableColumn<T>[] {
  const kinds = (options.kinds ?? ['component']).map(kind =>
    kind.toLocaleLowerCase('en-US'),
  );
  const score = createReadinessScoreColumn<T>({ title: options.title });
  return context => {
    const base = columns(context);
    const kind = context.filters.kind?.value?.toLocaleLowerCase('en-US');
    return kind && kinds.includes(kind) ? [...base, score] : base;
  };
}
