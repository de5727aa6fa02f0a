import type { Facts } from '../../../facts';
import { createFile, fixOf, RuleFix } from '../../../fixes/edits';
import { projectNameOf } from '../../../fixes/project';

/** A CHANGELOG.md in the Keep a Changelog layout, naming the project, with an Unreleased section. */
export function fixChangelog(facts: Facts): RuleFix | undefined {
  const name = projectNameOf(facts);
  const text = [
    '# Changelog',
    '',
    `All notable changes to ${name} are recorded here. The format follows Keep a Changelog`,
    '(https://keepachangelog.com/en/1.1.0/) and versions follow Semantic Versioning.',
    '',
    '## [Unreleased]',
    '',
    '### Added',
    '',
    `- CHANGELOG.md for ${name}.`,
    '',
  ].join('\n');
  return fixOf(`Add CHANGELOG.md for ${name}`, [createFile(facts, 'CHANGELOG.md', text)]);
}
