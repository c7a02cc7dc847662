import { describe, expect, it } from "vitest";
import { formatLogLine, maskSecretValues, maskUrlCredentials, registerSecretValues } from "./logger";

describe("structured logs", () => {
  it("redacts secret and text-bearing fields above debug, keeps ids and counts", () => {
    const line = JSON.parse(
      formatLogLine("info", "chat", {
        requestId: "r1",
        question: "what is the CANARY?",
        apiKey: "sk-123",
        nested: { password: "p", chunks: 3 },
        userId: "u1",
      }),
    ) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: "info",
      msg: "chat",
      requestId: "r1",
      question: "[redacted]",
      apiKey: "[redacted]",
      userId: "u1",
      nested: { password: "[redacted]", chunks: 3 },
    });
    expect(JSON.stringify(line)).not.toContain("CANARY");
    const debug = JSON.parse(formatLogLine("debug", "chat", { question: "q?" })) as Record<string, unknown>;
    expect(debug.question).toBe("q?");
  });

  it("masks credentials inside URLs at every level", () => {
    expect(maskUrlCredentials("connect postgres://app:s3cret@db:5432/x failed")).toBe(
      "connect postgres://app:***@db:5432/x failed",
    );
    expect(formatLogLine("debug", "x", { error: new Error("https://u:pw@h/") })).not.toContain("pw@");
  });

  it("cuts the bound parameters out of failed-query errors above debug", () => {
    const error =
      'Error: Failed query: insert into "conversations" ("user_id", "title") values ($1, $2)\nparams: 2f5280c5,What is the CANARY severance?\n    at x (y.js:1:1)';
    const line = formatLogLine("error", "unhandled route error", { error });
    expect(line).not.toContain("CANARY");
    expect(line).toContain("params: [redacted]");
    expect(line).toContain("Failed query: insert into");
    expect(formatLogLine("debug", "x", { error })).toContain("CANARY");
  });
});

describe("registered secret values", () => {
  it("masks long secrets anywhere and short ones only where they stand alone", () => {
    registerSecretValues(["k9-long-secret", "pw1", "ab"]);
    expect(maskSecretValues("token=k9-long-secret;x")).toBe("token=[redacted];x");
    // A 3-character password in a connection error, quoted or between separators.
    expect(maskSecretValues('auth failed for user "app" with password "pw1"')).toBe(
      'auth failed for user "app" with password "[redacted]"',
    );
    expect(maskSecretValues("mysql://app:pw1@db")).toBe("mysql://app:[redacted]@db");
    // Inside a longer word it is ordinary text.
    expect(maskSecretValues("the pw12 field and xpw1")).toBe("the pw12 field and xpw1");
    // Under three characters nothing is masked (it cannot be told from text).
    expect(maskSecretValues("ab cd")).toBe("ab cd");
    expect(formatLogLine("error", "login pw1 refused")).toContain("login [redacted] refused");
  });
});
