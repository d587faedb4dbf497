import type { RouteRecordRaw } from 'vue-router'
import AppShell from '@/components/layout/AppShell.vue'
import { shellRoutes } from './shell-routes'
import './route-meta'

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/LoginView.vue'),
    meta: { titleKey: 'auth.title', public: true },
  },
  {
    path: '/',
    // Named so pages that come with the server's menus can be added under it (addRoute).
    name: 'shell',
    component: AppShell,
    redirect: { name: 'dashboard' },
    children: [
      ...shellRoutes,
      {
        // Unknown addresses render inside the shell, so the menu is there to get back.
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/errors/NotFoundView.vue'),
        meta: { titleKey: 'notFound.title', public: true },
      },
    ],
  },
]
