/** Re-exports of the parse layer. */
export { parseExpr, parseMath, parseName } from './parser';
export { tokenize, type Token, type TokenKind } from './lexer';
export { SourceError, type Origin } from './error';
