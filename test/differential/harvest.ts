import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DocumentNode, Kind, parse, print } from 'graphql';
import ts from 'typescript';
import { evaluate, evaluateObject, sourceFile, UNRESOLVED, type Value } from './evaluate.js';

/** Variables a test passes with a document: literal values, and the names it computes at runtime. */
export interface PairedVariables {
  values: Record<string, Value>;
  dynamic: string[];
}

export interface HarvestedDocument {
  /** Where the document was first seen, e.g. `test/gateway/errors.test.ts:158`. */
  where: string;
  source: string;
  document: DocumentNode;
  /** The variable sets the tests pass with it (none found: an empty list). */
  variableSets: PairedVariables[];
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The suite's own files (this folder is the differential test, not its input). */
const SKIP = /^test\/differential\/|\/node_modules\//;

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => path.endsWith(ext) && !SKIP.test(path))
    .sort();
}

/**
 * An executable document (operations and fragments only, at least one operation, no
 * subscription: those stream, and have tests of their own in test/subscriptions), or undefined.
 */
function executable(text: string): DocumentNode | undefined {
  if (!/[{}]/.test(text)) {
    return undefined;
  }
  try {
    const document = parse(text);
    const kinds = document.definitions.map((d) => d.kind);
    const onlyExecutable = kinds.every(
      (k) => k === Kind.OPERATION_DEFINITION || k === Kind.FRAGMENT_DEFINITION,
    );
    const subscribes = document.definitions.some(
      (d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'subscription',
    );
    return onlyExecutable && kinds.includes(Kind.OPERATION_DEFINITION) && !subscribes
      ? document
      : undefined;
  } catch {
    return undefined;
  }
}

/** Calls whose first argument is this document (directly, or through the const it initialises). */
function callSites(node: ts.Node): ts.CallExpression[] {
  const parent = node.parent;
  if (ts.isCallExpression(parent) && parent.arguments[0] === node) {
    return [parent];
  }
  if (!ts.isVariableDeclaration(parent) || !ts.isIdentifier(parent.name)) {
    return [];
  }
  const name = parent.name.text;
  const sites: ts.CallExpression[] = [];
  const visit = (n: ts.Node) => {
    const first = ts.isCallExpression(n) ? n.arguments[0] : undefined;
    if (ts.isCallExpression(n) && first && ts.isIdentifier(first) && first.text === name) {
      sites.push(n);
    }
    ts.forEachChild(n, visit);
  };
  visit(node.getSourceFile());
  return sites;
}

/** The variables of a call's second argument, when it is an object literal (or absent). */
function variablesOf(call: ts.CallExpression): PairedVariables | undefined {
  const arg = call.arguments[1];
  if (!arg || (ts.isIdentifier(arg) && arg.text === 'undefined')) {
    return { values: {}, dynamic: [] };
  }
  // a variable or an expression: computed at runtime, as if nothing were paired
  const entries = ts.isObjectLiteralExpression(arg) ? evaluateObject(arg) : undefined;
  if (!entries) {
    return undefined;
  }
  const values: Record<string, Value> = {};
  const dynamic: string[] = [];
  for (const [name, value] of entries) {
    if (value === UNRESOLVED) {
      dynamic.push(name);
    } else {
      values[name] = value;
    }
  }
  return { values, dynamic };
}

const isCandidate = (node: ts.Node) =>
  ts.isStringLiteral(node) ||
  ts.isNoSubstitutionTemplateLiteral(node) ||
  ts.isTemplateExpression(node) ||
  (ts.isCallExpression(node) && ts.isIdentifier(node.expression));

function harvestFile(path: string, out: HarvestedDocument[]): void {
  const file = sourceFile(join(ROOT, path));
  const visit = (node: ts.Node) => {
    const text = isCandidate(node) ? evaluate(node as ts.Expression) : UNRESOLVED;
    const document = typeof text === 'string' ? executable(text) : undefined;
    if (document && typeof text === 'string') {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart());
      const variableSets = callSites(node).flatMap((call) => variablesOf(call) ?? []);
      out.push({ where: `${path}:${line + 1}`, source: text, document, variableSets });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

/**
 * Every GraphQL document of the test suite: literals (and statically built strings) in
 * test/**\/*.ts and examples/**\/*.ts — which includes the codegen documents, `graphql()` calls
 * and test/gql's generated map — plus any .graphql file. One entry per distinct document, with
 * every distinct variable set found for it.
 */
export function harvestDocuments(): HarvestedDocument[] {
  const found: HarvestedDocument[] = [];
  for (const path of [...filesUnder('test', '.ts'), ...filesUnder('examples', '.ts')]) {
    harvestFile(path, found);
  }
  for (const path of [...filesUnder('test', '.graphql'), ...filesUnder('examples', '.graphql')]) {
    const source = readFileSync(join(ROOT, path), 'utf8');
    const document = executable(source);
    if (document) {
      found.push({ where: path, source, document, variableSets: [] });
    }
  }
  const byText = new Map<string, HarvestedDocument>();
  for (const doc of found) {
    const key = print(doc.document);
    const seen = byText.get(key);
    if (seen) {
      seen.variableSets.push(...doc.variableSets);
      // name a document by where a test wrote it, not by codegen's copy of it
      seen.where = seen.where.startsWith('test/gql/') ? doc.where : seen.where;
    } else {
      byText.set(key, { ...doc, variableSets: [...doc.variableSets] });
    }
  }
  return [...byText.values()].map((doc) => ({
    ...doc,
    variableSets: uniqueBy(doc.variableSets, (v) => JSON.stringify(v)),
  }));
}

const uniqueBy = <T>(items: T[], key: (item: T) => string) => [
  ...new Map(items.map((item) => [key(item), item])).values(),
];
