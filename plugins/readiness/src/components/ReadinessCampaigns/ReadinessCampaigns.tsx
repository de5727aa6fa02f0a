import { useSearchParams } from 'react-router-dom';
import type { Campaign } from '../../api/types';
import { CampaignDetail } from './CampaignDetail';
import { CampaignEditor } from './CampaignEditor';
import { CampaignList } from './CampaignList';

/** The search parameter naming the campaign shown. */
export const CAMPAIGN_PARAM = 'campaign';

/**
 * The search parameter opening the campaign form: `new` (a new campaign) or
 * `edit` (the campaign named by {@link CAMPAIGN_PARAM}).
 */
export const CAMPAIGN_FORM_PARAM = 'form';

/**
 * The campaigns: the list, or one campaign's detail when the URL names it
 * (`?campaign=<id>`, kept beside the page's other parameters so a campaign
 * can be linked to), or the form creating one (`?form=new`) or changing one
 * (`?campaign=<id>&form=edit`). Saving shows the campaign saved.
 * @public
 */
export function ReadinessCampaigns() {
  const [searchParams, setSearchParams] = useSearchParams();
  const id = searchParams.get(CAMPAIGN_PARAM);
  const form = searchParams.get(CAMPAIGN_FORM_PARAM);

  const paramsWith = (campaign: string | undefined, formMode?: string) => {
    const params = new URLSearchParams(searchParams);
    if (campaign) params.set(CAMPAIGN_PARAM, campaign);
    else params.delete(CAMPAIGN_PARAM);
    if (formMode) params.set(CAMPAIGN_FORM_PARAM, formMode);
    else params.delete(CAMPAIGN_FORM_PARAM);
    return params;
  };
  const linkWith = (campaign: string | undefined, formMode?: string) =>
    `?${paramsWith(campaign, formMode).toString()}`;
  const showSaved = (saved: Campaign) => setSearchParams(paramsWith(saved.id));

  if (form === 'new') {
    return (
      <CampaignEditor onSaved={showSaved} cancelLink={linkWith(undefined)} />
    );
  }
  if (id && form === 'edit') {
    return (
      <CampaignEditor
        key={id}
        id={id}
        onSaved={showSaved}
        cancelLink={linkWith(id)}
      />
    );
  }
  if (id) {
    return (
      <CampaignDetail
        key={id}
        id={id}
        listLink={linkWith(undefined)}
        editLink={linkWith(id, 'edit')}
      />
    );
  }
  return (
    <CampaignList
      detailLink={campaign => linkWith(campaign)}
      newLink={linkWith(undefined, 'new')}
    />
  );
}
