import { Content, Header, Page } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ReadinessBlockersBoard } from '../ReadinessBlockersBoard';
import {
  CAMPAIGN_FORM_PARAM,
  CAMPAIGN_PARAM,
  ReadinessCampaigns,
} from '../ReadinessCampaigns/ReadinessCampaigns';
import {
  EMPTY_FILTERS,
  LeaderboardFilters,
  ReadinessLeaderboard,
} from '../ReadinessLeaderboard';
import { ReadinessOwners } from '../ReadinessOwners';

const TABS = [
  { id: 'leaderboard', label: 'Leaderboard' },
  { id: 'teams', label: 'Teams' },
  { id: 'blockers', label: 'Blockers board' },
  { id: 'campaigns', label: 'Campaigns' },
] as const;

type TabId = (typeof TABS)[number]['id'];

function tabFromParam(value: string | null): TabId {
  return TABS.find(tab => tab.id === value)?.id ?? 'leaderboard';
}

/**
 * The leaderboard, the team roll-up, the blockers board and the campaigns,
 * as tabs. The selected tab is kept in the URL (`?tab=teams`), and the
 * campaign shown (`?tab=campaigns&campaign=<id>`), so they can be shared.
 * @public
 */
export function ReadinessLeaderboardContent() {
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = tabFromParam(searchParams.get('tab'));
  const [filters, setFilters] = useState<LeaderboardFilters>(EMPTY_FILTERS);

  const selectTab = (next: TabId) => {
    const params = new URLSearchParams(searchParams);
    if (next === 'leaderboard') params.delete('tab');
    else params.set('tab', next);
    params.delete(CAMPAIGN_PARAM);
    params.delete(CAMPAIGN_FORM_PARAM);
    setSearchParams(params, { replace: true });
  };

  return (
    <Box>
      <Tabs
        value={tab}
        onChange={(_event, next: TabId) => selectTab(next)}
        indicatorColor="primary"
        textColor="primary"
        aria-label="Readiness views"
      >
        {TABS.map(item => (
          <Tab
            key={item.id}
            value={item.id}
            label={item.label}
            id={`readiness-tab-${item.id}`}
            aria-controls={`readiness-tabpanel-${item.id}`}
          />
        ))}
      </Tabs>
      <Box
        role="tabpanel"
        id={`readiness-tabpanel-${tab}`}
        aria-labelledby={`readiness-tab-${tab}`}
        pt={2}
      >
        {tab === 'leaderboard' && (
          <ReadinessLeaderboard
            filters={filters}
            onFiltersChange={setFilters}
          />
        )}
        {tab === 'teams' && (
          <ReadinessOwners
            onSelectOwner={owner => {
              setFilters({ ...EMPTY_FILTERS, owner });
              selectTab('leaderboard');
            }}
          />
        )}
        {tab === 'blockers' && <ReadinessBlockersBoard />}
        {tab === 'campaigns' && <ReadinessCampaigns />}
      </Box>
    </Box>
  );
}

/**
 * The Readiness page of the legacy frontend system, with its own header.
 * @public
 */
export function ReadinessLeaderboardPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Readiness"
        subtitle="Production readiness across the catalog"
      />
      <Content>
        <ReadinessLeaderboardContent />
      </Content>
    </Page>
  );
}
