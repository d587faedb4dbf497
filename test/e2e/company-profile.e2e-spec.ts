import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { TestApi } from '../harness/test-api.js';
import { bearer, signIn, startDemoApi } from './org-fixtures.js';

describe('the company profile: public part and full profile', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startDemoApi();
  });
  afterAll(async () => api.close());

  it('shows a stranger only what a sign-in page needs', async () => {
    const anonymous = await request(api.url).get('/api/v1/platform/company').expect(401);
    expect(JSON.stringify(anonymous.body)).not.toContain('91320594MA1XYZ8K3Q');
    const open = await request(api.url).get('/api/v1/platform/company/public').expect(200);
    expect(open.body).toEqual({ name: '华东精工', locale: 'zh-CN' });
  });

  it('shows the whole profile to anyone signed in, whatever their roles', async () => {
    const employee = await signIn(api, 'employee');
    const full = await request(api.url).get('/api/v1/platform/company').set('authorization', bearer(employee)).expect(200);
    expect(full.body).toMatchObject({ name: '华东精工', taxNumber: '91320594MA1XYZ8K3Q', address: expect.stringContaining('苏州'), timeZone: 'Asia/Shanghai' });
  });
});
