import type { components, operations } from '../schema'
import { aborting, api, dataOf } from '../request'

export type Product = components['schemas']['ProductDto']
export type ProductPage = components['schemas']['ProductPageDto']
export type ProductQuery = NonNullable<operations['Products_list']['parameters']['query']>
export type CreateProduct = components['schemas']['CreateProductDto']
export type UpdateProduct = components['schemas']['UpdateProductDto']
export type TaxRate = Product['taxRate']

export const TAX_RATES: readonly TaxRate[] = ['13', '9', '6', '0']

export async function listProducts(query: ProductQuery = {}, signal?: AbortSignal): Promise<ProductPage> {
  return dataOf(await api.GET('/api/v1/erp/products', { params: { query }, ...aborting(signal) }))
}

export async function fetchProduct(id: string): Promise<Product> {
  return dataOf(await api.GET('/api/v1/erp/products/{id}', { params: { path: { id } } }))
}

export async function listProductCategories(): Promise<string[]> {
  return dataOf(await api.GET('/api/v1/erp/products/categories'))
}

export async function createProduct(body: CreateProduct): Promise<Product> {
  return dataOf(await api.POST('/api/v1/erp/products', { body }))
}

export async function updateProduct(id: string, body: UpdateProduct): Promise<Product> {
  return dataOf(await api.PATCH('/api/v1/erp/products/{id}', { params: { path: { id } }, body }))
}
