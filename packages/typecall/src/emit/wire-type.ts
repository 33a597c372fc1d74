import type { PropertyIR, TypeIR } from "../ir/types.ts";

/**
 * The TypeScript spelling of a wire type: what the model sends once normalised (absent, not null,
 * for optional properties). The dispatcher's `ToolArgs` types and the validators are both made
 * from this text, so they cannot disagree.
 */
export function wireTypeText(type: TypeIR): string {
  switch (type.kind) {
    case "string":
    case "boolean":
    case "null":
      return type.kind;
    case "number":
      return "number";
    case "literal":
      return JSON.stringify(type.value);
    case "array":
      return `Array<${wireTypeText(type.items)}>`;
    case "union":
      return type.members.map(wireTypeText).join(" | ");
    case "object":
      return objectText(type.properties);
  }
}

/** `{ "city": string; "unit"?: "c" | "f" }`: the arguments object of a tool. */
export function objectText(properties: readonly PropertyIR[]): string {
  if (properties.length === 0) return "{}";
  const members = properties.map(
    (p) => `${propertyKey(p.name)}${p.optional ? "?" : ""}: ${wireTypeText(p.type)}`,
  );
  return `{ ${members.join("; ")} }`;
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
