import { ReadinessRule } from '../types';
import envVarsUndocumented from './env-vars-undocumented';
import missingReadme from './missing-readme';
import noApiDocs from './no-api-docs';
import noChangelog from './no-changelog';
import noContributing from './no-contributing';
import noLicense from './no-license';
import noRunbook from './no-runbook';
import noSecurityPolicy from './no-security-policy';
import thinReadme from './thin-readme';

/** The built-in documentation rules. */
export const documentationRules: ReadinessRule[] = [
  missingReadme,
  thinReadme,
  noApiDocs,
  envVarsUndocumented,
  noLicense,
  noContributing,
  noChangelog,
  noSecurityPolicy,
  noRunbook,
];
