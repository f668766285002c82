/**
 * Public API of the scoring engine: exact rationals, answer scales, tallies, rates and scores,
 * tier/dimension weighting with minimum-N suppression, ranking and consequence rules.
 * Pure and client-safe: no database, no SvelteKit imports. Formulas are documented in docs/SCORING.md.
 */
export * from './rational';
export * from './scale';
export * from './tally';
export * from './rates';
export * from './suppression';
export * from './tiers';
export * from './rank';
export * from './rules';
export * from './rule-templates';
export * from './annual-rating';
export * from './campaign';
export * from './rule-schema';
export * from './group-ranking';
