import { randomUUID } from 'node:crypto';

/** Calls a unary JSON-RPC method of the agent at `url`; returns its result, throws its error. */
export async function callRpc(url: string, method: string, params: unknown): Promise<unknown> {
  const response = await fetch(`${url}/a2a`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: randomUUID(), method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { code: number; message: string } };
  if (body.error) throw new Error(`${method} failed (${body.error.code}): ${body.error.message}`);
  return body.result;
}
