/** Placeholder until the cvss module lands (issue 3). */
export {};
