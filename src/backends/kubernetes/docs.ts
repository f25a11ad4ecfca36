/**
 * docs/kubernetes.md, generated from the backend's own tables (options, settings, the service
 * and deploy mappings), so the page cannot drift from the code; a test compares them.
 */
import { OPTIONS } from './options.js';
import { describeType, type OptionDeclaration } from '../options.js';
import { K8S_DEPLOY_KEYS, K8S_SERVICE_KEYS, type FieldMapping } from './service-map.js';
import { KOMPOSE_UNREAD, SERVICE_SETTINGS } from './settings.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function mappingRows(table: Record<string, FieldMapping>): string[] {
  return Object.entries(table).map(([key, m]) =>
    'unsupported' in m ? `| \`${key}\` | — | reported: ${cell(m.unsupported)} |` : `| \`${key}\` | ${cell(m.to)} | ${cell(m.note ?? '')} |`,
  );
}

const INTRO = `# Kubernetes target

\`compose2ecs convert --target kubernetes\` writes the project as Kubernetes manifests:

- per service a **Deployment** (default), a **StatefulSet** (\`controller=statefulset\`, per service
  \`x-kubernetes.controller\` / \`kompose.controller.type\`, or \`statefulVolumes=true\` for a single-replica
  service with named volumes of its own, which then become volumeClaimTemplates), a **DaemonSet** (\`deploy.mode: global\`)
  or a **Job** (a service that runs once: see "Jobs and init steps");
- a **Service** for published or exposed ports, and a headless one without ports for a service
  that has none, so that its name resolves to its pods as under compose (a headless one governs
  each StatefulSet), an
  **Ingress** when asked, a **HorizontalPodAutoscaler** from \`kompose.hpa.*\`;
- a **PersistentVolumeClaim** per named volume, a **ConfigMap** per \`content:\` config;
- never a Secret: secrets are mounted from a Secret named after the compose secret (key = the
  compose secret name), which must exist; each is reported with the \`kubectl create secret\` line.

Output: one multi-document YAML file \`<project>.yaml\` (YAML 1.1 quoting, as kubectl reads it),
\`format=json\` for one \`v1\` \`List\`, \`split=true\` for one file per object (\`web-deployment.yaml\`).
Every object carries \`app.kubernetes.io/name\` (the service), \`app.kubernetes.io/part-of\` (the
project) and \`app.kubernetes.io/managed-by: compose2ecs\`; pods are selected by the first two.
Every compose key is mapped or reported with \`K8S_UNSUPPORTED_FIELD\`: nothing is dropped silently.
The other codes: \`K8S_INVALID\` for a value or name the manifests cannot take (a bad label
value, a service without an image, two services that become one object name), \`K8S_MUST_EXIST\` for a Secret, ConfigMap, claim or ServiceAccount the manifests refer to but
do not define, \`K8S_DEFAULT_APPLIED\` for a value chosen where the project sets none (a claim's
size).
CPU and memory come from the shared resources pass: 1024 CPU units = 1000m, MiB → \`Mi\`.

This page is generated from \`src/backends/kubernetes/\` (\`UPDATE_GOLDEN=1\` rewrites it).
`;

