import { parseStatementDate } from '../../calendar.js';
import type { StatementRecord } from '../../records/dataset.js';
import type { StatementFilter } from './statements.repository.js';

/**
 * Whether a statement record matches a filter, in memory, with the same meaning as
 * the repository's Cypher (statements.repository.ts matchStatements): a given list,
 * even empty, must contain the value; dates compare the covered range (WITHIN: the
 * whole range in [from, to]; OVERLAPS: any day of it); text is a case-insensitive
 * substring. `speakingAs` depends on the speaker's posts, which a record does not
 * carry: such a filter answers 'ask-database' when everything else matches.
 * Live events and webhooks match with this, so a write never waits on a query.
 */
export function matchStatement(
  filter: StatementFilter,
  s: StatementRecord,
): boolean | 'ask-database' {
  const f = filter;
  const anyOf = (list: readonly string[] | null | undefined, values: readonly string[]) =>
    list == null || values.some((v) => list.includes(v));
  // With includeRepresentatives a statement may count for an actor through a post held on
  // its date, which a record does not carry: the database answers unless it matches plainly.
  let speakerMatch: boolean | 'ask-database' = true;
  if (f.speakerIds != null) {
    const ids = f.speakerIds;
    speakerMatch =
      s.speakers.some((id) => ids.includes(id)) ||
      (f.includeRepresentatives === true &&
        (s.onBehalfOf !== undefined && ids.includes(s.onBehalfOf) ? true : 'ask-database'));
    if (speakerMatch === false) return false;
  }
  if (
    (f.aboutIds != null || f.stances != null) &&
    !s.about.some(
      (a) =>
        (f.aboutIds == null || f.aboutIds.includes(a.target)) &&
        (f.stances == null || f.stances.includes(a.stance)),
    )
  )
    return false;
  if (!anyOf(f.mentionIds, s.mentions)) return false;
  if (!anyOf(f.topicIds, s.topics)) return false;
  if (f.meetingIds != null && !(s.meeting !== undefined && f.meetingIds.includes(s.meeting)))
    return false;
  if (
    !anyOf(
      f.sourceIds,
      s.sources.map((x) => x.source),
    )
  )
    return false;
  if (f.kinds != null && !f.kinds.includes(s.kind)) return false;
  if (f.verification != null && !f.verification.includes(s.verification)) return false;
  if (f.minConfidence != null && !(s.confidence >= f.minConfidence)) return false;
  if (f.from || f.to) {
    const date = parseStatementDate(s.date);
    if (!date) return false;
    const overlaps = f.dateMatch === 'OVERLAPS';
    if (f.from && (overlaps ? date.end < f.from : date.start < f.from)) return false;
    if (f.to && (overlaps ? date.start > f.to : date.end > f.to)) return false;
  }
  if (f.text && !s.text.toLowerCase().includes(f.text.toLowerCase())) return false;
  return f.speakingAs ? 'ask-database' : speakerMatch;
}
