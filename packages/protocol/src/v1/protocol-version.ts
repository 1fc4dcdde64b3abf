/** The A2A versions our agents speak, as 1.0 writes versions (Major.Minor). */
export type ProtocolVersion = '0.3' | '1.0';

/** Every version we speak, preferred first. */
export const supportedProtocolVersions: readonly ProtocolVersion[] = ['1.0', '0.3'];

/** The HTTP header a 1.0 client names its version in (1.0 §3.2.6). */
export const protocolVersionHeader = 'A2A-Version';

/**
 * The version an `A2A-Version` header asks for, or undefined when we do not speak it. An absent or
 * empty header means 0.3 (1.0 §3.2.6: clients that predate the header). A patch level is ignored
 * (`1.0.1` is 1.0), and so is a missing minor (`1` is 1.0).
 */
export function negotiateProtocolVersion(header: string | undefined): ProtocolVersion | undefined {
  const value = header?.trim() ?? '';
  if (value === '') return '0.3';
  const match = /^(\d+)(?:\.(\d+))?(?:\.\d+)?$/.exec(value);
  if (!match) return undefined;
  const version = `${Number(match[1])}.${Number(match[2] ?? 0)}`;
  return supportedProtocolVersions.find((supported) => supported === version);
}
