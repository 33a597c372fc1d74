/** Walks of the IR that several stages share: analysis checks, emitters and validator engines. */
import type { PropertyIR, TypeIR } from "./types.ts";

/** Calls `visit` for every type under `type`, itself included (not following refs). */
export function walkType(type: TypeIR, visit: (type: TypeIR) => void): void {
  visit(type);
  switch (type.kind) {
    case "array":
      walkType(type.items, visit);
      return;
    case "tuple":
      for (const item of type.items) walkType(item, visit);
      if (type.rest) walkType(type.rest, visit);
      return;
    case "union":
      for (const member of type.members) walkType(member, visit);
      return;
    case "object":
      for (const property of type.properties) walkType(property.type, visit);
      if (type.additional) walkType(type.additional, visit);
      return;
    default:
      return;
  }
}

/** The definitions a tool's parameters refer to, directly or through other definitions, sorted. */
export function referencedDefinitions(
  roots: readonly PropertyIR[] | readonly TypeIR[],
  definitions: Readonly<Record<string, TypeIR>>,
): string[] {
  // A module without recursive types has no definitions: nothing to look for.
  if (Object.keys(definitions).length === 0) return [];
  const found = new Set<string>();
  const visit = (type: TypeIR): void => {
    if (type.kind !== "ref" || found.has(type.name)) return;
    found.add(type.name);
    const definition = definitions[type.name];
    if (definition) walkType(definition, visit);
  };
  for (const root of roots) walkType("kind" in root ? root : root.type, visit);
  return [...found].sort();
}
