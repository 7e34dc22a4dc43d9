/**
 * Shapes of a parsed product specification (规格). See spec-parse.ts for the rules that fill them.
 *
 * Public, stable:
 *   type StrengthUnit, interface Strength, Concentration, PackLevel, ParsedSpec, SpecComparison
 */
export {};
//# sourceMappingURL=spec-types.js.map