export {
  OpenPullRequest,
  SuggestedChange,
  SuggestedChangesStatus,
} from './FixSuggestions';
