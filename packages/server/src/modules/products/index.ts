// Public surface of the products module.
export {
  activeProduct,
  installBuiltInProducts,
  listProducts,
  type ProductVersionView,
} from './products.service.ts';
export { productsRoutes } from './products.routes.ts';
