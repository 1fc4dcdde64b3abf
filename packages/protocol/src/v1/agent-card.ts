import { z } from 'zod';
import type { AgentCard, AgentExtension, AgentSkill, SecurityScheme } from '../agent-card.ts';
import { definedOf, nonEmpty } from './proto-json.ts';
import {
  V1SecurityRequirementSchema,
  V1SecuritySchemeSchema,
  fromV1SecurityRequirement,
  fromV1SecurityScheme,
  toV1SecurityRequirement,
  toV1SecurityScheme,
} from './security.ts';

/** Where and how an agent is served in 1.0: a URL, a binding (`JSONRPC`, …) and a version. */
export const V1AgentInterfaceSchema = z.object({
  url: z.string().min(1),
  protocolBinding: z.string().min(1),
  protocolVersion: z.string().default(''),
  tenant: z.string().optional(),
});
export type V1AgentInterface = z.infer<typeof V1AgentInterfaceSchema>;

/** A 1.0 extension declaration (the same fields as 0.3). */
export const V1AgentExtensionSchema = z.object({
  uri: z.string().min(1),
  description: z.string().optional(),
  required: z.boolean().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});

/** 1.0 capabilities: `extendedAgentCard` moved here; `stateTransitionHistory` is gone. */
export const V1AgentCapabilitiesSchema = z.object({
  streaming: z.boolean().optional(),
  pushNotifications: z.boolean().optional(),
  extensions: z.array(V1AgentExtensionSchema).optional(),
  extendedAgentCard: z.boolean().optional(),
});

/** A 1.0 skill: `security` became `securityRequirements`. */
export const V1AgentSkillSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().min(1),
  tags: z.array(z.string()).default([]),
  examples: z.array(z.string()).optional(),
  inputModes: z.array(z.string()).optional(),
  outputModes: z.array(z.string()).optional(),
  securityRequirements: z.array(V1SecurityRequirementSchema).optional(),
});

/**
 * A 1.0 agent card: endpoints in `supportedInterfaces` (first = preferred), no top-level `url`,
 * `preferredTransport` or `protocolVersion`.
 */
export const V1AgentCardSchema = z.object({
  name: z.string().min(1),
  description: z.string().min(1),
  supportedInterfaces: z.array(V1AgentInterfaceSchema).min(1),
  provider: z.object({ organization: z.string(), url: z.string() }).optional(),
  version: z.string().min(1),
  documentationUrl: z.string().optional(),
  capabilities: V1AgentCapabilitiesSchema.default({}),
  securitySchemes: z.record(z.string(), V1SecuritySchemeSchema).optional(),
  securityRequirements: z.array(V1SecurityRequirementSchema).optional(),
  defaultInputModes: z.array(z.string()).default([]),
  defaultOutputModes: z.array(z.string()).default([]),
  skills: z.array(V1AgentSkillSchema).default([]),
  signatures: z
    .array(
      z.object({ protected: z.string(), signature: z.string(), header: z.record(z.string(), z.unknown()).optional() }),
    )
    .optional(),
  iconUrl: z.string().optional(),
});
export type V1AgentCard = z.infer<typeof V1AgentCardSchema>;

/** `0.3.0` → `0.3`: 1.0 versions are Major.Minor only. */
export function majorMinor(version: string): string {
  const [major = '0', minor = '0'] = version.trim().split('.');
  return `${major}.${minor}`;
}

/**
 * The interfaces a 0.3 card describes, written the 1.0 way: its `url` with its preferred transport,
 * then its additional interfaces, all at the card's protocol version.
 */
export function interfacesOf(card: AgentCard): V1AgentInterface[] {
  const protocolVersion = majorMinor(card.protocolVersion);
  return [
    { url: card.url, protocolBinding: card.preferredTransport ?? 'JSONRPC', protocolVersion },
    ...(card.additionalInterfaces ?? []).map((entry) => ({
      url: entry.url,
      protocolBinding: entry.transport,
      protocolVersion,
    })),
  ];
}

