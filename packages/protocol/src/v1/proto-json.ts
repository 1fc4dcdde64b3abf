/**
 * ProtoJSON conventions shared by the 1.0 converters: a field that holds its default (`""`, an
 * empty list) is left out when written, and a reader treats `""` as unset.
 */

/** `""` as unset: both come out as absent. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** The members of `record` that are set (not undefined, not an empty list), to spread into a literal. */
export function definedOf<TRecord extends Record<string, unknown>>(record: TRecord): Partial<TRecord> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)),
  ) as Partial<TRecord>;
}
