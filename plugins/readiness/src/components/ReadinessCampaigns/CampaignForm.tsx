import { InfoCard, LinkButton } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Grid from '@material-ui/core/Grid';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { type FormEvent, useMemo, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { readinessApiRef } from '../../api/ReadinessApi';
import type { Campaign, CategoryInfo, RuleMeta } from '../../api/types';
import {
  CAMPAIGN_SCOPE_FIELDS,
  type CampaignFormErrors,
  type CampaignFormValues,
  type CampaignRequirementKind,
  type CampaignScopeField,
  campaignCreateBody,
  campaignFormValues,
  campaignUpdateBody,
  emptyCampaignForm,
  utcToday,
  validateCampaignForm,
} from '../../helpers/campaignForm';
import { errorMessage } from '../../helpers/errors';
import {
  type CampaignSuggestions,
  useCampaignSuggestions,
} from '../../hooks/useCampaignFormOptions';

/** @public */
export interface CampaignFormProps {
  /** The campaign to edit; without it, the form creates one. */
  campaign?: Campaign;
  /** The rule catalog (GET /rules). */
  rules: RuleMeta[];
  /** The categories, custom ones included (GET /categories). */
  categories: CategoryInfo[];
  /** Called with the campaign the API saved. */
  onSaved: (campaign: Campaign) => void;
  /** Where Cancel leads. */
  cancelLink: string;
}

const REQUIREMENT_KINDS: { value: CampaignRequirementKind; label: string }[] = [
  { value: 'rules', label: 'Rules pass' },
  { value: 'categories', label: 'Every rule of categories passes' },
  { value: 'minScore', label: 'A minimum score' },
];

const SCOPE_LABELS: Record<
  CampaignScopeField,
  { label: string; hint: string; suggestions: keyof CampaignSuggestions }
> = {
  kind: { label: 'Kinds', hint: 'e.g. Component', suggestions: 'kinds' },
  type: {
    label: 'Types',
    hint: 'spec.type, e.g. service',
    suggestions: 'types',
  },
  owner: {
    label: 'Owners',
    hint: 'group refs; a bare name is a group of default',
    suggestions: 'groups',
  },
  system: {
    label: 'Systems',
    hint: 'system refs; a bare name is a system of default',
    suggestions: 'systems',
  },
  lifecycle: {
    label: 'Lifecycles',
    hint: 'spec.lifecycle, e.g. production',
    suggestions: 'lifecycles',
  },
  tags: { label: 'Tags', hint: 'metadata.tags', suggestions: 'tags' },
};

/** A list of values typed or picked from suggestions, shown as chips. */
function ValuesField(props: {
  id: string;
  label: string;
  hint: string;
  values: string[];
  options: string[];
  error?: string;
  onChange: (values: string[]) => void;
  onBlur: () => void;
}) {
  const { id, label, hint, values, options, error, onChange, onBlur } = props;
  return (
    <Autocomplete<string, true, false, true>
      id={id}
      multiple
      freeSolo
      autoSelect
      filterSelectedOptions
      options={options}
      value={values}
      onChange={(_event, next) =>
        onChange(
          [...new Set(next.map(v => v.trim()))].filter(v => v.length > 0),
        )
      }
      onBlur={onBlur}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          variant="outlined"
          size="small"
          error={Boolean(error)}
          helperText={error ?? hint}
        />
      )}
    />
  );
}

/**
 * The form that creates a campaign (with its id) or changes one (every
 * field but the id): title, description, owning team, target date, what
 * must hold (rules from the catalog, categories, or a minimum score) and
 * which entities it covers. It checks what the API checks before sending,
 * and shows the API's message when it refuses.
 * @public
 */
