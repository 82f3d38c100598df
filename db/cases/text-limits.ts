/**
 * How long a case's inputs may be, in characters or items: what the work needs, with room to spare.
 * The GraphQL transport refuses longer inputs before any SQL runs (schema/input-limits.ts); texts not
 * listed here (reasons, notes, instructions) get its default of 2,000 characters.
 */
export const caseInputLimits = {
  /** 诉求内容: a letter's full text. */
  content: 10_000,
  /** 处理意见、复查/复核意见、听证情况: a written decision. */
  decision: 10_000,
  /** Search text in number, title or content (titles are at most 100). */
  search: 100,
  /** A case number: division code (≤ 21) - year - sequence. */
  number: 40,
  /** Query codes are 8 characters. */
  queryCode: 20,
  /** Petitioners of one collective visit. */
  petitioners: 500,
} as const;
