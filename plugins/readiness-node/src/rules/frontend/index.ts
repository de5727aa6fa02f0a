import { ReadinessRule } from '../types';
import missingQualityScripts from './missing-quality-scripts';
import noErrorBoundary from './no-error-boundary';
import renderBlockingFonts from './render-blocking-fonts';

/** The built-in frontend rules. */
export const frontendRules: ReadinessRule[] = [
  missingQualityScripts,
  noErrorBoundary,
  renderBlockingFonts,
];
