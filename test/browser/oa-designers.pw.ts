import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page, type Route } from '@playwright/test';
import { signIn } from './sign-in.js';

// The OA designers and the submit page in a real browser, against the real API for
// sign-in, /me and org lookups, with the OA API faked by page.route in its real wire
// shapes (so a refused publish and a skipped step can be shown on demand): an admin
// builds a vehicle request type (a date range, a distance, a condition on distance >
// 100), publishes it (refused once, on a node), and an employee view starts one.
// test/browser/oa-flow.pw.ts runs the same story against the real engine. Screenshots go to test-results/screenshots/oa-*.png to be looked at.

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });
async function shot(page: Page, name: string): Promise<void> {
  await expect(page.locator('.el-loading-mask:visible')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}oa-${name}.png`, animations: 'disabled', fullPage: true });
}

const TYPE_ID = '0190a000-0000-7000-8000-00000000aa01';
const OA_MENU = {
  key: 'oa',
  title: 'menu.oa',
  icon: 'DocumentChecked',
  children: [
    { key: 'oa-start', title: 'menu.oaStart', path: '/oa/start', permission: 'oa:request:submit' },
    { key: 'oa-request-types', title: 'menu.oaRequestTypes', path: '/oa/admin/request-types', permission: 'oa:request-type:manage' },
  ],
};

interface Json {
  [key: string]: unknown;
}

/** The OA API as the engine will answer it, in memory, for one request type. */
function fakeOa(page: Page) {
  let type: Json | null = null;
  let publishes = 0;
  const saves: Json[] = [];
  const json = (route: Route, status: number, body: unknown) =>
    route.fulfill({ status, contentType: status >= 400 ? 'application/problem+json' : 'application/json', body: JSON.stringify(body) });

  const firstApproval = (node: Json | null | undefined): Json | undefined => {
    for (let current = node; current; current = current.next as Json | null) {
      if (current.type === 'approval') return current;
      for (const branch of (current.branches as Json[] | undefined) ?? []) {
        const found = firstApproval(branch.next as Json | null);
        if (found) return found;
      }
    }
    return undefined;
  };

  return {
    saves,
    async install(): Promise<void> {
      await page.route('**/api/v1/me', async (route) => {
        const real = await route.fetch();
        const me = (await real.json()) as { permissions: string[]; menus: unknown[] };
        me.permissions = [...new Set([...me.permissions, 'oa:request:submit', 'oa:request-type:read', 'oa:request-type:manage'])];
        me.menus = [...me.menus.filter((menu) => (menu as Json).key !== 'oa'), OA_MENU];
        await json(route, 200, me);
      });
      await page.route('**/api/v1/oa/**', async (route) => {
        const request = route.request();
        const path = new URL(request.url()).pathname;
        const method = request.method();
        if (path === '/api/v1/oa/request-types' && method === 'GET') return json(route, 200, type ? [type] : []);
        if (path === '/api/v1/oa/request-types' && method === 'POST') {
          const body = request.postDataJSON() as Json;
          type = {
            id: TYPE_ID,
            ...body,
            description: null,
            availableTo: { everyone: true, departmentIds: [], roleCodes: [] },
            form: { fields: [] },
            process: { start: { id: 'start', type: 'start', name: '发起人', next: null }, settings: { adminId: '', autoApproveRepeated: true, autoApproveApplicant: false } },
            version: 1,
            publishedVersion: null,
            status: 'active',
            updatedAt: new Date().toISOString(),
          };
          return json(route, 201, type);
        }
        if (path === `/api/v1/oa/request-types/${TYPE_ID}` && method === 'GET') return json(route, 200, type);
        if (path === `/api/v1/oa/request-types/${TYPE_ID}` && method === 'PATCH') {
          const body = request.postDataJSON() as Json;
          if (body.version !== type!.version) return json(route, 409, { type: 'about:blank', title: 'Conflict', status: 409, code: 'platform.version-conflict' });
          saves.push(body);
          type = { ...type, ...body, version: (type!.version as number) + 1 };
          return json(route, 200, type);
        }
        if (path === `/api/v1/oa/request-types/${TYPE_ID}/publish`) {
          publishes += 1;
          const approval = firstApproval((type!.process as Json).start as Json);
          if (publishes === 1 && approval) {
            return json(route, 422, {
              type: 'about:blank',
              title: 'Unprocessable Entity',
              status: 422,
              errors: [{ field: `process.${approval.id as string}`, message: '这一步找不到审批人：申请人的部门没有负责人' }],
            });
          }
          type = { ...type, publishedVersion: 1, version: (type!.version as number) + 1 };
          return json(route, 200, type);
        }
        const published = type !== null && type.publishedVersion !== null;
        if (path === '/api/v1/oa/catalogue') {
          const entry = { id: TYPE_ID, code: type?.code, name: type?.name, icon: type?.icon ?? null, description: '公务用车，超过 100 公里需总经理审批' };
          return json(route, 200, published ? [{ category: type!.category, types: [entry] }] : []);
        }
        if (path === `/api/v1/oa/catalogue/${TYPE_ID}` && published) return json(route, 200, { requestTypeId: TYPE_ID, name: type!.name, versionNo: 1, form: type!.form });
        if (path === '/api/v1/oa/requests/preview-route') {
          const body = request.postDataJSON() as { formData: { distance?: number } };
          const far = (body.formData.distance ?? 0) > 100;
          const node = (nodeId: string, name: string, nodeType: string, people: Json[], extra: Json = {}) => ({ nodeId, name, type: nodeType, people, chosenLater: false, chosenBySubmitter: false, ...extra });
          return json(route, 200, {
            route: [
              node('start', '发起人', 'start', [{ id: 'me', name: '管理员' }]),
              node('n1', '部门负责人', 'approval', [{ id: 'p1', name: '张伟' }], { mode: 'all', whenEmpty: 'admin' }),
              far
                ? node('n2', '总经理', 'approval', [{ id: 'p2', name: '刘洋' }], { mode: 'all', whenEmpty: 'skip', branch: { routeId: 'c', routeName: '距离', branchId: 'far', branchName: '超过 100 公里' } })
                : node('n2', '总经理', 'approval', [], { mode: 'all', whenEmpty: 'skip', branch: { routeId: 'c', routeName: '距离', branchId: 'near', branchName: '100 公里以内' } }),
              node('n3', '行政部', 'cc', [{ id: 'p3', name: '陈静' }, { id: 'p4', name: '赵强' }]),
            ],
          });
        }
        if (path === '/api/v1/oa/requests') return json(route, 201, { id: 'req-1', number: 'OA-2026-000001', status: 'running' });
        return json(route, 404, { type: 'about:blank', title: 'Not Found', status: 404 });
      });
    },
  };
}

/** The text box of an input: Element Plus puts a test id on the <input> itself or on a wrapper around it. */
function textbox(page: Page, testId: string) {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

/** Picks an option of the Element Plus select inside `scope` by its visible text. */
async function choose(page: Page, scope: ReturnType<Page['getByTestId']>, option: string): Promise<void> {
  await scope.click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => {
    const doc = globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } }; innerWidth: number };
    return { scroll: doc.document.scrollingElement.scrollWidth, inner: doc.innerWidth };
  });
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
}

test.describe('OA designers on a desktop (1440×900)', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('an admin builds the vehicle request type, publishes it, and it can be started', async ({ page }) => {
    const oa = fakeOa(page);
    await oa.install();
    await signIn(page, 'admin', undefined, '/oa/admin/request-types');
    await expect(page.getByTestId('request-types-empty')).toBeVisible();

    // Create: the editor opens, full screen (no shell).
    await page.getByTestId('request-type-create').click();
    await page.getByTestId('request-type-name').fill('用车申请');
    await page.getByTestId('request-type-code').fill('vehicle');
    await textbox(page, 'request-type-category').fill('行政');
    await page.keyboard.press('Enter');
    // Back to another field closes the category's list, which would cover the icons.
    await page.getByTestId('request-type-name').click();
    await page.getByTestId('request-type-icon-Van').click();
    await page.getByTestId('request-type-save').click();
    await expect(page.getByTestId('request-type-editor')).toBeVisible();
    await expect(page.getByTestId('app-shell')).toHaveCount(0);

    // The form: a date range added with the palette's button, a number dragged onto the form.
    await page.getByTestId('palette-dateRange').click();
    await textbox(page, 'field-settings-label').fill('用车时间');
    await page.getByTestId('field-settings-required').click();
    await page.getByTestId('palette-number').dragTo(page.getByTestId('form-fields'));
    await expect(page.getByTestId('form-field-shuZi')).toBeVisible();
    await page.getByTestId('form-field-shuZi').click();
    await textbox(page, 'field-settings-label').fill('距离');
    await textbox(page, 'field-settings-key').fill('distance');
    await textbox(page, 'field-settings-unit').fill('公里');
    await expect(page.getByTestId('form-field-distance')).toContainText('距离');
    // Keyboard order: the distance first.
    await page.getByTestId('form-field-up-distance').click();
    await shot(page, 'form-designer');
    // A tablet: the three columns still fit, and nothing scrolls sideways.
    await page.setViewportSize({ width: 1024, height: 768 });
    await noSidewaysScroll(page);
    await shot(page, 'tablet-form-designer');
    await page.setViewportSize({ width: 1440, height: 900 });

    // The process: a condition on distance > 100, with an approval in that branch.
    await page.getByTestId('tab-process').click();
    await page.getByTestId('process-add-start').click();
    await page.getByTestId('process-insert-condition').click();
    const firstBranch = page.locator('[data-testid^="process-branch-branch_"]').first();
    await firstBranch.click();
    await page.getByTestId('condition-add-rule').click();
    await choose(page, page.getByTestId('condition-rule-0-subject'), '距离');
    await choose(page, page.getByTestId('condition-rule-0-operator'), '大于');
    await textbox(page, 'condition-rule-0-value').fill('100');
    await textbox(page, 'condition-rule-0-value').blur();
    await page.getByTestId('node-settings-confirm').click();
    await expect(firstBranch).toContainText('距离 大于 100');
    const branchId = ((await firstBranch.getAttribute('data-testid')) ?? '').replace('process-branch-', '');
    await page.getByTestId(`process-add-branch-${branchId}`).click();
    await page.getByTestId('process-insert-approval').click();
    await textbox(page, 'node-settings-name').fill('总经理审批');
    await page.getByTestId('node-settings-confirm').click();
    await choose(page, page.getByTestId('process-admin'), '');

    await page.getByTestId('request-type-save-draft').click();
    await expect(page.getByTestId('request-type-dirty')).toHaveCount(0);
    const saved = oa.saves.at(-1) as { form: { fields: { key: string; type: string }[] }; process: { start: { next: { branches: { condition: unknown }[] } } } };
    expect(saved.form.fields.map((field) => [field.key, field.type])).toEqual([
      ['distance', 'number'],
      ['yongCheShiJian', 'dateRange'],
    ]);
    expect(saved.process.start.next.branches[0]!.condition).toEqual({ and: [{ '>': [{ var: 'form.distance' }, 100] }] });

    // Publishing is refused once, on the approval node.
    await page.getByTestId('request-type-publish').click();
    const invalid = page.locator('.flow-card--invalid');
    await expect(invalid).toHaveCount(1);
    await expect(invalid).toContainText('申请人的部门没有负责人');
    await shot(page, 'process-designer-error');
    await page.getByTestId('request-type-publish').click();
    await expect(page.getByTestId('request-type-status')).toHaveText('已发布 v1');
    await expect(page.locator('.flow-card--invalid')).toHaveCount(0);
    await shot(page, 'process-designer');
    await page.setViewportSize({ width: 1024, height: 768 });
    await shot(page, 'tablet-process-designer');
    await page.setViewportSize({ width: 1440, height: 900 });

    // Starting one: the route follows the distance.
    await page.goto('/oa/start');
    await page.getByTestId('oa-type-vehicle').click();
    await expect(page.getByTestId('oa-submit-title')).toHaveText('用车申请');
    await textbox(page, 'oa-input-distance').fill('120');
    await textbox(page, 'oa-input-distance').blur();
    await expect(page.getByTestId('oa-route-step-n2')).toContainText('刘洋');
    await page.getByTestId('oa-submit-button').click();
    await expect(page.getByTestId('oa-error-yongCheShiJian')).toHaveText('必填');
    await shot(page, 'submit');
  });
});

test.describe('OA screens on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('the designers and the submit page are readable', async ({ page }) => {
    const oa = fakeOa(page);
    await oa.install();
    await signIn(page, 'admin', undefined, '/oa/admin/request-types');
    await page.getByTestId('request-type-create').click();
    await page.getByTestId('request-type-name').fill('用车申请');
    await page.getByTestId('request-type-code').fill('vehicle');
    await textbox(page, 'request-type-category').fill('行政');
    await page.keyboard.press('Enter');
    await page.getByTestId('request-type-save').click();
    await expect(page.getByTestId('request-type-editor')).toBeVisible();
    await page.getByTestId('palette-number').click();
    await textbox(page, 'field-settings-label').fill('距离');
    await textbox(page, 'field-settings-unit').fill('公里');
    await page.locator('.el-drawer__close-btn:visible').click();
    await page.getByTestId('palette-dateRange').click();
    await page.locator('.el-drawer__close-btn:visible').click();
    await shot(page, 'phone-form-designer');
    await page.getByTestId('tab-process').click();
    await page.getByTestId('process-add-start').click();
    await page.getByTestId('process-insert-condition').click();
    await shot(page, 'phone-process-designer');

    await page.getByTestId('request-type-save-draft').click();
    await expect(page.getByTestId('request-type-dirty')).toHaveCount(0);
    await page.getByTestId('request-type-publish').click();
    await expect(page.getByTestId('request-type-status')).toHaveText('已发布 v1');
    await page.goto('/oa/start');
    await shot(page, 'phone-catalogue');
    await page.getByTestId('oa-type-vehicle').click();
    await textbox(page, 'oa-input-juLi').fill('80');
    await textbox(page, 'oa-input-juLi').blur();
    await expect(page.getByTestId('oa-route-step-n2')).toContainText('100 公里以内');
    await expect(page.getByTestId('oa-route-step-n2')).toContainText('将跳过');
    await noSidewaysScroll(page);
    await shot(page, 'phone-submit');
  });
});
