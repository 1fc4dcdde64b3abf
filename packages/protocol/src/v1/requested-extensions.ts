/**
 * The HTTP header a 1.0 client lists the extensions it wants in (comma-separated URIs); 0.3
 * called it `X-A2A-Extensions`. A server answers with the same header naming those it activated.
 */
export const extensionsHeader = 'A2A-Extensions';

/** The 0.3 name of {@link extensionsHeader}. */
export const legacyExtensionsHeader = 'X-A2A-Extensions';

/** The extension URIs an `A2A-Extensions` value lists, without blanks or repeats. */
export function requestedExtensions(header: string | undefined): string[] {
  if (!header) return [];
  return [
    ...new Set(
      header
        .split(',')
        .map((uri) => uri.trim())
        .filter((uri) => uri !== ''),
    ),
  ];
}
