/** The loan engine: pure calculations on integer rupiah, exact decimal rates and ISO dates. */
export * from './money';
export * from './dates';
export * from './daycount';
export * from './rates';
export * from './schedule';
export * from './subsidy';
export * from './eligibility';
export * from './premium';
