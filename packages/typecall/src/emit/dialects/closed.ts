/**
 * What the strict modes of OpenAI and Anthropic share: every object closed, every property named.
 * Records and tuples are encoded (`../encodings.ts`) where that is exact; what remains cannot be
 * written in such a schema.
 */
import type { ToolIR, TypeIR } from "../../ir/types.ts";
import { walkType } from "../../ir/walk.ts";
import { isEncodableRecord, isEncodableTuple } from "../encodings.ts";
import type { Inexpressible } from "./dialect.ts";

/**
 * The constructs of `tool` that a schema of closed objects cannot express, once per parameter and
 * kind, in parameter order. Named types are followed once; with `recursion: false` a named type is
 * itself one (the mode takes no recursive schema).
 */
export function closedInexpressible(
  tool: ToolIR,
  definitions: Readonly<Record<string, TypeIR>>,
  recursion: boolean,
): Inexpressible[] {
  const found: Inexpressible[] = [];
  for (const parameter of tool.parameters) {
    const kinds = new Set<string>();
    const seen = new Set<string>();
    const visit = (type: TypeIR): void => {
      const what = inexpressible(type, definitions, recursion);
      if (what) kinds.add(what);
      if (type.kind === "ref" && recursion && !seen.has(type.name)) {
        seen.add(type.name);
        const definition = definitions[type.name];
        if (definition) walkType(definition, visit);
      }
    };
    walkType(parameter.type, visit);
    for (const what of kinds) found.push({ parameter, what });
  }
  return found;
}

function inexpressible(
  type: TypeIR,
  definitions: Readonly<Record<string, TypeIR>>,
  recursion: boolean,
): string | undefined {
  switch (type.kind) {
    case "unknown":
      return "a value of any type";
    case "ref":
      return recursion ? undefined : "a recursive type";
    case "object":
      return type.additional !== undefined && !isEncodableRecord(type)
        ? "an object with both named and free keys"
        : undefined;
    case "tuple":
      if (isEncodableTuple(type, definitions)) return undefined;
      if (type.rest) return "a tuple with a rest element";
      return type.items.length === 0 ? "an empty tuple" : "a tuple whose optional items take null";
    default:
      return undefined;
  }
}
