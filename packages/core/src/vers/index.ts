/** Placeholder until the vers module lands (issue 3). */
export {};
