import { describe, expect, it } from "vitest";
import type { BfclFunction, BfclTest } from "../bfcl.ts";
import { catalogFunctions, convertFunction, exportNameOf, moduleSource } from "../convert.ts";

const hypot: BfclFunction = {
  name: "math.hypot",
  description: "Calculate the Euclidean norm. ",
  parameters: {
    type: "dict",
    properties: {
      x: { type: "integer", description: "The x-coordinate value." },
      y: { type: "float", description: "The y-coordinate value." },
      z: { type: "integer", description: "Optional. The z-coordinate value." },
    },
    required: ["x", "y"],
  },
};

describe("convertFunction", () => {
  it("writes positional parameters with JSDoc, typia integer tags and @name for a dotted name", () => {
    const converted = convertFunction(hypot, "math.hypot", "math_hypot");
    expect(converted.style).toBe("positional");
    expect(converted.parameters).toEqual(["x", "y", "z"]);
    expect(converted.source).toBe(
      `/**
 * Calculate the Euclidean norm.
 * @name math.hypot
 * @param x The x-coordinate value.
 * @param y The y-coordinate value.
 * @param z Optional. The z-coordinate value.
 */
export function math_hypot(
  x: number & tags.Type<"int32">,
  y: number,
  z?: number & tags.Type<"int32">,
): string {
  return recordCall("math.hypot", [x, y, z]);
}
`,
    );
  });

  it("writes enums as literal unions, defaults as initializers, and `| undefined` before a required parameter", () => {
    const converted = convertFunction(
      {
        name: "find",
        description: "Find things.",
        parameters: {
          type: "dict",
          properties: {
            unit: { type: "string", enum: ["c", "f"], default: "c" },
            labels: { type: "array", items: { type: "String", enum: ["a", "b"] } },
            when: { type: "string", format: "date" },
            fee: { type: "integer", maximum: 400 },
            point: { type: "tuple", items: { type: "float" } },
            data: { type: "any" },
            raw: { type: "array" },
            city: { type: "string" },
            flag: { type: "Boolean" },
          },
          required: ["city"],
        },
      },
      "find",
      "find",
    );
    expect(converted.source).toContain(
      `export function find(
  unit: "c" | "f" = "c",
  labels: ("a" | "b")[] | undefined,
  when: string & tags.Format<"date"> | undefined,
  fee: number & tags.Type<"int32"> & tags.Maximum<400> | undefined,
  point: number[] | undefined,
  data: unknown = undefined,
  raw: unknown[] | undefined,
  city: string,
  flag?: boolean,
): string {`,
    );
  });

  it("writes dicts as inline object types with property comments, records and free keys", () => {
    const converted = convertFunction(
      {
        name: "book",
        description: "Book.",
        parameters: {
          type: "dict",
          properties: {
            guest: {
              type: "dict",
              description: "Who stays.",
              properties: {
                name: { type: "string", description: "Full name." },
                "e-mail": { type: "string", default: "none" },
              },
              required: ["name"],
            },
            extras: { type: "dict", description: "Anything else." },
            counts: { type: "dict", required: ["adults"] },
          },
          required: ["guest"],
        },
      },
      "book",
      "book",
    );
    expect(converted.source).toContain(
      `  guest: {
    /** Full name. */
    name: string;
    /** @default "none" */
    "e-mail"?: string;
  },
  extras?: Record<string, unknown>,
  counts?: {
    adults: unknown;
    [key: string]: unknown;
  },`,
    );
    expect(converted.source).toContain(" * @param guest Who stays.\n * @param extras Anything else.\n");
  });

  it("takes a sole object parameter for reserved names and for required parameters with a default", () => {
    const converted = convertFunction(
      {
        name: "run",
        description: "Run.",
        parameters: {
          type: "dict",
          properties: {
            function: { type: "string", description: "What to run." },
            count: { type: "integer", description: "How often.", default: 3 },
          },
          required: ["function", "count"],
        },
      },
      "run",
      "run",
    );
    expect(converted.style).toBe("object");
    expect(converted.source).toBe(
      `/** Run. */
export function run(args: {
  /** What to run. */
  function: string;
  /**
   * How often.
   * @default 3
   */
  count: number & tags.Type<"int32">;
}): string {
  return recordCall("run", [args]);
}
`,
    );
  });

  it("declares a commented alias for items with a description, and repairs defaults of the wrong type", () => {
    const converted = convertFunction(
      {
        name: "hotel.book",
        description: "Book a hotel.",
        parameters: {
          type: "dict",
          properties: {
            services: { type: "array", items: { type: "string", description: "A service." } },
            full: { type: "boolean", default: "false" },
            diet: { type: "array", items: { type: "string" }, default: "None" },
          },
          required: [],
        },
      },
      "hotel.book",
      "hotel_book",
    );
    expect(converted.source).toContain("/** A service. */\ntype hotel_book_services_Item = string;\n");
    expect(converted.source).toContain(
      "  services?: hotel_book_services_Item[],\n  full: boolean = false,\n  diet?: string[],\n",
    );
    expect(converted.repairs).toEqual([
      {
        path: ["full"],
        aspect: "default",
        reason: 'default "false" is not a boolean',
        from: "false",
        to: false,
      },
      { path: ["diet"], aspect: "default", reason: 'default "None" is not an array', from: "None" },
    ]);
  });
});

describe("moduleSource", () => {
  it("imports typia's tags only when a type uses them", () => {
    const tagged = convertFunction(hypot, "math.hypot", "math_hypot");
    const plain = convertFunction(
      { ...hypot, name: "p", parameters: { type: "dict", properties: {} } },
      "p",
      "p",
    );
    expect(moduleSource([tagged], "../log.ts")).toContain('import type { tags } from "typia";\n');
    expect(moduleSource([plain], "../log.ts")).not.toContain("typia");
    expect(moduleSource([plain], "../log.ts")).toContain('import { recordCall } from "../log.ts";\n');
  });
});

describe("catalogFunctions", () => {
  it("keeps one function per identical definition and names other definitions of a name apart", () => {
    const other = { ...hypot, description: "Another definition." };
    const reordered = { parameters: hypot.parameters, description: hypot.description, name: hypot.name };
    const tests: BfclTest[] = [
      { id: "a", category: "simple_python", functions: [hypot], groundTruth: [] },
      { id: "b", category: "multiple", functions: [reordered, other], groundTruth: [] },
    ];
    const catalog = [...catalogFunctions(tests).values()];
    expect(catalog.map((f) => [f.toolName, f.categories])).toEqual([
      ["math.hypot", ["simple_python", "multiple"]],
      ["math.hypot__v2", ["multiple"]],
    ]);
  });
});

describe("exportNameOf", () => {
  it("makes identifiers, unique within a module", () => {
    const used = new Set<string>();
    expect(exportNameOf("math.hypot", used)).toBe("math_hypot");
    expect(exportNameOf("math_hypot", used)).toBe("math_hypot_2");
    expect(exportNameOf("delete", used)).toBe("delete_");
    expect(exportNameOf("3d.plot", used)).toBe("_3d_plot");
  });
});
