import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import request from 'supertest';
import { IS_PUBLIC, PERMISSION } from '@zhongshu/platform';
import type { TestApi } from '../harness/test-api.js';
import { startDemoApi } from './org-fixtures.js';

interface Route {
  method: string;
  path: string;
  isPublic: boolean;
  permission: string | undefined;
}

/** Every route of the booted app, with what its handler and controller declare. */
function walkRoutes(api: TestApi): Route[] {
  const discovery = api.app.get(DiscoveryService);
  const scanner = api.app.get(MetadataScanner);
  const reflector = api.app.get(Reflector);
  const routes: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    if (!controller) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const prototype = controller.prototype as Record<string, Function>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      for (const one of Array.isArray(path) ? path : [path]) {
        routes.push({
          method,
          path: `/${[base, one].map((part) => part.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`,
          isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]) === true,
          permission: reflector.getAllAndOverride<string | undefined>(PERMISSION, [handler, controller]),
        });
      }
    }
  }
  return routes;
}

describe('every route declares a permission or is explicitly public', () => {
  let api: TestApi;
  let routes: Route[];

  beforeAll(async () => {
    api = await startDemoApi();
    routes = walkRoutes(api);
  });
  afterAll(async () => api.close());

  it('finds the routes of every module (the walk itself works)', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes).toEqual(expect.arrayContaining([expect.objectContaining({ method: 'POST', path: '/auth/login', isPublic: true })]));
    expect(routes).toEqual(expect.arrayContaining([expect.objectContaining({ method: 'GET', path: '/org/people', permission: 'org:person:read' })]));
  });

  it('has no route that is neither @Public nor @RequirePermission', () => {
    const undeclared = routes.filter((route) => !route.isPublic && !route.permission).map((route) => `${route.method} ${route.path}`);
    expect(undeclared).toEqual([]);
  });

  it('answers 401 on every non-public route to a caller without a token', async () => {
    const sample = '019ab000-0000-7000-8000-000000000001';
    const failures: string[] = [];
    for (const route of routes.filter((candidate) => !candidate.isPublic)) {
      const url = `/api/v1${route.path.replace(/:[A-Za-z]+/g, sample)}`;
      const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const response = await request(api.url)[method](url).send({});
      if (response.status !== 401) failures.push(`${route.method} ${url} answered ${response.status}`);
    }
    expect(failures).toEqual([]);
  });
});
