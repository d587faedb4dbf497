import type { Component } from 'vue'
import {
  Box,
  Briefcase,
  Calendar,
  Coffee,
  Document,
  FirstAidKit,
  House,
  Money,
  Present,
  Promotion,
  Reading,
  Service,
  ShoppingCart,
  Stamp,
  Suitcase,
  Tickets,
  Timer,
  Van,
  Wallet,
} from '@element-plus/icons-vue'

/**
 * Icons a request type may carry. The type stores the name (data cannot hold a
 * component); listing them one by one keeps the rest of the icon set out of the bundle.
 */
export const REQUEST_TYPE_ICONS: Readonly<Record<string, Component>> = {
  Document,
  Calendar,
  Suitcase,
  Van,
  Money,
  Wallet,
  Tickets,
  Stamp,
  ShoppingCart,
  Box,
  Briefcase,
  Timer,
  House,
  Coffee,
  Present,
  Reading,
  Service,
  Promotion,
  FirstAidKit,
}

export const REQUEST_TYPE_ICON_NAMES = Object.keys(REQUEST_TYPE_ICONS)

/** The icon of a type, or the plain document for none or a name this build does not know. */
export function requestTypeIcon(name: string | null | undefined): Component {
  return (name ? REQUEST_TYPE_ICONS[name] : undefined) ?? Document
}
