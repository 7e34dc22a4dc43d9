export const DEFAULT_LIMITS = {
    maxFileBytes: 512 * 1024 * 1024,
    maxRows: 5_000_000,
    maxColumns: 512,
    maxCellChars: 32_767,
};
//# sourceMappingURL=types.js.map