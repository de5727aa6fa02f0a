import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { READINESS_SOURCE_ANNOTATION } from '@readiness/backstage-plugin-readiness-common';
import { dirname, isAbsolute, resolve } from 'node:path';
import { SourceError } from './SourceError';
import { withoutServerPaths } from './userPaths';

/** Where an entity's repository lives. @public */
export type SourceLocation =
  | { type: 'url'; target: string; annotation: string }
  /**
   * `path` is absolute but not yet checked against the allow-list; `written`
   * is the annotation's value, for messages.
   */
  | { type: 'dir'; path: string; annotation: string; written: string };

/**
 * Reads the repository location of an entity: `readiness.dev/source-location`
 * first, then `backstage.io/source-location`. Relative `dir:`/`file:` targets
 * resolve against the directory of the entity's own `file:` location.
 * @public
 */
export function resolveSourceLocation(entity: Entity): SourceLocation {
  const annotations = entity.metadata.annotations ?? {};
  const annotation = annotations[READINESS_SOURCE_ANNOTATION]
    ? READINESS_SOURCE_ANNOTATION
    : ANNOTATION_SOURCE_LOCATION;
  const value = annotations[annotation];
  if (!value) {
    throw new SourceError(
      'no-location',
      `The entity has no ${READINESS_SOURCE_ANNOTATION} or ${ANNOTATION_SOURCE_LOCATION} annotation, so there is no repository to audit`,
    );
  }
  let ref: { type: string; target: string };
  try {
    ref = parseLocationRef(value.trim());
  } catch (e) {
    throw new SourceError(
      'unsupported',
      `The ${annotation} annotation '${withoutServerPaths(
        value,
      )}' is not a location reference such as url:https://… or dir:./path`,
    );
  }
  if (ref.type === 'url') {
    return { type: 'url', target: ref.target, annotation };
  }
  if (ref.type !== 'dir' && ref.type !== 'file') {
    throw new SourceError(
      'unsupported',
      `The ${annotation} annotation has location type '${ref.type}'; only url:, dir: and file: are supported`,
    );
  }
  const written = `${ref.type}:${ref.target}`;
  if (isAbsolute(ref.target)) {
    return { type: 'dir', path: resolve(ref.target), annotation, written };
  }
  const managedBy = annotations[ANNOTATION_LOCATION];
  let base: string | undefined;
  if (managedBy) {
    try {
      const location = parseLocationRef(managedBy);
      if (location.type === 'file' && isAbsolute(location.target)) {
        base = dirname(location.target);
      }
    } catch {
      base = undefined;
    }
  }
  if (!base) {
    throw new SourceError(
      'unsupported',
      `The relative ${annotation} '${value}' can only be resolved for entities registered from a file: location`,
    );
  }
  return {
    type: 'dir',
    path: resolve(base, ref.target),
    annotation,
    written,
  };
}
