/**
 * Folds an `artifact-update` into what is known of that artifact, as the A2A reducer does: with
 * `append: true` its parts extend the artifact with the same id, otherwise they replace it.
 *
 * @param {{ name?: string, parts: object[] } | undefined} known
 * @param {{ artifact: { name?: string, parts?: object[] }, append?: boolean }} event
 */
export function mergeArtifact(known, event) {
  const parts = Array.isArray(event.artifact?.parts) ? event.artifact.parts : [];
  return {
    name: event.artifact?.name ?? known?.name,
    parts: event.append === true && known ? [...known.parts, ...parts] : parts,
  };
}
