/**
 * One TypeScript project kept across runs: its compiler host caches source files by content, and
 * each new program is made from the last (`oldProgram`), so an edit re-parses the files it changed
 * and TypeScript reuses the structure of the rest.
 */
import { statSync } from "node:fs";
import type { CompilerHost, CompilerOptions, Program, SourceFile, StringLiteralLike } from "typescript";
import {
  type AnalysisProgram,
  analysisConfig,
  analysisHost,
  createAnalysisProgram,
} from "../analyze/project.ts";
import { ts } from "../typescript.ts";

interface CachedFile {
  readonly text: string;
  readonly sourceFile: SourceFile;
  /** `mtimeMs:size` when read, for a project file; undefined for a file that never changes (lib, node_modules). */
  stamp: string | undefined;
}

/** A project's program and what changed in it since the last one. */
export interface ProjectUpdate {
  readonly program: AnalysisProgram;
  /** The files whose text differs from the last program's (every file, the first time). */
  readonly changed: ReadonlySet<string>;
  /**
   * Whether a changed file declares globals or augments a module (or did before the change): such
   * a declaration reaches types without being imported by what uses them.
   */
  readonly augmentationChanged: boolean;
}

export class Project {
  private readonly options: CompilerOptions;
  private readonly host: CompilerHost;
  private readonly files = new Map<string, CachedFile>();
  private program: Program | undefined;
  /** The files to read again at the next update, as a watcher reported them. */
  private dirty = new Set<string>();
  private changed = new Set<string>();
  private augmentationChanged = false;

  /** The tsconfig and the files it extends: an edit to one of them calls for a new `Project`. */
  readonly configFiles: readonly string[];
  private readonly configStamps: readonly (string | undefined)[];

  constructor(readonly tsconfig: string | undefined) {
    const config = analysisConfig(tsconfig);
    this.options = config.options;
    this.configFiles = config.files;
    this.configStamps = config.files.map(stampOf);
    const base = analysisHost(this.options);
    this.host = {
      ...base,
      getSourceFile: (fileName, languageVersion, onError, shouldCreate) => {
        const cached = this.files.get(fileName);
        if (cached !== undefined && !this.mayHaveChanged(fileName, cached)) return cached.sourceFile;
        const text = base.readFile(fileName);
        if (text === undefined) {
          if (cached !== undefined) this.forget(fileName, cached);
          return undefined;
        }
        const stamp = changes(fileName) ? stampOf(fileName) : undefined;
        if (cached !== undefined && cached.text === text) {
          cached.stamp = stamp;
          return cached.sourceFile;
        }
        const sourceFile = base.getSourceFile(fileName, languageVersion, onError, shouldCreate);
        if (sourceFile === undefined) return undefined;
        this.files.set(fileName, { text, sourceFile, stamp });
        this.changed.add(fileName);
        if (cached !== undefined && augments(cached.sourceFile)) this.augmentationChanged = true;
        if (stamp !== undefined && augments(sourceFile)) this.augmentationChanged = true;
        return sourceFile;
      },
    };
  }

  /** Whether the tsconfig, or a file it extends, changed since this project read it. */
  configChanged(): boolean {
    return this.configFiles.some((file, i) => stampOf(file) !== this.configStamps[i]);
  }

  /** Marks files to read again (a watcher's events); without any, every project file's stamp is checked. */
  invalidate(paths: Iterable<string>): void {
    for (const path of paths) this.dirty.add(path);
  }

  /** A program over `entries`, made from the last one. */
  update(entries: readonly string[]): ProjectUpdate {
    this.changed = new Set();
    this.augmentationChanged = false;
    const program = createAnalysisProgram(this.tsconfig, entries, {
      host: this.host,
      options: this.options,
      ...(this.program && { oldProgram: this.program }),
    });
    this.program = program.program;
    this.dirty.clear();
    // A file the program no longer holds (deleted, or no longer imported) changed: it is forgotten,
    // and read again if it comes back.
    for (const [path, cached] of this.files) {
      if (program.program.getSourceFile(path) === undefined) this.forget(path, cached);
    }
    return { program, changed: this.changed, augmentationChanged: this.augmentationChanged };
  }

  private forget(fileName: string, cached: CachedFile): void {
    this.files.delete(fileName);
    this.changed.add(fileName);
    if (cached.stamp !== undefined && augments(cached.sourceFile)) this.augmentationChanged = true;
  }

  private mayHaveChanged(fileName: string, cached: CachedFile): boolean {
    if (cached.stamp === undefined) return false;
    return this.dirty.has(fileName) || stampOf(fileName) !== cached.stamp;
  }

  /**
   * The project files `entry` depends on, itself included: what its imports reach, transitively,
   * outside node_modules and the default libraries.
   */
  dependencies(program: AnalysisProgram, entry: string): Set<string> {
    const found = new Set<string>();
    const stack = [entry];
    const { program: p } = program;
    const resolved = (p as ProgramWithResolution).getResolvedModule;
    for (let file = stack.pop(); file !== undefined; file = stack.pop()) {
      if (found.has(file) || !changes(file)) continue;
      const sourceFile = p.getSourceFile(file);
      if (sourceFile === undefined) continue;
      found.add(file);
      const imports = (sourceFile as SourceFileWithImports).imports ?? [];
      for (const specifier of imports) {
        const target =
          resolved === undefined
            ? undefined
            : resolved.call(p, sourceFile, specifier.text, p.getModeForUsageLocation(sourceFile, specifier))
                ?.resolvedModule?.resolvedFileName;
        if (target !== undefined) stack.push(target);
      }
      for (const reference of sourceFile.referencedFiles) {
        const target = ts.resolveTripleslashReference(reference.fileName, file);
        stack.push(target);
      }
    }
    // Without TypeScript's resolution (a version that hides it), every project file counts.
    if (resolved === undefined)
      for (const file of p.getSourceFiles()) if (changes(file.fileName)) found.add(file.fileName);
    return found;
  }
}

/** Internal TypeScript APIs the dependency walk reads, when this version has them. */
interface ProgramWithResolution {
  getResolvedModule?(
    file: SourceFile,
    moduleName: string,
    mode: ReturnType<Program["getModeForUsageLocation"]>,
  ): { resolvedModule?: { resolvedFileName: string } } | undefined;
}

interface SourceFileWithImports {
  imports?: readonly StringLiteralLike[];
}

/** Whether a file can change between runs: not a default library, nothing under node_modules. */
function changes(fileName: string): boolean {
  return !/[\\/]node_modules[\\/]/.test(fileName) && !/[\\/]typescript[\\/]lib[\\/]lib\./.test(fileName);
}

/** Whether a file declares globals (a script, or `declare global`) or augments a module (`declare module "x"`). */
function augments(file: SourceFile): boolean {
  if (!ts.isExternalModule(file)) return true;
  return file.statements.some(
    (s) =>
      ts.isModuleDeclaration(s) &&
      (ts.isStringLiteral(s.name) || (s.flags & ts.NodeFlags.GlobalAugmentation) !== 0),
  );
}

function stampOf(fileName: string): string | undefined {
  const stats = statSync(fileName, { throwIfNoEntry: false });
  return stats === undefined ? undefined : `${stats.mtimeMs}:${stats.size}`;
}
