import type { SerializedAppError } from "@fleetpatch/core";
import type { MatchResult } from "../findings/index.js";
import type { IntelImportResult } from "../intel/index.js";
import type { AssetImportResult } from "../inventory/index.js";

/**
 * The long jobs the API runs off its request thread (docs/adr/0018): each runs in a worker thread
 * with its own database connection, so the event loop keeps answering while it works.
 */
export type Job =
  | { readonly kind: "match" }
  | {
      readonly kind: "import-sbom";
      /** A file holding the posted body; the job reads it and the runner removes it afterwards. */
      readonly path: string;
      /** How messages name the input ("request body"). */
      readonly location: string;
      readonly assetName?: string;
    }
  | {
      readonly kind: "import-osv";
      /** A file holding the posted body; the runner removes it afterwards. */
      readonly path: string;
      readonly location: string;
    };

/** What each kind of job answers. */
export interface JobResults {
  readonly match: MatchResult;
  readonly "import-sbom": AssetImportResult[];
  readonly "import-osv": IntelImportResult;
}

/** What a finished job posts back to the runner. */
export type JobOutcome =
  | { readonly ok: true; readonly result: unknown }
  | {
      readonly ok: false;
      /** An AppError in its serialized form, or a bug's description. */
      readonly error:
        | ({ readonly kind: "app" } & SerializedAppError)
        | { readonly kind: "bug"; readonly message: string; readonly stack?: string };
    };

/** What a job needs of a context. */
export interface JobServices {
  readonly findings: { match(): Promise<MatchResult> };
  readonly intel: { importFile(source: string, path: string, location: string): Promise<IntelImportResult> };
  readonly inventory: {
    importSbomFile(
      path: string,
      location: string,
      options: { assetName?: string; assetNameOption?: string },
    ): Promise<AssetImportResult[]>;
  };
}

/** How the HTTP API names the asset-name option in its messages. */
const ASSET_QUERY_PARAMETER = "the asset query parameter (?asset=NAME)";

/** Run one job on a context's services; the same code runs in a worker and inline. */
export async function executeJob(services: JobServices, job: Job): Promise<unknown> {
  switch (job.kind) {
    case "match":
      return services.findings.match();
    case "import-sbom":
      // Read as an SBOM file is read (gzip, size cap, strict UTF-8), named by its location.
      return services.inventory.importSbomFile(job.path, job.location, {
        assetNameOption: ASSET_QUERY_PARAMETER,
        ...(job.assetName !== undefined ? { assetName: job.assetName } : {}),
      });
    case "import-osv":
      return services.intel.importFile("osv", job.path, job.location);
  }
}
