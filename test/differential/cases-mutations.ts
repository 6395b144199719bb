import { breakInstancesOf, failing, type GeneratedCase } from './facts.js';

const refreshFails = (id: string, status: number) => ({
  kind: 'status' as const,
  status,
  method: 'POST',
  path: `/flows/${id}/refresh`,
});

/**
 * Mutations. Each runs once per path, each path on its own sandbox started identically, so
 * both refresh the same state; outcome.ts stamps the two values a refresh writes anew.
 */
export const MUTATION_CASES: GeneratedCase[] = [
  [
    'refreshFlow: an alias and a named fragment with every embedded relation',
    (f) => ({
      source: `mutation($s: String!) { a: refreshFlow(selector: $s) { ...F } }
        fragment F on Flow { id state revision updatedAt errors { key message }
          integration { name } connection { name } user { name } flow { id name } }`,
      variables: { s: f.instances[0]?.id },
      errorsAt: [],
    }),
  ],
  [
    'refreshFlow: the upstream refresh fails (500), the non-null root nulls data',
    (f) => ({
      source: 'mutation($s: String!) { refreshFlow(selector: $s) { id name } }',
      variables: { s: f.instances[1]?.id },
      faults: [refreshFails(f.instances[1]?.id ?? '', 500)],
      errorsAt: [['refreshFlow']],
    }),
  ],
  [
    'refreshFlow: two refreshes, the second unknown (404): data is null',
    (f) => ({
      source: `mutation($s: String!) { a: refreshFlow(selector: $s) { id state }
        b: refreshFlow(selector: "unknown-flow") { id } }`,
      variables: { s: f.instances[2]?.id },
      errorsAt: [['b']],
    }),
  ],
  [
    'refreshFlow: two refreshes, the first one fails: data is null',
    (f) => ({
      source: `mutation($s: String!) { a: refreshFlow(selector: "unknown-flow") { id }
        b: refreshFlow(selector: $s) { id state } }`,
      variables: { s: f.instances[2]?.id },
      errorsAt: [['a']],
    }),
  ],
  [
    'refreshFlow: a relation not embedded in the answer fails, only it is null',
    (f) => ({
      source: `mutation($s: String!) { refreshFlow(selector: $s) {
        id state universalFlow { id name } integration { id name } } }`,
      variables: { s: f.version.id },
      faults: [failing('flows', f.version.universalFlowId, 503)],
      errorsAt: [['refreshFlow', 'universalFlow']],
    }),
  ],
  [
    'refreshFlow: a non-null list inside the refreshed flow fails, the null climbs to data',
    (f) => ({
      source: `mutation($s: String!) { refreshFlow(selector: $s) {
        id instances(first: 2) { nodes { id } } } }`,
      variables: { s: f.parents[0] },
      edit: breakInstancesOf(f.parents[0] ?? ''),
      errorsAt: [['refreshFlow', 'instances']],
    }),
  ],
  [
    'appliedToIntegrations: the instances of one element fail, the null stops at the nullable list',
    (f) => {
      const index = f.universal.applied.findIndex((a) => a.hasInstances);
      return {
        source: `mutation($s: String!) { refreshFlow(selector: $s) { id
          appliedToIntegrations { integration { id name }
            element { id name instances(first: 1) { nodes { id } } } } } }`,
        variables: { s: f.universal.id },
        edit: breakInstancesOf(f.universal.applied[index]?.element ?? ''),
        errorsAt: [['refreshFlow', 'appliedToIntegrations', index, 'element', 'instances']],
      };
    },
  ],
  [
    'refreshFlow: null for a nullable argument',
    (f) => ({
      source: `mutation($s: String!, $layer: ElementLayer, $ik: String) {
        refreshFlow(selector: $s, layer: $layer, integrationKey: $ik) { id state } }`,
      variables: { s: f.instances[3]?.id, layer: null, ik: null },
      errorsAt: [],
    }),
  ],
  [
    'refreshFlow: the required variable missing, nothing runs',
    () => ({
      source: 'mutation($s: String!) { refreshFlow(selector: $s) { id } }',
      variables: {},
      errorsAt: [null],
    }),
  ],
];
