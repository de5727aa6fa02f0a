import {
  DefaultEntityFilters,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { Band } from '@readiness/backstage-plugin-readiness-common';
import { useEffect, useMemo, useState } from 'react';
import { BANDS, bandLabel, bandRange } from '../../helpers/bands';
import { ReadinessFilter } from './ReadinessFilter';

/** Catalog filters with the readiness filter added. @public */
export type ReadinessEntityFilters = DefaultEntityFilters & {
  readiness?: ReadinessFilter;
};

const MIN_SCORES = [40, 50, 60, 75, 90];

/** @public */
export interface ReadinessBandPickerProps {
  /** Bands selected when the URL does not say otherwise. */
  initialBands?: Band[];
  initialMinScore?: number;
}

/**
 * Catalog sidebar filter: readiness bands and a minimum score.
 * @public
 */
export function ReadinessBandPicker(props: ReadinessBandPickerProps) {
  const { updateFilters, queryParameters } =
    useEntityList<ReadinessEntityFilters>();
  const fromQuery = useMemo(
    () => ReadinessFilter.fromQueryValue(queryParameters.readiness),
    [queryParameters.readiness],
  );
  const [bands, setBands] = useState<Band[]>(
    fromQuery?.bands ?? props.initialBands ?? [],
  );
  const [minScore, setMinScore] = useState<number | undefined>(
    fromQuery ? fromQuery.minScore : props.initialMinScore,
  );

  useEffect(() => {
    const filter = new ReadinessFilter({ bands, minScore });
    updateFilters({ readiness: filter.isEmpty() ? undefined : filter });
  }, [bands, minScore, updateFilters]);

  const toggle = (band: Band) =>
    setBands(current =>
      current.includes(band)
        ? current.filter(item => item !== band)
        : [...current, band],
    );

  return (
    <Box pb={1} pt={1}>
      <FormControl component="fieldset" fullWidth>
        <FormLabel component="legend">Readiness band</FormLabel>
        <FormGroup>
          {BANDS.map(band => (
            <FormControlLabel
              key={band}
              control={
                <Checkbox
                  size="small"
                  checked={bands.includes(band)}
                  onChange={() => toggle(band)}
                  name={band}
                />
              }
              label={`${bandLabel(band)} (${bandRange(band)})`}
            />
          ))}
        </FormGroup>
      </FormControl>
      <TextField
        id="readiness-min-score"
        select
        fullWidth
        margin="dense"
        variant="outlined"
        label="Minimum readiness score"
        value={minScore === undefined ? '' : String(minScore)}
        onChange={event =>
          setMinScore(
            event.target.value === '' ? undefined : Number(event.target.value),
          )
        }
      >
        <MenuItem value="">Any score</MenuItem>
        {MIN_SCORES.map(score => (
          <MenuItem key={score} value={String(score)}>
            {score} or more
          </MenuItem>
        ))}
      </TextField>
    </Box>
  );
}
