/**
 * `fs` in the browser bundle: the engine's file reading is never reached in
 * the page (engine.ts feeds the loaders texts), so every call says so.
 */
function none(): never {
  throw new Error('no file system in the browser: the self-check page checks the text it is given');
}
export const readFileSync = none;
export const existsSync = (): boolean => false;
export const statSync = none;
export const readdirSync = none;
export default { readFileSync, existsSync, statSync, readdirSync };
