import { z } from 'zod';

const ScopesSchema = z.record(z.string(), z.string());

/** OAuth 2.0 flows an agent accepts (OpenAPI 3 style). */
export const OAuthFlowsSchema = z.object({
  authorizationCode: z
    .object({
      authorizationUrl: z.string(),
      tokenUrl: z.string(),
      refreshUrl: z.string().optional(),
      scopes: ScopesSchema,
    })
    .optional(),
  clientCredentials: z
    .object({ tokenUrl: z.string(), refreshUrl: z.string().optional(), scopes: ScopesSchema })
    .optional(),
  implicit: z
    .object({ authorizationUrl: z.string(), refreshUrl: z.string().optional(), scopes: ScopesSchema })
    .optional(),
  password: z.object({ tokenUrl: z.string(), refreshUrl: z.string().optional(), scopes: ScopesSchema }).optional(),
});
export type OAuthFlows = z.infer<typeof OAuthFlowsSchema>;

/** How a client authenticates to an agent, discriminated on `type`. */
export const SecuritySchemeSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('apiKey'),
    in: z.enum(['cookie', 'header', 'query']),
    name: z.string(),
    description: z.string().optional(),
  }),
  z.object({
    type: z.literal('http'),
    scheme: z.string(),
    bearerFormat: z.string().optional(),
    description: z.string().optional(),
  }),
  z.object({
    type: z.literal('oauth2'),
    flows: OAuthFlowsSchema,
    oauth2MetadataUrl: z.string().optional(),
    description: z.string().optional(),
  }),
  z.object({
    type: z.literal('openIdConnect'),
    openIdConnectUrl: z.string(),
    description: z.string().optional(),
  }),
  z.object({ type: z.literal('mutualTLS'), description: z.string().optional() }),
]);
export type SecurityScheme = z.infer<typeof SecuritySchemeSchema>;

/** Security requirements: a list of alternatives, each naming schemes and their scopes. */
export const SecurityRequirementsSchema = z.array(z.record(z.string(), z.array(z.string())));

/** A protocol extension the agent supports. */
export const AgentExtensionSchema = z.object({
  uri: z.string().min(1),
  description: z.string().optional(),
  required: z.boolean().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type AgentExtension = z.infer<typeof AgentExtensionSchema>;

/** Optional features the agent supports. */
export const AgentCapabilitiesSchema = z.object({
  streaming: z.boolean().optional(),
  pushNotifications: z.boolean().optional(),
  stateTransitionHistory: z.boolean().optional(),
  extensions: z.array(AgentExtensionSchema).optional(),
});
export type AgentCapabilities = z.infer<typeof AgentCapabilitiesSchema>;

/** One thing the agent can do; orchestrators route by its tags, examples and description. */
export const AgentSkillSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().min(1),
  tags: z.array(z.string()),
  examples: z.array(z.string()).optional(),
  inputModes: z.array(z.string()).optional(),
  outputModes: z.array(z.string()).optional(),
  security: SecurityRequirementsSchema.optional(),
});
export type AgentSkill = z.infer<typeof AgentSkillSchema>;

/** Transports the spec names; others are allowed as plain strings. */
export const TransportProtocolSchema = z.union([z.enum(['JSONRPC', 'GRPC', 'HTTP+JSON']), z.string()]);

/** A URL and the transport served there. */
export const AgentInterfaceSchema = z.object({ url: z.string(), transport: TransportProtocolSchema });
export type AgentInterface = z.infer<typeof AgentInterfaceSchema>;

/** The organization behind an agent. */
export const AgentProviderSchema = z.object({ organization: z.string(), url: z.string() });

/** A JWS signature over the card. */
export const AgentCardSignatureSchema = z.object({
  protected: z.string(),
  signature: z.string(),
  header: z.record(z.string(), z.unknown()).optional(),
});

/** The self-description an agent publishes at `/.well-known/agent-card.json`. */
export const AgentCardSchema = z.object({
  protocolVersion: z.string().min(1),
  name: z.string().min(1),
  description: z.string().min(1),
  url: z.string().regex(/^https?:\/\//, 'an http(s) URL'),
  version: z.string().min(1),
  capabilities: AgentCapabilitiesSchema,
  defaultInputModes: z.array(z.string().min(1)),
  defaultOutputModes: z.array(z.string().min(1)),
  skills: z.array(AgentSkillSchema),
  preferredTransport: TransportProtocolSchema.optional(),
  additionalInterfaces: z.array(AgentInterfaceSchema).optional(),
  iconUrl: z.string().optional(),
  provider: AgentProviderSchema.optional(),
  documentationUrl: z.string().optional(),
  securitySchemes: z.record(z.string(), SecuritySchemeSchema).optional(),
  security: SecurityRequirementsSchema.optional(),
  supportsAuthenticatedExtendedCard: z.boolean().optional(),
  signatures: z.array(AgentCardSignatureSchema).optional(),
});
export type AgentCard = z.infer<typeof AgentCardSchema>;
