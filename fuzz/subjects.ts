/** The toolsets the fuzzer drives: the property tests' subjects plus the fuzzer's own union tools. */
import { join } from "node:path";
import { ROOT, subjectPaths } from "../packages/runtime/test/support/subjects.ts";

/** Every codegen case, the quick start, and `fuzz/tools/unions.typecall.ts`. */
export function fuzzSubjectPaths(): string[] {
  return [...subjectPaths(), join(ROOT, "fuzz/tools/unions.typecall.ts")];
}
