import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

/**
 * A tiny static evaluator for the expressions tests build GraphQL documents from: string and
 * template literals, `+`, consts (in scope or imported from another test file), array literals
 * with spreads, `.join()`, `.repeat()`, and calls of arrow functions that return a template
 * (`ENTITIES(selection)`). Anything else is `UNRESOLVED`: runtime values are never guessed.
 */
export const UNRESOLVED: unique symbol = Symbol('unresolved');
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };
type Result = Value | typeof UNRESOLVED;
type Env = ReadonlyMap<string, Result>;

const files = new Map<string, ts.SourceFile>();

/** Parses (once) a TypeScript file of the repository. */
export function sourceFile(path: string): ts.SourceFile {
  let file = files.get(path);
  if (!file) {
    file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    files.set(path, file);
  }
  return file;
}

/** The initializer of `const name = …` declared in a statement list. */
function constIn(statements: ts.NodeArray<ts.Statement>, name: string): ts.Expression | undefined {
  for (const statement of statements) {
    const declarations =
      ts.isVariableStatement(statement) && statement.declarationList.flags & ts.NodeFlags.Const
        ? statement.declarationList.declarations
        : [];
    for (const d of declarations) {
      if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) {
        return d.initializer;
      }
    }
  }
  return undefined;
}

/** `import { name as local } from './x.js'` in `file`: the exporting file and exported name. */
function importOf(file: ts.SourceFile, local: string): [ts.SourceFile, string] | undefined {
  for (const statement of file.statements) {
    const bindings = ts.isImportDeclaration(statement)
      ? statement.importClause?.namedBindings
      : undefined;
    if (!bindings || !ts.isNamedImports(bindings) || !ts.isImportDeclaration(statement)) {
      continue;
    }
    const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
    const element = bindings.elements.find((e) => e.name.text === local);
    if (element && specifier.startsWith('.')) {
      const path = resolve(dirname(file.fileName), specifier.replace(/\.js$/, '.ts'));
      return [sourceFile(path), (element.propertyName ?? element.name).text];
    }
  }
  return undefined;
}

function bindsName(binding: ts.BindingName, name: string): boolean {
  return ts.isIdentifier(binding)
    ? binding.text === name
    : binding.elements.some((e) => !ts.isOmittedExpression(e) && bindsName(e.name, name));
}

/** The expression a const name refers to at `from` (lexical lookup, then imports). */
export function resolveConst(from: ts.Node, name: string): ts.Expression | undefined {
  for (let node: ts.Node | undefined = from; node; node = node.parent) {
    const shadowed =
      ts.isFunctionLike(node) && node.parameters.some((p) => bindsName(p.name, name));
    if (shadowed) {
      return undefined;
    }
    const statements = (node as { statements?: ts.NodeArray<ts.Statement> }).statements;
    const found = statements && constIn(statements, name);
    if (found) {
      return found;
    }
  }
  const imported = importOf(from.getSourceFile(), name);
  return imported && constIn(imported[0].statements, imported[1]);
}

const unwrap = (node: ts.Expression): ts.Expression =>
  ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)
    ? unwrap(node.expression)
    : node;

/** The function a callee names, when its body is a single expression (or `return`). */
function functionBody(
  callee: ts.Expression,
): [ts.FunctionLikeDeclaration, ts.Expression] | undefined {
  const target = ts.isIdentifier(callee) ? resolveConst(callee, callee.text) : undefined;
  const fn = target && unwrap(target);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
    return undefined;
  }
  if (!ts.isBlock(fn.body)) {
    return [fn, fn.body];
  }
  const [only] = fn.body.statements;
  return only && ts.isReturnStatement(only) && only.expression ? [fn, only.expression] : undefined;
}

const isValue = (r: Result): r is Value => r !== UNRESOLVED;

function evaluateCall(node: ts.CallExpression, env: Env): Result {
  const args = node.arguments.map((a) => evaluate(a, env));
  if (ts.isPropertyAccessExpression(node.expression)) {
    const target = evaluate(node.expression.expression, env);
    const method = node.expression.name.text;
    if (method === 'join' && Array.isArray(target) && target.every((v) => isValue(v))) {
      return target.join(typeof args[0] === 'string' ? args[0] : ',');
    }
    if (method === 'repeat' && typeof target === 'string' && typeof args[0] === 'number') {
      return target.repeat(args[0]);
    }
    return UNRESOLVED;
  }
  const fn = functionBody(node.expression);
  if (!fn) {
    return UNRESOLVED;
  }
  const bound = new Map(env);
  fn[0].parameters.forEach((p, i) => {
    if (ts.isIdentifier(p.name)) {
      bound.set(p.name.text, args[i] ?? UNRESOLVED);
    }
  });
  return evaluate(fn[1], bound);
}

function evaluateArray(node: ts.ArrayLiteralExpression, env: Env): Result {
  const out: Value[] = [];
  for (const element of node.elements) {
    const spread = ts.isSpreadElement(element);
    const value = evaluate(spread ? element.expression : element, env);
    if (value === UNRESOLVED || (spread && !Array.isArray(value))) {
      return UNRESOLVED;
    }
    out.push(...(spread ? (value as Value[]) : [value]));
  }
  return out;
}

/** An object literal: each property evaluated on its own (UNRESOLVED ones are kept as such). */
export function evaluateObject(
  node: ts.ObjectLiteralExpression,
  env: Env = new Map(),
): Map<string, Result> | undefined {
  const out = new Map<string, Result>();
  for (const p of node.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
      out.set(p.name.text, evaluate(p.initializer, env));
    } else if (ts.isShorthandPropertyAssignment(p)) {
      out.set(p.name.text, evaluate(p.name, env));
    } else {
      return undefined;
    }
  }
  return out;
}

/** The static value of an expression, or UNRESOLVED. */
export function evaluate(input: ts.Expression, env: Env = new Map()): Result {
  const node = unwrap(input);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return node.text;
  }
  if (ts.isNumericLiteral(node)) {
    return Number(node.text);
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
    return node.kind === ts.SyntaxKind.TrueKeyword;
  }
  if (node.kind === ts.SyntaxKind.NullKeyword) {
    return null;
  }
  if (ts.isTemplateExpression(node)) {
    let text = node.head.text;
    for (const span of node.templateSpans) {
      const value = evaluate(span.expression, env);
      if (value === UNRESOLVED || typeof value === 'object') {
        return UNRESOLVED;
      }
      text += String(value) + span.literal.text;
    }
    return text;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const [a, b] = [evaluate(node.left, env), evaluate(node.right, env)];
    return typeof a === 'string' && (typeof b === 'string' || typeof b === 'number')
      ? a + String(b)
      : UNRESOLVED;
  }
  if (ts.isIdentifier(node)) {
    if (env.has(node.text)) {
      return env.get(node.text) ?? UNRESOLVED;
    }
    const target = resolveConst(node, node.text);
    return target && target !== input ? evaluate(target) : UNRESOLVED;
  }
  if (ts.isArrayLiteralExpression(node)) {
    return evaluateArray(node, env);
  }
  if (ts.isObjectLiteralExpression(node)) {
    const entries = evaluateObject(node, env);
    const values = entries && [...entries.values()];
    return entries && values?.every(isValue)
      ? (Object.fromEntries(entries) as { [key: string]: Value })
      : UNRESOLVED;
  }
  if (ts.isCallExpression(node)) {
    return evaluateCall(node, env);
  }
  return UNRESOLVED;
}
