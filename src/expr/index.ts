/** Re-exports of the expression layer. */
export * from './types';
export * from './build';
export * from './walk';
export * from './equal';
