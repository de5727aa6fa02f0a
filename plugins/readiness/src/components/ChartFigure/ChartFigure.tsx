import Typography from '@material-ui/core/Typography';
import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/**
 * A chart as a figure: the chart fills a box of the given height that
 * screen readers read as one image named by `summary`, and the same summary
 * is its caption.
 */
export function ChartFigure(props: {
  summary: string;
  height: number | string;
  /** The recharts chart (LineChart, …). */
  children: ReactElement;
}) {
  const { summary, height, children } = props;
  return (
    <figure style={{ margin: 0 }}>
      <div role="img" aria-label={summary} style={{ width: '100%', height }}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
      <Typography component="figcaption" variant="caption">
        {summary}
      </Typography>
    </figure>
  );
}
