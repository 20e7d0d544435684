export { AnchorError } from "./edits/anchor-error.ts";
export { MAX_NAME_LENGTH, RESERVED_NAMES, ScaffoldError, type ServiceNames, serviceNames } from "./names.ts";
export {
  DEFAULT_DESCRIPTION,
  type NewServiceOptions,
  type NewServiceResult,
  newService,
  REPOSITORY_ROOT,
} from "./new-service.ts";
export {
  LAYOUT_FILE,
  layoutPorts,
  listedServices,
  manifestFile,
  nextPort,
  portVariable,
  REGISTRY_EDITS,
  type RegistryEdit,
  SERVICES_FILE,
  type ServicePlan,
  scopeOf,
  serviceManifestText,
} from "./registry-edits.ts";
export { fillPlaceholders, renderTemplate, TEMPLATE_DIR, type TemplateValues } from "./template.ts";
