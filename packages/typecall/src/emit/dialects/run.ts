/**
 * Runs the dialects asked for over one module's tools: decides, per tool and dialect, which schema is
 * sent (strict or canonical) and under which name, and reports what each provider would refuse.
 * Nothing here breaks the build by default: a tool that a strict mode cannot take is sent non-strict
 * with a warning, unless that mode is set to `always`.
 */

import type { DiagnosticCode } from "../../diagnostics/codes.ts";
import { createDiagnostic, type Diagnostic } from "../../diagnostics/diagnostic.ts";
import { memoizedWith } from "../../ir/memo.ts";
import type { ToolIR, ToolsetIR, TypeIR } from "../../ir/types.ts";
import { toolDescription } from "../description.ts";
import { CANONICAL, parametersSchema, type Schema } from "../schema.ts";
import {
  type Dialect,
  type DialectName,
  type Inexpressible,
  listText,
  type NameRule,
  type StrictMode,
  type StrictSupport,
} from "./dialect.ts";
import { DIALECTS } from "./index.ts";

/** Which dialects to emit, and the strict mode of each dialect that has one (default `auto`). */
export interface DialectOptions {
  readonly dialects: readonly DialectName[];
  readonly strict: Readonly<Partial<Record<DialectName, StrictMode>>>;
}

/** What one tool is sent as, in every dialect asked for. */
export interface ToolDialects {
  /** The arguments' schema per dialect, in dialect order. */
  readonly schemas: readonly { readonly dialect: DialectName; readonly schema: Schema }[];
  /** The dialects that send it strict. */
  readonly strict: readonly DialectName[];
  /** The name it is sent under, for the dialects whose rule its own name breaks. */
  readonly names: Readonly<Partial<Record<DialectName, string>>>;
}

/** The dialects of a module's tools, in tool order, and the diagnostics of every dialect. */
export function runDialects(
  toolset: ToolsetIR,
  options: DialectOptions,
): { tools: ToolDialects[]; diagnostics: Diagnostic[] } {
  const dialects = DIALECTS.filter((d) => options.dialects.includes(d.name));
  const { tools, definitions } = toolset;
  const diagnostics: Diagnostic[] = [];
  const canonical = tools.map((tool) => formsOfTool(tool, definitions).canonical);
  const strictSchemas = new Map<DialectName, (Schema | undefined)[]>();
  const refusals = new Map<string, Refusal>();
  for (const dialect of dialects) {
    const mode = options.strict[dialect.name] ?? "auto";
    if (!dialect.strict || mode === "never") continue;
    // Dialects that share a strict mode (Chat Completions and Responses) share its schemas: one object each.
    const { strict } = dialect;
    const forms = tools.map((tool) => strictFormOf(tool, definitions, strict));
    strictSchemas.set(dialect.name, strictTools(toolset, dialect, mode, forms, refusals, diagnostics));
  }
  diagnostics.push(...refusalDiagnostics(refusals));
  const names = tools.map((tool) => providerNames(tool, dialects));
  diagnostics.push(...nameDiagnostics(tools, names, dialects));
  diagnostics.push(...requestDiagnostics(tools, dialects));
  return {
    tools: tools.map((_, i) => {
      const strict = dialects.filter((d) => strictSchemas.get(d.name)?.[i] !== undefined).map((d) => d.name);
      return {
        schemas: dialects.map((d) => ({
          dialect: d.name,
          schema: strictSchemas.get(d.name)?.[i] ?? (canonical[i] as Schema),
        })),
        strict,
        names: names[i] ?? {},
      };
    }),
    diagnostics,
  };
}

/** A tool in a strict mode: what the mode cannot express in it, else its strict schema and the limits it breaks. */
interface StrictForm {
  readonly inexpressible: readonly Inexpressible[];
  readonly schema?: Schema;
  readonly limits?: readonly { readonly code: DiagnosticCode; readonly text: string }[];
}

/** What a tool is in each form. */
interface ToolForms {
  readonly canonical: Schema;
  /** By strict mode, made when first asked for. */
  readonly strict: Map<StrictSupport, StrictForm>;
}

/**
 * The forms of each tool, made once per tool object (`memoizedWith`): an edit that reaches one tool
 * of a module writes that tool's schemas again, not its neighbours'. The same objects each run also
 * let the emitter keep what it made of them.
 */
