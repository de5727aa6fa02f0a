import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import type { Campaign } from '../../api/types';
import { responseStatus } from '../../helpers/errors';
import { useCampaign, useCampaignManagePermission } from '../../hooks';
import { useCampaignVocabulary } from '../../hooks/useCampaignFormOptions';
import { CampaignForm } from './CampaignForm';

/** @public */
export interface CampaignEditorProps {
  /** The campaign to edit; without it, a new campaign. */
  id?: string;
  /** Called with the campaign the API saved (e.g. to show it). */
  onSaved: (campaign: Campaign) => void;
  /** Where Cancel and the way back lead. */
  cancelLink: string;
}

function Back(props: { to: string; label: string }) {
  return (
    <Box mb={2}>
      <Link to={props.to}>← {props.label}</Link>
    </Box>
  );
}

/**
 * The campaign form with what it needs: for users granted
 * `readiness.campaign.manage` only, the rule catalog and categories, and,
 * to edit, the campaign (one from configuration is read-only).
 * @public
 */
export function CampaignEditor(props: CampaignEditorProps) {
  const { id, onSaved, cancelLink } = props;
  const permission = useCampaignManagePermission();
  const back = (
    <Back
      to={cancelLink}
      label={id ? 'Back to the campaign' : 'All campaigns'}
    />
  );

  if (permission.loading) {
    return (
      <>
        {back}
        <Progress />
      </>
    );
  }
  if (!permission.allowed) {
    return (
      <>
        {back}
        <EmptyState
          missing="info"
          title="You are not allowed to manage campaigns"
          description="Creating and changing campaigns needs the readiness.campaign.manage permission; ask the people who run Backstage for it."
        />
      </>
    );
  }
  return (
    <>
      {back}
      <AllowedEditor id={id} onSaved={onSaved} cancelLink={cancelLink} />
    </>
  );
}

/** Asks for the rule catalog and categories once the user may edit. */
function AllowedEditor(props: CampaignEditorProps) {
  const { id, onSaved, cancelLink } = props;
  const vocabulary = useCampaignVocabulary();
  return id ? (
    <EditCampaign
      id={id}
      vocabulary={vocabulary}
      onSaved={onSaved}
      cancelLink={cancelLink}
    />
  ) : (
    <FormWithVocabulary
      vocabulary={vocabulary}
      onSaved={onSaved}
      cancelLink={cancelLink}
    />
  );
}

function FormWithVocabulary(props: {
  vocabulary: ReturnType<typeof useCampaignVocabulary>;
  campaign?: Campaign;
  onSaved: (campaign: Campaign) => void;
  cancelLink: string;
}) {
  const { vocabulary, campaign, onSaved, cancelLink } = props;
  if (vocabulary.loading) return <Progress />;
  if (vocabulary.error) return <ResponseErrorPanel error={vocabulary.error} />;
  if (!vocabulary.value) return null;
  return (
    <CampaignForm
      campaign={campaign}
      rules={vocabulary.value.rules}
      categories={vocabulary.value.categories}
      onSaved={onSaved}
      cancelLink={cancelLink}
    />
  );
}

function EditCampaign(props: {
  id: string;
  vocabulary: ReturnType<typeof useCampaignVocabulary>;
  onSaved: (campaign: Campaign) => void;
  cancelLink: string;
}) {
  const { id, vocabulary, onSaved, cancelLink } = props;
  // The definition is what the form needs: one entity row is enough.
  const { loading, error, value } = useCampaign(id, { limit: 1 });

  if (loading) return <Progress />;
  if (error) {
    return responseStatus(error) === 404 ? (
      <EmptyState
        missing="info"
        title={`No campaign '${id}'`}
        description="It may have been removed, or the link is wrong."
      />
    ) : (
      <ResponseErrorPanel error={error} />
    );
  }
  if (!value) return null;
  if (value.source !== 'api') {
    return (
      <EmptyState
        missing="info"
        title="This campaign is defined in configuration"
        description="Campaigns under readiness.campaigns in app-config are read-only here; change them in the configuration."
      />
    );
  }
  return (
    <FormWithVocabulary
      vocabulary={vocabulary}
      campaign={value}
      onSaved={onSaved}
      cancelLink={cancelLink}
    />
  );
}
