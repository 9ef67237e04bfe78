/**
 * Runs a Pulumi program written as a TypeScript module (a generated one, or an example) inline, with
 * `modules` standing in for the packages it imports, so it declares its resources with this checkout's code
 * and the test's own `@pulumi/pulumi` runtime. Each call of the returned function runs the module afresh.
 */
import ts from "typescript";

export function typescriptProgram(source: string, modules: Record<string, unknown>): () => Record<string, unknown> {
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  return () => {
    const exports: Record<string, unknown> = {};
    new Function("exports", "require", js)(exports, (name: string) => {
      if (!(name in modules)) throw new Error(`the program imports ${name}, which the test does not provide`);
      return modules[name];
    });
    return exports;
  };
}