const formsOfTool = memoizedWith(
  (tool: ToolIR, definitions): ToolForms => ({
    canonical: parametersSchema(tool.parameters, CANONICAL, definitions),
    strict: new Map(),
  }),
);

function strictFormOf(
  tool: ToolIR,
  definitions: Readonly<Record<string, TypeIR>>,
  strict: StrictSupport,
): StrictForm {
  const { strict: forms } = formsOfTool(tool, definitions);
  let form = forms.get(strict);
  if (form === undefined) {
    const inexpressible = strict.inexpressible(tool, definitions);
    if (inexpressible.length > 0) form = { inexpressible };
    else {
      const schema = parametersSchema(tool.parameters, strict.rules, definitions);
      form = { inexpressible, schema, limits: strict.limits(schema) };
    }
    forms.set(strict, form);
  }
  return form;
}

/** Why a strict mode refused a tool, gathered over the dialects that refused it alike. */
interface Refusal {
  readonly code: DiagnosticCode;
  readonly tool: ToolIR;
  readonly parameter: string | undefined;
  readonly what: string;
  readonly dialects: Dialect[];
  /** The dialects' strict option is `always`: the refusal is an error. */
  readonly always: boolean;
}

/**
 * The strict schema of each tool that `dialect`'s strict mode takes (undefined for the others),
 * noting every refusal. Request-wide budgets are all or nothing: when the module's strict tools
 * break one together, none of them is sent strict, so a tool's strictness never depends on its place.
 */
function strictTools(
  toolset: ToolsetIR,
  dialect: Dialect,
  mode: StrictMode,
  forms: readonly StrictForm[],
  refusals: Map<string, Refusal>,
  diagnostics: Diagnostic[],
): (Schema | undefined)[] {
  const strict = dialect.strict;
  if (!strict) return [];
  const refuse = (tool: ToolIR, code: DiagnosticCode, parameter: string | undefined, what: string): void => {
    // Dialects refuse alike when they refuse the same thing under the same mode: one diagnostic.
    const always = mode === "always";
    const key = JSON.stringify([tool.name, code, parameter, what, always]);
    const refusal = refusals.get(key) ?? { code, tool, parameter, what, dialects: [], always };
    refusal.dialects.push(dialect);
    refusals.set(key, refusal);
  };
  const schemas = toolset.tools.map((tool, i): Schema | undefined => {
    const { inexpressible, schema, limits = [] } = forms[i] as StrictForm;
    for (const { parameter, what } of inexpressible) refuse(tool, "TC3003", parameter?.name, what);
    if (schema === undefined) return undefined;
    for (const { code, text } of limits) refuse(tool, code, undefined, text);
    return limits.length > 0 ? undefined : schema;
  });
  const chosen = schemas.flatMap((s, i) => (s ? [{ schema: s, tool: toolset.tools[i] as ToolIR }] : []));
  const broken = strict.budgets(chosen.map((c) => c.schema));
  if (broken.length === 0) return schemas;
  const [first] = chosen;
  const named = namesText(chosen.map((c) => c.tool.name));
  const message =
    `Sent strict, this module's tools would break the request budgets of ${dialect.provider} ${strict.mode}: ` +
    `${listText(broken)}. So ${named} are sent to ${dialect.provider} non-strict.`;
  const diagnostic = createDiagnostic("TC3007", message, { location: first?.tool.location, path: [] });
  diagnostics.push(mode === "always" ? { ...diagnostic, severity: "error" } : diagnostic);
  return schemas.map(() => undefined);
}

function refusalDiagnostics(refusals: ReadonlyMap<string, Refusal>): Diagnostic[] {
  return [...refusals.values()].map(({ code, tool, parameter, what, dialects, always }) => {
    const modes = listText(dialects.map((d) => `${d.provider} ${d.strict?.mode}`));
    const providers = listText(dialects.map((d) => d.provider));
    const subject = parameter === undefined ? `"${tool.name}"` : `"${parameter}" of "${tool.name}"`;
    // With `always`, nothing is sent non-strict: the module is not generated.
    const outcome = always
      ? `strict is "always" for ${providers}, so this is an error.`
      : `"${tool.name}" is sent to ${providers} non-strict.`;
    const message =
      code === "TC3003"
        ? `${subject} holds ${what}, which ${modes} cannot express: ${outcome}`
        : `${subject} is too large for ${modes}: ${what}. ${outcome.replace(/^./, (c) => c.toUpperCase())}`;
    const location = tool.parameters.find((p) => p.name === parameter)?.location ?? tool.location;
    const path = parameter === undefined ? [tool.name] : [tool.name, parameter];
    const diagnostic = createDiagnostic(code, message, { location, path });
    return always ? { ...diagnostic, severity: "error" as const } : diagnostic;
  });
}

