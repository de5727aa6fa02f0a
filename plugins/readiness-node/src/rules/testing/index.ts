import { ReadinessRule } from '../types';
import lowTestRatio from './low-test-ratio';
import noCoverageConfig from './no-coverage-config';
import noFrontendTests from './no-frontend-tests';
import noTests from './no-tests';
import placeholderTestScript from './placeholder-test-script';

/** The built-in testing rules. */
export const testingRules: ReadinessRule[] = [
  noTests,
  lowTestRatio,
  noFrontendTests,
  placeholderTestScript,
  noCoverageConfig,
];