export function CampaignForm(props: CampaignFormProps) {
  const { campaign, rules, categories, onSaved, cancelLink } = props;
  const api = useApi(readinessApiRef);
  const suggestions = useCampaignSuggestions();
  const mode = campaign ? 'edit' : 'create';
  const [values, setValues] = useState<CampaignFormValues>(() =>
    campaign ? campaignFormValues(campaign) : emptyCampaignForm(),
  );
  const [attempted, setAttempted] = useState(false);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const today = utcToday();

  const ruleById = useMemo(() => new Map(rules.map(r => [r.id, r])), [rules]);
  const categoryById = useMemo(
    () => new Map(categories.map(c => [c.id as string, c])),
    [categories],
  );
  const ruleOptions = useMemo(() => {
    const order = new Map(categories.map((c, i) => [c.id as string, i]));
    return rules
      .filter(rule => !rule.deprecated)
      .sort(
        (a, b) =>
          (order.get(a.category) ?? order.size) -
            (order.get(b.category) ?? order.size) ||
          a.title.localeCompare(b.title),
      )
      .map(rule => rule.id);
  }, [rules, categories]);

  const errors: CampaignFormErrors = validateCampaignForm(values, {
    mode,
    today,
    originalTargetDate: campaign?.targetDate,
    ruleIds: new Set(ruleById.keys()),
    categoryIds: new Set(categoryById.keys()),
  });
  const shown = (key: keyof CampaignFormErrors) =>
    attempted || touched.has(key) ? errors[key] : undefined;
  const touch = (key: keyof CampaignFormErrors) =>
    setTouched(previous => new Set(previous).add(key));
  const set = <K extends keyof CampaignFormValues>(
    key: K,
    value: CampaignFormValues[K],
  ) => setValues(previous => ({ ...previous, [key]: value }));

  const [saving, save] = useAsyncFn(async () => {
    const saved = campaign
      ? await api.updateCampaign(
          campaign.id,
          campaignUpdateBody(values, campaign),
        )
      : await api.createCampaign(campaignCreateBody(values));
    onSaved(saved);
    return saved;
  }, [api, campaign, values, onSaved]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (Object.keys(errors).length > 0) return;
    save();
  };

  const ruleLabel = (id: string) => {
    const rule = ruleById.get(id);
    return rule ? `${rule.title} (${id})` : id;
  };
  const categoryLabel = (id: string) => {
    const category = categoryById.get(id);
    if (!category) return id;
    return category.custom ? `${category.title} (custom)` : category.title;
  };
  const annotations = Object.entries(campaign?.scope.annotations ?? {});

  let requirementInput: JSX.Element | null = null;
  if (values.requirementKind === 'rules') {
    requirementInput = (
      <Autocomplete<string, true, false, false>
        id="campaign-rules"
        multiple
        filterSelectedOptions
        options={ruleOptions}
        value={values.rules}
        getOptionLabel={ruleLabel}
        groupBy={id =>
          categoryLabel(ruleById.get(id)?.category ?? 'Other rules')
        }
        onChange={(_event, next) => set('rules', next)}
        onBlur={() => touch('requirement')}
        renderInput={params => (
          <TextField
            {...params}
            label="Rules"
            variant="outlined"
            size="small"
            helperText="Each must pass (or not apply, or be waived)"
          />
        )}
      />
    );
  } else if (values.requirementKind === 'categories') {
    requirementInput = (
      <Autocomplete<string, true, false, false>
        id="campaign-categories"
        multiple
        filterSelectedOptions
        options={categories.map(c => c.id as string)}
        value={values.categories}
        getOptionLabel={categoryLabel}
        onChange={(_event, next) => set('categories', next)}
        onBlur={() => touch('requirement')}
        renderInput={params => (
          <TextField
            {...params}
            label="Categories"
            variant="outlined"
            size="small"
            helperText="Every rule of each must pass (or not apply, or be waived)"
          />
        )}
      />
    );
  } else if (values.requirementKind === 'minScore') {
    requirementInput = (
      <TextField
        id="campaign-min-score"
        label="Minimum score"
        type="number"
        variant="outlined"
        size="small"
        value={values.minScore}
        inputProps={{ min: 0, max: 100, step: 1 }}
        onChange={event => set('minScore', event.target.value)}
        onBlur={() => touch('requirement')}
        helperText="The overall score, 0 to 100"
      />
    );
  }

  return (
    <InfoCard
      title={campaign ? `Edit campaign ${campaign.title}` : 'New campaign'}
      subheader={campaign ? `Campaign ${campaign.id}` : undefined}
    >
      <form
        noValidate
        onSubmit={onSubmit}
        aria-label={campaign ? 'Edit campaign' : 'New campaign'}
      >
        <Grid container spacing={3}>
          {mode === 'create' && (
            <Grid item xs={12} md={6}>
              <TextField
                id="campaign-id"
                label="Id"
                required
                fullWidth
                variant="outlined"
                size="small"
                value={values.id}
                onChange={event => set('id', event.target.value)}
                onBlur={() => touch('id')}
                error={Boolean(shown('id'))}
                helperText={
                  shown('id') ??
                  'Lower-case letters, digits and dashes; it names the campaign in links and cannot change'
                }
              />
            </Grid>
          )}
          <Grid item xs={12} md={mode === 'create' ? 6 : 12}>
            <TextField
              id="campaign-title"
              label="Title"
              required
              fullWidth
              variant="outlined"
              size="small"
              value={values.title}
              onChange={event => set('title', event.target.value)}
              onBlur={() => touch('title')}
              error={Boolean(shown('title'))}
              helperText={shown('title')}
            />
          </Grid>
          <Grid item xs={12}>
            <TextField
              id="campaign-description"
              label="Description"
              fullWidth
              multiline
              minRows={2}
              variant="outlined"
              size="small"
              value={values.description}
              onChange={event => set('description', event.target.value)}
              onBlur={() => touch('description')}
              error={Boolean(shown('description'))}
              helperText={shown('description') ?? 'One paragraph'}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <Autocomplete<string, false, false, true>
              id="campaign-owner"
              freeSolo
              options={suggestions.groups}
              // Both controlled: the typed text is the value.
              value={values.owner}
              onChange={(_event, next) => set('owner', next ?? '')}
              inputValue={values.owner}
              onInputChange={(_event, next) => set('owner', next)}
              onBlur={() => touch('owner')}
              renderInput={params => (
                <TextField
                  {...params}
                  label="Owning team"
                  required
                  variant="outlined"
                  size="small"
                  error={Boolean(shown('owner'))}
                  helperText={
                    shown('owner') ??
                    'A group ref, e.g. group:default/platform; a bare name is a group of default'
                  }
                />
              )}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <TextField
              id="campaign-target-date"
              label="Target date"
              type="date"
              required
              fullWidth
              variant="outlined"
              size="small"
              InputLabelProps={{ shrink: true }}
              inputProps={{ min: today }}
              value={values.targetDate}
              onChange={event => set('targetDate', event.target.value)}
              onBlur={() => touch('targetDate')}
              error={Boolean(shown('targetDate'))}
              helperText={shown('targetDate') ?? 'The day it must hold by'}
            />
          </Grid>
          <Grid item xs={12}>
            <FormControl
              component="fieldset"
              error={Boolean(shown('requirement'))}
              fullWidth
            >
              <FormLabel component="legend">What must hold</FormLabel>
              <RadioGroup
                row
                aria-label="What must hold"
                value={values.requirementKind}
                onChange={event =>
                  set(
                    'requirementKind',
                    event.target.value as CampaignRequirementKind,
                  )
                }
              >
                {REQUIREMENT_KINDS.map(kind => (
                  <FormControlLabel
                    key={kind.value}
                    value={kind.value}
                    control={<Radio color="primary" />}
                    label={kind.label}
                  />
                ))}
              </RadioGroup>
              {requirementInput && <Box mt={1}>{requirementInput}</Box>}
              {shown('requirement') && (
                <FormHelperText>{shown('requirement')}</FormHelperText>
              )}
            </FormControl>
          </Grid>
          <Grid item xs={12}>
            <FormLabel component="legend">Which entities it covers</FormLabel>
            <Typography variant="body2" color="textSecondary">
              Every field given must match, and a field matches any of its
              values (type and press Enter to add one). With none, the campaign
              covers every audited entity.
            </Typography>
          </Grid>
          {CAMPAIGN_SCOPE_FIELDS.map(field => {
            const meta = SCOPE_LABELS[field];
            const key = `scope.${field}` as const;
            return (
              <Grid item xs={12} md={6} key={field}>
                <ValuesField
                  id={`campaign-scope-${field}`}
                  label={meta.label}
                  hint={meta.hint}
                  values={values.scope[field]}
                  options={suggestions[meta.suggestions]}
                  error={shown(key)}
                  onChange={next =>
                    set('scope', { ...values.scope, [field]: next })
                  }
                  onBlur={() => touch(key)}
                />
              </Grid>
            );
          })}
          {annotations.length > 0 && (
            <Grid item xs={12}>
              <Typography variant="body2" color="textSecondary">
                It also covers only entities with the annotations{' '}
                {annotations
                  .map(([name, value]) =>
                    value === true ? name : `${name}=${value}`,
                  )
                  .join(', ')}
                ; they are kept as they are (change them through the API).
              </Typography>
            </Grid>
          )}
          {saving.error && (
            <Grid item xs={12}>
              <Alert severity="error" role="alert">
                The campaign could not be saved: {errorMessage(saving.error)}
              </Alert>
            </Grid>
          )}
          {attempted && Object.keys(errors).length > 0 && (
            <Grid item xs={12}>
              <Typography variant="body2" color="error">
                Correct the fields marked above.
              </Typography>
            </Grid>
          )}
          <Grid item xs={12}>
            <Box display="flex" gridGap={8}>
              <Button
                type="submit"
                variant="contained"
                color="primary"
                disabled={saving.loading}
              >
                {campaign ? 'Save changes' : 'Create campaign'}
              </Button>
              <LinkButton to={cancelLink} variant="outlined">
                Cancel
              </LinkButton>
            </Box>
          </Grid>
        </Grid>
      </form>
    </InfoCard>
  );
}
