/** CVE JSON 5 records (https://github.com/CVEProject/cve-schema): a CNA's statement of a CVE and the ADPs' additions. */
export * from "./cve5-record.js";
export * from "./cve5-types.js";
