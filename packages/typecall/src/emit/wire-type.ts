import type { PropertyIR, TypeIR } from "../ir/types.ts";
import { isIdentifier } from "./names.ts";

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
      return type.members
        .map((m) => (m.kind === "union" ? `(${wireTypeText(m)})` : wireTypeText(m)))
        .join(" | ");
    case "object":
      if (!type.additional) return objectText(type.properties);
      if (type.properties.length === 0) return `Record<string, ${wireTypeText(type.additional)}>`;
      return `${objectText(type.properties)} & Record<string, ${wireTypeText(type.additional)}>`;
    case "unknown":
      return "unknown";
    case "tuple": {
      const required = type.minItems ?? type.items.length;
      const items = type.items.map((item, i) =>
        i < required
          ? wireTypeText(item)
          : `${item.kind === "union" ? `(${wireTypeText(item)})` : wireTypeText(item)}?`,
      );
      if (type.rest) items.push(`...Array<${wireTypeText(type.rest)}>`);
      return `[${items.join(", ")}]`;
    }
    case "ref":
      return type.name;
  }
}

/** `{ "city": string; "unit"?: "c" | "f" }`: the arguments object of a tool. */
export function objectText(properties: readonly PropertyIR[]): string {
  if (properties.length === 0) return "{}";
  return `{ ${properties.map(propertyText).join("; ")} }`;
}

/** `"unit"?: "c" | "f"`: one member of an object type. */
export function propertyText(property: PropertyIR): string {
  return `${isIdentifier(property.name) ? property.name : JSON.stringify(property.name)}${property.optional ? "?" : ""}: ${wireTypeText(property.type)}`;
}
