import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { Band } from '@readiness/backstage-plugin-readiness-common';
import { bandLabel, BANDS } from '../../helpers/bands';
import { BandChip } from './StatusChip';

/** How many entities fall in each band, as a labelled list of band chips and counts. */
export function BandCounts(props: {
  bands: Record<Band, number>;
  /** The list's accessible name, e.g. "Entities per band". */
  label: string;
}) {
  const { bands, label } = props;
  return (
    <Box
      display="flex"
      gridGap={8}
      flexWrap="wrap"
      role="list"
      aria-label={label}
    >
      {BANDS.map(band => (
        <Box
          key={band}
          role="listitem"
          display="flex"
          alignItems="center"
          gridGap={4}
          aria-label={`${bandLabel(band)}: ${bands[band]}`}
        >
          <BandChip band={band} size="small" />
          <Typography variant="body2">{bands[band]}</Typography>
        </Box>
      ))}
    </Box>
  );
}
