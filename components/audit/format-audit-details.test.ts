import { describe, expect, it } from "vitest";

import { formatAuditDetails } from "./format-audit-details";

describe("formatAuditDetails", () => {
  it("lists each detail as text", () => {
    expect(
      formatAuditDetails({
        email: "a@example.com",
        version: 2,
        enabled: false,
        fields: ["name", "role"],
        graceHours: null,
        ips: [{ cidr: "10.0.0.0/8" }],
      }),
    ).toEqual([
      { key: "email", value: "a@example.com" },
      { key: "version", value: "2" },
      { key: "enabled", value: "false" },
      { key: "fields", value: "name, role" },
      { key: "graceHours", value: "none" },
      { key: "ips", value: '[{"cidr":"10.0.0.0/8"}]' },
    ]);
  });

  it.each([[null], ["text"], [[1, 2]], [undefined]])("shows nothing for %j", (details) => {
    expect(formatAuditDetails(details)).toEqual([]);
  });
});
