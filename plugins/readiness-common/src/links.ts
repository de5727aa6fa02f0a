import { SourceLinks } from './api';

/**
 * The SCM URL of a file and line of a scorecard's findings, or undefined
 * without links.
 * @public
 */
export function sourceUrlOf(
  links: SourceLinks | null | undefined,
  path: string,
  line?: number,
): string | undefined {
  if (!links) return undefined;
  const encoded = path
    .split('/')
    .filter(segment => segment !== '' && segment !== '.' && segment !== '..')
    .map(segment => encodeURIComponent(segment))
    .join('/');
  const anchor =
    line !== undefined && line > 0 ? `${links.lineAnchor}${line}` : '';
  return `${links.base}${encoded}${anchor}`;
}
