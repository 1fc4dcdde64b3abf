const levels: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const skipped = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg', 'v']);

/**
 * One log line as a person reads it: `12:00:01 knowledge  info  task started taskId=… `.
 * pino's JSON lines are unpacked; anything else (a banner, a stack) passes through, prefixed.
 */
export function readableLogLine(service: string, line: string, width = 12): string {
  const name = service.padEnd(width);
  if (!line.startsWith('{')) return `${name} ${line}`;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `${name} ${line}`;
  }
  const time = typeof record.time === 'number' ? new Date(record.time).toISOString().slice(11, 19) : '';
  const level = levels[Number(record.level)] ?? String(record.level ?? '');
  const fields = Object.entries(record)
    .filter(([key]) => !skipped.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${time} ${name} ${level.padEnd(5)} ${String(record.msg ?? '')}${fields ? `  ${fields}` : ''}`;
}
