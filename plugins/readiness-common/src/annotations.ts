/** Overrides `backstage.io/source-location` for the audited repository. @public */
export const READINESS_SOURCE_ANNOTATION = 'readiness.dev/source-location';
/** JSON list of `{ rule, reason, expires }` waivers for the entity. @public */
export const READINESS_WAIVERS_ANNOTATION = 'readiness.dev/waivers';
/** Label the catalog integration writes with the entity's band. @public */
export const READINESS_BAND_LABEL = 'readiness.dev/band';
/** Annotation the catalog integration writes with the entity's score. @public */
export const READINESS_SCORE_ANNOTATION = 'readiness.dev/score';