function toV1Extension(extension: AgentExtension) {
  return {
    uri: extension.uri,
    ...definedOf({ description: nonEmpty(extension.description) }),
    ...(extension.required === undefined ? {} : { required: extension.required }),
    ...definedOf({ params: extension.params }),
  };
}

function toV1Skill(skill: AgentSkill): z.infer<typeof V1AgentSkillSchema> {
  const { security, ...rest } = skill;
  return { ...rest, ...definedOf({ securityRequirements: security?.map(toV1SecurityRequirement) }) };
}

/**
 * A 0.3 card as 1.0 writes it, announcing `interfaces` (default: those the card itself names).
 * `supportsAuthenticatedExtendedCard` becomes `capabilities.extendedAgentCard`, `security` becomes
 * `securityRequirements`; `stateTransitionHistory` has no 1.0 counterpart and is dropped.
 */
export function toV1AgentCard(card: AgentCard, interfaces: V1AgentInterface[] = interfacesOf(card)): V1AgentCard {
  const { streaming, pushNotifications, extensions } = card.capabilities;
  const schemes = card.securitySchemes;
  return {
    name: card.name,
    description: card.description,
    supportedInterfaces: interfaces,
    ...definedOf({ provider: card.provider }),
    version: card.version,
    ...definedOf({ documentationUrl: card.documentationUrl }),
    capabilities: definedOf({
      streaming,
      pushNotifications,
      extensions: extensions?.map(toV1Extension),
      extendedAgentCard: card.supportsAuthenticatedExtendedCard,
    }),
    ...(schemes
      ? {
          securitySchemes: Object.fromEntries(
            Object.entries(schemes).map(([name, scheme]) => [name, toV1SecurityScheme(scheme)]),
          ),
        }
      : {}),
    ...definedOf({ securityRequirements: card.security?.map(toV1SecurityRequirement) }),
    defaultInputModes: card.defaultInputModes,
    defaultOutputModes: card.defaultOutputModes,
    skills: card.skills.map(toV1Skill),
    ...definedOf({ signatures: card.signatures, iconUrl: card.iconUrl }),
  };
}

/**
 * A 1.0 card in our model. Its first interface becomes `url`, `preferredTransport` and
 * `protocolVersion`; the others become `additionalInterfaces` (0.3 cannot say their versions:
 * read them from `supportedInterfaces`).
 */
export function fromV1AgentCard(card: V1AgentCard): AgentCard {
  const [primary, ...others] = card.supportedInterfaces as [V1AgentInterface, ...V1AgentInterface[]];
  const { streaming, pushNotifications, extensions, extendedAgentCard } = card.capabilities;
  const schemes = Object.entries(card.securitySchemes ?? {}).flatMap(([name, scheme]) => {
    const converted = fromV1SecurityScheme(scheme);
    return converted ? [[name, converted] as [string, SecurityScheme]] : [];
  });
  return {
    protocolVersion: primary.protocolVersion || '1.0',
    name: card.name,
    description: card.description,
    url: primary.url,
    version: card.version,
    capabilities: definedOf({ streaming, pushNotifications, extensions }),
    defaultInputModes: card.defaultInputModes,
    defaultOutputModes: card.defaultOutputModes,
    skills: card.skills.map(({ securityRequirements, ...skill }) => ({
      ...skill,
      ...definedOf({ security: securityRequirements?.map(fromV1SecurityRequirement) }),
    })),
    preferredTransport: primary.protocolBinding,
    ...definedOf({
      additionalInterfaces: others.map((entry) => ({ url: entry.url, transport: entry.protocolBinding })),
      provider: card.provider,
      documentationUrl: card.documentationUrl,
      iconUrl: card.iconUrl,
      supportsAuthenticatedExtendedCard: extendedAgentCard,
      signatures: card.signatures,
      security: card.securityRequirements?.map(fromV1SecurityRequirement),
    }),
    ...(schemes.length > 0 ? { securitySchemes: Object.fromEntries(schemes) } : {}),
  };
}
