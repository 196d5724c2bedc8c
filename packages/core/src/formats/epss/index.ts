/** EPSS scores (https://www.first.org/epss/): the official CSV and the per-year variant. */
export * from "./epss-csv.js";
