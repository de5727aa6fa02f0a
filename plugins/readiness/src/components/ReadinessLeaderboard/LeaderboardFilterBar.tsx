import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { CategoryInfo } from '@readiness/backstage-plugin-readiness-common';
import { BANDS, bandLabel, bandRange } from '../../helpers/bands';
import { EMPTY_FILTERS, hasFilters, LeaderboardFilters } from './filters';

/** Entity kinds Readiness usually audits. */
const KINDS = ['Component', 'System', 'Resource', 'API'];

/** @public */
export interface LeaderboardFilterBarProps {
  filters: LeaderboardFilters;
  onChange: (filters: LeaderboardFilters) => void;
  /** Owner refs to offer. */
  owners: string[];
  /** Categories to offer (built-in and custom), by title; none hides the filter. */
  categories?: CategoryInfo[];
}

/** Search, owner, kind, band, blocking category and score range of the leaderboard. */
export function LeaderboardFilterBar(props: LeaderboardFilterBarProps) {
  const { filters, onChange, owners, categories = [] } = props;
  const set =
    (key: keyof LeaderboardFilters) =>
    (event: { target: { value: unknown } }) =>
      onChange({ ...filters, [key]: String(event.target.value ?? '') });
  const ownerOptions =
    filters.owner && !owners.includes(filters.owner)
      ? [filters.owner, ...owners]
      : owners;

  return (
    <Box
      component="form"
      role="search"
      aria-label="Leaderboard filters"
      display="flex"
      flexWrap="wrap"
      alignItems="flex-end"
      gridGap={16}
      mb={2}
      onSubmit={(event: { preventDefault: () => void }) =>
        event.preventDefault()
      }
    >
      <TextField
        id="readiness-filter-q"
        label="Search"
        type="search"
        value={filters.q}
        onChange={set('q')}
        placeholder="Name or title"
      />
      <TextField
        id="readiness-filter-owner"
        select
        label="Owner"
        value={filters.owner}
        onChange={set('owner')}
        style={{ minWidth: 200 }}
      >
        <MenuItem value="">Any owner</MenuItem>
        {ownerOptions.map(owner => (
          <MenuItem key={owner} value={owner}>
            {owner}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="readiness-filter-kind"
        select
        label="Kind"
        value={filters.kind}
        onChange={set('kind')}
        style={{ minWidth: 140 }}
      >
        <MenuItem value="">Any kind</MenuItem>
        {KINDS.map(kind => (
          <MenuItem key={kind} value={kind}>
            {kind}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="readiness-filter-band"
        select
        label="Band"
        value={filters.band}
        onChange={set('band')}
        style={{ minWidth: 160 }}
      >
        <MenuItem value="">Any band</MenuItem>
        {BANDS.map(band => (
          <MenuItem key={band} value={band}>
            {bandLabel(band)} ({bandRange(band)})
          </MenuItem>
        ))}
      </TextField>
      {categories.length > 0 && (
        <TextField
          id="readiness-filter-category"
          select
          label="Blocked in"
          value={filters.category ?? ''}
          onChange={set('category')}
          style={{ minWidth: 180 }}
        >
          <MenuItem value="">Any category</MenuItem>
          {categories.map(category => (
            <MenuItem key={category.id} value={category.id}>
              {category.title}
            </MenuItem>
          ))}
        </TextField>
      )}
      <TextField
        id="readiness-filter-min"
        label="Min score"
        type="number"
        value={filters.minScore}
        onChange={set('minScore')}
        inputProps={{ min: 0, max: 100, step: 1 }}
        style={{ width: 100 }}
      />
      <TextField
        id="readiness-filter-max"
        label="Max score"
        type="number"
        value={filters.maxScore}
        onChange={set('maxScore')}
        inputProps={{ min: 0, max: 100, step: 1 }}
        style={{ width: 100 }}
      />
      <Button
        onClick={() => onChange(EMPTY_FILTERS)}
        disabled={!hasFilters(filters)}
      >
        Clear filters
      </Button>
    </Box>
  );
}