/** The names a tool is sent under where its own breaks a provider's rule, by dialect. */
function providerNames(tool: ToolIR, dialects: readonly Dialect[]): Partial<Record<DialectName, string>> {
  const names: Partial<Record<DialectName, string>> = {};
  for (const dialect of dialects) {
    if (!dialect.names) continue;
    const mapped = mappedName(tool.name, dialect.names);
    if (mapped !== tool.name) names[dialect.name] = mapped;
  }
  return names;
}

/**
 * A name the rule takes: each character it does not allow becomes `_`, an `_` goes first where the
 * first character may not start a name, and the result is cut to the longest name allowed.
 */
function mappedName(name: string, rule: NameRule): string {
  let mapped = [...name].map((c) => (rule.allowed.test(c) ? c : "_")).join("");
  if (rule.first && !rule.first.test(mapped[0] ?? "")) mapped = `_${mapped}`;
  return mapped.slice(0, rule.maxLength);
}

/**
 * One warning per tool sent under another name (TC3001), and an error for a name that two tools
 * would be sent under (TC3008): dispatch takes every name a tool is sent under, so each must be one
 * tool's.
 */
function nameDiagnostics(
  tools: readonly ToolIR[],
  names: readonly Partial<Record<DialectName, string>>[],
  dialects: readonly Dialect[],
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const owners = new Map<string, ToolIR>(tools.map((t) => [t.name, t]));
  tools.forEach((tool, i) => {
    const byName = new Map<string, Dialect[]>();
    for (const dialect of dialects) {
      const mapped = names[i]?.[dialect.name];
      if (mapped !== undefined) byName.set(mapped, [...(byName.get(mapped) ?? []), dialect]);
    }
    if (byName.size === 0) return;
    const at = { location: tool.location, path: [tool.name] };
    const sent = [...byName].map(([name, ds]) => `as "${name}" to ${listText(ds.map((d) => d.provider))}`);
    const message = `Tool name "${tool.name}" is sent ${listText(sent)}, whose names it does not fit; dispatch takes every one of these names.`;
    diagnostics.push(createDiagnostic("TC3001", message, at));
    for (const [name, ds] of byName) {
      const owner = owners.get(name);
      if (owner && owner !== tool) {
        const clash = `"${tool.name}" and "${owner.name}" would both be sent to ${listText(ds.map((d) => d.provider))} as "${name}".`;
        diagnostics.push(createDiagnostic("TC3008", clash, at));
      } else owners.set(name, tool);
    }
  });
  return diagnostics;
}

/** Description lengths, and how many tools one request takes. */
function requestDiagnostics(tools: readonly ToolIR[], dialects: readonly Dialect[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const tool of tools) {
    const length = toolDescription(tool).length;
    const over = dialects.filter((d) => d.maxDescription !== undefined && length > d.maxDescription);
    if (over.length === 0) continue;
    const limits = listText(over.map((d) => `${d.provider} takes ${d.maxDescription}`));
    const message = `The description of "${tool.name}" has ${length} characters; ${limits}.`;
    diagnostics.push(createDiagnostic("TC3002", message, { location: tool.location, path: [tool.name] }));
  }
  for (const dialect of dialects) {
    if (dialect.maxTools === undefined || tools.length <= dialect.maxTools) continue;
    const message =
      `This module has ${tools.length} tools; ${dialect.provider} takes ${dialect.maxTools} in one request. ` +
      "Send a subset (for example the tools a step needs) rather than the whole list.";
    const at = { location: tools[dialect.maxTools]?.location, path: [] };
    diagnostics.push(createDiagnostic("TC3007", message, at));
  }
  return diagnostics;
}

/** `"a", "b" and "c"`, the first ten of a long list and how many more. */
function namesText(names: readonly string[]): string {
  const quoted = names.slice(0, 10).map((n) => `"${n}"`);
  if (names.length > 10) quoted.push(`${names.length - 10} more`);
  return listText(quoted);
}
