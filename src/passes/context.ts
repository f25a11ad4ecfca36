import type { Reporter } from '../diagnostics/report.js';
import type { DiagnosticCode, Severity } from '../diagnostics/types.js';
import type { Project } from '../model/project.js';
import { locate } from '../core/source.js';
import type { EcsSettings, Layout, LaunchType } from '../ir/ir.js';

/** Options of the passes that a caller (or the CLI) sets per run. */
export interface PassOptions {
  /**
   * What the IR is for: `ecs` (the ECS and CloudFormation backends; the default) or `other`
   * (Kubernetes, third-party backends), where no ECS memory default is applied.
   */
  platform?: 'ecs' | 'other';
  /** `--layout`: project (one task) or service (one task and ECS service per compose service). */
  layout?: Layout;
  /** `--launch-type`. */
  launchType?: LaunchType;
  /** `--cluster`. */
  cluster?: string;
  /** `--cloud-map-namespace`: the Cloud Map namespace of Service Connect (x-ecs.service_connect.namespace). */
  cloudMapNamespace?: string;
  /** `--registry`: where the images of build-only services are pushed (x-ecs.registry). */
  registry?: string;
  /** `--image-tag`: the tag of those images (x-ecs.image_tag; default latest). */
  imageTag?: string;
  /** `--region`: the AWS Region of the tasks (x-ecs.region). */
  region?: string;
  /** `--account-id`: the AWS account of the tasks (x-ecs.account_id). */
  accountId?: string;
  /** `--execution-role`: the task execution role's ARN (x-ecs.execution_role_arn). */
  executionRole?: string;
  /** `--host-root`: where EC2 instances hold the project's bind-mounted paths (x-ecs.host_root). */
  hostRoot?: string;
  /** `--subnets`: subnets of awsvpc services (x-ecs.service.network_configuration.subnets). */
  subnets?: readonly string[];
  /** `--security-groups`: their security groups. */
  securityGroups?: readonly string[];
  /** `--assign-public-ip`: whether their tasks get public IPs. */
  assignPublicIp?: boolean;
  /** The caller's environment variables (the CLI passes process.env): AWS_REGION and AWS_DEFAULT_REGION are read. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Settings from migrations (ecs-params.yml), applied under x-ecs. */
  baseSettings?: EcsSettings;
  /** Service settings from migrations, by compose service. */
  baseServiceSettings?: Record<string, EcsSettings>;
}

/** What a pass may use: the project, the reporter, the run's options. */
export interface PassContext {
  project: Project;
  reporter: Reporter;
  options: PassOptions;
  /** Reports at the value `path` as the user wrote it (`['services', 'web', 'x-ecs', 'task']`). */
  report(code: DiagnosticCode, severity: Severity, message: string, path?: readonly (string | number)[]): void;
}

/**
 * The model keeps `x-*` keys under `extensions`; users (and messages) name them where they
 * wrote them. Turns a written path into the model's path for position lookups.
 */
export function modelPath(path: readonly (string | number)[]): (string | number)[] {
  const out: (string | number)[] = [];
  path.forEach((seg, i) => {
    const atTop = i === 0;
    const inService = i === 2 && path[0] === 'services';
    if ((atTop || inService) && typeof seg === 'string' && seg.startsWith('x-')) out.push('extensions');
    out.push(seg);
  });
  return out;
}

export function createPassContext(project: Project, reporter: Reporter, options: PassOptions): PassContext {
  return {
    project,
    reporter,
    options,
    report(code, severity, message, path) {
      const range = path ? locate(project, modelPath(path)) : undefined;
      reporter.report(code, severity, message, { range, path });
    },
  };
}
