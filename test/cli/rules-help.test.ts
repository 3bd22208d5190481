/**
 * `initlint --help` (one top-level "Options:" heading, check's options under their own) and
 * `initlint rules` listing the probe's checks IL101-IL106 beside the static rules.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

describe("top-level help", () => {
  it("has one Options heading and names check's options as check's", () => {
    const result = runCli(["--help"]);
    expect(result.status).toBe(0);
    const headings = result.stdout.split("\n").filter((l) => /^\S.*:$/.test(l));
    expect(headings).toEqual(["Commands:", "Options:", "Options of initlint check:"]);
    const checkPart = result.stdout.split("Options of initlint check:\n")[1]!;
    expect(checkPart).toMatch(/^ {2}--format text\|json\|description {2}Output format/);
  });
});

describe("initlint rules", () => {
  it("lists IL101-IL106 with names, severities and no fix", () => {
    const result = runCli(["rules"]);
    expect(result.status).toBe(0);
    const probeLines = result.stdout
      .split("\n")
      .filter((l) => /^IL10[1-9]/.test(l))
      .map((l) =>
        l
          .split(/\s{2,}/)
          .slice(0, 3)
          .join(" "),
      );
    expect(probeLines).toEqual([
      "IL101 poor-weight-initialization warning",
      "IL102 dead-relu warning",
      "IL103 saturated-activation warning",
      "IL104 vanishing-gradient warning",
      "IL105 exploding-tensor error",
      "IL106 all-zero warning",
    ]);
    const codes = result.stdout.split("\n").map((l) => l.slice(0, 5));
    expect(codes.indexOf("IL101")).toBe(codes.indexOf("IL100") + 1);
  });

  it("gives each probe check its documentation page in JSON", () => {
    const json = JSON.parse(runCli(["rules", "--format", "json"]).stdout) as {
      rules: { code: string; fixable: boolean; docs: string }[];
    };
    const il104 = json.rules.find((r) => r.code === "IL104");
    expect(il104).toMatchObject({ name: "vanishing-gradient", fixable: false });
    expect(il104!.docs).toMatch(/docs\/rules\/IL104\.md$/);
  });
});
