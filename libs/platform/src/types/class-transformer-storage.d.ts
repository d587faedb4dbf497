// class-transformer's decorator metadata (the module @nestjs/mapped-types reads too):
// its index does not export it, and its own typings sit under types/.
declare module 'class-transformer/cjs/storage.js' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
