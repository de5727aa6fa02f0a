import { useSearchParams } from 'react-router-dom';
import { CampaignDetail } from './CampaignDetail';
import { CampaignList } from './CampaignList';

/** The search parameter naming the campaign shown. */
export const CAMPAIGN_PARAM = 'campaign';

/**
 * The campaigns: the list, or one campaign's detail when the URL names it
 * (`?campaign=<id>`, kept beside the page's other parameters so a campaign
 * can be linked to).
 * @public
 */
export function ReadinessCampaigns() {
  const [searchParams] = useSearchParams();
  const id = searchParams.get(CAMPAIGN_PARAM);

  const linkWith = (campaign: string | undefined) => {
    const params = new URLSearchParams(searchParams);
    if (campaign) params.set(CAMPAIGN_PARAM, campaign);
    else params.delete(CAMPAIGN_PARAM);
    return `?${params.toString()}`;
  };

  if (id) {
    return <CampaignDetail key={id} id={id} listLink={linkWith(undefined)} />;
  }
  return <CampaignList detailLink={linkWith} />;
}
