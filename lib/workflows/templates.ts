import { defaultRetryPolicy, type WorkflowDefinitionInput } from "./workflow-definition";

// The five workflows a builder starts from, one per use case the Workbench is made for. Pure
// data: the New workflow dialog offers them and the editor prefills Test run with sampleBody.

export type WorkflowTemplate = {
  id: string;
  name: string;
  description: string;
  definition: WorkflowDefinitionInput;
  /** A realistic trigger body for Test run, as the sending system would post it. */
  sampleBody: unknown;
};

const retry = { ...defaultRetryPolicy };

const documentProcessing: WorkflowTemplate = {
  id: "document-processing",
  name: "Document processing completion",
  description: "When the OCR service finishes a document: fetch it, summarise it with the LLM, store the summary.",
  sampleBody: {
    event: "document.completed",
    documentId: "doc_48213",
    fileName: "invoice-2026-114.pdf",
    pageCount: 3,
    completedAt: "2026-11-29T08:15:00Z",
  },
  definition: {
    retry,
    steps: [
      {
        id: "fetch_document",
        type: "http_request",
        name: "Fetch the document",
        timeoutSeconds: 30,
        config: {
          method: "GET",
          url: "https://ocr.example.com/v1/documents/{{ trigger.body.documentId }}",
          headers: { Accept: "application/json" },
          failOnHttpError: true,
        },
      },
      {
        id: "summarise",
        type: "llm_prompt",
        name: "Summarise it",
        timeoutSeconds: 60,
        config: {
          system: "You summarise business documents for an operations team. Be factual and brief.",
          prompt:
            "Summarise this document in at most three sentences.\n\nFile: {{ trigger.body.fileName }}\n\n{{ steps.fetch_document.body.text }}",
          json: false,
          temperature: 0.2,
        },
      },
      {
        id: "store_summary",
        type: "record_write",
        name: "Store the summary",
        timeoutSeconds: 10,
        config: {
          collection: "documents",
          key: "{{ trigger.body.documentId }}",
          data: '{\n  "fileName": trigger.body.fileName,\n  "pageCount": trigger.body.pageCount,\n  "summary": steps.summarise.text,\n  "completedAt": trigger.body.completedAt\n}',
          mode: "replace",
        },
      },
    ],
  },
};

const crmClientUpdate: WorkflowTemplate = {
  id: "crm-client-update",
  name: "CRM client update",
  description:
    "When the CRM reports a changed client: fetch the full client and upsert it into the clients collection.",
  sampleBody: {
    event: "client.updated",
    clientId: "cli_20931",
    changedFields: ["email", "phone"],
    updatedAt: "2026-11-29T09:02:11Z",
  },
  definition: {
    retry,
    steps: [
      {
        id: "fetch_client",
        type: "http_request",
        name: "Fetch the client",
        timeoutSeconds: 30,
        config: {
          method: "GET",
          url: "https://crm.example.com/api/clients/{{ trigger.body.clientId }}",
          headers: { Accept: "application/json" },
          failOnHttpError: true,
        },
      },
      {
        id: "upsert_client",
        type: "record_write",
        name: "Upsert the client record",
        timeoutSeconds: 10,
        config: {
          collection: "clients",
          key: "{{ trigger.body.clientId }}",
          data: '{\n  "name": steps.fetch_client.body.name,\n  "email": steps.fetch_client.body.email,\n  "phone": steps.fetch_client.body.phone,\n  "changedFields": trigger.body.changedFields,\n  "updatedAt": trigger.body.updatedAt\n}',
          mode: "merge",
        },
      },
    ],
  },
};

const fraudAlert: WorkflowTemplate = {
  id: "fraud-alert",
  name: "Fraud alert",
  description: "Score a flagged transaction with rules; from a risk score of 50, notify the compliance conversation.",
  sampleBody: {
    event: "transaction.flagged",
    transactionId: "txn_77810",
    accountId: "acc_1029",
    amount: 4800,
    currency: "EUR",
    country: "BR",
    homeCountry: "DE",
    cardPresent: false,
    attemptsLastHour: 4,
  },
  definition: {
    retry,
    steps: [
      {
        id: "score_risk",
        type: "rules",
        name: "Score the risk",
        timeoutSeconds: 10,
        config: {
          rules: [
            { name: "Large amount", when: "trigger.body.amount >= 1000", score: 40, label: "large_amount" },
            {
              name: "Foreign country",
              when: "trigger.body.country != trigger.body.homeCountry",
              score: 30,
              label: "foreign_country",
            },
            {
              name: "Card not present",
              when: "trigger.body.cardPresent = false",
              score: 15,
              label: "card_not_present",
            },
            { name: "Many attempts", when: "trigger.body.attemptsLastHour > 3", score: 25, label: "velocity" },
          ],
          stopWhen: "$output.score < 50",
        },
      },
      {
        id: "notify_compliance",
        type: "notify",
        name: "Notify compliance",
        timeoutSeconds: 10,
        config: {
          conversationKey: "compliance",
          conversationTitle: "Compliance alerts",
          message:
            'Risk score {{ steps.score_risk.score }} for transaction {{ trigger.body.transactionId }}: {{ trigger.body.amount }} {{ trigger.body.currency }} on account {{ trigger.body.accountId }}. Signals: {{ $join(steps.score_risk.labels, ", ") }}.',
        },
      },
    ],
  },
};

