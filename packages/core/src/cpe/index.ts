/** Placeholder until the cpe module lands (issue 3). */
export {};
