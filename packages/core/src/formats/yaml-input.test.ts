import { describe, expect, it } from "vitest";
import { InputError } from "../errors/app-error.js";
import { parseYamlText } from "./yaml-input.js";

function failure(text: string, maxDepth?: number): string {
  try {
    parseYamlText(text, "x.yaml", maxDepth === undefined ? {} : { maxDepth });
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error("accepted");
}

describe("parseYamlText", () => {
  it("gives the values JSON would: timestamps stay strings, a byte-order mark is dropped", () => {
    expect(
      parseYamlText("\ufeffid: PYSEC-2021-335\nmodified: 2021-10-11T05:15:00Z\naliases:\n- CVE-2021-32807\n", "x.yaml"),
    ).toEqual({
      id: "PYSEC-2021-335",
      modified: "2021-10-11T05:15:00Z",
      aliases: ["CVE-2021-32807"],
    });
  });

  it("refuses duplicate keys, alias bombs, several documents, deep nesting and broken syntax, with one line", () => {
    expect(failure("id: a\nid: b\n")).toMatch(/^x\.yaml: not valid YAML: Map keys must be unique at line 2, column 1/);
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
    ].join("\n");
    expect(failure(bomb)).toMatch(/not valid YAML: Excessive alias count/);
    expect(failure("a: 1\n---\nb: 2\n")).toMatch(/not valid YAML: Source contains multiple documents/);
    expect(failure(`${"[".repeat(100_000)}${"]".repeat(100_000)}`)).toMatch(
      /^x\.yaml: not valid YAML: Maximum call stack size exceeded/,
    );
    expect(failure(`${"[".repeat(40)}${"]".repeat(40)}`, 32)).toMatch(/nested more than 32 levels deep/);
    expect(failure("id: [unclosed\n")).toMatch(/^x\.yaml: not valid YAML: .* at line \d+, column \d+/);
  });
});
