/** The SQLSTATE of a database error (pg and PGlite both put it in `code`), or '' for anything else. */
export function sqlState(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

/** A unique key was already taken (by a concurrent request, usually). */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}
