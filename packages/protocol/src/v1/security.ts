import { z } from 'zod';
import type { OAuthFlows, SecurityScheme } from '../agent-card.ts';
import { definedOf, nonEmpty } from './proto-json.ts';

const ScopesSchema = z.record(z.string(), z.string());

/**
 * 1.0 OAuth flows: a `oneof`, so one flow per scheme. `implicit` and `password` are deprecated in
 * 1.0 but still read; `deviceCode` is new.
 */
export const V1OAuthFlowsSchema = z.object({
  authorizationCode: z
    .object({
      authorizationUrl: z.string(),
      tokenUrl: z.string(),
      refreshUrl: z.string().optional(),
      scopes: ScopesSchema.default({}),
      pkceRequired: z.boolean().optional(),
    })
    .optional(),
  clientCredentials: z
    .object({ tokenUrl: z.string(), refreshUrl: z.string().optional(), scopes: ScopesSchema.default({}) })
    .optional(),
  implicit: z
    .object({ authorizationUrl: z.string(), refreshUrl: z.string().optional(), scopes: ScopesSchema.default({}) })
    .optional(),
  password: z
    .object({ tokenUrl: z.string(), refreshUrl: z.string().optional(), scopes: ScopesSchema.default({}) })
    .optional(),
  deviceCode: z
    .object({
      deviceAuthorizationUrl: z.string(),
      tokenUrl: z.string(),
      refreshUrl: z.string().optional(),
      scopes: ScopesSchema.default({}),
    })
    .optional(),
});
export type V1OAuthFlows = z.infer<typeof V1OAuthFlowsSchema>;

/**
 * A 1.0 security scheme: discriminated by which member is present (a proto `oneof`), where 0.3
 * used `type`. An API key's `in` is called `location`.
 */
export const V1SecuritySchemeSchema = z.object({
  apiKeySecurityScheme: z
    .object({ description: z.string().optional(), location: z.string(), name: z.string() })
    .optional(),
  httpAuthSecurityScheme: z
    .object({ description: z.string().optional(), scheme: z.string(), bearerFormat: z.string().optional() })
    .optional(),
  oauth2SecurityScheme: z
    .object({ description: z.string().optional(), flows: V1OAuthFlowsSchema, oauth2MetadataUrl: z.string().optional() })
    .optional(),
  openIdConnectSecurityScheme: z
    .object({ description: z.string().optional(), openIdConnectUrl: z.string() })
    .optional(),
  mtlsSecurityScheme: z.object({ description: z.string().optional() }).optional(),
});
export type V1SecurityScheme = z.infer<typeof V1SecuritySchemeSchema>;

/** A 1.0 security requirement: scheme names mapped to scope lists. */
export const V1SecurityRequirementSchema = z.object({
  schemes: z.record(z.string(), z.object({ list: z.array(z.string()).default([]) })).default({}),
});
export type V1SecurityRequirement = z.infer<typeof V1SecurityRequirementSchema>;

/** 0.3 `{ scheme: scopes }` → 1.0 `{ schemes: { scheme: { list: scopes } } }`. */
export function toV1SecurityRequirement(requirement: Record<string, string[]>): V1SecurityRequirement {
  return {
    schemes: Object.fromEntries(Object.entries(requirement).map(([name, scopes]) => [name, { list: [...scopes] }])),
  };
}

/** 1.0 → 0.3 security requirement. */
export function fromV1SecurityRequirement(requirement: V1SecurityRequirement): Record<string, string[]> {
  return Object.fromEntries(Object.entries(requirement.schemes).map(([name, scopes]) => [name, [...scopes.list]]));
}

const described = (description: string | undefined) => definedOf({ description: nonEmpty(description) });

/**
 * A 0.3 scheme as 1.0 writes it. 0.3 may list several OAuth flows; 1.0 holds one, so the first of
 * authorizationCode, clientCredentials, implicit, password is kept (as a2a-js does).
 */
export function toV1SecurityScheme(scheme: SecurityScheme): V1SecurityScheme {
  switch (scheme.type) {
    case 'apiKey':
      return { apiKeySecurityScheme: { ...described(scheme.description), location: scheme.in, name: scheme.name } };
    case 'http':
      return {
        httpAuthSecurityScheme: {
          ...described(scheme.description),
          scheme: scheme.scheme,
          ...definedOf({ bearerFormat: nonEmpty(scheme.bearerFormat) }),
        },
      };
    case 'oauth2':
      return {
        oauth2SecurityScheme: {
          ...described(scheme.description),
          flows: toV1OAuthFlows(scheme.flows),
          ...definedOf({ oauth2MetadataUrl: nonEmpty(scheme.oauth2MetadataUrl) }),
        },
      };
    case 'openIdConnect':
      return {
        openIdConnectSecurityScheme: { ...described(scheme.description), openIdConnectUrl: scheme.openIdConnectUrl },
      };
    case 'mutualTLS':
      return { mtlsSecurityScheme: described(scheme.description) };
  }
}

function toV1OAuthFlows(flows: OAuthFlows): V1OAuthFlows {
  if (flows.authorizationCode) return { authorizationCode: flows.authorizationCode };
  if (flows.clientCredentials) return { clientCredentials: flows.clientCredentials };
  if (flows.implicit) return { implicit: flows.implicit };
  if (flows.password) return { password: flows.password };
  return {};
}

/**
 * A 1.0 scheme in our model, or undefined for a scheme with no member (nothing to say). A
 * `deviceCode` flow has no 0.3 counterpart and is dropped; `pkceRequired` likewise.
 */
export function fromV1SecurityScheme(scheme: V1SecurityScheme): SecurityScheme | undefined {
  if (scheme.apiKeySecurityScheme) {
    const { location, name, description } = scheme.apiKeySecurityScheme;
    const where = location === 'cookie' || location === 'header' || location === 'query' ? location : 'header';
    return { type: 'apiKey', in: where, name, ...described(description) };
  }
  if (scheme.httpAuthSecurityScheme) {
    const { scheme: name, bearerFormat, description } = scheme.httpAuthSecurityScheme;
    return {
      type: 'http',
      scheme: name,
      ...definedOf({ bearerFormat: nonEmpty(bearerFormat) }),
      ...described(description),
    };
  }
  if (scheme.oauth2SecurityScheme) {
    const { flows, oauth2MetadataUrl, description } = scheme.oauth2SecurityScheme;
    const { authorizationCode, clientCredentials, implicit, password } = flows;
    const code = authorizationCode && {
      authorizationUrl: authorizationCode.authorizationUrl,
      tokenUrl: authorizationCode.tokenUrl,
      scopes: authorizationCode.scopes,
      ...definedOf({ refreshUrl: nonEmpty(authorizationCode.refreshUrl) }),
    };
    return {
      type: 'oauth2',
      flows: definedOf({ authorizationCode: code, clientCredentials, implicit, password }),
      ...definedOf({ oauth2MetadataUrl: nonEmpty(oauth2MetadataUrl) }),
      ...described(description),
    };
  }
  if (scheme.openIdConnectSecurityScheme) {
    const { openIdConnectUrl, description } = scheme.openIdConnectSecurityScheme;
    return { type: 'openIdConnect', openIdConnectUrl, ...described(description) };
  }
  if (scheme.mtlsSecurityScheme) return { type: 'mutualTLS', ...described(scheme.mtlsSecurityScheme.description) };
  return undefined;
}
