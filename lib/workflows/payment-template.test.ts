// The payment template's two expressions as the engine evaluates them: validation of the body,
// and the balance update over the stored record ($current), which refuses another currency,
// ignores a payment it has already credited, and remembers a bounded number of payment ids.
import { describe, expect, it } from "vitest";

import { evaluateExpression } from "./expressions";
import { recordWriteConfig, transformConfig } from "./steps/step-schemas";
import { APPLIED_PAYMENT_IDS_KEPT, findWorkflowTemplate } from "./templates";

const steps = findWorkflowTemplate("payment-processed")!.definition.steps;
const validation = transformConfig.parse(steps.find((step) => step.id === "validate_payment")!.config).expression;
const credit = recordWriteConfig.parse(steps.find((step) => step.id === "credit_balance")!.config);

const payment = (overrides: Record<string, unknown> = {}) => ({
  paymentId: "pay_1",
  accountId: "acc_1",
  amount: 10,
  currency: "EUR",
  paidAt: "2026-12-01T10:00:00Z",
  ...overrides,
});

/** The balance record after crediting `body` to `current` (the stored record, or null). */
async function creditTo(current: unknown, body: Record<string, unknown>) {
  const validated = await evaluateExpression(validation, { trigger: { body } });
  return evaluateExpression(credit.data, { trigger: { body }, steps: { validate_payment: validated } }, { current });
}

describe("payment template", () => {
  it("credits the account with an atomic update of its balance record", () => {
    expect(credit).toMatchObject({ mode: "update", collection: "balances" });
    expect(steps.map((step) => step.type)).not.toContain("record_read");
  });

  it("opens an account's balance with its first payment, in that payment's currency", async () => {
    expect(await creditTo(null, payment())).toEqual({
      currency: "EUR",
      balance: 10,
      lastPaymentId: "pay_1",
      updatedAt: "2026-12-01T10:00:00Z",
      appliedPaymentIds: ["pay_1"],
    });
  });

  it("adds a payment to the stored balance, to the cent, keeping the record's other fields", async () => {
    const current = { currency: "EUR", balance: 0.1, appliedPaymentIds: ["pay_0"], owner: "Ada" };
    expect(await creditTo(current, payment({ amount: 0.2 }))).toEqual({
      currency: "EUR",
      balance: 0.3,
      owner: "Ada",
      lastPaymentId: "pay_1",
      updatedAt: "2026-12-01T10:00:00Z",
      appliedPaymentIds: ["pay_0", "pay_1"],
    });
  });

  it("returns the stored record unchanged for a payment it has already credited", async () => {
    const current = { currency: "EUR", balance: 30, lastPaymentId: "pay_3", appliedPaymentIds: ["pay_1", "pay_3"] };
    expect(await creditTo(current, payment({ paymentId: "pay_1" }))).toEqual(current);
  });

  it("refuses a payment in another currency than the account's, naming both", async () => {
    const current = { currency: "EUR", balance: 30, appliedPaymentIds: ["pay_0"] };
    await expect(creditTo(current, payment({ currency: "USD" }))).rejects.toThrow(
      /^Payment currency USD does not match the account currency EUR$/,
    );
  });

  it(`remembers only the last ${APPLIED_PAYMENT_IDS_KEPT} payment ids`, async () => {
    const ids = Array.from({ length: APPLIED_PAYMENT_IDS_KEPT }, (_, index) => `pay_old_${index}`);
    const next = (await creditTo({ currency: "EUR", balance: 5, appliedPaymentIds: ids }, payment())) as {
      appliedPaymentIds: string[];
    };
    expect(next.appliedPaymentIds).toEqual([...ids.slice(1), "pay_1"]);
  });

  it.each([
    [{ paymentId: "" }, "paymentId must be a non-empty string"],
    [{ paymentId: 42 }, "paymentId must be a non-empty string"],
    [{ amount: -5 }, "amount must be a positive number"],
    [{ amount: "10" }, "amount must be a positive number"],
    [{ currency: "CHF" }, "currency must be EUR, USD or GBP"],
  ])("refuses a body with %j", async (overrides, message) => {
    await expect(creditTo(null, payment(overrides))).rejects.toThrow(message);
  });
});
