import { ReadinessRule } from '../types';
import composeNoHealthcheck from './compose-no-healthcheck';
import composePlaintextSecrets from './compose-plaintext-secrets';
import composeSourceBindMount from './compose-source-bind-mount';
import dockerfileNoHealthcheck from './dockerfile-no-healthcheck';
import dockerfileRunsAsRoot from './dockerfile-runs-as-root';
import missingDockerignore from './missing-dockerignore';
import missingEnvExample from './missing-env-example';
import noBackupStrategy from './no-backup-strategy';
import runtimeVersionMismatch from './runtime-version-mismatch';
import unpinnedBaseImage from './unpinned-base-image';

/** The built-in infrastructure rules. */
export const infrastructureRules: ReadinessRule[] = [
  dockerfileRunsAsRoot,
  composePlaintextSecrets,
  dockerfileNoHealthcheck,
  missingDockerignore,
  unpinnedBaseImage,
  composeNoHealthcheck,
  missingEnvExample,
  composeSourceBindMount,
  runtimeVersionMismatch,
  noBackupStrategy,
];
