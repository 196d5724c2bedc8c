/** NVD CVE records: API 2.0 (https://nvd.nist.gov/developers/vulnerabilities) and the retired 1.1 JSON feeds. */
export * from "./nvd-configurations.js";
export * from "./nvd-feed.js";
export * from "./nvd-record.js";
export * from "./nvd-score.js";
export * from "./nvd-types.js";
