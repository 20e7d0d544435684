import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ConfigMap, Namespace, PersistentVolumeClaim, Service } from "kubernetes-models/v1";

/** The kinds the deploy files may hold, by `apiVersion/kind`, each with its model (bundled OpenAPI schema). */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  "v1/Namespace": Namespace,
  "v1/ConfigMap": ConfigMap,
  "v1/Service": Service,
  "v1/PersistentVolumeClaim": PersistentVolumeClaim,
  "apps/v1/Deployment": Deployment,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
};

/**
 * Validates a Kubernetes object against the schema of its kind (kubernetes-models, offline); throws
 * naming the object and the first problems. A kind the deploy files should not hold (a Secret, say) throws.
 */
export function validateKubernetesObject(object: Record<string, unknown>): void {
  const type = `${object.apiVersion}/${object.kind}`;
  const Model = MODELS[type];
  const name = (object.metadata as { name?: string } | undefined)?.name;
  if (!Model) throw new Error(`${type} ${name}: not a kind the deploy files hold (${Object.keys(MODELS).join(", ")})`);
  try {
    new Model(object as never).validate();
  } catch (error) {
    throw new Error(`${type} ${name}: ${(error as Error).message}`);
  }
}
