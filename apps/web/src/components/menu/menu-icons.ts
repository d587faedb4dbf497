import type { Component } from 'vue'
import {
  Bell,
  Box,
  Briefcase,
  Coin,
  Document,
  DocumentChecked,
  Odometer,
  OfficeBuilding,
  Operation,
  Setting,
  User,
} from '@element-plus/icons-vue'

/**
 * Icons a menu entry may name. Menus come from the server (GET /api/v1/me) as data,
 * and data cannot import a component, so entries carry a name looked up here; listing
 * the icons one by one keeps the rest of the icon set out of the bundle.
 */
const MENU_ICONS: Record<string, Component> = {
  Odometer, // dashboard
  Bell, // notifications
  OfficeBuilding, // org structure
  DocumentChecked, // OA approvals
  Briefcase, // CRM
  User, // customers
  Document, // contracts
  Box, // ERP stock
  Coin, // finance
  Operation, // MES shop floor
  Setting, // platform settings
}

export function menuIcon(name: string | undefined): Component | undefined {
  return name === undefined ? undefined : MENU_ICONS[name]
}
