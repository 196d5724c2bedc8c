import { parseCycloneDxJson, parseCycloneDxValue } from "@fleetpatch/core";
import type { InventoryImporter } from "../importer.js";

/** CycloneDX JSON 1.2–1.7; the parser is core's, which the agent shares. */
export const cycloneDxJsonImporter: InventoryImporter = {
  name: "cyclonedx-json",
  description: "CycloneDX 1.2–1.7 JSON",
  detect(document) {
    if ("json" in document) {
      const value = document.json;
      return typeof value === "object" && value !== null && !Array.isArray(value) && !("spdxVersion" in value);
    }
    // Any JSON object that is not SPDX: the parser then says precisely what is wrong with it
    // (broken JSON with its line and column, a missing bomFormat), which beats "unknown format".
    const head = document.text.trimStart().slice(0, 4096);
    return head.startsWith("{") && !/"spdxVersion"\s*:/.test(head);
  },
  parse(document) {
    return "text" in document
      ? parseCycloneDxJson(document.text, document.location)
      : parseCycloneDxValue(document.json, document.location);
  },
};
