import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { GatewayError, sendError } from './gateway-error.ts';
import { contextOf } from './request-context.ts';

/**
 * The API keys (bearer tokens) the gateway accepts. Keys are kept and compared as SHA-256
 * digests: equal lengths make `timingSafeEqual` usable, and every key is compared, without
 * stopping at a match, so the time taken says nothing about any key.
 */
export class ApiKeys {
  readonly #digests: readonly Buffer[];

  constructor(keys: readonly string[]) {
    this.#digests = keys.filter((key) => key !== '').map(digest);
  }

  /** Whether any key is configured: without one, authentication is off. */
  get enabled(): boolean {
    return this.#digests.length > 0;
  }

  /** Whether `candidate` is one of the keys, in time independent of the keys. */
  matches(candidate: string): boolean {
    const given = digest(candidate);
    let found = false;
    for (const known of this.#digests) found = timingSafeEqual(given, known) || found;
    return found;
  }
}

/** Options of {@link identifyClient}. */
export interface IdentifyOptions {
  /**
   * Also accept the key as `?access_token=`: only for the events endpoint, because EventSource
   * cannot send headers, and URLs end up in logs and browser history.
   */
  queryToken?: boolean;
}

/**
 * Reads the request's credentials (`Authorization: Bearer <key>`, `X-API-Key`, and `?access_token=`
 * where allowed). A valid key identifies the client by its digest, for the rate and stream
 * limits; without one the client stays identified by its address. Rejects nothing itself: see
 * {@link requireApiKey}, which runs after the rate limit so that guessing keys is rate limited.
 */
export function identifyClient(keys: ApiKeys, options: IdentifyOptions = {}): RequestHandler {
  return (request, response, next) => {
    if (!keys.enabled) return next();
    const candidate = presentedKey(request, options.queryToken ?? false);
    if (candidate === undefined) return next();
    const context = contextOf(response);
    if (candidate !== '' && keys.matches(candidate)) {
      context.credential = 'valid';
      context.client = `key:${digest(candidate).toString('hex').slice(0, 16)}`;
    } else {
      context.credential = 'invalid';
    }
    next();
  };
}

/**
 * The key the request presents: a Bearer token, else `X-API-Key`, else (where allowed)
 * `?access_token=`. An `Authorization` header of another scheme with nothing else presents an
 * empty key, which is invalid, rather than none.
 */
function presentedKey(request: Request, queryToken: boolean): string | undefined {
  const authorization = request.get('authorization');
  const bearer = authorization === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  if (bearer !== undefined) return bearer;
  const header = request.get('x-api-key');
  if (header !== undefined) return header;
  const query = queryToken ? request.query.access_token : undefined;
  if (typeof query === 'string') return query;
  return authorization === undefined ? undefined : '';
}

/** Answers 401 unless keys are off or `identifyClient` found a valid one. */
export function requireApiKey(keys: ApiKeys, options: IdentifyOptions = {}): RequestHandler {
  const where = options.queryToken
    ? '`Authorization: Bearer <key>`, `X-API-Key: <key>` or `?access_token=<key>`'
    : '`Authorization: Bearer <key>` or `X-API-Key: <key>`';
  return (_request, response, next) => {
    if (!keys.enabled) return next();
    const { credential } = contextOf(response);
    if (credential === 'valid') return next();
    const message =
      credential === 'none'
        ? `This endpoint needs an API key: send it as ${where}`
        : `The API key is not valid: send a key from GATEWAY_API_KEYS as ${where}`;
    sendError(response, new GatewayError(401, 'unauthorized', message));
  };
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
