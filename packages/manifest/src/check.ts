import type { ServiceManifest } from "./types.ts";

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * What is wrong with a list of manifests, one line each (empty when nothing): names kebab-case and
 * unique, ports and port variables unique, each scope accepted by one service only, each dependency a
 * service listed before it, each client audience (of its own tokens and of its person tokens) a service
 * it depends on that accepts the scopes asked.
 */
export function checkManifests(manifests: readonly ServiceManifest[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const names = new Set(manifests.map((service) => service.name));
  const ports = new Map<number, string>();
  const variables = new Map<string, string>();
  const scopeOwners = new Map<string, string>();
  for (const service of manifests) {
    for (const scope of service.scopes) {
      const owner = scopeOwners.get(scope);
      if (owner && owner !== service.name) problems.push(`${service.name}: the scope ${scope} is ${owner}'s too`);
      else scopeOwners.set(scope, service.name);
    }
  }
  for (const service of manifests) {
    const at = `${service.name}:`;
    if (!NAME.test(service.name)) problems.push(`${at} the name is not kebab-case`);
    if (seen.has(service.name)) problems.push(`${at} listed twice`);
    if (service.audience !== service.name) problems.push(`${at} the audience ${service.audience} is not its name`);
    const expectedVariable = `${service.name.toUpperCase().replaceAll("-", "_")}_PORT`;
    if (service.port.variable !== expectedVariable)
      problems.push(`${at} the port variable should be ${expectedVariable}`);
    const portOwner = ports.get(service.port.default);
    if (portOwner) problems.push(`${at} port ${service.port.default} is ${portOwner}'s too`);
    ports.set(service.port.default, service.name);
    const variableOwner = variables.get(service.port.variable);
    if (variableOwner) problems.push(`${at} ${service.port.variable} is ${variableOwner}'s too`);
    variables.set(service.port.variable, service.name);
    for (const dependency of service.dependsOn) {
      if (!seen.has(dependency)) {
        problems.push(
          names.has(dependency)
            ? `${at} depends on ${dependency}, which starts after it`
            : `${at} depends on ${dependency}, which is not a service`,
        );
      }
    }
    for (const [audience, scopes] of Object.entries(service.client?.scopes ?? {})) {
      if (!names.has(audience)) problems.push(`${at} its client calls ${audience}, which is not a service`);
      else if (!service.dependsOn.includes(audience))
        problems.push(`${at} calls ${audience} but does not depend on it`);
      for (const scope of names.has(audience) ? scopes : []) {
        if (scopeOwners.get(scope) !== audience)
          problems.push(`${at} asks ${audience} for ${scope}, which it does not accept`);
      }
    }
    for (const [audience, scopes] of Object.entries(service.client?.personScopes ?? {})) {
      if (!names.has(audience))
        problems.push(`${at} its client acts for people at ${audience}, which is not a service`);
      else if (!service.dependsOn.includes(audience))
        problems.push(`${at} acts for people at ${audience} but does not depend on it`);
      for (const scope of names.has(audience) ? scopes : []) {
        if (scopeOwners.get(scope) !== audience)
          problems.push(`${at} asks ${audience} for ${scope} for a person, which it does not accept`);
      }
    }
    seen.add(service.name);
  }
  return problems;
}