const JOBS = `## Jobs and init steps

The workload kind is the core's (\`ir.workloads[name].kind\`, with its reason), never decided again
here: a **daemon** (\`deploy.mode: global\`) is a DaemonSet; a **job** (a service that runs to
completion) is never a Deployment, StatefulSet or DaemonSet — whatever the \`controller\` option
or its own \`x-kubernetes.controller\` asks (a warning says so); a long-running **service** is the
\`controller\` option's kind, or its own.

- A job **nobody waits on** is a \`batch/v1\` Job: \`restart: "no"\` or \`restart_policy.condition: none\`
  → \`restartPolicy: Never\`, \`backoffLimit: 0\`; \`on-failure:N\` or \`max_attempts: N\` → \`OnFailure\`,
  \`backoffLimit: N\`; replicas → \`completions\` and \`parallelism\`.
- A job **others wait on** with \`service_completed_successfully\` has no object of its own: it runs
  as an **init container of each waiter's pod** (its image, command, environment, secrets and
  volumes; its own waits and steps before it), and an info at the job says so. Chosen over a Job
  plus a \`kubectl wait\` init container because it needs no option, no kubectl image and no RBAC
  (a Role to read Jobs), cannot wait forever on a Job that was deleted or has not been applied
  yet, and keeps compose's promise that the waiter starts only after the job exited 0 — the
  same mapping as on ECS, where the job is a container of the waiter's task. The cost: it runs
  once per pod (every replica, every new pod) rather than once per project, so it must be safe
  to repeat. To run it once, give it \`x-kubernetes.controller: job\`: it is then a Job, and with
  \`waitForDependencies\` its waiters wait for it with \`kubectl wait\` (as before this mapping).
- **\`pre_start\`** steps are init containers, in order, after the dependencies' init containers
  (compose runs the steps once the service's dependencies are satisfied, just before its
  container starts), named \`<service>-pre-start-<n>\`. A step without \`image\` runs the service's
  image (with its pull policy, entrypoint and user); each step gets the service's environment
  with its own on top, the service's working directory unless it sets one, and the service's
  volume mounts. Compose runs a step once before all replicas unless \`per_replica: true\`; an
  init container runs in every pod, which an info says when there are several replicas.
- The \`jobs\` option no longer changes anything; it is kept so that older command lines run.
`;

const OPTIONS_NOTE = `The backend declares these options (\`convert --help\` lists them too). Any other
option, or a value not of its kind, is refused before the manifests are made: bad usage (exit 2)
on the command line — \`--set nmespace=x\` says \`did you mean namespace?\` — and
\`BACKEND_OPTION_UNKNOWN\` or \`BACKEND_OPTION_INVALID\` from the library. Keys may also be
written in kebab-case or snake_case (\`wait-for-dependencies\`), values of a list in any case.`;

/**
 * The whole of docs/kubernetes.md.
 * @example kubernetesMappingMarkdown().startsWith('# Kubernetes target') // true
 */
export function kubernetesMappingMarkdown(): string {
  const lines = [INTRO, JOBS, '## Options (`--set key=value`)', '', OPTIONS_NOTE, '', '| option | values | default | meaning |', '|---|---|---|---|'];
  for (const [key, spec] of Object.entries(OPTIONS) as [string, OptionDeclaration][]) {
    const values = spec.type === 'boolean' ? 'true, false' : describeType(spec);
    lines.push(`| \`${key}\` | ${cell(values)} | ${spec.default === undefined ? '' : String(spec.default)} | ${cell(spec.description)} |`);
  }
  lines.push('', '## Per-service settings: `x-kubernetes` or kompose labels', '', 'A service\'s `x-kubernetes` key wins over its kompose label; both win over the options. Labels read here are not copied into the manifests.', '');
  lines.push('| `x-kubernetes` key | kompose label | meaning |', '|---|---|---|');
  for (const spec of Object.values(SERVICE_SETTINGS)) lines.push(`| \`${spec.x}\` | ${spec.labels.map((l) => `\`${l}\``).join(', ')} | ${cell(spec.doc)} |`);
  lines.push('', 'Top-level volumes read `x-kubernetes` `size`, `storage_class`, `access_mode` and the labels `kompose.volume.size`, `kompose.volume.storage-class-name`.', '');
  lines.push('kompose labels that are reported, not read:', '');
  for (const [label, why] of Object.entries(KOMPOSE_UNREAD)) lines.push(`- \`${label}\`: ${why}`);
  lines.push('- `kompose.cronjob.*`, `kompose.init.containers.*`, `kompose.service.healthcheck.*`');
  lines.push('', '## Service keys', '', '| compose key | Kubernetes | notes |', '|---|---|---|', ...mappingRows(K8S_SERVICE_KEYS));
  lines.push('', '## `deploy` keys', '', '| compose key | Kubernetes | notes |', '|---|---|---|', ...mappingRows(K8S_DEPLOY_KEYS));
  return lines.join('\n') + '\n';
}
