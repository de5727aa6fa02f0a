import { dirname, isLowConfidencePath } from '../../facts';

/**
 * Whether a file sits in a test, fixture, docs or example folder. Unlike
 * `isLowConfidencePath` it does not count a `.txt` or `.md` name against the
 * file, so `requirements.txt` at the root is a real manifest.
 */
export function inLowConfidenceFolder(path: string): boolean {
  const dir = dirname(path);
  return isLowConfidencePath(dir ? `${dir}/file.js` : 'file.js');
}
