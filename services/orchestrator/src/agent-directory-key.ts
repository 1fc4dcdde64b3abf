/**
 * A short key for an agent, as provenance and logs name it: its card's name in kebab case
 * (`Knowledge agent` → `knowledge-agent`), made unique with a number (`writer-2`).
 */
export function agentKey(name: string, taken: ReadonlySet<string>): string {
  const base = kebabCase(name) || 'agent';
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${base}-${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * The key of an agent whose card has not been read yet, from where it is: `127-0-0-1-9102`.
 * It is replaced by {@link agentKey} once the card is read.
 */
export function provisionalAgentKey(url: string, taken: ReadonlySet<string>): string {
  const { hostname, port, pathname } = new URL(url);
  return agentKey(`${hostname} ${port} ${pathname.replace(/\/\.well-known\/.*$/, '')}`, taken);
}

function kebabCase(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
