import { Module, type DynamicModule, type ForwardReference, type Provider, type Type } from '@nestjs/common';
import { ContextRegistry, type ContextManifest } from './context-registry.js';

type ModuleImport = Type | DynamicModule | Promise<DynamicModule> | ForwardReference;
type ExportedToken = string | symbol | Type | Provider;

/** A bounded context as one declaration: its parts for every process, and its HTTP side. */
export interface ContextDefinition extends ContextManifest {
  /** Modules the context needs in every process (its entities' `TypeOrmModule.forFeature`). */
  imports?: ModuleImport[];
  /**
   * Services, event handlers, scheduled jobs and the query ports it implements: loaded
   * by the API and by the worker alike.
   */
  providers?: Provider[];
  /**
   * Tokens other modules may inject (the query ports of libs/contracts this context
   * implements). A context that exports anything is global, so readers inject the port
   * by its token without importing the context.
   */
  exports?: ExportedToken[];
  /** What only the API process loads: controllers and the providers only they use. */
  http?: {
    imports?: ModuleImport[];
    controllers?: Type[];
    providers?: Provider[];
    exports?: ExportedToken[];
  };
}

/** What a context's `index.ts` exports for the two apps to load. */
export interface ContextModule {
  readonly name: string;
  /** The API: every part of the context, with its HTTP routes. */
  forApi(): DynamicModule;
  /** The worker: its event handlers, scheduled jobs and ports, without controllers or HTTP-only providers. */
  forWorker(): DynamicModule;
}

const CONTEXT_NAME = /^[a-z][a-z0-9]*$/;

/**
 * Declares a bounded context once, for both processes. Its manifest (name, menu) is
 * registered with the platform's `ContextRegistry` when the module loads, so nothing
 * central lists the contexts: adding one is its folder plus one line in each app.
 */
export function defineContext(definition: ContextDefinition): ContextModule {
  if (!CONTEXT_NAME.test(definition.name)) throw new Error(`Context name "${definition.name}" must be one lower-case word (it is also the schema)`);
  const className = `${definition.name[0].toUpperCase()}${definition.name.slice(1)}ContextModule`;
  const moduleClass = { [className]: class {} }[className];
  Module({})(moduleClass);
  const manifest: ContextManifest = { name: definition.name, menu: definition.menu, auditNames: definition.auditNames };
  const registration: Provider = {
    provide: Symbol.for(`zhongshu.context:${definition.name}`),
    inject: [ContextRegistry],
    useFactory: (registry: ContextRegistry) => {
      registry.register(manifest);
      return manifest;
    },
  };
  const build = (withHttp: boolean): DynamicModule => {
    const http = withHttp ? (definition.http ?? {}) : {};
    const exports = [...(definition.exports ?? []), ...(http.exports ?? [])];
    return {
      module: moduleClass,
      global: exports.length > 0,
      imports: [...(definition.imports ?? []), ...(http.imports ?? [])],
      controllers: http.controllers ?? [],
      providers: [registration, ...(definition.providers ?? []), ...(http.providers ?? [])],
      exports,
    };
  };
  return { name: definition.name, forApi: () => build(true), forWorker: () => build(false) };
}
