import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';

export const MANIFEST_DIR = fileURLToPath(new URL('../../deploy/kubernetes/', import.meta.url));

/** One YAML document of deploy/kubernetes/ as parsed (plain JSON values). */
export interface Manifest {
  file: string;
  apiVersion: string;
  kind: string;
  // biome-ignore lint/suspicious/noExplicitAny: a manifest is any JSON; the schemas type it
  body: any;
}

/** Every document of every `*.yaml` file; a YAML error fails loudly. */
export function loadManifests(dir = MANIFEST_DIR): Manifest[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((file) =>
      parseAllDocuments(readFileSync(`${dir}${file}`, 'utf8')).map((doc) => {
        if (doc.errors.length > 0) {
          throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
        }
        const body = doc.toJS();
        return { file, apiVersion: body?.apiVersion, kind: body?.kind, body };
      }),
    );
}

/**
 * The kinds the deployment uses, with the Kubernetes API schema of each (kubernetes-models:
 * validators and TypeScript types generated from the Kubernetes OpenAPI specification).
 */
const KINDS = {
  'v1/ConfigMap': { model: ConfigMap, types: 'kubernetes-models/v1/ConfigMap' },
  'v1/Service': { model: Service, types: 'kubernetes-models/v1/Service' },
  'apps/v1/Deployment': { model: Deployment, types: 'kubernetes-models/apps/v1/Deployment' },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    model: HorizontalPodAutoscaler,
    types: 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
  },
  'policy/v1/PodDisruptionBudget': {
    model: PodDisruptionBudget,
    types: 'kubernetes-models/policy/v1/PodDisruptionBudget',
  },
} as const;

const kindOf = (m: Manifest) => KINDS[`${m.apiVersion}/${m.kind}` as keyof typeof KINDS];

/**
 * The schema's verdict: types, required fields, enums, formats and value ranges. '' when the
 * manifest is valid; an unknown apiVersion/kind is an error too.
 */
export function schemaErrors(manifest: Manifest): string {
  const kind = kindOf(manifest);
  if (!kind) {
    return `no schema for ${manifest.apiVersion}/${manifest.kind}`;
  }
  try {
    new kind.model(manifest.body).validate();
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Fields the schema does not know, as `kubectl apply` (strict field validation) rejects them.
 * The JSON schemas allow unknown properties, so each manifest is type-checked as an object
 * literal of its generated API type instead: TypeScript's excess-property check names every
 * unknown field, at any depth.
 */
export function unknownFields(manifests: readonly Manifest[]): string[] {
  const sources = new Map(
    manifests.map((m, i) => {
      const kind = kindOf(m);
      const source = kind
        ? `import type { I${m.kind} } from '${kind.types}';\n` +
          `export const manifest: I${m.kind} = ${JSON.stringify(m.body, null, 2)};\n`
        : '';
      return [`${MANIFEST_DIR}__check-${i}.ts`, { manifest: m, source }];
    }),
  );
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (name) => sources.has(name) || fileExists(name);
  host.readFile = (name) => sources.get(name)?.source ?? readFile(name);
  host.getSourceFile = (name, version, ...rest) => {
    const virtual = sources.get(name);
    return virtual
      ? ts.createSourceFile(name, virtual.source, version)
      : getSourceFile(name, version, ...rest);
  };
  const program = ts.createProgram([...sources.keys()], options, host);
  return [...sources].flatMap(([name, { manifest }]) =>
    ts
      .getPreEmitDiagnostics(program, program.getSourceFile(name))
      .map(
        (d) =>
          `${manifest.file} (${manifest.kind}): ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
      ),
  );
}
