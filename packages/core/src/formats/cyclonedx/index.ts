/** CycloneDX SBOMs (https://cyclonedx.org/specification/): JSON 1.2–1.7. */
export * from "./cyclonedx-json.js";
