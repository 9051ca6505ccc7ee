/**
 * How long each kind of id may be, decided in one place. Ids are made of smaller ids (a
 * cycle id holds its survey's code and its period, a task id its cycle's id and its unit's),
 * so the longest of each is computed from its parts. The API's path parameters accept exactly
 * these lengths, and the HTTP router's parameter limit is set from the longest of them, so
 * every id the system can create works on every route.
 */

/** A survey's code, which is also its id: `LFS`, `VHLSS_2026`. */
export const SURVEY_CODE_MAX = 20;
export const SURVEY_CODE_PATTERN = new RegExp(`^[A-Z][A-Z0-9_]{1,${SURVEY_CODE_MAX - 1}}$`);

/** A cycle's period: `2026-11`, `2026-Q4`, `2029-census`. */
export const PERIOD_MAX = 30;
export const PERIOD_PATTERN = new RegExp(`^[0-9A-Za-z][0-9A-Za-z_-]{2,${PERIOD_MAX - 1}}$`);

/** The random suffix of a cycle launched by hand (a scheduled cycle has none). */
export const CYCLE_SUFFIX_LENGTH = 6;

/** `<survey code>-<period>-<suffix>`. */
export const CYCLE_ID_MAX = SURVEY_CODE_MAX + 1 + PERIOD_MAX + 1 + CYCLE_SUFFIX_LENGTH;

/** A unit of the frame, as the office numbers it. */
export const UNIT_ID_MAX = 64;
export const UNIT_ID_PATTERN = new RegExp(`^[A-Za-z0-9_-]{1,${UNIT_ID_MAX}}$`);

/** `<cycle id>.<unit id>`. */
export const TASK_ID_MAX = CYCLE_ID_MAX + 1 + UNIT_ID_MAX;

/** A user's login name, which is also the account's id. */
export const USERNAME_MAX = 40;
export const USERNAME_PATTERN = new RegExp(`^[a-z0-9][a-z0-9._-]{1,${USERNAME_MAX - 1}}$`);

/** An area's code: two digits for a province, five for a commune. */
export const AREA_CODE_MAX = 16;

/** The longest stream name: a task's (`task-<task id>`); the others are shorter. */
export const STREAM_NAME_MAX = 'task-'.length + TASK_ID_MAX;

/** What a path parameter may hold: the longest id of any kind. */
export const PATH_PARAM_MAX = Math.max(CYCLE_ID_MAX, TASK_ID_MAX, SURVEY_CODE_MAX, USERNAME_MAX, AREA_CODE_MAX, STREAM_NAME_MAX);
