import { render, screen } from '@testing-library/react';
import type { AuditTransitions, ScorecardHistoryEntry } from '../../api/types';
import { renderWithApis } from '../../__testUtils__/render';
import { mockReadinessApi } from '../../__testUtils__/fixtures';
import {
  ChangeDot,
  historyPoints,
  historySummary,
  HistoryTooltip,
  ScoreHistoryChart,
  transitionLines,
} from './ScoreHistoryChart';

const rule = (ruleId: string) => ({
  ruleId,
  title: `Title of ${ruleId}`,
  severity: 'high' as const,
});

const transitions: AuditTransitions = {
  newlyFailing: [rule('security/a')],
  fixed: ['b', 'c', 'd', 'e', 'f', 'g'].map(id => rule(`testing/${id}`)),
  newlyWaived: [{ ...rule('docs/w'), expires: '2027-03-01' }],
  waiverExpired: [{ ...rule('docs/x'), expires: '2027-01-01' }],
  findings: { added: 2, resolved: 7 },
};

const entry = (
  auditedAt: string,
  score: number,
  extra: Partial<ScorecardHistoryEntry> = {},
): ScorecardHistoryEntry => ({
  auditedAt,
  score,
  verdict: 'needs-work',
  categories: {},
  blockers: 1,
  ...extra,
});

const history = [
  entry('2027-01-01T10:00:00.000Z', 60),
  entry('2027-01-02T10:00:00.000Z', 55, { transitions }),
  entry('2027-01-03T10:00:00.000Z', 55, {
    transitions: {
      newlyFailing: [],
      fixed: [],
      newlyWaived: [],
      waiverExpired: [],
      findings: { added: 0, resolved: 0 },
    },
  }),
];

describe('ScoreHistoryChart', () => {
  it('turns transitions into lines, in the order of the tab, naming four rules of a kind', () => {
    expect(transitionLines(transitions)).toEqual([
      'Newly failing: Title of security/a',
      'Waiver expired: Title of docs/x',
      'Fixed: Title of testing/b, Title of testing/c, Title of testing/d, Title of testing/e and 2 more',
      'Waived: Title of docs/w',
      'Findings: 2 new, 7 resolved',
    ]);
    expect(transitionLines(undefined)).toEqual([]);
    expect(transitionLines(history[2].transitions)).toEqual([]);
  });

  it('marks only the audits that changed something, and says how many did', () => {
    const points = historyPoints(history);
    expect(points.map(p => p.changes.length)).toEqual([0, 5, 0]);
    expect(historySummary(points)).toMatch(
      /\(down 5 points\)\. 1 audit changed rules or findings \(the larger points\)\.$/,
    );
    expect(historySummary(historyPoints([history[0], history[2]]))).toMatch(
      /\(down 5 points\)\.$/,
    );
  });

  it("lists a point's transitions in its tooltip", () => {
    const [, changed] = historyPoints(history);
    render(<HistoryTooltip active payload={[{ payload: changed }]} />);
    expect(
      screen.getByText('Newly failing: Title of security/a'),
    ).toBeVisible();
    expect(screen.getByText('Findings: 2 new, 7 resolved')).toBeVisible();
    expect(screen.getByText(/Score 55/)).toBeVisible();
  });

  it('shows no tooltip while inactive', () => {
    const [, changed] = historyPoints(history);
    const { container } = render(
      <HistoryTooltip active={false} payload={[{ payload: changed }]} />,
    );
    expect(container).toBeEmptyDOMElement();
  });

  it('draws a larger, ringed dot for a point that changed something', () => {
    const [plain, changed] = historyPoints(history);
    const { container } = render(
      <svg>
        <ChangeDot cx={10} cy={10} payload={plain} stroke="blue" />
        <ChangeDot cx={20} cy={10} payload={changed} stroke="blue" />
      </svg>,
    );
    const dots = container.querySelectorAll('circle');
    expect([...dots].map(d => d.getAttribute('r'))).toEqual(['3', '6']);
    expect(dots[1]).toHaveAttribute('data-changed', 'true');
    expect(dots[0]).not.toHaveAttribute('data-changed');
  });

  it('says how many audits changed rules under the chart', async () => {
    await renderWithApis(<ScoreHistoryChart history={history} />, {
      api: mockReadinessApi(),
    });
    expect(
      screen.getByText(/1 audit changed rules or findings/, {
        selector: 'figcaption',
      }),
    ).toBeInTheDocument();
  });
});