const helpdeskTicketUpdate: WorkflowTemplate = {
  id: "helpdesk-ticket-update",
  name: "Helpdesk ticket update",
  description: "Post each ticket update to the customer's conversation, one conversation per ticket.",
  sampleBody: {
    event: "ticket.updated",
    ticketId: "TCK-1042",
    subject: "Cannot download my invoice",
    status: "waiting_on_customer",
    customer: { name: "Dana Ortiz", email: "dana.ortiz@example.com" },
    update: { author: "Sam (Support)", text: "We have re-issued the invoice. Please try the download link again." },
  },
  definition: {
    retry,
    steps: [
      {
        id: "post_update",
        type: "notify",
        name: "Post to the ticket's conversation",
        timeoutSeconds: 10,
        config: {
          conversationKey: "{{ trigger.body.ticketId }}",
          conversationTitle: "{{ trigger.body.ticketId }}: {{ trigger.body.subject }}",
          message:
            "{{ trigger.body.update.author }}: {{ trigger.body.update.text }} (status: {{ trigger.body.status }})",
        },
      },
    ],
  },
};

/** How many payment ids an account's balance record remembers to ignore replays and redeliveries. */
export const APPLIED_PAYMENT_IDS_KEPT = 100;

const paymentProcessed: WorkflowTemplate = {
  id: "payment-processed",
  name: "Payment processed",
  description:
    "Validate the payment, then credit it to the account's balance in one atomic update: a payment in another currency than the account's is refused, and one already credited (a replay or redelivery) is ignored.",
  sampleBody: {
    event: "payment.succeeded",
    paymentId: "pay_55810",
    accountId: "acc_1029",
    amount: 250.75,
    currency: "EUR",
    paidAt: "2026-11-29T10:30:00Z",
  },
  definition: {
    retry,
    steps: [
      {
        id: "validate_payment",
        type: "transform",
        name: "Validate the payment",
        timeoutSeconds: 10,
        config: {
          expression: [
            "(",
            "  $id := trigger.body.paymentId;",
            "  $amount := trigger.body.amount;",
            "  $currency := trigger.body.currency;",
            '  $type($id) != "string" or $length($id) = 0 ? $error("paymentId must be a non-empty string") :',
            '  $type($amount) != "number" or $amount <= 0 ? $error("amount must be a positive number") :',
            '  $not($currency in ["EUR", "USD", "GBP"]) ? $error("currency must be EUR, USD or GBP") :',
            '  { "paymentId": $id, "accountId": trigger.body.accountId, "amount": $amount, "currency": $currency }',
            ")",
          ].join("\n"),
        },
      },
      {
        id: "credit_balance",
        type: "record_write",
        name: "Credit the balance",
        timeoutSeconds: 30,
        config: {
          collection: "balances",
          key: "{{ steps.validate_payment.accountId }}",
          mode: "update",
          // Runs inside the write's transaction: $current is the balance as stored right now.
          data: [
            "(",
            "  $payment := steps.validate_payment;",
            "  $applied := $current.appliedPaymentIds;",
            "  $current.currency and $current.currency != $payment.currency",
            '    ? $error("Payment currency " & $payment.currency & " does not match the account currency " & $current.currency) :',
            "  $payment.paymentId in $applied ? $current :",
            // Merged into the stored record, so fields other workflows keep there stay.
            `  ($ids := $append($applied, $payment.paymentId); $merge([$type($current) = "object" ? $current : {}, {`,
            '    "currency": $payment.currency,',
            '    "balance": $round(($current.balance ? $current.balance : 0) + $payment.amount, 2),',
            '    "lastPaymentId": $payment.paymentId,',
            '    "updatedAt": trigger.body.paidAt,',
            `    "appliedPaymentIds": [$filter($ids, function($v, $i) { $i >= $count($ids) - ${APPLIED_PAYMENT_IDS_KEPT} })]`,
            "  }]))",
            ")",
          ].join("\n"),
        },
      },
    ],
  },
};

export const workflowTemplates: WorkflowTemplate[] = [
  documentProcessing,
  crmClientUpdate,
  fraudAlert,
  helpdeskTicketUpdate,
  paymentProcessed,
];

export function findWorkflowTemplate(id: string | null | undefined): WorkflowTemplate | undefined {
  return workflowTemplates.find((template) => template.id === id);
}
