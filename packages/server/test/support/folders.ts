import { readdirSync } from "node:fs";

/** The names of the folders directly inside `url` (a plug-in family's members), sorted. */
export function subfolders(url: URL): string[] {
  return readdirSync(url, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
